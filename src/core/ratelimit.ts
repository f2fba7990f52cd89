import { sql, type Kysely } from 'kysely';
import { Problem } from './errors.ts';
import type { CoreTables } from './schema.ts';

export interface Limit {
  /** What is counted, e.g. `sms:ip:1.2.3.4` or `login:account:<id>`. */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in the database, so every server copy shares them. `hit` counts one
 * attempt against each limit and throws 429 (with Retry-After seconds) when any is exceeded.
 */
const windowOf = (now: number, seconds: number) => new Date(Math.floor(now / (seconds * 1000)) * seconds * 1000);

/** Counts one more against `key` in the current window; returns the window's count. */
export async function bump(db: Kysely<unknown>, key: string, windowSeconds: number, now = Date.now()): Promise<number> {
  const row = await (db as Kysely<CoreTables>)
    .insertInto('core.rate_limit')
    .values({ key, window_start: windowOf(now, windowSeconds), count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`core.rate_limit.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function clear(db: Kysely<unknown>, key: string): Promise<void> {
  await (db as Kysely<CoreTables>).deleteFrom('core.rate_limit').where('key', '=', key).execute();
}

/** Seconds until the current window of this size ends. */
export const secondsLeft = (windowSeconds: number, now = Date.now()) => Math.ceil((windowOf(now, windowSeconds).getTime() + windowSeconds * 1000 - now) / 1000);

const tooMany = (l: Limit, now: number) => {
  const retryAfter = secondsLeft(l.windowSeconds, now);
  return new Problem(429, 'too-many-requests', { zh: `操作过于频繁，请 ${retryAfter} 秒后再试`, en: `too many attempts; try again in ${retryAfter} s` }, [], { retryAfter });
};

/**
 * Fixed-window counters in the database, so every server copy shares them. `hit` counts one
 * attempt against each limit and throws 429 (with Retry-After seconds) when any is exceeded.
 */
export async function hit(db: Kysely<unknown>, limits: Limit[], now = Date.now()): Promise<void> {
  for (const l of limits) {
    if ((await bump(db, l.key, l.windowSeconds, now)) > l.max) throw tooMany(l, now);
  }
}

/**
 * `hit` of one limit and `current` of another key in one statement (a login counts its attempt
 * per address and reads the account's failures at once); returns that key's count.
 */
export async function hitAndCount(db: Kysely<unknown>, limit: Limit, counted: { key: string; windowSeconds: number }, now = Date.now()): Promise<number> {
  const row = await (db as Kysely<CoreTables>)
    .with('bumped', (qb) =>
      qb
        .insertInto('core.rate_limit')
        .values({ key: limit.key, window_start: windowOf(now, limit.windowSeconds), count: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`core.rate_limit.count + 1` }))
        .returning('count'),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('bumped').select('count').as('hits'),
      eb.selectFrom('core.rate_limit').select('count').where('key', '=', counted.key).where('window_start', '=', windowOf(now, counted.windowSeconds)).as('counted'),
    ])
    .executeTakeFirstOrThrow();
  if ((row.hits ?? 0) > limit.max) throw tooMany(limit, now);
  return row.counted ?? 0;
}

/** Drops windows that ended more than a day ago. */
export async function pruneRateLimits(db: Kysely<unknown>, now = Date.now()): Promise<void> {
  await (db as Kysely<CoreTables>).deleteFrom('core.rate_limit').where('window_start', '<', new Date(now - 86_400_000)).execute();
}
