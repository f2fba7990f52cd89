/**
 * HTTP: the provider mounted at /oidc (a Koa app, handed the raw request), the interaction page
 * that turns a platform session into a provider login, the client administration API and the
 * machine API's self-check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionDetails, InteractionResults, Provider } from 'oidc-provider';
import { Type } from 'typebox';
import { auditedTx } from '../../../core/audit.ts';
import { fieldError } from '../../../core/errors.ts';
import { actorOf, type App } from '../../../core/http.ts';
import type { Platform } from '../../../core/platform.ts';
import { Nullable, RegionCode } from '../../../core/schemas.ts';
import type { OrgApi } from '../../org/index.ts';
import { accountIdFor, type Accounts } from './accounts.ts';
import type { PayloadStore } from './adapter.ts';
import { PersonApplications } from './applications.ts';
import type { ClientRegistry } from './clients.ts';
import { grantedScopes, MACHINE_SCOPE_PATTERN } from './model.ts';
import { errorPage, pageLang } from './pages.ts';
import { MOUNT, type OidcRuntime, type ProviderDeps } from './provider.ts';

const tags = ['single sign-on'];
/** The web app's page where a visitor sent to sign in chooses the kind of account (person or staff). */
const SIGN_IN_PAGE = '/login/choose';
const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No Content' });
const UriList = Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 });

const Grant = Type.Union([Type.Literal('authorization_code'), Type.Literal('client_credentials')]);
const ClientFields = {
  clientId: Type.String(),
  name: Type.String(),
  grant: Grant,
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  backchannelLogoutUri: Nullable(Type.String()),
  scopes: Type.Array(Type.String()),
  regionCode: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
};
const Client = Type.Object(ClientFields);

export interface OidcRouteDeps {
  runtime: OidcRuntime;
  clients: ClientRegistry;
  store: PayloadStore;
  accounts: Accounts;
  org: OrgApi;
  sessionCookie: string;
  platformSession: ProviderDeps['platformSession'];
}

const callbacks = new WeakMap<Provider, ReturnType<Provider['callback']>>();
const koaHandler = (provider: Provider) => {
  let handler = callbacks.get(provider);
  if (!handler) callbacks.set(provider, (handler = provider.callback()));
  return handler;
};

export function oidcRoutes(app: App, p: Platform, deps: OidcRouteDeps) {
  const { runtime, clients, accounts, org } = deps;

  const htmlError = (req: FastifyRequest, reply: FastifyReply, status: number, error: string, description: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(errorPage(pageLang(undefined, req.headers['accept-language']), { error, error_description: description }));

  // The provider: every path under /oidc except the interaction page below. It reads the body
  // itself, so the request is handed over before Fastify parses anything.
  app.route({
    method: ['GET', 'POST', 'OPTIONS'],
    url: `${MOUNT}/*`,
    schema: { hide: true },
    onRequest: async (req, reply) => {
      reply.hijack();
      const raw = req.raw as IncomingMessage & { originalUrl?: string };
      const res: ServerResponse = reply.raw;
      try {
        const provider = await runtime.provider();
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice(MOUNT.length) || '/';
        await koaHandler(provider)(raw, res);
      } catch (err) {
        req.log.error({ err }, 'oidc provider unavailable');
        if (!res.headersSent) {
          res.statusCode = 503;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        res.end('single sign-on is unavailable; try again later');
      }
    },
    handler: async () => undefined,
  });

  // Login and consent. With a platform session the login finishes at once (this is the single
  // sign-on: the second client sees no credential prompt) and the registered client's scopes are
  // granted without a consent screen (every client is registered by an administrator). Without
  // one, the web app's sign-in page comes first: the visitor chooses a person's (citizens and
  // enterprises) or a staff login, and that login page sends the browser back here. The sign-in
  // page also finds a session this request did not carry (SameSite=Strict after another site).
  app.get(`${MOUNT}/interaction/:uid`, { schema: { hide: true, params: Type.Object({ uid: Type.String({ maxLength: 100 }) }) } }, async (req, reply) => {
    const provider = await runtime.provider();
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req.raw, reply.raw);
    } catch {
      return htmlError(req, reply, 400, 'session_not_found', 'the sign-in request has expired or was opened in another browser');
    }
    if (details.uid !== req.params.uid) return htmlError(req, reply, 400, 'session_not_found', 'the sign-in request does not match this browser');

    const here = `${MOUNT}/interaction/${details.uid}`;
    const token = req.cookies[deps.sessionCookie];
    const auth = token ? await deps.platformSession(token) : null;
    const accountId = auth && !auth.principal.pending ? accountIdFor(auth.principal) : null;
    const account = accountId ? await accounts.find(accountId) : null;
    if (!auth || !accountId || !account) return reply.redirect(`${SIGN_IN_PAGE}?next=${encodeURIComponent(here)}`, 303);

    const client = await provider.Client.find(details.params.client_id);
    if (!client) return htmlError(req, reply, 400, 'invalid_client', 'the client is no longer registered');

    const result: InteractionResults = {};
    if (details.prompt.name === 'login' || details.session?.accountId !== accountId) {
      result.login = { accountId, ...(auth.principal.kind === 'staff' ? { amr: ['pwd'] } : {}) };
    }
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    if (!grant || grant.accountId !== accountId || grant.clientId !== client.clientId) grant = new provider.Grant({ accountId, clientId: client.clientId });
    const scopes = grantedScopes(details.params.scope, client.scope);
    if (scopes.length) grant.addOIDCScope(scopes.join(' '));
    result.consent = { grantId: await grant.save() };

    const returnTo = await provider.interactionResult(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    await auditedTx(p.db, { ...actorOf(req), principal: auth.principal }, async () => ({
      result: undefined,
      change: { action: 'oidc.sso_login', targetType: 'oidc_client', targetId: client.clientId, detail: { accountId, scopes } },
    }));
    return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
  });

  const regionOf = (regionCode: string) => {
    if (!org.region(regionCode)) throw fieldError('regionCode', 'exists', '行政区划不存在', 'no such region');
    return { regionCode };
  };

  app.get('/api/oidc/clients', {
    config: { access: { permission: 'client:manage', scope: (req) => (org.region((req.query as { regionCode: string }).regionCode) ? { regionCode: (req.query as { regionCode: string }).regionCode } : null) } },
    schema: {
      tags,
      summary: '单点登录与机器客户端（本区划及下级） / single sign-on and machine clients of a region and below',
      querystring: Type.Object({ regionCode: RegionCode }),
      response: { 200: Type.Object({ items: Type.Array(Client) }) },
    },
    handler: async (req) => ({ items: await clients.list(org.subtree(req.query.regionCode)) }),
  });

  app.post('/api/oidc/clients', {
    config: { access: { permission: 'client:manage', scope: (req) => regionOf((req.body as { regionCode: string }).regionCode) } },
    schema: {
      tags,
      summary: '注册客户端，密钥只显示这一次 / register a client; its secret is shown this once',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 60 }),
        grant: Grant,
        regionCode: RegionCode,
        redirectUris: Type.Optional(UriList),
        postLogoutRedirectUris: Type.Optional(UriList),
        backchannelLogoutUri: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
        scopes: Type.Optional(Type.Array(Type.String({ pattern: MACHINE_SCOPE_PATTERN }), { maxItems: 20 })),
      }),
      response: { 201: Type.Object({ ...ClientFields, clientSecret: Type.String({ description: 'shown this once; only its hash is kept' }) }) },
    },
    handler: async (req, reply) => reply.code(201).header('cache-control', 'no-store').send(await clients.register(actorOf(req), req.body)),
  });

  app.delete('/api/oidc/clients/:id', {
    config: {
      access: {
        permission: 'client:manage',
        scope: async (req) => {
          const c = await clients.get((req.params as { id: string }).id);
          return c ? { regionCode: c.regionCode } : null;
        },
      },
    },
    schema: { tags, summary: '删除客户端，其令牌随即失效 / remove a client; its tokens stop working at once', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await clients.remove(actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  });

  const applications = new PersonApplications(p.db, deps.store);

  app.get('/api/persons/me/applications', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '我已授权的应用（单点登录客户端） / applications I have authorized (single sign-on clients)',
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ clientId: Type.String(), clientName: Type.String(), scopes: Type.Array(Type.String()), grantedAt: Type.String({ format: 'date-time' }) })),
        }),
      },
    },
    handler: async (req, reply) => reply.header('cache-control', 'no-store').send({ items: await applications.list(req.principal!.id) }),
  });

  app.delete('/api/persons/me/applications/:clientId', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '撤销对应用的授权，其令牌随即失效 / revoke an application’s authorization; its tokens stop working at once',
      params: Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 100 }) }),
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      await applications.revoke(actorOf(req), req.principal!.id, req.params.clientId);
      return reply.code(204).send();
    },
  });

  app.get('/api/machine/whoami', {
    config: { access: { machine: true } },
    schema: {
      tags,
      summary: '机器客户端自检：持客户端凭证令牌调用 / machine clients: who the bearer token (client credentials) says you are',
      security: [{ bearer: [] }],
      response: { 200: Type.Object({ clientId: Type.String(), name: Type.String(), scopes: Type.Array(Type.String()) }) },
    },
    handler: async (req) => {
      const principal = req.principal!;
      return { clientId: principal.id.replace(/^client:/, ''), name: principal.name, scopes: principal.kind === 'machine' ? principal.scopes : [] };
    },
  });

}
