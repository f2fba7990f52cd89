/**
 * Registered OpenID Connect clients (identity.oidc_client): relying parties (authorization code
 * with PKCE) and machine clients (client credentials). A secret is generated at registration,
 * returned once, and stored as its SHA-256 (it is 256 random bits, so a slow hash adds nothing).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { auditedTx, type Actor } from '../../../core/audit.ts';
import { invalid } from '../../../core/errors.ts';
import { checkClient, clientMetadata, type ClientInput, type GrantKind } from './model.ts';
import type { OidcClientTable, OidcTables } from './schema.ts';

export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(secretHash(presented), 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export interface ClientView {
  clientId: string;
  name: string;
  grant: GrantKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  scopes: string[];
  regionCode: string;
  createdAt: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function view(r: Selectable<OidcClientTable>): ClientView {
  return {
    clientId: r.id,
    name: r.name,
    grant: r.grant_type,
    redirectUris: strings(r.redirect_uris),
    postLogoutRedirectUris: strings(r.post_logout_redirect_uris),
    backchannelLogoutUri: r.backchannel_logout_uri,
    scopes: strings(r.scopes),
    regionCode: r.region_code,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const ROW_CACHE_MS = 5_000;

export class ClientRegistry {
  constructor(
    private readonly database: Kysely<unknown>,
    /** http redirect URIs are accepted outside production (and on loopback addresses always). */
    private readonly allowHttp: boolean,
  ) {}

  private get db() {
    return this.database as Kysely<OidcTables>;
  }

  /**
   * Clients are read for every token: each (its view and the provider's metadata) is held for
   * ROW_CACHE_MS. Removing a client clears this process's copy at once; other server copies see it
   * within ROW_CACHE_MS. Callers do not change what they are given.
   */
  readonly #rows = new Map<string, { view: ClientView; metadata: Record<string, unknown>; at: number }>();

  private async cached(id: string) {
    const hit = this.#rows.get(id);
    if (hit && Date.now() - hit.at < ROW_CACHE_MS) return hit;
    const r = await this.db.selectFrom('identity.oidc_client').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) {
      this.#rows.delete(id);
      return undefined;
    }
    const v = view(r);
    const entry = {
      view: v,
      metadata: clientMetadata({ id: v.clientId, secretHash: r.secret_hash, name: v.name, grant: v.grant, redirectUris: v.redirectUris, postLogoutRedirectUris: v.postLogoutRedirectUris, backchannelLogoutUri: v.backchannelLogoutUri, scopes: v.scopes }),
      at: Date.now(),
    };
    this.#rows.set(id, entry);
    return entry;
  }

  async register(actor: Actor, input: ClientInput & { regionCode: string }): Promise<ClientView & { clientSecret: string }> {
    const checked = checkClient(input, this.allowHttp);
    if (!checked.ok) throw invalid(checked.problems.map((p) => ({ field: p.field, rule: p.rule, message: { zh: p.zh, en: p.en } })));
    const c = checked.client;
    const id = randomUUID();
    const clientSecret = randomBytes(32).toString('base64url');
    const row = await auditedTx(this.database, actor, async (tx) => {
      const inserted = await (tx as unknown as Kysely<OidcTables>)
        .insertInto('identity.oidc_client')
        .values({
          id,
          name: c.name,
          grant_type: c.grant,
          secret_hash: secretHash(clientSecret),
          redirect_uris: JSON.stringify(c.redirectUris),
          post_logout_redirect_uris: JSON.stringify(c.postLogoutRedirectUris),
          backchannel_logout_uri: c.backchannelLogoutUri,
          scopes: JSON.stringify(c.scopes),
          region_code: input.regionCode,
          created_by: actor.principal?.id ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = view(inserted);
      return { result: inserted, change: { action: 'oidc.client_register', targetType: 'oidc_client', targetId: id, regionCode: input.regionCode, after } };
    });
    return { ...view(row), clientSecret };
  }

  async list(regionCodes: string[]): Promise<ClientView[]> {
    if (!regionCodes.length) return [];
    const rows = await this.db.selectFrom('identity.oidc_client').selectAll().where('region_code', 'in', regionCodes).orderBy('created_at', 'desc').execute();
    return rows.map(view);
  }

  async get(id: string): Promise<ClientView | null> {
    return (await this.cached(id))?.view ?? null;
  }

  /** Removes a client: its tokens stop working at once, as the provider no longer finds it. */
  async remove(actor: Actor, id: string): Promise<void> {
    await auditedTx(this.database, actor, async (tx) => {
      const t = tx as unknown as Kysely<OidcTables>;
      const r = await t.deleteFrom('identity.oidc_client').where('id', '=', id).returningAll().executeTakeFirst();
      const before = r ? view(r) : null;
      return { result: undefined, change: { action: 'oidc.client_delete', targetType: 'oidc_client', targetId: id, regionCode: r?.region_code ?? null, before } };
    });
    this.#rows.delete(id);
  }

  /** What the provider's client adapter returns for a client id. */
  async metadata(id: string): Promise<Record<string, unknown> | undefined> {
    return (await this.cached(id))?.metadata;
  }
}
