/**
 * oidc-provider's storage in the platform's database: one row per stored artefact in
 * identity.oidc_payload, keyed by (model, id), with the columns its look-ups need (grant id for
 * revocation, session uid, device user code) and its expiry. Clients come from identity.oidc_client
 * (see clients.ts), which administrators manage; the provider only reads them.
 *
 * No transaction is held across calls, so the embedded database's single session is never waited
 * for from inside itself (core/db.ts).
 */
import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcTables } from './schema.ts';

/** Expired rows are deleted at most this often, by whichever write comes first after it. */
const SWEEP_MS = 10 * 60_000;

export interface AdapterDeps {
  db: Kysely<unknown>;
  /** Seconds added to every expiry, as the provider tolerates that much clock skew. */
  clockTolerance: number;
  /** Provider metadata of a registered client, or undefined. */
  clientMetadata(id: string): Promise<Record<string, unknown> | undefined>;
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

export function adapterFactory(deps: AdapterDeps): (model: string) => Adapter {
  const db = deps.db as Kysely<OidcTables>;
  let lastSweep = 0;

  const sweep = async () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_MS) return;
    lastSweep = now;
    await db.deleteFrom('identity.oidc_payload').where('expires_at', '<', new Date(now)).execute();
  };

  const clients: Adapter = {
    find: async (id) => deps.clientMetadata(id),
    upsert: async () => {
      throw new Error('clients are registered by administrators (API or CLI), not through the provider');
    },
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: async () => undefined,
    destroy: async () => undefined,
    revokeByGrantId: async () => undefined,
  };

  return (model: string): Adapter => {
    if (model === 'Client') return clients;

    const row = (where: 'id' | 'uid' | 'user_code', value: string) =>
      db
        .selectFrom('identity.oidc_payload')
        .select(['payload', 'consumed_at'])
        .where('kind', '=', model)
        .where(where, '=', value)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
        .executeTakeFirst();

    const found = async (where: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> => {
      const r = await row(where, value);
      if (!r) return undefined;
      const payload = r.payload as AdapterPayload;
      return r.consumed_at ? { ...payload, consumed: epoch(r.consumed_at) } : payload;
    };

    return {
      async upsert(id, payload, expiresIn) {
        const expires_at = typeof expiresIn === 'number' ? new Date(Date.now() + (expiresIn + deps.clockTolerance) * 1000) : null;
        const values = {
          payload: JSON.stringify(payload),
          grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
          user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
          uid: typeof payload.uid === 'string' ? payload.uid : null,
          expires_at,
        };
        await db
          .insertInto('identity.oidc_payload')
          .values({ kind: model, id, ...values, consumed_at: null })
          .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(values))
          .execute();
        await sweep();
      },
      find: (id) => found('id', id),
      findByUid: (uid) => found('uid', uid),
      findByUserCode: (userCode) => found('user_code', userCode),
      async consume(id) {
        await db.updateTable('identity.oidc_payload').set({ consumed_at: new Date() }).where('kind', '=', model).where('id', '=', id).execute();
      },
      async destroy(id) {
        await db.deleteFrom('identity.oidc_payload').where('kind', '=', model).where('id', '=', id).execute();
      },
      async revokeByGrantId(grantId) {
        await db.deleteFrom('identity.oidc_payload').where('kind', '=', model).where('grant_id', '=', grantId).execute();
      },
    };
  };
}
