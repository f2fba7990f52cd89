import { sql, type Kysely, type RawBuilder } from 'kysely';
import { Problem } from './errors.ts';

export interface Limit {
  /** What is counted, e.g. `sms:ip:1.2.3.4` or `login-fail:staff:<name>`; a key always has the same window. */
  key: string;
  max: number;
  windowSeconds: number;
}

/** A limit as one check found it: attempts within its window, and seconds until it has room again (0: it has). */
export interface LimitState {
  count: number;
  retryAfter: number;
}

/*
 * Sliding windows over the attempts themselves, in the database so every server copy shares them:
 * a row per key and instant (`window_start` holds the instant, `count` the attempts made then). A
 * limit is full while `max` attempts lie within the last `windowSeconds`, and has room again when
 * the oldest of the newest `max` leaves the window. A check is one statement; on a PostgreSQL
 * server, checks of one key running at the same moment do not see each other's attempt.
 */

const since = (l: Limit, now: number) => new Date(now - l.windowSeconds * 1000);

const countOf = (l: Limit, now: number) => sql`(select coalesce(sum(count), 0) from core.rate_limit where key = ${l.key} and window_start > ${since(l, now)})`;

/** Seconds until a full limit has room: until the oldest of its newest `max` attempts leaves the window. */
async function retryAfterOf(db: Kysely<unknown>, l: Limit, now: number): Promise<number> {
  const { rows } = await sql<{ at: Date; count: number }>`
    select window_start as at, count from core.rate_limit where key = ${l.key} and window_start > ${since(l, now)} order by window_start desc`.execute(db);
  let newer = 0;
  const oldest = rows.find((r) => (newer += r.count) >= l.max);
  // At least a second: the limit was full when checked, even if its attempts were cleared since.
  return Math.max(1, oldest ? Math.ceil((new Date(oldest.at).getTime() + l.windowSeconds * 1000 - now) / 1000) : 0);
}

const tooMany = (retryAfter: number) =>
  new Problem(429, 'too-many-requests', { zh: `操作过于频繁，请 ${retryAfter} 秒后再试`, en: `too many attempts; try again in ${retryAfter} s` }, [], { retryAfter });

/**
 * One statement: counts an attempt against each of `counted` unless one of them is full (then it
 * throws 429 with Retry-After, and the attempt counts against none), drops their attempts that left
 * the window, and reads `watched` without counting. `alongside`, a query of at most one row, is read
 * in the same statement (its columns must not be named `rate_limits`). Only a full limit costs a
 * second statement, for its Retry-After.
 */
export async function attempt<R extends object = object>(
  db: Kysely<unknown>,
  counted: Limit[],
  watched: Limit[] = [],
  now = Date.now(),
  alongside: RawBuilder<R> = sql<R>`select`,
): Promise<{ watched: LimitState[]; row: R }> {
  const all = [...counted, ...watched];
  const n = (i: number) => sql.id(`n${i}`);
  const write = counted.length
    ? sql`, attempt as (
        insert into core.rate_limit (key, window_start, count)
        select key, ${new Date(now)}::timestamptz, 1 from states, (values ${sql.join(counted.map((l) => sql`(${l.key})`))}) k (key)
        where ${sql.join(counted.map((l, i) => sql`${n(i)} < ${l.max}`), sql` and `)}
        on conflict (key, window_start) do update set count = core.rate_limit.count + 1
      ), expired as (
        delete from core.rate_limit where ${sql.join(counted.map((l) => sql`(key = ${l.key} and window_start <= ${since(l, now)})`), sql` or `)}
      )`
    : sql``;
  const { rows } = await sql<R & { rate_limits: number[] }>`
    with states as (select ${sql.join(all.map((l, i) => sql`${countOf(l, now)} as ${n(i)}`))})${write}
    select json_build_array(${sql.join(all.map((_, i) => n(i)))}) as rate_limits, a.*
    from states left join lateral (${alongside}) a on true`.execute(db);
  const { rate_limits: counts, ...row } = rows[0]!;
  const found = await Promise.all(all.map(async (l, i): Promise<LimitState> => ({ count: counts[i]!, retryAfter: counts[i]! >= l.max ? await retryAfterOf(db, l, now) : 0 })));
  const wait = Math.max(0, ...found.slice(0, counted.length).map((s) => s.retryAfter));
  if (wait > 0) throw tooMany(wait);
  return { watched: found.slice(counted.length), row: row as unknown as R };
}

/** Counts one attempt against each limit and throws 429 (with Retry-After seconds) when one is full. */
export async function hit(db: Kysely<unknown>, limits: Limit[], now = Date.now()): Promise<void> {
  await attempt(db, limits, [], now);
}

/** Records one attempt against a limit whatever its count (a failed login, for the lockout), and drops those that left its window. */
export async function record(db: Kysely<unknown>, l: Limit, now = Date.now()): Promise<void> {
  await sql`with expired as (delete from core.rate_limit where key = ${l.key} and window_start <= ${since(l, now)})
    insert into core.rate_limit (key, window_start, count) values (${l.key}, ${new Date(now)}, 1)
    on conflict (key, window_start) do update set count = core.rate_limit.count + 1`.execute(db);
}

export async function clear(db: Kysely<unknown>, key: string): Promise<void> {
  await sql`delete from core.rate_limit where key = ${key}`.execute(db);
}

/** Drops attempts older than a day. */
export async function pruneRateLimits(db: Kysely<unknown>, now = Date.now()): Promise<void> {
  await sql`delete from core.rate_limit where window_start < ${new Date(now - 86_400_000)}`.execute(db);
}
