import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/instance.ts';
import { appendAfter, audit, auditedTx, chainHead, entryHash, systemActor, verifyAudit } from './audit.ts';
import type { Database } from './db.ts';
import { canonicalJson, digestOf } from './digest.ts';
import type { AuditLogTable, CoreTables } from './schema.ts';

const actor = systemActor('audit-test');

async function head(db: Kysely<unknown>) {
  const h = await (db as Kysely<CoreTables>).selectFrom('core.audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

async function seqs(db: Kysely<unknown>): Promise<number[]> {
  const rows = await (db as Kysely<CoreTables>).selectFrom('core.audit_log').select('seq').orderBy('seq').execute();
  return rows.map((r) => Number(r.seq));
}

async function entry(db: Kysely<unknown>, seq: number): Promise<AuditLogTable> {
  const r = await (db as Kysely<CoreTables>).selectFrom('core.audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  return { ...r, seq: Number(r.seq) };
}

/** What an attacker with superuser access to the database does first. */
const disableAppendOnly = (db: Kysely<unknown>) => sql`alter table core.audit_log disable trigger audit_log_append_only`.execute(db);

/** Appends a few entries of our own so the chain has a known stretch to tamper with. */
async function appendEntries(db: Kysely<unknown>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    out.push(
      await db.transaction().execute((tx) =>
        audit(tx, actor, { action: `test.entry.${k}`, targetType: 'test', targetId: `t${k}`, after: { k }, detail: { k, note: 'x' } }),
      ),
    );
  }
  return out;
}

describe('appending', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('starts from an intact chain in the seeded database', async () => {
    const r = await verifyAudit(database.db);
    expect(r.ok).toBe(true);
    expect(r.entries).toBe((await head(database.db)).seq);
    expect(r.entries).toBeGreaterThan(0);
  });

  it('leaves no entry and no gap when the transaction rolls back', async () => {
    const db = database.db;
    const before = await head(db);
    let appendedSeq = 0;
    await expect(
      db.transaction().execute(async (tx) => {
        appendedSeq = await audit(tx, actor, { action: 'test.rolled_back', targetType: 'test', targetId: 'rb' });
        throw new Error('abort the change');
      }),
    ).rejects.toThrow('abort the change');
    expect(appendedSeq).toBe(before.seq + 1);
    expect(await head(db)).toEqual(before);
    const rolledBack = await (db as Kysely<CoreTables>).selectFrom('core.audit_log').select('seq').where('action', '=', 'test.rolled_back').execute();
    expect(rolledBack).toEqual([]);

    // The next committed entry takes the number the rolled-back one had: no gap.
    const next = await auditedTx(db, actor, async () => ({ result: 'done', change: { action: 'test.after_rollback', targetType: 'test', targetId: 'rb' } }));
    expect(next).toBe('done');
    expect((await head(db)).seq).toBe(before.seq + 1);
    expect((await entry(db, before.seq + 1)).action).toBe('test.after_rollback');
    expect(await verifyAudit(db)).toEqual({ ok: true, entries: before.seq + 1 });
  });

  it('leaves no entry when the audited work itself fails', async () => {
    const db = database.db;
    const before = await head(db);
    await expect(
      auditedTx(db, actor, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await head(db)).toEqual(before);
  });

  it('numbers 50 concurrent audited writes without gaps and keeps the chain valid', async () => {
    const db = database.db;
    const before = await head(db);
    const n = 50;
    const results = await Promise.all(
      Array.from({ length: n }, (_, k) =>
        auditedTx(db, { ...actor, requestId: `req-${k}` }, async (tx) => {
          // Some work of its own inside the transaction, so the transactions overlap.
          await sql`select 1`.execute(tx);
          return { result: k, change: { action: 'test.concurrent', targetType: 'test', targetId: `c${k}`, after: { k } } };
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: n }, (_, k) => k));
    const rows = await (db as Kysely<CoreTables>)
      .selectFrom('core.audit_log')
      .select(['seq', 'target_id'])
      .where('action', '=', 'test.concurrent')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: n }, (_, k) => before.seq + 1 + k));
    expect(new Set(rows.map((r) => r.target_id)).size).toBe(n);
    const all = await seqs(db);
    expect(all).toEqual(Array.from({ length: all.length }, (_, k) => k + 1));
    expect(await verifyAudit(db)).toEqual({ ok: true, entries: before.seq + n });
  });

  it('keeps a concurrent write and read out of a transaction that is still open and then rolls back', async () => {
    // On PGlite (one session) this needs the driver's lock; on PostgreSQL it is plain isolation.
    const db = database.db;
    const before = await head(db);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const a = db.transaction().execute(async (tx) => {
      await audit(tx, actor, { action: 'test.open_then_rolled_back', targetType: 'test', targetId: 'a' });
      entered();
      await gate;
      throw new Error('A rolls back');
    });
    await inside;
    const b = auditedTx(db, actor, async () => ({ result: undefined, change: { action: 'test.concurrent_commit', targetType: 'test', targetId: 'b' } }));
    const read = (db as Kysely<CoreTables>).selectFrom('core.audit_log').select('action').where('action', '=', 'test.open_then_rolled_back').execute();
    // Give B and the read every chance to run before A ends.
    await new Promise((resolve) => setTimeout(resolve, 100));
    open();
    await expect(a).rejects.toThrow('A rolls back');
    await b;
    expect(await read).toEqual([]);
    expect((await entry(db, before.seq + 1)).action).toBe('test.concurrent_commit');
    expect(await head(db)).toMatchObject({ seq: before.seq + 1 });
    expect(await verifyAudit(db)).toEqual({ ok: true, entries: before.seq + 1 });
  });

  it('refuses update, delete and truncate of entries while the append-only trigger is on', async () => {
    const db = database.db;
    await expect(sql`update core.audit_log set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from core.audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate core.audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('appends after a head read beforehand in one statement with the change’s inserts, and writes nothing when another entry came first', async () => {
    const db = database.db;
    const insert = (key: string) => (db as Kysely<CoreTables>).insertInto('core.rate_limit').values({ key, window_start: new Date(0), count: 1 });
    const counted = async (key: string) => (await (db as Kysely<CoreTables>).selectFrom('core.rate_limit').select('key').where('key', '=', key).execute()).length;
    const read = await chainHead(db);
    expect(read).toEqual(await head(db));
    expect(await appendAfter(db, read, actor, { action: 'test.after', targetType: 'test', targetId: 'quick' }, [insert('append-after:1')])).toBe(true);
    expect((await head(db)).seq).toBe(read.seq + 1);
    expect(await entry(db, read.seq + 1)).toMatchObject({ action: 'test.after', target_id: 'quick', prev_hash: read.hash });
    expect(await counted('append-after:1')).toBe(1);

    // A stale head: another entry took its successor's number.
    const stale = await chainHead(db);
    await appendEntries(db, 1);
    expect(await appendAfter(db, stale, actor, { action: 'test.after', targetType: 'test', targetId: 'late' }, [insert('append-after:2')])).toBe(false);
    expect(await counted('append-after:2')).toBe(0);
    expect((await head(db)).seq).toBe(stale.seq + 1);
    expect((await entry(db, stale.seq + 1)).action).not.toBe('test.after');
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('keeps the chain whole when many read the same head: the late ones fall back to a transaction', async () => {
    const db = database.db;
    const before = await head(db);
    const results = await Promise.all(
      Array.from({ length: 12 }, async (_, k) => {
        const change = { action: 'test.race', targetType: 'test', targetId: `r${k}` };
        if (await appendAfter(db, await chainHead(db), actor, change, [])) return 'one statement';
        await auditedTx(db, actor, async () => ({ result: undefined, change }));
        return 'transaction';
      }),
    );
    expect(results).toContain('one statement');
    expect((await head(db)).seq).toBe(before.seq + 12);
    expect(await seqs(db)).toEqual(Array.from({ length: before.seq + 12 }, (_, i) => i + 1));
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('verifies across batch boundaries', async () => {
    const r = await verifyAudit(database.db, 7);
    expect(r).toEqual({ ok: true, entries: (await head(database.db)).seq });
  });
});

describe('tampering with the stored chain', () => {
  // Each case tampers with its own copy of the seeded database.
  let database: Database | undefined;
  let ours: number[];
  afterAll(() => database?.close());

  const fresh = async () => {
    await database?.close();
    database = await freshDatabase();
    ours = await appendEntries(database.db, 6);
    expect((await verifyAudit(database.db)).ok).toBe(true);
    await disableAppendOnly(database.db);
    return database.db;
  };

  it('names an entry whose action was changed', async () => {
    const db = await fresh();
    const k = ours[2]!;
    await sql`update core.audit_log set action = 'test.innocent' where seq = ${k}`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: k - 1, seq: k, problem: 'changed' });
  });

  it('names an entry whose detail (jsonb) was changed', async () => {
    const db = await fresh();
    const k = ours[1]!;
    await sql`update core.audit_log set detail = '{"k": 999, "note": "x"}'::jsonb where seq = ${k}`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: k, problem: 'changed' });
  });

  it('names an early seeded entry whose timestamp was moved', async () => {
    const db = await fresh();
    await sql`update core.audit_log set at = at - interval '1 day' where seq = 3`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 2, seq: 3, problem: 'changed' });
  });

  it('names the position of a removed entry', async () => {
    const db = await fresh();
    const k = ours[2]!;
    await sql`delete from core.audit_log where seq = ${k}`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: k - 1, seq: k, problem: 'removed' });
  });

  it('names the first of two entries whose contents were swapped', async () => {
    const db = await fresh();
    const k = ours[1]!;
    await swapContents(db, k, k + 1);
    expect((await entry(db, k)).action).toBe('test.entry.2');
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: k - 1, seq: k, problem: 'changed' });
  });

  it('reports swapped entries as reordered at the first of them even when their hashes were recomputed', async () => {
    const db = await fresh();
    const k = ours[1]!;
    await swapContents(db, k, k + 1);
    // The attacker re-hashes each moved entry for its new position, keeping its original link.
    for (const seq of [k, k + 1]) {
      const e = await entry(db, seq);
      await sql`update core.audit_log set hash = ${entryHash(e)} where seq = ${seq}`.execute(db);
    }
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: k - 1, seq: k, problem: 'reordered' });
  });

  it('catches a changed and re-hashed entry at the entry after it', async () => {
    const db = await fresh();
    const k = ours[2]!;
    const e = await entry(db, k);
    const forged = { ...e, action: 'test.forged' };
    await sql`update core.audit_log set action = ${forged.action}, hash = ${entryHash(forged)} where seq = ${k}`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: k, seq: k + 1, problem: 'reordered' });
  });

  it('names an entry whose detail got an extra "__proto__" key', async () => {
    const db = await fresh();
    const k = ours[3]!;
    await sql`update core.audit_log set detail = detail || '{"__proto__": {"forged": true}}'::jsonb where seq = ${k}`.execute(db);
    expect(await verifyAudit(db)).toMatchObject({ ok: false, seq: k, problem: 'changed' });
  });

  it('reports a removed last entry as a problem at the head', async () => {
    const db = await fresh();
    const last = ours.at(-1)!;
    expect((await head(db)).seq).toBe(last);
    await sql`delete from core.audit_log where seq = ${last}`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: last - 1, seq: last, problem: 'head' });
  });

  it('reports a head row that does not match the last entry', async () => {
    const db = await fresh();
    await sql`update core.audit_head set hash = ${'f'.repeat(64)}`.execute(db);
    const r = await verifyAudit(db);
    expect(r).toMatchObject({ ok: false, problem: 'head', seq: ours.at(-1)! + 1 });
  });
});

/** Swaps every column but seq between two entries. */
async function swapContents(db: Kysely<unknown>, a: number, b: number) {
  const cols = [
    'at', 'actor_kind', 'actor_id', 'actor_name', 'actor_role', 'action', 'target_type', 'target_id', 'region_code',
    'before_digest', 'after_digest', 'detail', 'request_id', 'client_ip', 'prev_hash', 'hash',
  ];
  await sql`
    update core.audit_log x set ${sql.raw(cols.map((c) => `${c} = y.${c}`).join(', '))}
    from core.audit_log y
    where (x.seq = ${a} and y.seq = ${b}) or (x.seq = ${b} and y.seq = ${a})
  `.execute(db);
}

/** Copies a JSON value with the keys of every object in reverse order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reverseKeys((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

describe('canonicalJson and digestOf', () => {
  it('give the same text and digest whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = reverseKeys(v);
        expect(canonicalJson(r)).toBe(canonicalJson(v));
        expect(digestOf(r)).toBe(digestOf(v));
      }),
      { numRuns: 300 },
    );
  });

  it('give different digests for different values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(!isDeepStrictEqual(a, b));
        expect(digestOf(a)).not.toBe(digestOf(b));
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart values that differ only in one nested field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.jsonValue(), (obj, replacement) => {
        const key = Object.keys(obj)[0]!;
        fc.pre(!isDeepStrictEqual(obj[key], replacement));
        const changed = { ...obj };
        Object.defineProperty(changed, key, { value: replacement, enumerable: true, writable: true, configurable: true });
        expect(digestOf({ outer: changed })).not.toBe(digestOf({ outer: obj }));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an own "__proto__" key (as JSON.parse makes it) in the text and the digest', () => {
    const withProto = JSON.parse('{"a": 1, "__proto__": {"x": 1}}') as unknown;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"x":1},"a":1}');
    expect(digestOf(withProto)).not.toBe(digestOf({ a: 1 }));
    expect(digestOf(JSON.parse('{"__proto__": 1}'))).not.toBe(digestOf(JSON.parse('{"__proto__": 2}')));
  });

  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(digestOf([1, 2])).not.toBe(digestOf([2, 1]));
  });

  it('gives null for nothing (before a create, after a delete)', () => {
    expect(digestOf(null)).toBeNull();
    expect(digestOf(undefined)).toBeNull();
    expect(digestOf(0)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf('')).toMatch(/^[0-9a-f]{64}$/);
  });
});
