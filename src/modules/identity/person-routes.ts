import { Type } from 'typebox';
import { notFound } from '../../core/errors.ts';
import { actorOf, type App } from '../../core/http.ts';
import type { Platform } from '../../core/platform.ts';
import { MOBILE_PATTERN, SMS_CODE } from './model.ts';
import type { PersonService } from './persons.ts';
import { ActingForOut } from './enterprise-routes.ts';
import { LoginHistory, loginHistory, NoContent, setSessionCookie } from './routes.ts';

const tags = ['persons'];
const Mobile = Type.String({ pattern: MOBILE_PATTERN, description: 'mainland mobile number, 11 digits' });
const Code = Type.String({ pattern: `^[0-9]{${SMS_CODE.digits}}$` });
const IdNumber = Type.String({ minLength: 15, maxLength: 18, description: 'resident ID number (GB 11643), 18 characters or a 15-digit old one' });
const Password = Type.String({ minLength: 1, maxLength: 200 });
const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  mobileMasked: Type.String(),
  level: Type.Integer({ minimum: 1, maximum: 3 }),
  levelVerifiedAt: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean(),
});
const PersonMe = Type.Object({ ...Person.properties, csrfToken: Type.String(), actingFor: Type.Optional(ActingForOut) });

export function personRoutes(app: App, p: Platform, persons: PersonService) {
  const meta = (req: { ip: string; headers: Record<string, unknown>; id: string }) => ({
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
    requestId: req.id,
  });

  app.post('/api/persons/codes', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '发送短信验证码（6位，5分钟有效，每分钟一次） / send a 6-digit SMS code (valid 5 minutes, one a minute)',
      body: Type.Object({ mobile: Mobile, purpose: Type.Union([Type.Literal('register'), Type.Literal('login')]) }),
      response: { 202: Type.Object({ sentTo: Type.String(), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }) },
    },
    handler: async (req, reply) => reply.code(202).send(await persons.sendCode(req.body.mobile, req.body.purpose, meta(req))),
  });

  app.post('/api/persons/register', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '自然人注册（实名等级 L1） / register a person (real-name level L1)',
      body: Type.Object({
        name: Type.String({ minLength: 2, maxLength: 40 }),
        idNumber: IdNumber,
        mobile: Mobile,
        code: Code,
        password: Type.Optional(Password),
      }),
      response: { 201: Type.Object({ person: PersonMe }) },
    },
    handler: async (req, reply) => {
      const r = await persons.register(req.body, meta(req));
      setSessionCookie(p, req, reply, r.token);
      return reply.code(201).send({ person: { ...r.person, csrfToken: r.csrf } });
    },
  });

  app.post('/api/persons/login/code', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '手机号＋验证码登录 / log in with mobile number and SMS code',
      body: Type.Object({ mobile: Mobile, code: Code }),
      response: { 200: Type.Object({ person: PersonMe }) },
    },
    handler: async (req, reply) => {
      const r = await persons.loginByCode(req.body.mobile, req.body.code, meta(req));
      setSessionCookie(p, req, reply, r.token);
      return { person: { ...r.person, csrfToken: r.csrf } };
    },
  });

  app.post('/api/persons/login/password', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '身份证号码＋密码登录 / log in with ID number and password',
      body: Type.Object({ idNumber: IdNumber, password: Password }),
      response: { 200: Type.Object({ person: PersonMe }) },
    },
    handler: async (req, reply) => {
      const r = await persons.loginByPassword(req.body.idNumber, req.body.password, meta(req));
      setSessionCookie(p, req, reply, r.token);
      return { person: { ...r.person, csrfToken: r.csrf } };
    },
  });

  app.get('/api/persons/me', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '我的账号 / my account', response: { 200: PersonMe } },
    handler: async (req) => {
      const me = await persons.get(req.principal!.id);
      if (!me) throw notFound('账号', 'account');
      return { ...me, csrfToken: req.csrfToken ?? '', actingFor: req.principal?.kind === 'person' ? (req.principal.actingFor ?? null) : null };
    },
  });

  app.get('/api/persons/me/logins', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '我的登录记录 / my recent logins', response: { 200: LoginHistory } },
    handler: async (req) => ({ items: await loginHistory(p, req.principal!.id, ['person.login', 'person.login_failed']) }),
  });

  app.post('/api/persons/me/password', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '设置或修改密码（结束其他会话） / set or change the password (ends other sessions)',
      body: Type.Object({ currentPassword: Type.Optional(Password), newPassword: Password }),
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      await persons.setPassword(actorOf(req), req.sessionId, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  });

  app.post('/api/persons/me/verify', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '在线实名核验（姓名＋身份证号码，L2） / online identity check (name + ID number, level L2)', response: { 200: Person } },
    handler: async (req) => persons.verifyOnline(actorOf(req)),
  });

  app.post('/api/persons/lookup', {
    config: { access: { permission: 'person:read' } },
    schema: {
      tags,
      summary: '窗口按身份证号码查找自然人账号（脱敏） / find a person by ID number at a window (masked)',
      body: Type.Object({ idNumber: IdNumber }),
      response: { 200: Type.Object({ person: Type.Union([Person, Type.Null()]) }) },
    },
    handler: async (req) => ({ person: await persons.findByIdNumber(req.body.idNumber) }),
  });

  app.post('/api/persons/:id/verify-in-person', {
    config: { access: { permission: 'person:verify' } },
    schema: {
      tags,
      summary: '窗口当面核验身份（L3） / record an in-person identity check at a window (level L3)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ idNumber: IdNumber, windowId: Type.Optional(Type.String({ format: 'uuid' })) }),
      response: { 200: Person },
    },
    handler: async (req) => persons.verifyInPerson(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/persons/:id/id-number', {
    config: { access: { permission: 'person:read_id' } },
    schema: {
      tags,
      summary: '查看完整身份证号码（须说明理由，记入审计） / read the full ID number (the stated reason is audited)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 200 }) }),
      response: { 200: Type.Object({ idNumber: Type.String() }) },
    },
    handler: async (req) => ({ idNumber: await persons.revealIdNumber(actorOf(req), req.params.id, req.body.reason) }),
  });
}
