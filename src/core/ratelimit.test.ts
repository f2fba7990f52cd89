import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/instance.ts';
import type { Database } from './db.ts';
import { Problem } from './errors.ts';
import { attempt, clear, hit, record, type Limit } from './ratelimit.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

/** Beijing wall-clock times on one day; 15:00 is the edge of a 15-minute window counted from the epoch. */
const at = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}.000+08:00`);
const MINUTE = 60_000;
let n = 0;

/** A login as the service runs it: the address counted, the lockout read, a failure recorded unless locked. */
function account(): { lock: Limit; fail: (now: number) => Promise<'failed' | { locked: number }> } {
  const lock = { key: `test:lock:${++n}`, max: 5, windowSeconds: 900 };
  return {
    lock,
    async fail(now) {
      const { watched: [state] } = await attempt(database.db, [{ key: `test:ip:${n}:${now}`, max: 60, windowSeconds: 900 }], [lock], now);
      if (state!.retryAfter > 0) return { locked: state!.retryAfter };
      await record(database.db, lock, now);
      return 'failed';
    },
  };
}

const countOf = async (l: Limit, now: number) => (await attempt(database.db, [], [l], now)).watched[0]!.count;
const rowsOf = async (key: string) => Number((await sql<{ n: number }>`select count(*) as n from core.rate_limit where key = ${key}`.execute(database.db)).rows[0]!.n);

describe('lockout after 5 failures in 15 minutes', () => {
  it('locks at 15:01 after five failures at 14:59, across the edge of a fixed window', async () => {
    const a = account();
    for (const s of ['00', '10', '20', '30', '40']) expect(await a.fail(at(`14:59:${s}`))).toBe('failed');
    for (const s of ['00', '10', '20', '30', '40']) expect(await a.fail(at(`15:01:${s}`))).toEqual({ locked: 13 * 60 - Number(s) });
  });

  it('locks when the five straddle the edge: three at 14:58, two at 15:01', async () => {
    const a = account();
    for (const t of ['14:58:00', '14:58:30', '14:58:50', '15:01:00', '15:01:10']) expect(await a.fail(at(t))).toBe('failed');
    expect(await a.fail(at('15:02:00'))).toEqual({ locked: 11 * 60 });
  });

  it('does not lock for failures spread over more than 15 minutes', async () => {
    const a = account();
    for (const t of ['14:50:00', '14:54:00', '14:58:00', '15:02:00', '15:06:00']) expect(await a.fail(at(t))).toBe('failed');
    expect(await countOf(a.lock, at('15:06:30'))).toBe(4);
    expect(await a.fail(at('15:06:30'))).toBe('failed');
    expect(await a.fail(at('15:07:00'))).toEqual({ locked: 2 * 60 });
  });

  it('answers a Retry-After after which the next attempt is let through, and not a second earlier', async () => {
    const a = account();
    const first = at('14:59:00');
    for (let k = 0; k < 5; k++) await a.fail(first + k * MINUTE);
    const retryAfter = ((await a.fail(first + 5 * MINUTE)) as { locked: number }).locked;
    expect(retryAfter).toBe(10 * 60);
    expect(await a.fail(first + 5 * MINUTE + retryAfter * 1000 - 1)).toEqual({ locked: 1 });
    expect(await a.fail(first + 5 * MINUTE + retryAfter * 1000)).toBe('failed');
  });

  it('counts attempts made at the same instant, and forgets them when cleared', async () => {
    const a = account();
    const now = at('09:00:00');
    for (let k = 0; k < 5; k++) await record(database.db, a.lock, now);
    expect(await countOf(a.lock, now)).toBe(5);
    expect(await a.fail(now + 1)).toEqual({ locked: 900 });
    await clear(database.db, a.lock.key);
    expect(await a.fail(now + 2)).toBe('failed');
  });

  it('drops the failures that left the window when it records another', async () => {
    const a = account();
    for (const t of ['09:00:00', '09:05:00', '09:10:00']) await a.fail(at(t));
    await a.fail(at('09:20:00'));
    expect(await rowsOf(a.lock.key)).toBe(2);
  });
});

describe('hit', () => {
  const limits = (): [Limit, Limit] => [
    { key: `test:minute:${++n}`, max: 3, windowSeconds: 60 },
    { key: `test:hour:${n}`, max: 10, windowSeconds: 3600 },
  ];
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(Problem);
    expect(e).toMatchObject({ status: 429, code: 'too-many-requests' });
    return (e as Problem).extra.retryAfter;
  };

  it('refuses the attempt past the limit with the seconds until the oldest leaves the window, and does not count it', async () => {
    const [minute, hour] = limits();
    const t0 = at('10:00:00');
    for (const s of [0, 10, 20]) await hit(database.db, [minute, hour], t0 + s * 1000);
    expect(await refusal(hit(database.db, [minute, hour], t0 + 30_000))).toBe(30);
    expect(await refusal(hit(database.db, [minute, hour], t0 + 59_999))).toBe(1);
    expect(await countOf(hour, t0 + 60_000)).toBe(3);
    await hit(database.db, [minute, hour], t0 + 60_000);
    expect(await countOf(hour, t0 + 60_000)).toBe(4);
  });

  it('waits for the fullest of several limits', async () => {
    const [minute, hour] = limits();
    const t0 = at('11:00:00');
    for (let k = 0; k < 10; k++) await hit(database.db, [minute, hour], t0 + k * MINUTE);
    expect(await refusal(hit(database.db, [minute, hour], t0 + 10 * MINUTE))).toBe(50 * 60);
  });

  it('keeps only the attempts within the window of a key it counts', async () => {
    const [minute] = limits();
    const t0 = at('12:00:00');
    for (const s of [0, 10, 20]) await hit(database.db, [minute], t0 + s * 1000);
    await hit(database.db, [minute], t0 + 90_000);
    expect(await rowsOf(minute.key)).toBe(1);
  });
});
