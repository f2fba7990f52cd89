/**
 * A person's authorized applications: the relying parties holding a grant (oidc-provider's Grant
 * model, stored in identity.oidc_payload) for one of the person's provider accounts
 * (`person:<uuid>`, or `person:<uuid>@<creditCode>` while acting for an enterprise), and revoking
 * one: its grants and every artefact issued under them (codes, access and refresh tokens) go at once.
 */
import { sql, type Kysely } from 'kysely';
import { auditedTx, type Actor } from '../../../core/audit.ts';
import type { PayloadStore } from './adapter.ts';
import type { OidcTables } from './schema.ts';

export interface ApplicationView {
  clientId: string;
  clientName: string;
  scopes: string[];
  grantedAt: string;
}

interface GrantPayload {
  accountId?: unknown;
  clientId?: unknown;
  iat?: unknown;
  openid?: { scope?: unknown };
}

export class PersonApplications {
  constructor(
    private readonly database: Kysely<unknown>,
    private readonly store: PayloadStore,
  ) {}

  private get db() {
    return this.database as Kysely<OidcTables>;
  }

  /** The person's live grants: id and payload. */
  private async grants(db: Kysely<OidcTables>, personId: string, clientId?: string) {
    const account = `person:${personId}`;
    let q = db
      .selectFrom('identity.oidc_payload')
      .select(['id', 'payload'])
      .where('kind', '=', 'Grant')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .where((eb) =>
        eb.or([
          eb(sql<string>`payload->>'accountId'`, '=', account),
          // '@' is not special in LIKE; the uuid holds no % or _.
          eb(sql<string>`payload->>'accountId'`, 'like', `${account}@%`),
        ]),
      );
    if (clientId !== undefined) q = q.where(sql<string>`payload->>'clientId'`, '=', clientId);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, payload: r.payload as GrantPayload }));
  }

  async list(personId: string): Promise<ApplicationView[]> {
    const grants = await this.grants(this.db, personId);
    const byClient = new Map<string, { scopes: Set<string>; iat: number }>();
    for (const { payload } of grants) {
      if (typeof payload.clientId !== 'string') continue;
      const entry = byClient.get(payload.clientId) ?? { scopes: new Set<string>(), iat: 0 };
      const scope = typeof payload.openid?.scope === 'string' ? payload.openid.scope : '';
      for (const s of scope.split(' ')) if (s) entry.scopes.add(s);
      entry.iat = Math.max(entry.iat, typeof payload.iat === 'number' ? payload.iat : 0);
      byClient.set(payload.clientId, entry);
    }
    if (!byClient.size) return [];
    const clients = await this.db.selectFrom('identity.oidc_client').select(['id', 'name']).where('id', 'in', [...byClient.keys()]).execute();
    const names = new Map(clients.map((c) => [c.id, c.name]));
    return [...byClient.entries()]
      .filter(([id]) => names.has(id))
      .map(([clientId, e]) => ({ clientId, clientName: names.get(clientId)!, scopes: [...e.scopes].sort(), grantedAt: new Date(e.iat * 1000).toISOString() }))
      .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt));
  }

  /** Revokes the client's grants for the person and everything issued under them; audited when there was any. */
  async revoke(actor: Actor, personId: string, clientId: string): Promise<void> {
    const grants = await this.grants(this.db, personId, clientId);
    if (!grants.length) return;
    const ids = grants.map((g) => g.id);
    await auditedTx(this.database, actor, async (tx) => {
      await this.store.revokeGrants(tx, ids);
      return { result: undefined, change: { action: 'oidc.grant_revoke', targetType: 'oidc_client', targetId: clientId, detail: { personId, grants: ids.length } } };
    });
  }
}
