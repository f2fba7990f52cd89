/**
 * The oidc-provider configuration: storage in the database (adapter.ts), keys from the database
 * (keys.ts), clients from the registry (clients.ts), the platform's accounts and claims, its own
 * login (the web app's page, through interactions), pages in Chinese and English, back-channel
 * logout, client credentials.
 *
 * The provider is rebuilt when the published key set changes (a rotation here or in another
 * server copy, or a retired key reaching the end of its retention): everything else it needs is
 * in the database, so a rebuilt provider carries on where the last one stopped.
 */
import type { Kysely } from 'kysely';
import type * as OidcProviderExports from 'oidc-provider';
import type { Account as ProviderAccount, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { auditedTx, type Actor } from '../../../core/audit.ts';
import type { Config } from '../../../core/config.ts';
import type { Authentication } from '../../../core/http.ts';
import type { Principal } from '../../../core/permissions.ts';
import { accountIdFor, type Accounts } from './accounts.ts';
import type { PayloadStore } from './adapter.ts';
import { secretMatches, type ClientRegistry } from './clients.ts';
import type { KeyStore, PrivateJwk } from './keys.ts';
import { claimsFor, OIDC_SCOPE_NAMES, pairwiseSub, SCOPE_CLAIMS, subjectOf } from './model.ts';
import { errorPage, loggedOutPage, logoutPage, pageLang } from './pages.ts';

/** Lifetimes, in seconds. */
export const TTL = {
  AuthorizationCode: 60,
  AccessToken: 3600,
  ClientCredentials: 3600,
  IdToken: 3600,
  RefreshToken: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
  Interaction: 30 * 60,
};
export const CLOCK_TOLERANCE = 15;
/** A retired key stays published this long: the longest-lived thing it signed is an ID token. */
export const KEY_RETENTION_SECONDS = TTL.IdToken + CLOCK_TOLERANCE + 5 * 60;
/** How often a server copy looks for keys rotated by another copy (or the CLI). */
const KEY_CHECK_MS = 60_000;

export const MOUNT = '/oidc';

export interface ProviderDeps {
  config: Config;
  db: Kysely<unknown>;
  keys: KeyStore;
  store: PayloadStore;
  clients: ClientRegistry;
  accounts: Accounts;
  /** The platform's session cookie name (`sid`). */
  sessionCookie: string;
  /** The platform session behind a session cookie value, or null. */
  platformSession(token: string): Promise<Authentication | null>;
  /** Ends the platform session of a session cookie value (signing out everywhere). */
  endPlatformSession(token: string, ip: string): Promise<void>;
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** The issuer: the platform's public URL and the mount path. */
export const issuerOf = (config: Config) => `${config.PUBLIC_URL}${MOUNT}`;
/** The resource indicator (audience) of machine clients' tokens: the platform's API. */
export const apiResourceOf = (config: Config) => `${config.PUBLIC_URL}/api`;

/** A registered client acting on its own behalf, as audit entries and machine routes see it. */
export const clientPrincipal = (clientId: string, name: string | undefined, scopes: string[] = []): Principal => ({
  kind: 'machine',
  id: `client:${clientId}`,
  name: name ?? clientId,
  grants: [],
  scopes,
});

type OidcProviderModule = typeof OidcProviderExports;
let loaded: Promise<OidcProviderModule> | undefined;
/**
 * oidc-provider warns at import that it wants Node 22; the platform runs on Node 20.19+, where
 * its whole flow runs (../shared/docs/STACK.md). That one line would land in every CLI command's
 * error output, so it is held back; every other warning passes.
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}

const langOf = (ctx: KoaContextWithOIDC) => pageLang(ctx.oidc?.params?.ui_locales, ctx.get('accept-language'));

async function buildProvider(deps: ProviderDeps, jwks: PrivateJwk[]): Promise<Provider> {
  const { default: Provider, interactionPolicy, errors } = await loadOidcProvider();
  const { config, db, accounts, clients, keys, store } = deps;
  const [cookieKey, pairwiseSalt] = await Promise.all([keys.secret('cookie_key'), keys.secret('pairwise_salt')]);

  const platformAccount = async (ctx: KoaContextWithOIDC) => {
    const token = ctx.cookies.get(deps.sessionCookie, { signed: false });
    const auth = token ? await deps.platformSession(token) : null;
    return auth ? accountIdFor(auth.principal) : null;
  };

  // Login is required again when the platform session has ended (signed out of the web app) or
  // is someone else's: the provider's own session never outlives the platform's.
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('platform_session', 'the platform session ended or belongs to another account', async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const current = await platformAccount(ctx);
      return current !== null && subjectOf(current) === subjectOf(accountId) ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  const sameClient = async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId;

  const configuration: Record<string, unknown> = {
    adapter: store.adapterFactory((id) => clients.metadata(id)),
    jwks: { keys: jwks },
    clockTolerance: CLOCK_TOLERANCE,
    cookies: {
      names: { session: 'oidc_session', interaction: 'oidc_interaction', resume: 'oidc_resume' },
      keys: [cookieKey],
      // The session cookie goes to the whole site: the platform's own logout (logout.ts) ends the
      // browser's provider session with it.
      long: { httpOnly: true, sameSite: 'lax', path: '/' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: OIDC_SCOPE_NAMES,
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      iss: null,
      ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).filter(([, claims]) => claims.length)),
    },
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: async (_ctx: unknown, accountId: string, client: { clientId: string }) => pairwiseSub(pairwiseSalt, client.clientId, accountId),
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    clientBasedCORS: () => false,
    // Refresh tokens for every relying party: without offline_access they end with the
    // single sign-on session (signing out ends them), with it they last TTL.RefreshToken.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    ttl: { ...TTL, Session: config.SESSION_HOURS * 3600 },
    discovery: { ui_locales_supported: ['zh-CN', 'en'], claim_types_supported: ['normal'] },
    features: {
      devInteractions: { enabled: false },
      // Sender-constrained tokens would need proof checks at every API route; not offered.
      dPoP: { enabled: false },
      // The platform's API is the one resource server: client-credentials tokens are issued for
      // it (opaque, looked up in the database by the API), holding the requested scopes that
      // the machine client is registered for. Relying parties' tokens stay userinfo tokens.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string[]) =>
          ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials' ? apiResourceOf(config) : oneOf,
        useGrantedResource: async () => false,
        getResourceServerInfo: async (_ctx: unknown, resource: string, client: { clientId: string }) => {
          const registered = resource === apiResourceOf(config) ? await clients.get(client.clientId) : null;
          if (registered?.grant !== 'client_credentials') throw new errors.InvalidTarget();
          return { scope: registered.scopes.join(' '), audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: TTL.ClientCredentials };
        },
      },
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      introspection: { enabled: true, allowedPolicy: sameClient },
      revocation: { enabled: true, allowedPolicy: sameClient },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(langOf(ctx), ctx.oidc.client?.clientName, form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(langOf(ctx));
        },
      },
    },
    interactions: {
      policy,
      url: async (_ctx: unknown, interaction: { uid: string }) => `${MOUNT}/interaction/${interaction.uid}`,
    },
    renderError: async (ctx: KoaContextWithOIDC, out: Record<string, string | undefined>) => {
      ctx.type = 'html';
      ctx.body = errorPage(langOf(ctx), { error: out.error, error_description: out.error_description });
    },
    findAccount: async (ctx: KoaContextWithOIDC, accountId: string): Promise<ProviderAccount | undefined> => {
      const account = await accounts.find(accountId);
      if (!account) return undefined;
      return {
        accountId,
        claims: (use, scope) =>
          claimsFor(accountId, account, new Set(scope.split(' ')), async (claim) => {
            const client = ctx.oidc.client;
            const actor: Actor = {
              principal: clientPrincipal(client?.clientId ?? 'unknown', client?.clientName),
              grant: null,
              requestId: ctx.get('x-request-id') || null,
              ip: ctx.ip,
            };
            await auditedTx(db, actor, async () => ({
              result: undefined,
              change: { action: 'oidc.claim_release', targetType: account.kind, targetId: account.id, detail: { claim, use, clientId: client?.clientId ?? null } },
            }));
          }),
      };
    },
    // Back-channel logout goes to department systems, which live on private networks that
    // oidc-provider's SSRF guard refuses. Only administrators register those addresses.
    fetch: (url: string, options: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _guard, ...rest } = options;
      return fetch(url, rest);
    },
  };

  const provider = new Provider(issuerOf(config), configuration);
  provider.proxy = config.TRUST_PROXY;
  // Stored client secrets are hashes (clients.ts): compare the presented secret's hash.
  const clientModel = provider.Client as unknown as { prototype: { clientSecret?: string; compareClientSecret(actual: string): Promise<boolean> } };
  clientModel.prototype.compareClientSecret = async function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return typeof this.clientSecret === 'string' && typeof actual === 'string' && secretMatches(this.clientSecret, actual);
  };

  // The headers the platform's other answers carry (Fastify's hooks do not see this app's).
  provider.use(async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('x-frame-options', 'DENY');
    ctx.set('referrer-policy', 'same-origin');
    await next();
  });

  // "Sign out everywhere" at the provider also ends the platform session and its cookie.
  provider.on('end_session.success', (...args) => {
    const ctx = args[0] as KoaContextWithOIDC;
    if (ctx.oidc.params?.logout) ctx.state.platformLogout = true;
  });
  provider.use(async (ctx, next) => {
    await next();
    if (!ctx.state.platformLogout) return;
    const token = ctx.cookies.get(deps.sessionCookie, { signed: false });
    if (token) await deps.endPlatformSession(token, ctx.ip);
    ctx.cookies.set(deps.sessionCookie, null, { signed: false, path: '/', httpOnly: true, sameSite: 'strict' });
  });

  provider.on('server_error', (...args) => deps.log.error({ err: args[1] }, 'oidc provider error'));
  provider.on('backchannel.error', (...args) => {
    const client = args[2] as { clientId?: string } | undefined;
    deps.log.warn({ err: args[1], clientId: client?.clientId }, 'back-channel logout delivery failed');
  });
  return provider;
}

/** The current provider, rebuilt when the published keys change. */
export class OidcRuntime {
  #provider: Provider | undefined;
  #fingerprint = '';
  #checkedAt = 0;
  #refreshing: Promise<Provider> | undefined;

  constructor(private readonly deps: ProviderDeps) {}

  async provider(): Promise<Provider> {
    if (this.#provider && Date.now() - this.#checkedAt < KEY_CHECK_MS) return this.#provider;
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /** After a rotation in this process: the next request loads the new keys. */
  invalidate() {
    this.#checkedAt = 0;
  }

  async #refresh(): Promise<Provider> {
    const keys = await this.deps.keys.published();
    const fingerprint = keys.map((k) => k.kid).join(' ');
    if (!this.#provider || fingerprint !== this.#fingerprint) {
      this.#provider = await buildProvider(this.deps, keys);
      this.#fingerprint = fingerprint;
    }
    this.#checkedAt = Date.now();
    return this.#provider;
  }
}
