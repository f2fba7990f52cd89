import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { entriesAbout } from '../../core/audit.ts';
import { fieldError } from '../../core/errors.ts';
import { actorOf, type App } from '../../core/http.ts';
import { PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from '../../core/permissions.ts';
import type { Platform } from '../../core/platform.ts';
import { IdParam, LabelText, Nullable, Page, Paging, RegionCode, Version } from '../../core/schemas.ts';
import type { OrgApi } from '../org/index.ts';
import { USERNAME_PATTERN } from './model.ts';
import type { SsoSignOut } from './oidc/index.ts';
import { canManageWith, type IdentityService } from './service.ts';
import type { StaffAdmin } from './staff-admin.ts';

export const SESSION_COOKIE = 'sid';
const tags = ['identity'];
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const GrantOut = Type.Object({
  id: Type.String(),
  role: Type.String(),
  roleLabel: LabelText,
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
});
const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  mustChangePassword: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  mfaRequired: Type.Boolean({ description: 'a role that decides cases or manages accounts needs a second factor' }),
  pending: Nullable(Type.Union([Type.Literal('password-change'), Type.Literal('mfa-enrolment')])),
  csrfToken: Type.String(),
  grants: Type.Array(GrantOut),
  permissions: Type.Array(Type.String()),
});
const Staff = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  mfaExempt: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  version: Type.Integer(),
  grants: Type.Array(GrantOut),
});
const Password = Type.String({ minLength: 1, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 40 });
/** A 204 answer: documented in OpenAPI, sent with `reply.code(204).send()`. */
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No Content' });
export const LoginHistory = Type.Object({
  items: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), clientIp: Nullable(Type.String()), method: Nullable(Type.String()) })),
});

/** Logins and failed logins of an account, newest first, from the audit trail. */
export async function loginHistory(p: Platform, targetId: string, actions: string[]) {
  return (await entriesAbout(p.db, targetId, actions)).map((e) => ({
    at: e.at,
    action: e.action,
    clientIp: e.clientIp,
    method: typeof e.detail?.method === 'string' ? e.detail.method : null,
  }));
}

/** The session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS. */
export function setSessionCookie(p: Platform, req: FastifyRequest, reply: FastifyReply, token: string) {
  return reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
    maxAge: p.config.SESSION_HOURS * 3600,
  });
}

/** The browser's single sign-on session, to end with a logout (identity/oidc). */
export type SignOut = (req: FastifyRequest, reply: FastifyReply) => Promise<SsoSignOut | null>;

export function identityRoutes(app: App, p: Platform, identity: IdentityService, admin: StaffAdmin, org: OrgApi, signOut: SignOut) {
  const parentOf = (c: string) => p.regionParents.get(c);
  const staffScope = async (req: FastifyRequest) => identity.staffRegion((req.params as { id: string }).id);
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) => setSessionCookie(p, req, reply, token);

  app.post('/api/auth/login', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '工作人员登录 / staff login',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 40 }),
        password: Password,
        totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'the authenticator code, when the account has a second factor' })),
      }),
      response: { 200: Type.Object({ user: Me }) },
    },
    handler: async (req, reply) => {
      const { token, me } = await identity.login(req.body.username, req.body.password, req.body.totp, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id });
      setCookie(req, reply, token);
      return { user: me };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: { authenticated: true } },
    schema: {
      tags,
      summary: '退出登录，同时退出通过统一身份认证登录的系统 / log out, also of the systems entered through single sign-on in this browser',
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      if (req.sessionId) {
        const sso = await signOut(req, reply);
        await identity.logout(actorOf(req), req.sessionId, sso);
        for (const name of sso?.cookies ?? []) reply.clearCookie(name, { path: '/' });
        await sso?.notify();
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  });

  app.get('/api/auth/me', {
    config: { access: { public: true } },
    schema: { tags, summary: '当前工作人员（自然人见 /api/persons/me） / the logged-in staff member (persons: /api/persons/me)', response: { 200: Type.Object({ user: Nullable(Me) }) } },
    handler: async (req) => ({ user: req.principal?.kind === 'staff' ? await identity.me(req.principal.id, req.csrfToken) : null }),
  });

  app.post('/api/auth/password', {
    config: { access: { authenticated: true, kinds: ['staff'] } },
    schema: { tags, summary: '修改本人密码 / change your password', body: Type.Object({ currentPassword: Password, newPassword: Password }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await identity.changePassword(actorOf(req), req.sessionId, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  });

  app.get('/api/auth/logins', {
    config: { access: { authenticated: true, kinds: ['staff'] } },
    schema: { tags, summary: '我的登录记录 / my recent logins', response: { 200: LoginHistory } },
    handler: async (req) => ({ items: await loginHistory(p, req.principal!.id, ['staff.login', 'staff.login_failed']) }),
  });

  app.post('/api/auth/mfa/setup', {
    config: { access: { authenticated: true, kinds: ['staff'] } },
    schema: {
      tags,
      summary: '生成身份验证器密钥（TOTP，待验证后启用） / a new authenticator secret (TOTP), enabled once a code from it is entered',
      response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }) },
    },
    handler: async (req) => {
      const me = await identity.me(req.principal!.id, null);
      return identity.mfa.setup(actorOf(req), me.username);
    },
  });

  app.post('/api/auth/mfa/enable', {
    config: { access: { authenticated: true, kinds: ['staff'] } },
    schema: { tags, summary: '输入验证码启用二次验证 / enable the second factor with a code', body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await identity.mfa.enable(actorOf(req), req.body.code);
      identity.forget(req.principal!.id);
      return reply.code(204).send();
    },
  });

  app.post('/api/staff/:id/mfa/reset', {
    config: { access: { permission: 'staff:manage', scope: staffScope } },
    schema: { tags, summary: '重置二次验证（须重新绑定） / reset the second factor (the account enrols again)', params: IdParam, response: { 204: NoContent } },
    handler: async (req, reply) => {
      await identity.mfa.reset(actorOf(req), req.params.id, req.grant!.regionCode);
      identity.forget(req.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/api/roles', {
    config: { access: { permission: 'staff:read' } },
    schema: {
      tags,
      summary: '角色及其权限 / roles and their permissions',
      response: { 200: Type.Array(Type.Object({ role: Type.String(), label: LabelText, permissions: Type.Array(Type.Object({ permission: Type.String(), meaning: Type.String() })) })) },
    },
    handler: async () =>
      ROLES.map((role) => ({ role, label: ROLE_LABELS[role], permissions: ROLE_PERMISSIONS[role].map((permission) => ({ permission, meaning: PERMISSIONS[permission] })) })),
  });

  app.get('/api/staff', {
    config: { access: { permission: 'staff:read', scope: (req) => (org.region((req.query as { regionCode: string }).regionCode) ? { regionCode: (req.query as { regionCode: string }).regionCode } : null) } },
    schema: {
      tags,
      summary: '工作人员账号（本区划及下级） / staff accounts of a region and below',
      querystring: Type.Object({ regionCode: RegionCode, q: Type.Optional(Type.String({ maxLength: 40 })), ...Paging }),
      response: { 200: Page(Staff) },
    },
    handler: async (req) => admin.listStaff({ regionCodes: org.subtree(req.query.regionCode), text: req.query.q, page: req.query.page, pageSize: req.query.pageSize }),
  });

  app.post('/api/staff', {
    config: {
      access: {
        permission: 'staff:manage',
        scope: (req) => {
          const body = req.body as { regionCode: string; departmentId?: string | null };
          if (!org.region(body.regionCode)) throw fieldError('regionCode', 'exists', '行政区划不存在', 'no such region');
          return { regionCode: body.regionCode, departmentId: body.departmentId ?? null };
        },
      },
    },
    schema: {
      tags,
      summary: '新建工作人员账号（首次登录须改密码） / create a staff account (password change forced at first login)',
      body: Type.Object({
        username: Type.String({ pattern: USERNAME_PATTERN, description: 'lower-case letters, digits, _ . -; 3–40 characters, starting with a letter' }),
        name: Name,
        password: Password,
        regionCode: RegionCode,
        departmentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
      }),
      response: { 201: Staff },
    },
    handler: async (req, reply) => reply.code(201).send(await admin.createStaff(actorOf(req), req.body)),
  });

  app.get('/api/staff/:id', {
    config: { access: { permission: 'staff:read', scope: staffScope } },
    schema: { tags, summary: '工作人员详情 / one staff account', params: IdParam, response: { 200: Staff } },
    handler: async (req) => (await identity.staffView(req.params.id))!,
  });

  app.patch('/api/staff/:id', {
    config: { access: { permission: 'staff:manage', scope: staffScope } },
    schema: {
      tags,
      summary: '修改或停用账号 / change or deactivate an account',
      params: IdParam,
      body: Type.Object({ version: Version, name: Type.Optional(Name), active: Type.Optional(Type.Boolean()) }),
      response: { 200: Staff },
    },
    handler: async (req) => admin.updateStaff(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/staff/:id/grants', {
    config: { access: { permission: 'staff:manage', scope: staffScope } },
    schema: {
      tags,
      summary: '授予角色（区划及部门范围内） / grant a role within a region (and department)',
      params: IdParam,
      body: Type.Object({ role: Role, regionCode: RegionCode, departmentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))) }),
      response: { 201: GrantOut },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await admin.grantRole(actorOf(req), req.params.id, req.body, canManageWith(req.principal!, parentOf, 'staff:manage'))),
  });

  app.delete('/api/staff/:id/grants/:grantId', {
    config: { access: { permission: 'staff:manage', scope: staffScope } },
    schema: { tags, summary: '撤销授权 / revoke a grant', params: Type.Object({ id: Type.String(), grantId: Type.String({ format: 'uuid' }) }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await admin.revokeRole(actorOf(req), req.params.id, req.params.grantId, canManageWith(req.principal!, parentOf, 'staff:manage'));
      return reply.code(204).send();
    },
  });

  app.post('/api/staff/:id/reset-password', {
    config: { access: { permission: 'staff:manage', scope: staffScope } },
    schema: { tags, summary: '重置密码（下次登录须修改） / reset a password (change forced at next login)', params: IdParam, body: Type.Object({ password: Password }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await admin.resetPassword(actorOf(req), req.params.id, req.body.password);
      return reply.code(204).send();
    },
  });
}
