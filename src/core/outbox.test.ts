import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../test/support/instance.ts';
import { openEmbedded, openServer, type Database } from './db.ts';
import { migrate } from './migrate.ts';
import { Outbox, retryDelayMs, type NewEvent, type OutboxEvent, type Subscriber } from './outbox.ts';
import { coreMigrations, type CoreTables } from './schema.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

/** A subscriber that records what it was handed; `failOn` decides which deliveries throw. */
function recorder(name: string, opts: { types?: string[]; failOn?: (e: OutboxEvent) => boolean } = {}) {
  const delivered: OutboxEvent[] = [];
  const attempts: OutboxEvent[] = [];
  const sub: Subscriber & { delivered: OutboxEvent[]; attempts: OutboxEvent[]; failOn?: (e: OutboxEvent) => boolean } = {
    name,
    ...(opts.types ? { types: opts.types } : {}),
    delivered,
    attempts,
    failOn: opts.failOn,
    async handle(e) {
      attempts.push(e);
      if (sub.failOn?.(e)) throw new Error(`cannot take ${e.aggregateId}#${(e.payload as { n: number }).n}`);
      delivered.push(e);
    },
  };
  return sub;
}

const ev = (aggregateId: string, n: number, type = 'test.happened'): NewEvent => ({ aggregateType: 'thing', aggregateId, type, payload: { n } });
const label = (e: OutboxEvent) => `${e.aggregateId}${(e.payload as { n: number }).n}`;
const byAggregate = (events: OutboxEvent[], id: string) => events.filter((e) => e.aggregateId === id).map(label);

async function appendAll(db: Kysely<unknown>, outbox: Outbox, events: NewEvent[]) {
  for (const e of events) await db.transaction().execute((tx) => outbox.append(tx, e));
}

/** Makes every waiting delivery of a subscriber due now, instead of sleeping through the backoff. */
const makeDue = (db: Kysely<unknown>, subscriber: string) =>
  sql`update core.outbox_delivery set next_attempt_at = now() - interval '1 second' where subscriber = ${subscriber} and delivered_at is null`.execute(db);

describe('outbox on one database', () => {
  let database: Database;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
  });
  afterAll(() => database.close());

  it('delivers nothing for an event appended in a transaction that rolled back', async () => {
    const outbox = new Outbox(db);
    const sub = recorder(`rollback-${randomUUID()}`);
    outbox.subscribe(sub);
    const aggregateId = randomUUID();
    await expect(
      db.transaction().execute(async (tx) => {
        await outbox.append(tx, ev(aggregateId, 1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outbox.runOnce()).toBe(0);
    expect(sub.attempts).toEqual([]);
    const rows = await (db as Kysely<CoreTables>).selectFrom('core.outbox').select('id').where('aggregate_id', '=', aggregateId).execute();
    expect(rows).toEqual([]);
    const deliveries = await (db as Kysely<CoreTables>).selectFrom('core.outbox_delivery').select('event_id').where('subscriber', '=', sub.name).execute();
    expect(deliveries).toEqual([]);
  });

  it('delivers each aggregate’s events in order with several aggregates interleaved, once each', async () => {
    const outbox = new Outbox(db);
    const sub = recorder(`order-${randomUUID()}`);
    outbox.subscribe(sub);
    const ids = ['A', 'B', 'C'].map((x) => `${x}-${randomUUID()}`);
    const events: NewEvent[] = [];
    for (let n = 1; n <= 5; n++) for (const id of ids) if (n <= 3 || id !== ids[2]) events.push(ev(id, n));
    // Some in one transaction together, the rest one per transaction.
    await db.transaction().execute(async (tx) => {
      for (const e of events.slice(0, 4)) await outbox.append(tx, e);
    });
    await appendAll(db, outbox, events.slice(4));

    expect(await outbox.runOnce()).toBe(events.length);
    for (const id of ids) {
      expect(byAggregate(sub.delivered, id)).toEqual(events.filter((e) => e.aggregateId === id).map((e) => `${id}${(e.payload as { n: number }).n}`));
    }
    expect(sub.delivered.map((e) => e.id)).toEqual([...sub.delivered.map((e) => e.id)].sort((a, b) => a - b));
    expect(sub.delivered[0]).toMatchObject({ aggregateType: 'thing', type: 'test.happened', payload: { n: 1 } });
    expect(sub.delivered[0]!.createdAt).toBeInstanceOf(Date);
    // Delivered ones are not handed out again.
    expect(await outbox.runOnce()).toBe(0);
    expect(sub.attempts).toHaveLength(events.length);
  });

  it('hands a subscriber only the event types it asked for', async () => {
    const outbox = new Outbox(db);
    const picky = recorder(`picky-${randomUUID()}`, { types: ['test.wanted'] });
    const all = recorder(`all-${randomUUID()}`);
    outbox.subscribe(picky);
    outbox.subscribe(all);
    const id = randomUUID();
    await appendAll(db, outbox, [ev(id, 1, 'test.wanted'), ev(id, 2, 'test.other'), ev(id, 3, 'test.wanted')]);
    await outbox.runOnce();
    expect(picky.delivered.map(label)).toEqual([`${id}1`, `${id}3`]);
    expect(all.delivered.map(label)).toEqual([`${id}1`, `${id}2`, `${id}3`]);
  });

  it('refuses a second subscriber of the same name', () => {
    const outbox = new Outbox(db);
    outbox.subscribe(recorder('twice'));
    expect(() => outbox.subscribe(recorder('twice'))).toThrow(/already registered/);
  });

  it('holds back the later events of a failing aggregate only, retries with backoff, then delivers them in order', async () => {
    const outbox = new Outbox(db);
    const A = `A-${randomUUID()}`;
    const B = `B-${randomUUID()}`;
    let failing = true;
    const sub = recorder(`failing-${randomUUID()}`, { failOn: (e) => failing && e.aggregateId === A && (e.payload as { n: number }).n === 2 });
    const other = recorder(`other-${randomUUID()}`);
    outbox.subscribe(sub);
    outbox.subscribe(other);
    await appendAll(db, outbox, [ev(A, 1), ev(B, 1), ev(A, 2), ev(B, 2), ev(A, 3), ev(B, 3)]);

    const beforeFirst = Date.now();
    await outbox.runOnce();
    expect(byAggregate(sub.delivered, A)).toEqual([`${A}1`]);
    expect(byAggregate(sub.delivered, B)).toEqual([`${B}1`, `${B}2`, `${B}3`]);
    // A3 was not even tried: it waits behind A2.
    expect(byAggregate(sub.attempts, A)).toEqual([`${A}1`, `${A}2`]);
    // Another subscriber of the same events is not held back by this one's failure.
    expect(byAggregate(other.delivered, A)).toEqual([`${A}1`, `${A}2`, `${A}3`]);

    const d = db as Kysely<CoreTables>;
    const a2 = (await d.selectFrom('core.outbox').select('id').where('aggregate_id', '=', A).orderBy('id').execute())[1]!.id;
    const row = async () =>
      d.selectFrom('core.outbox_delivery').selectAll().where('subscriber', '=', sub.name).where('event_id', '=', a2).executeTakeFirstOrThrow();
    const failed = await row();
    expect(failed).toMatchObject({ delivered_at: null, attempts: 1, last_error: `cannot take ${A}#2` });
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThanOrEqual(beforeFirst + retryDelayMs(1));

    // Not due yet: nothing of A is tried again.
    await outbox.runOnce();
    expect(byAggregate(sub.attempts, A)).toEqual([`${A}1`, `${A}2`]);

    // Due, and still failing: the attempt count and the backoff grow.
    await makeDue(db, sub.name);
    const beforeSecond = Date.now();
    await outbox.runOnce();
    const failedAgain = await row();
    expect(failedAgain.attempts).toBe(2);
    expect(new Date(failedAgain.next_attempt_at).getTime()).toBeGreaterThanOrEqual(beforeSecond + retryDelayMs(2));
    expect(byAggregate(sub.delivered, A)).toEqual([`${A}1`]);

    // Recovered: A2 then A3, in order.
    failing = false;
    await makeDue(db, sub.name);
    expect(await outbox.runOnce()).toBe(2);
    expect(byAggregate(sub.delivered, A)).toEqual([`${A}1`, `${A}2`, `${A}3`]);
    expect(await row()).toMatchObject({ attempts: 3, last_error: null });
    expect((await row()).delivered_at).not.toBeNull();
  });

  it('delivers other aggregates even when more events than one pass reads wait behind a failing one', async () => {
    const outbox = new Outbox(db);
    const A = `A-${randomUUID()}`;
    const B = `B-${randomUUID()}`;
    const sub = recorder(`backlog-${randomUUID()}`, { failOn: (e) => e.aggregateId === A });
    outbox.subscribe(sub);
    const passSize = 200; // runOnce's default
    await db.transaction().execute(async (tx) => {
      for (let n = 1; n <= passSize + 5; n++) await outbox.append(tx, ev(A, n));
      await outbox.append(tx, ev(B, 1));
    });
    await outbox.runOnce();
    expect(byAggregate(sub.attempts, A)).toEqual([`${A}1`]);
    expect(byAggregate(sub.delivered, B)).toEqual([`${B}1`]);
  });

  it('delivers in the background once started and stops cleanly', async () => {
    const outbox = new Outbox(db, 20);
    const sub = recorder(`started-${randomUUID()}`);
    outbox.subscribe(sub);
    outbox.start();
    try {
      const id = randomUUID();
      await appendAll(db, outbox, [ev(id, 1), ev(id, 2), ev(id, 3)]);
      await vi.waitFor(() => expect(sub.delivered.map(label)).toEqual([`${id}1`, `${id}2`, `${id}3`]), { timeout: 10_000, interval: 20 });
    } finally {
      await outbox.stop();
    }
  });
});

/**
 * A database that can be closed and opened again, as a restarted server would: a PGlite data
 * directory, or (with TEST_DATABASE_URL) a database of its own on the server.
 */
async function restartableDatabase(): Promise<{ open(): Promise<Database>; dispose(): Promise<void> }> {
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-test-'));
    return {
      open: () => openEmbedded(path.join(dir, 'pg')),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `outbox_${randomUUID().replaceAll('-', '')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { open: () => openServer(url.toString(), 2), dispose: () => admin(`drop database if exists ${name} with (force)`) };
}

describe('outbox across a restart', () => {
  it('delivers events appended before a restart that were never delivered, in order, and only once', async () => {
    const store = await restartableDatabase();
    try {
      const id = randomUUID();
      const first = await store.open();
      await migrate(first.db, coreMigrations);
      const before = new Outbox(first.db);
      const lost = recorder('restart-subscriber');
      before.subscribe(lost);
      await appendAll(first.db, before, [ev(id, 1), ev(id, 2), ev(id, 3), ev('other', 1), ev(id, 4)]);
      // The process goes away without a delivery pass.
      await first.close();
      expect(lost.attempts).toEqual([]);

      const second = await store.open();
      try {
        const after = new Outbox(second.db, 20);
        const sub = recorder('restart-subscriber');
        after.subscribe(sub);
        after.start();
        try {
          await vi.waitFor(() => expect(sub.delivered).toHaveLength(5), { timeout: 10_000, interval: 20 });
        } finally {
          await after.stop();
        }
        expect(byAggregate(sub.delivered, id)).toEqual([`${id}1`, `${id}2`, `${id}3`, `${id}4`]);
        expect(byAggregate(sub.delivered, 'other')).toEqual(['other1']);
        expect(await after.runOnce()).toBe(0);
      } finally {
        await second.close();
      }

      // And after one more restart nothing is delivered twice.
      const third = await store.open();
      try {
        const again = new Outbox(third.db);
        const sub = recorder('restart-subscriber');
        again.subscribe(sub);
        expect(await again.runOnce()).toBe(0);
        expect(sub.attempts).toEqual([]);
      } finally {
        await third.close();
      }
    } finally {
      await store.dispose();
    }
  });
});

describe('retryDelayMs', () => {
  it('starts at one second and doubles', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never decreases with more attempts and is capped at five minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(retryDelayMs(lo)).toBeLessThanOrEqual(retryDelayMs(hi));
        expect(retryDelayMs(hi)).toBeLessThanOrEqual(300_000);
        expect(retryDelayMs(lo)).toBeGreaterThanOrEqual(1000);
        expect(Number.isFinite(retryDelayMs(hi))).toBe(true);
      }),
    );
    expect(retryDelayMs(9)).toBe(256_000);
    expect(retryDelayMs(10)).toBe(300_000);
    expect(retryDelayMs(1_000_000)).toBe(300_000);
  });
});
