/**
 * Single sign-on: the platform as an OpenID Connect provider (oidc-provider), part of the identity
 * module. identity/index.ts composes it: migrations, init (keys, the machine bearer-token
 * authenticator), routes (/oidc, client administration, the machine API's self-check), and the
 * api the CLI uses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { systemActor, type Actor } from '../../../core/audit.ts';
import type { App, Authentication } from '../../../core/http.ts';
import type { Principal } from '../../../core/permissions.ts';
import type { Platform } from '../../../core/platform.ts';
import type { OrgApi } from '../../org/index.ts';
import { Accounts, staffAccounts } from './accounts.ts';
import { PayloadStore } from './adapter.ts';
import { ClientRegistry, type ClientView } from './clients.ts';
import { KeyStore } from './keys.ts';
import { ssoSignOut, type SsoSignOut } from './logout.ts';
import type { AccountSource, ClientInput } from './model.ts';
import { apiResourceOf, CLOCK_TOLERANCE, clientPrincipal, issuerOf, KEY_RETENTION_SECONDS, OidcRuntime } from './provider.ts';
import { oidcRoutes } from './routes.ts';

export { oidcMigrations } from './schema.ts';
export type { Account, AccountSource } from './model.ts';
export type { SsoSignOut } from './logout.ts';

export interface OidcDeps {
  org: OrgApi;
  /** The platform's session cookie (`sid`). */
  sessionCookie: string;
  /** The platform session behind a session cookie value, or null. */
  platformSession(token: string): Promise<Authentication | null>;
  /** Ends a platform session (audited by its owner). */
  endPlatformSession(actor: Actor, sessionId: string): Promise<void>;
}

export interface OidcApi {
  issuer(): string;
  registerClient(actor: Actor, input: ClientInput & { regionCode: string }): Promise<ClientView & { clientSecret: string }>;
  rotateKeys(actor: Actor): Promise<{ kid: string; retired: string[]; deleted: string[] }>;
  /** Persons (and later kinds) make their accounts known to the provider: `person:<uuid>` ids. */
  addAccountSource(kind: 'staff' | 'person', source: AccountSource): void;
  /** Drops this process's cached copy of an account (a staff member's or a person's id) after it changed. */
  forgetAccount(id: string): void;
  /**
   * The single sign-on session of the browser that sent a platform logout request, when it is the
   * logging-out principal's: to be ended with the platform session (logout.ts).
   */
  signOut(req: IncomingMessage, res: ServerResponse, principal: Principal): Promise<SsoSignOut | null>;
}

export function createOidc(deps: OidcDeps) {
  const accounts = new Accounts();
  /** The HTTP server's logger, once routes are registered. */
  let logger: FastifyBaseLogger | undefined;
  let state: { platform: Platform; keys: KeyStore; store: PayloadStore; clients: ClientRegistry; runtime: OidcRuntime } | undefined;
  const ready = () => {
    if (!state) throw new Error('single sign-on is not initialized');
    return state;
  };

  async function init(p: Platform) {
    accounts.add('staff', staffAccounts(p.db));
    const keys = new KeyStore(p.db, KEY_RETENTION_SECONDS);
    await keys.ensureSigningKey(systemActor('oidc'));
    const clients = new ClientRegistry(p.db, p.config.NODE_ENV !== 'production');
    const store = new PayloadStore(p.db, CLOCK_TOLERANCE);
    const runtime = new OidcRuntime({
      config: p.config,
      db: p.db,
      keys,
      store,
      clients,
      accounts,
      sessionCookie: deps.sessionCookie,
      platformSession: deps.platformSession,
      endPlatformSession: async (token, ip) => {
        const auth = await deps.platformSession(token);
        if (auth?.sessionId) await deps.endPlatformSession({ principal: auth.principal, grant: null, requestId: null, ip }, auth.sessionId);
      },
      log: {
        error: (obj, msg) => (logger ? logger.error(obj, msg) : console.error(msg, obj)),
        warn: (obj, msg) => (logger ? logger.warn(obj, msg) : console.warn(msg, obj)),
      },
    });
    state = { platform: p, keys, store, clients, runtime };

    // Machine clients: a client-credentials access token in `Authorization: Bearer`. The HTTP
    // layer accepts such a principal only on routes declaring `access: { machine: true }`.
    p.authenticators.push(async (req) => {
      const header = req.headers.authorization;
      if (!header || !/^bearer /i.test(header)) return null;
      const provider = await runtime.provider();
      const token = await provider.ClientCredentials.find(header.slice(7).trim());
      if (!token || token.isExpired || token.aud !== apiResourceOf(p.config)) return null;
      const client = await clients.get(token.clientId);
      if (!client) return null;
      const registered = new Set(client.scopes);
      const scopes = (token.scope ?? '').split(' ').filter((s) => registered.has(s));
      return { principal: clientPrincipal(client.clientId, client.name, scopes), csrfToken: null, sessionId: null };
    });
  }

  function routes(app: App, p: Platform) {
    const { runtime, clients, store } = ready();
    logger = app.log;
    oidcRoutes(app, p, { runtime, clients, store, accounts, org: deps.org, sessionCookie: deps.sessionCookie, platformSession: deps.platformSession });
  }

  const api: OidcApi = {
    issuer: () => issuerOf(ready().platform.config),
    registerClient: (actor, input) => {
      if (!deps.org.region(input.regionCode)) throw new Error(`region ${input.regionCode} does not exist`);
      return ready().clients.register(actor, input);
    },
    rotateKeys: async (actor) => {
      const { keys, runtime } = ready();
      const result = await keys.rotate(actor);
      runtime.invalidate();
      return result;
    },
    addAccountSource: (kind, source) => accounts.add(kind, source),
    forgetAccount: (id) => accounts.forget(id),
    signOut: async (req, res, principal) => {
      const { runtime, store } = ready();
      return ssoSignOut(await runtime.provider(), store, req, res, principal);
    },
  };

  return { init, routes, api };
}
