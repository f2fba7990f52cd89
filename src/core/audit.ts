import { sql, type Compilable, type Kysely } from 'kysely';
import { canonicalJson, digestOf, sha256Hex } from './digest.ts';
import type { Tx } from './db.ts';
import type { Grant, Principal } from './permissions.ts';
import { GENESIS_HASH, type AuditLogTable, type CoreTables } from './schema.ts';

/** Who performs a change and through which request; passed from routes into services. */
export interface Actor {
  principal: Principal | null;
  /** The grant that allowed the action (its role is recorded as "acting as"). */
  grant: Grant | null;
  requestId: string | null;
  ip: string | null;
}

/** Changes made by the platform itself (start-up seeding, CLI commands, the dispatcher). */
export const systemActor = (what: string): Actor => ({
  principal: { kind: 'staff', id: `system:${what}`, name: what, grants: [] },
  grant: null,
  requestId: null,
  ip: null,
});

export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

type Entry = Omit<AuditLogTable, 'hash'>;

/** The hash covers every column but itself, in a fixed text form, chained to the previous hash. */
export function entryHash(e: Entry): string {
  return sha256Hex(
    canonicalJson({
      seq: e.seq,
      at: new Date(e.at).toISOString(),
      actor_kind: e.actor_kind,
      actor_id: e.actor_id,
      actor_name: e.actor_name,
      actor_role: e.actor_role,
      action: e.action,
      target_type: e.target_type,
      target_id: e.target_id,
      region_code: e.region_code,
      before_digest: e.before_digest,
      after_digest: e.after_digest,
      detail: e.detail ?? null,
      request_id: e.request_id,
      client_ip: e.client_ip,
      prev_hash: e.prev_hash,
    }),
  );
}

/** The newest entry's number and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The entry that follows `head`, and its row. */
function entryAfter(head: ChainHead, actor: Actor, change: AuditChange) {
  const principal = actor.principal;
  const entry: Entry = {
    seq: head.seq + 1,
    at: new Date(),
    actor_kind: principal?.kind ?? 'anonymous',
    actor_id: principal?.id ?? null,
    actor_name: principal?.name ?? null,
    actor_role: actor.grant?.role ?? null,
    action: change.action,
    target_type: change.targetType,
    target_id: change.targetId,
    region_code: change.regionCode ?? null,
    before_digest: digestOf(change.before),
    after_digest: digestOf(change.after),
    // Whatever a person does for an enterprise records both.
    detail: principal?.kind === 'person' && principal.actingFor
      ? { ...change.detail, actingFor: { creditCode: principal.actingFor.creditCode, name: principal.actingFor.name, as: principal.actingFor.as } }
      : (change.detail ?? null),
    request_id: actor.requestId,
    client_ip: actor.ip,
    prev_hash: head.hash,
  };
  const hash = entryHash(entry);
  return { seq: entry.seq, hash, row: { ...entry, detail: entry.detail === null ? null : JSON.stringify(entry.detail), hash } };
}

/**
 * Appends one entry inside the caller's transaction. The head row is locked, so entries are
 * numbered without gaps and chained in commit order; a rolled-back change leaves no entry.
 */
export async function audit(tx: Tx<unknown>, actor: Actor, change: AuditChange): Promise<number> {
  const t = tx as unknown as Tx<CoreTables>;
  const head = await t
    .selectFrom('core.audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const next = entryAfter({ seq: Number(head.seq), hash: head.hash }, actor, change);
  // The entry and the new head in one statement.
  await t
    .with('entry', (db) => db.insertInto('core.audit_log').values(next.row))
    .updateTable('core.audit_head')
    .set({ seq: next.seq, hash: next.hash })
    .where('id', '=', 1)
    .execute();
  return next.seq;
}

/** The query of the chain's head, without a lock: alone (`chainHead`) or inside another statement. */
export const chainHeadQuery = (db: Kysely<unknown>) => (db as Kysely<CoreTables>).selectFrom('core.audit_head').select(['seq', 'hash']).where('id', '=', 1);

/** The chain's head as it is now, read without a lock: for `appendAfter`. */
export async function chainHead(db: Kysely<unknown>): Promise<ChainHead> {
  const head = await chainHeadQuery(db).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * A change made only of inserts (`inserts`, built on `db` and not run) and its audit entry in one
 * statement, without a transaction: the entry follows `head`, read beforehand without a lock
 * (while other work ran, such as a password check). Entries are numbered by the primary key, so
 * when another entry has taken that number meanwhile the whole statement fails and nothing is
 * written: then the answer is false, and the caller makes the change in an `auditedTx`. The
 * statement's main part moves the head (locking its row, as `audit` does first); PostgreSQL runs
 * the inserts of its WITH parts, which nothing reads, after it.
 */
export async function appendAfter(db: Kysely<unknown>, head: ChainHead, actor: Actor, change: AuditChange, inserts: Compilable[]): Promise<boolean> {
  const next = entryAfter(head, actor, change);
  const entry = (db as Kysely<CoreTables>).insertInto('core.audit_log').values(next.row);
  const steps = [entry, ...inserts].map((q, i) => sql`${sql.id(i ? `change_${i}` : 'entry')} as (${q})`);
  try {
    await sql`with ${sql.join(steps)} update core.audit_head set seq = ${next.seq}, hash = ${next.hash} where id = 1 and seq = ${head.seq}`.execute(db);
    return true;
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'audit_log_pkey') return false;
    throw e;
  }
}

export type VerifyResult =
  | { ok: true; entries: number }
  | { ok: false; entries: number; seq: number; problem: 'changed' | 'removed' | 'reordered' | 'head' };

/**
 * Walks the whole chain in sequence order. Names the first entry whose content no longer matches
 * its hash (changed), after which one is missing (removed), or whose link points elsewhere
 * (reordered); the head row must match the last entry (catches removal of the tail).
 */
export async function verifyAudit(db: Kysely<unknown>, batch = 5000): Promise<VerifyResult> {
  const d = db as Kysely<CoreTables>;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await d
      .selectFrom('core.audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, entries: count, seq: expectedSeq, problem: 'removed' };
      if (entryHash({ ...r, seq }) !== r.hash) return { ok: false, entries: count, seq, problem: 'changed' };
      if (r.prev_hash !== prevHash) return { ok: false, entries: count, seq, problem: 'reordered' };
      prevHash = r.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batch) break;
  }
  const head = await d.selectFrom('core.audit_head').select(['seq', 'hash']).executeTakeFirst();
  if (!head || Number(head.seq) !== count || head.hash !== prevHash) {
    return { ok: false, entries: count, seq: count + 1, problem: 'head' };
  }
  return { ok: true, entries: count };
}

/** Wraps a change in one transaction with its audit entry. */
export async function auditedTx<T>(
  db: Kysely<unknown>,
  actor: Actor,
  work: (tx: Tx<unknown>) => Promise<{ result: T; change: AuditChange }>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const { result, change } = await work(tx);
    await audit(tx, actor, change);
    return result;
  });
}

/** The newest entries about one target with the given actions (a login history, say). */
export async function entriesAbout(db: Kysely<unknown>, targetId: string, actions: string[], limit = 20) {
  const rows = await (db as Kysely<CoreTables>)
    .selectFrom('core.audit_log')
    .select(['at', 'action', 'actor_id', 'client_ip', 'detail'])
    .where('target_id', '=', targetId)
    .where('action', 'in', actions)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), action: r.action, actorId: r.actor_id, clientIp: r.client_ip, detail: (r.detail ?? null) as Record<string, unknown> | null }));
}
