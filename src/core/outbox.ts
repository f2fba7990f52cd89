import type { Kysely } from 'kysely';
import type { Tx } from './db.ts';
import type { CoreTables } from './schema.ts';

export interface OutboxEvent {
  id: number;
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}

export interface NewEvent {
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: unknown;
}

export interface Subscriber {
  /** Stable name: deliveries are recorded per subscriber name. */
  name: string;
  /** Which event types it wants; all when omitted. */
  types?: string[];
  handle(event: OutboxEvent): Promise<void>;
}

/** Backoff after the n-th failed attempt: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);

/**
 * Transactional outbox. `append` writes the event and one pending delivery per interested
 * subscriber in the caller's transaction; the dispatcher delivers at least once and, per
 * subscriber, in event order within an aggregate: a failed or waiting event holds back the later
 * events of its aggregate, not those of others.
 */
export class Outbox {
  readonly #subscribers = new Map<string, Subscriber>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #again = false;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly pollMs = 500,
  ) {}

  subscribe(s: Subscriber): void {
    if (this.#subscribers.has(s.name)) throw new Error(`subscriber ${s.name} is already registered`);
    this.#subscribers.set(s.name, s);
  }

  async append(tx: Tx<unknown>, e: NewEvent): Promise<number> {
    const t = tx as unknown as Tx<CoreTables>;
    const row = await t
      .insertInto('core.outbox')
      .values({
        aggregate_type: e.aggregateType,
        aggregate_id: e.aggregateId,
        event_type: e.type,
        payload: JSON.stringify(e.payload),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const names = [...this.#subscribers.values()]
      .filter((s) => !s.types || s.types.includes(e.type))
      .map((s) => s.name);
    if (names.length > 0) {
      await t
        .insertInto('core.outbox_delivery')
        .values(names.map((subscriber) => ({ subscriber, event_id: id, delivered_at: null, attempts: 0, last_error: null, next_attempt_at: new Date() })))
        .execute();
    }
    this.kick();
    return id;
  }

  start(): void {
    this.#stopped = false;
    this.kick();
  }

  /** Ask for a pass soon (after the appending transaction has committed). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#loop(), 10);
  }

  async #loop(): Promise<void> {
    if (this.#stopped || this.#running) return;
    this.#running = this.runOnce().then(
      () => undefined,
      () => undefined,
    );
    await this.#running;
    this.#running = undefined;
    if (this.#stopped) return;
    const again = this.#again;
    this.#again = false;
    this.#timer = setTimeout(() => void this.#loop(), again ? 0 : this.pollMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One delivery pass over every subscriber; returns how many deliveries succeeded. */
  async runOnce(limit = 200): Promise<number> {
    const d = this.db as Kysely<CoreTables>;
    let delivered = 0;
    for (const sub of this.#subscribers.values()) {
      const held = new Set<string>();
      const now = Date.now();
      // Page on through the pending deliveries: an aggregate held back with more waiting events
      // than one page must not keep the events of other aggregates out of every pass.
      for (let after = 0, more = true; more; ) {
        const pending = await d
          .selectFrom('core.outbox_delivery as d')
          .innerJoin('core.outbox as o', 'o.id', 'd.event_id')
          .select([
            'o.id',
            'o.aggregate_type',
            'o.aggregate_id',
            'o.event_type',
            'o.payload',
            'o.created_at',
            'd.attempts',
            'd.next_attempt_at',
          ])
          .where('d.subscriber', '=', sub.name)
          .where('d.delivered_at', 'is', null)
          .where('d.event_id', '>', after)
          .orderBy('d.event_id')
          .limit(limit)
          .execute();
        more = pending.length === limit;
        after = Number(pending.at(-1)?.id ?? after);
        for (const p of pending) {
          const key = `${p.aggregate_type}\u0000${p.aggregate_id}`;
          if (held.has(key)) continue;
          if (new Date(p.next_attempt_at).getTime() > now) {
            held.add(key);
            continue;
          }
          const event: OutboxEvent = {
            id: Number(p.id),
            aggregateType: p.aggregate_type,
            aggregateId: p.aggregate_id,
            type: p.event_type,
            payload: p.payload,
            createdAt: new Date(p.created_at),
          };
          try {
            await sub.handle(event);
            await d
              .updateTable('core.outbox_delivery')
              .set({ delivered_at: new Date(), attempts: p.attempts + 1, last_error: null })
              .where('subscriber', '=', sub.name)
              .where('event_id', '=', event.id)
              .execute();
            delivered++;
          } catch (err) {
            held.add(key);
            await d
              .updateTable('core.outbox_delivery')
              .set({
                attempts: p.attempts + 1,
                last_error: String((err as Error)?.message ?? err).slice(0, 1000),
                next_attempt_at: new Date(now + retryDelayMs(p.attempts + 1)),
              })
              .where('subscriber', '=', sub.name)
              .where('event_id', '=', event.id)
              .execute();
          }
        }
      }
    }
    return delivered;
  }
}
