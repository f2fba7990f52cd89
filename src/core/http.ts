import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { Actor } from './audit.ts';
import type { Config } from './config.ts';
import { fieldError, forbidden, notFound, Problem, unauthorized, type FieldError, type Text } from './errors.ts';
import { maskPersonalNumbers } from './mask.ts';
import { authorizingGrant, type Grant, type ParentOf, type Permission, type Principal, type Scope } from './permissions.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * What a route needs. `public`: anyone. `authenticated`: a logged-in principal (of the given kinds). A permission:
 * a grant holding it; with `scope`, a grant whose region subtree (and department) contains the
 * target the scope function names — null from it means the target does not exist (404).
 */
export type Access =
  | { public: true }
  | { authenticated: true; kinds?: Principal['kind'][] }
  | { permission: Permission; scope?: (req: FastifyRequest) => Promise<Scope | null> | Scope | null }
  /**
   * A machine client (client credentials bearer token), holding `scope` if one is named. Only
   * these routes see machine principals, and they see no one else: no session opens them.
   */
  | { machine: true; scope?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The grant that let this request through (recorded in the audit trail as "acting as"). */
    grant: Grant | null;
    csrfToken: string | null;
    sessionId: string | null;
  }
}

export interface Authentication {
  principal: Principal;
  csrfToken: string | null;
  sessionId: string | null;
}
/** Finds the principal of a request (a session cookie, a bearer token …) or returns null. */
export type Authenticator = (req: FastifyRequest) => Promise<Authentication | null>;

export const actorOf = (req: FastifyRequest): Actor => ({
  principal: req.principal,
  grant: req.grant,
  requestId: req.id,
  ip: req.ip,
});

/** `attachment` with an ASCII name for old clients and the UTF-8 one (RFC 6266 / 5987). */
export const attachment = (ascii: string, utf8: string, disposition: 'attachment' | 'inline' = 'attachment') =>
  `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;

/**
 * A stored file as a download (or, `inline`, for the browser's own viewer): its type sniffed from
 * the bytes, never guessed by the browser.
 */
export const sendDownload = (reply: FastifyReply, f: { filename: string; bytes: Buffer; type: string }, inline = false) =>
  reply
    .type(f.type)
    .header('content-disposition', attachment(f.filename.replace(/[^\x20-\x7e]|["\\]/g, '_'), f.filename, inline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .send(f.bytes);

/** 20971520 → "20 MB", 2048 → "2 KB". */
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

/** The one file of a multipart upload, or a problem naming the field: nothing sent, or larger than `maxBytes`. */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ data: Buffer; filename: string }> {
  const file = await req.file();
  if (!file) throw fieldError('file', 'required', '请选择要上传的文件', 'choose a file to upload');
  const data = await file.toBuffer().catch((e: { code?: string }) => {
    if (e.code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
    throw new Problem(413, 'too-large', { zh: `文件不能超过 ${sizeText(maxBytes)}`, en: `files are limited to ${sizeText(maxBytes)}` }, [
      { field: 'file', rule: 'maxSize', message: { zh: `文件过大（上限 ${sizeText(maxBytes)}）`, en: `is larger than ${sizeText(maxBytes)}` } },
    ]);
  });
  return { data, filename: file.filename };
}

export type Lang = 'zh' | 'en';
export const langOf = (req: FastifyRequest): Lang =>
  /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpDeps {
  config: Config;
  parentOf: ParentOf;
  authenticators: Authenticator[];
  ready: () => Promise<boolean>;
  /** The built web app, served with an index.html fallback for its client-side routes. */
  webRoot: string | null;
}

/** Every API route in declaration order, with what it needs (the permission test walks this). */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export function createHttp(deps: HttpDeps): { app: App; routes: RouteInfo[] } {
  const { config } = deps;
  const app = Fastify({
    trustProxy: config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: maskPersonalNumbers(req.url),
                remoteAddress: req.ip,
              }),
            },
          },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: RouteInfo[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('grant', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, access: { public: true } };
    }
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    // Fastify's automatic HEAD twin of a GET route is not listed, but it gets the same guards.
    if (route.method !== 'HEAD') for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    // Who may call at all is settled before validation (after the root-level authentication
    // below), so an anonymous or unprivileged caller learns nothing from validation errors; the
    // target's region is checked after validation, on well-formed input.
    const { caller, target } = guardsFor(access, deps.parentOf);
    route.preValidation = [caller, ...(route.preValidation ? [route.preValidation].flat() : [])];
    if (target) route.preHandler = [target, ...(route.preHandler ? [route.preHandler].flat() : [])];
  });

  // preValidation, not onRequest: the cookie plugin parses cookies in its own onRequest hook.
  app.addHook('preValidation', async (req) => {
    // A machine client's bearer token counts only on routes made for machines, a session only
    // on the others.
    const machineRoute = 'machine' in (req.routeOptions.config.access ?? {});
    for (const authenticate of deps.authenticators) {
      const found = await authenticate(req);
      if (found && (found.principal.kind === 'machine') === machineRoute) {
        req.principal = found.principal;
        req.csrfToken = found.csrfToken;
        req.sessionId = found.sessionId;
        break;
      }
    }
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.setErrorHandler((err: FastifyError | Problem, req, reply) => sendProblem(req, reply, toProblem(err, req)));
  app.setNotFoundHandler((req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (deps.webRoot && wantsPage) return reply.sendFile('index.html');
    return sendProblem(req, reply, notFound('路径', 'route'));
  });
  if (deps.webRoot) app.register(fastifyStatic, { root: deps.webRoot, wildcard: false, index: 'index.html' });

  app.register(cookie);
  app.register(multipart, { limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5 } });
  app.register(swagger, {
    openapi: {
      info: { title: '湖北政务服务平台 API / Hubei government services platform API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          bearer: { type: 'http', scheme: 'bearer', description: 'client-credentials access token of a machine client (/oidc/token)' },
        },
      },
    },
  });
  app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await deps.ready().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });

  return { app: app as App, routes };
}

function guardsFor(access: Access, parentOf: ParentOf) {
  const caller = async (req: FastifyRequest, reply: FastifyReply) => {
    if ('public' in access) return;
    if ('machine' in access) {
      // No CSRF check: browsers never send a bearer token on their own.
      if (req.principal?.kind !== 'machine') {
        reply.header('www-authenticate', req.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer');
        throw new Problem(401, 'unauthorized', { zh: '需要机器客户端的访问令牌（Authorization: Bearer）', en: 'needs a machine client’s access token (Authorization: Bearer)' });
      }
      if (access.scope && !req.principal.scopes.includes(access.scope)) {
        reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${access.scope}"`);
        throw forbidden({ zh: `令牌缺少权限范围 ${access.scope}`, en: `the token lacks the scope ${access.scope}` });
      }
      return;
    }
    if (!req.principal) throw unauthorized();
    if (STATE_CHANGING.has(req.method) && (!req.csrfToken || req.headers['x-csrf-token'] !== req.csrfToken)) {
      throw forbidden({ zh: '请求缺少有效的防伪令牌，请刷新页面', en: 'missing or wrong CSRF token; reload the page' });
    }
    if ('authenticated' in access) {
      if (access.kinds && !access.kinds.includes(req.principal.kind)) throw forbidden();
      return;
    }
    if (req.principal.pending === 'password-change') {
      throw new Problem(403, 'password-change-required', { zh: '请先修改密码', en: 'change your password first' });
    }
    if (req.principal.pending === 'mfa-enrolment') {
      throw new Problem(403, 'mfa-enrolment-required', { zh: '请先绑定身份验证器（二次验证）', en: 'enrol an authenticator app (second factor) first' });
    }
    const any = authorizingGrant(req.principal.grants, access.permission, undefined, parentOf);
    if (!any) throw forbidden();
    req.grant = any;
  };
  if (!('permission' in access) || !access.scope) return { caller, target: undefined };
  const { permission, scope: scopeOf } = access;
  const target = async (req: FastifyRequest) => {
    const scope = await scopeOf(req);
    if (!scope) throw notFound('对象', 'target');
    const grant = authorizingGrant(req.principal!.grants, permission, scope, parentOf);
    if (!grant) throw forbidden({ zh: '该对象不在您的管辖范围内', en: 'this target is outside your region or department' });
    req.grant = grant;
  };
  return { caller, target };
}

const RULE_TEXT: Record<string, (p: Record<string, unknown>) => Text> = {
  required: () => ({ zh: '必须填写', en: 'is required' }),
  minLength: (p) => ({ zh: `至少 ${String(p.limit)} 个字符`, en: `must have at least ${String(p.limit)} characters` }),
  maxLength: (p) => ({ zh: `最多 ${String(p.limit)} 个字符`, en: `must have at most ${String(p.limit)} characters` }),
  pattern: () => ({ zh: '格式不正确', en: 'has the wrong format' }),
  format: (p) => ({ zh: `不是有效的 ${String(p.format)}`, en: `is not a valid ${String(p.format)}` }),
  type: (p) => ({ zh: `类型应为 ${String(p.type)}`, en: `must be of type ${String(p.type)}` }),
  minimum: (p) => ({ zh: `不能小于 ${String(p.limit)}`, en: `must be at least ${String(p.limit)}` }),
  maximum: (p) => ({ zh: `不能大于 ${String(p.limit)}`, en: `must be at most ${String(p.limit)}` }),
  enum: (p) => ({
    zh: `只能是 ${(p.allowedValues as unknown[]).join('、')} 之一`,
    en: `must be one of ${(p.allowedValues as unknown[]).join(', ')}`,
  }),
  const: (p) => ({ zh: `只能是 ${String(p.allowedValue)}`, en: `must be ${String(p.allowedValue)}` }),
  additionalProperties: (p) => ({
    zh: `不允许的字段 ${String(p.additionalProperty)}`,
    en: `unknown field ${String(p.additionalProperty)}`,
  }),
};

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  return validation
    .filter((v) => !['anyOf', 'oneOf', 'if'].includes(v.keyword))
    .map((v) => {
      const path = v.instancePath.replace(/^\//, '');
      const field =
        v.keyword === 'required' ? [path, String(v.params.missingProperty)].filter(Boolean).join('/') : path || (context ?? '');
      const text = RULE_TEXT[v.keyword]?.(v.params) ?? { zh: v.message ?? '无效', en: v.message ?? 'is invalid' };
      return { field, rule: v.keyword, message: text };
    });
}

function toProblem(err: FastifyError | Problem, req: FastifyRequest): Problem {
  if (err instanceof Problem) return err;
  if (err.validation) {
    const errors = fieldErrors(err.validation as AjvError[], err.validationContext);
    return new Problem(
      400,
      'validation',
      {
        zh: errors.map((e) => `${e.field}：${e.message.zh}`).join('；'),
        en: errors.map((e) => `${e.field}: ${e.message.en}`).join('; '),
      },
      errors,
    );
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new Problem(status, err.code?.toLowerCase() ?? 'bad-request', { zh: err.message, en: err.message });
  }
  req.log.error({ err }, 'unhandled error');
  return new Problem(500, 'internal', {
    zh: `服务器内部错误，请稍后重试（请求编号 ${req.id}）`,
    en: `internal error; try again later (request ${req.id})`,
  });
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, p: Problem) {
  const lang = langOf(req);
  if ((p.status === 429 || p.status === 423) && typeof p.extra.retryAfter === 'number') reply.header('retry-after', String(p.extra.retryAfter));
  return reply
    .code(p.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `/problems/${p.code}`,
      title: p.text[lang],
      status: p.status,
      instance: maskPersonalNumbers(req.url),
      requestId: req.id,
      ...(p.errors.length ? { errors: p.errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message[lang] })) } : {}),
      ...p.extra,
    });
}
