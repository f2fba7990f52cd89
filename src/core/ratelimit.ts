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
export async function hit(db: Kysely<unknown>, limits: Limit[], now = Date.now()): Promise<void> {
  for (const l of limits) {
    const windowStart = new Date(Math.floor(now / (l.windowSeconds * 1000)) * l.windowSeconds * 1000);
    const row = await (db as Kysely<CoreTables>)
      .insertInto('core.rate_limit')
      .values({ key: l.key, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`core.rate_limit.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    if (row.count > l.max) {
      const retryAfter = Math.ceil((windowStart.getTime() + l.windowSeconds * 1000 - now) / 1000);
      throw new Problem(429, 'too-many-requests', { zh: `操作过于频繁，请 ${retryAfter} 秒后再试`, en: `too many attempts; try again in ${retryAfter} s` }, [], { retryAfter });
    }
  }
}

/** Drops windows that ended more than a day ago. */
export async function pruneRateLimits(db: Kysely<unknown>, now = Date.now()): Promise<void> {
  await (db as Kysely<CoreTables>).deleteFrom('core.rate_limit').where('window_start', '<', new Date(now - 86_400_000)).execute();
}
