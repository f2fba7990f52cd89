/**
 * oidc-provider's storage in the platform's database: one row per stored artefact in
 * identity.oidc_payload, keyed by (model, id), with the columns its look-ups need (grant id for
 * revocation, session uid, device user code) and its expiry. Clients come from identity.oidc_client
 * (see clients.ts), which administrators manage; the provider only reads them.
 *
 * Two things keep the statements per token request few; everything stays in the database:
 * - Statements are shared (group commit): queued writes run in order one statement at a time, after
 *   the event loop's current turn, and the upserts that queued up together go to the database as
 *   one multi-row statement; each caller's promise settles when its row is committed. Look-ups
 *   asked for in one turn are likewise one statement per model. The embedded database runs on this
 *   thread, so the requests whose data arrived together share their statements.
 * - Grants and provider sessions (looked up by uid, to check that a token still has its session)
 *   are read at every token exchange: each is held for CACHE_MS. Writing or deleting one through
 *   this store drops or replaces this process's copy at once; another server copy sees a revocation
 *   within CACHE_MS, but not through a token it revoked: tokens (codes, access and refresh tokens)
 *   are always read from the database, and revoking a grant deletes them.
 *
 * No transaction is held across calls, so the embedded database's single session is never waited
 * for from inside itself (core/db.ts).
 */
import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcTables } from './schema.ts';

/** Expired rows are deleted at most this often, by the writes that come first after it. */
const SWEEP_MS = 10 * 60_000;
/** How long a grant or a session is trusted from memory (see above). */
const CACHE_MS = 5_000;
/** The models held in memory, and their keys: grants by id, sessions by uid. */
const cacheKey = (model: string, id: string, payload?: AdapterPayload) =>
  model === 'Grant' ? `Grant:${id}` : model === 'Session' && typeof payload?.uid === 'string' ? `Session@${payload.uid}` : null;

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

interface Row {
  kind: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Date | null;
  consumed_at: null;
}

type Write = { upsert: Row } | { run: (db: Kysely<OidcTables>) => Promise<unknown> };

/** The columns the provider looks rows up by. */
type Column = 'id' | 'uid' | 'user_code';
interface Found {
  payload: unknown;
  consumed_at: Date | null;
  expires_at: Date | null;
}

interface Queued {
  write: Write;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class PayloadStore {
  #queue: Queued[] = [];
  /** Look-ups waiting for the next statement: by model and column, then by value. */
  readonly #reads = new Map<string, Map<string, { resolve: (r: Found | undefined) => void; reject: (e: unknown) => void }[]>>();
  #readScheduled = false;
  #draining: Promise<void> | undefined;
  #lastSweep = 0;
  /** Grants (`Grant:<id>`) and sessions (`Session@<uid>`), with the row's expiry. */
  readonly #cache = new Map<string, { payload: AdapterPayload; expiresAt: number | null; until: number }>();
  /** Counts changes to what #cache holds: a read that overlapped one does not fill it. */
  #changes = 0;

  constructor(
    private readonly database: Kysely<unknown>,
    /** Seconds added to every expiry, as the provider tolerates that much clock skew. */
    private readonly clockTolerance: number,
  ) {}

  private get db() {
    return this.database as Kysely<OidcTables>;
  }

  /** The provider's adapter factory; `clientMetadata` answers for registered clients. */
  adapterFactory(clientMetadata: (id: string) => Promise<Record<string, unknown> | undefined>): (model: string) => Adapter {
    const clients: Adapter = {
      find: async (id) => clientMetadata(id),
      upsert: async () => {
        throw new Error('clients are registered by administrators (API or CLI), not through the provider');
      },
      findByUid: async () => undefined,
      findByUserCode: async () => undefined,
      consume: async () => undefined,
      destroy: async () => undefined,
      revokeByGrantId: async () => undefined,
    };
    return (model) => (model === 'Client' ? clients : this.#adapter(model));
  }

  /**
   * Inside the caller's transaction (the platform's logout): deletes a provider session and the
   * grants given, with every artefact issued under them.
   */
  async endSession(tx: Kysely<unknown>, sessionId: string, grantIds: string[]): Promise<void> {
    const t = tx as Kysely<OidcTables>;
    await t.deleteFrom('identity.oidc_payload').where('kind', '=', 'Session').where('id', '=', sessionId).execute();
    this.#forgetSession(sessionId);
    await this.revokeGrants(tx, grantIds);
  }

  /** Inside the caller's transaction: deletes grants and every artefact issued under them. */
  async revokeGrants(tx: Kysely<unknown>, grantIds: string[]): Promise<void> {
    if (!grantIds.length) return;
    const t = tx as Kysely<OidcTables>;
    await t.deleteFrom('identity.oidc_payload').where('grant_id', 'in', grantIds).execute();
    await t.deleteFrom('identity.oidc_payload').where('kind', '=', 'Grant').where('id', 'in', grantIds).execute();
    this.#changes++;
    for (const id of grantIds) this.#cache.delete(`Grant:${id}`);
  }

  /** A session is deleted by id (its cookie value), but held by uid. */
  #forgetSession(id: string) {
    this.#changes++;
    for (const [k, v] of this.#cache) if (k.startsWith('Session@') && v.payload.jti === id) this.#cache.delete(k);
  }

  // The provider changes the objects it is given (a session's authorizations, a grant's scopes):
  // the cache keeps copies of its own.
  #remember(key: string, payload: AdapterPayload, expiresAt: number | null) {
    const now = Date.now();
    if (this.#cache.size >= 10_000) for (const [k, v] of this.#cache) if (v.until <= now) this.#cache.delete(k);
    this.#cache.set(key, { payload: structuredClone(payload), expiresAt, until: now + CACHE_MS });
  }

  #cached(key: string | null): AdapterPayload | undefined {
    const hit = key ? this.#cache.get(key) : undefined;
    const now = Date.now();
    return hit && hit.until > now && (hit.expiresAt === null || hit.expiresAt > now) ? structuredClone(hit.payload) : undefined;
  }

  #adapter(model: string): Adapter {
    /** The live row (expiry checked here, which is cheaper than in the statement) by one of the look-up columns. */
    const byColumn = async (column: Column, value: string) => {
      const changes = this.#changes;
      const r = await this.#read(model, column, value);
      if (!r || (r.expires_at && r.expires_at.getTime() <= Date.now())) return undefined;
      const payload = r.payload as AdapterPayload;
      const key = column === 'user_code' ? null : cacheKey(model, value, payload);
      if (key && !r.consumed_at && changes === this.#changes) this.#remember(key, payload, r.expires_at?.getTime() ?? null);
      return r.consumed_at ? { ...payload, consumed: epoch(r.consumed_at) } : payload;
    };

    return {
      upsert: async (id, payload, expiresIn) => {
        const key = cacheKey(model, id, payload);
        if (key) {
          this.#changes++;
          this.#cache.delete(key);
        }
        const expiresAt = typeof expiresIn === 'number' ? new Date(Date.now() + (expiresIn + this.clockTolerance) * 1000) : null;
        await this.#write({
          upsert: {
            kind: model,
            id,
            payload: JSON.stringify(payload),
            grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
            user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
            uid: typeof payload.uid === 'string' ? payload.uid : null,
            expires_at: expiresAt,
            consumed_at: null,
          },
        });
        if (key) this.#remember(key, payload, expiresAt?.getTime() ?? null);
      },
      find: async (id) => (model === 'Grant' && this.#cached(`Grant:${id}`)) || byColumn('id', id),
      findByUid: async (uid) => (model === 'Session' && this.#cached(`Session@${uid}`)) || byColumn('uid', uid),
      findByUserCode: (userCode) => byColumn('user_code', userCode),
      consume: (id) =>
        this.#write({ run: (db) => db.updateTable('identity.oidc_payload').set({ consumed_at: new Date() }).where('kind', '=', model).where('id', '=', id).execute() }),
      destroy: (id) => {
        if (model === 'Session') this.#forgetSession(id);
        if (model === 'Grant') {
          this.#changes++;
          this.#cache.delete(`Grant:${id}`);
        }
        return this.#write({ run: (db) => db.deleteFrom('identity.oidc_payload').where('kind', '=', model).where('id', '=', id).execute() });
      },
      revokeByGrantId: (grantId) =>
        this.#write({ run: (db) => db.deleteFrom('identity.oidc_payload').where('kind', '=', model).where('grant_id', '=', grantId).execute() }),
    };
  }

  /**
   * Reads are combined like writes: the look-ups asked for in one turn of the event loop go to the
   * database after it, one statement per model and look-up column.
   */
  #read(model: string, column: Column, value: string): Promise<Found | undefined> {
    return new Promise((resolve, reject) => {
      const group = `${model}\n${column}`;
      let waiting = this.#reads.get(group);
      if (!waiting) this.#reads.set(group, (waiting = new Map()));
      const forValue = waiting.get(value) ?? [];
      forValue.push({ resolve, reject });
      waiting.set(value, forValue);
      if (!this.#readScheduled) {
        this.#readScheduled = true;
        setImmediate(() => void this.#readAll());
      }
    });
  }

  async #readAll(): Promise<void> {
    const groups = [...this.#reads];
    this.#reads.clear();
    this.#readScheduled = false;
    await Promise.all(
      groups.map(async ([group, waiting]) => {
        const [model, column] = group.split('\n') as [string, Column];
        try {
          const rows = await this.db
            .selectFrom('identity.oidc_payload')
            .select([`${column} as key`, 'payload', 'consumed_at', 'expires_at'])
            .where('kind', '=', model)
            .where(column, 'in', [...waiting.keys()])
            .execute();
          const byKey = new Map(rows.map((r) => [r.key, r]));
          for (const [value, callers] of waiting) for (const c of callers) c.resolve(byKey.get(value));
        } catch (e) {
          for (const callers of waiting.values()) for (const c of callers) c.reject(e);
        }
      }),
    );
  }

  #write(write: Write): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      // After this turn of the event loop: the requests whose data arrived with this one reach
      // their writes meanwhile and share the statement (the embedded database runs on this thread).
      if (!this.#draining) this.#draining = new Promise(setImmediate).then(() => this.#drain()).finally(() => (this.#draining = undefined));
    });
  }

  /** Runs the queued writes in order; a run of upserts is one statement. */
  async #drain(): Promise<void> {
    while (this.#queue.length) {
      const batch = this.#queue.splice(0);
      for (let i = 0; i < batch.length; ) {
        let j = i;
        while (j < batch.length && 'upsert' in batch[j]!.write) j++;
        const part = j > i ? batch.slice(i, j) : [batch[i]!];
        i = j > i ? j : i + 1;
        try {
          const first = part[0]!.write;
          if ('upsert' in first) await this.#upsert(part.map((q) => (q.write as { upsert: Row }).upsert));
          else await first.run(this.db);
          for (const q of part) q.resolve();
        } catch (e) {
          for (const q of part) q.reject(e);
        }
      }
      if (Date.now() - this.#lastSweep >= SWEEP_MS) {
        this.#lastSweep = Date.now();
        // Expired rows are never handed out (every look-up checks the expiry): a failed sweep waits for the next.
        await this.db.deleteFrom('identity.oidc_payload').where('expires_at', '<', new Date()).execute().catch(() => undefined);
      }
    }
  }

  async #upsert(rows: Row[]): Promise<void> {
    // One row per key: of two writes of the same row in a batch, the later one stands.
    const last = new Map(rows.map((r) => [`${r.kind}\n${r.id}`, r]));
    await this.db
      .insertInto('identity.oidc_payload')
      .values([...last.values()])
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
          payload: eb.ref('excluded.payload'),
          grant_id: eb.ref('excluded.grant_id'),
          user_code: eb.ref('excluded.user_code'),
          uid: eb.ref('excluded.uid'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
  }
}
