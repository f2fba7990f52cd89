import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/errors.ts';
import { IdentityService } from '../../src/modules/identity/service.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

let i: TestInstance;
let admin: Session; // platform_admin.hubei (a demo account: exempt from the second factor)
let seq = 0;

beforeAll(async () => {
  i = await testInstance();
  admin = await login(i, 'platform_admin.hubei');
});
afterAll(() => i?.close());

const loginRaw = (username: string, password: string, totp?: string) =>
  i.http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });
const codeAt = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

/** A new account holding `role`, its first password already changed. */
async function account(role: string) {
  const username = `mfa.t${++seq}`;
  const created = await call(i, admin, 'POST', '/api/staff', { username, name: `二次验证${seq}`, password: 'Initial-Pass-2026', regionCode: '420100' });
  expect(created.statusCode).toBe(201);
  const id = (created.json() as { id: string }).id;
  expect((await call(i, admin, 'POST', `/api/staff/${id}/grants`, { role, regionCode: '420100' })).statusCode).toBe(201);
  const first = await login(i, username, 'Initial-Pass-2026');
  expect((await call(i, first, 'POST', '/api/auth/password', { currentPassword: 'Initial-Pass-2026', newPassword: 'Second-Pass-2026' })).statusCode).toBe(204);
  return { id, username, password: 'Second-Pass-2026', session: first };
}

async function enrol(s: Session) {
  const setup = await call(i, s, 'POST', '/api/auth/mfa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  expect((await call(i, s, 'POST', '/api/auth/mfa/enable', { code: codeAt(secret) })).statusCode).toBe(204);
  return secret;
}

describe('a role that manages accounts or decides cases needs a second factor', () => {
  it('holds the account at enrolment until an authenticator code is entered', async () => {
    const a = await account('department_head');
    const me = (await call(i, a.session, 'GET', '/api/auth/me')).json() as { user: { pending: string; mfaRequired: boolean; mfaEnabled: boolean } };
    expect(me.user).toMatchObject({ pending: 'mfa-enrolment', mfaRequired: true, mfaEnabled: false });
    const blocked = await call(i, a.session, 'GET', '/api/departments?regionCode=420100');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ type: '/problems/mfa-enrolment-required' });
    await call(i, a.session, 'POST', '/api/auth/mfa/setup');
    const wrong = await call(i, a.session, 'POST', '/api/auth/mfa/enable', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ errors: [{ field: 'code' }] });
    await enrol(a.session);
    expect((await call(i, a.session, 'GET', '/api/departments?regionCode=420100')).statusCode).toBe(200);
  });

  it('does not ask a role that neither decides nor manages', async () => {
    const a = await account('catalog_admin');
    const me = (await call(i, a.session, 'GET', '/api/auth/me')).json() as { user: { pending: string | null; mfaRequired: boolean } };
    expect(me.user).toMatchObject({ pending: null, mfaRequired: false });
  });

  it('exempts only the demo accounts, and says so', async () => {
    const me = (await call(i, admin, 'GET', '/api/auth/me')).json() as { user: { pending: string | null; mfaRequired: boolean } };
    expect(me.user).toMatchObject({ pending: null, mfaRequired: false });
    const staff = (await call(i, admin, 'GET', `/api/staff?regionCode=420000&q=platform_admin.hubei`)).json() as { items: { username: string; mfaExempt: boolean }[] };
    expect(staff.items.find((x) => x.username === 'platform_admin.hubei')?.mfaExempt).toBe(true);
  });
});

describe('login with a second factor', () => {
  it('asks for the code after the right password, accepts a current code once, and refuses a replay', async () => {
    const a = await account('reviewer');
    const secret = await enrol(a.session);
    const noCode = await loginRaw(a.username, a.password);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ type: '/problems/mfa-required' });
    expect(noCode.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    // The code used to enable is spent: wait for the next time step's code.
    const code = codeAt(secret, 1);
    const ok = await loginRaw(a.username, a.password, code);
    expect(ok.statusCode).toBe(200);
    const replay = await loginRaw(a.username, a.password, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ type: '/problems/invalid-login' });
    const listed = (await call(i, admin, 'GET', `/api/staff/${a.id}`)).json() as { mfaEnabled: boolean };
    expect(listed.mfaEnabled).toBe(true);
    const history = ((await call(i, await login(i, 'auditor.hubei'), 'GET', `/api/audit?targetId=${a.id}&action=staff.login`)).json() as { items: { action: string }[] }).items;
    expect(history.length).toBeGreaterThan(0);
  });

  it('an administrator’s reset removes the factor and the account enrols again', async () => {
    const a = await account('platform_admin');
    await enrol(a.session);
    expect((await call(i, admin, 'POST', `/api/staff/${a.id}/mfa/reset`)).statusCode).toBe(204);
    const res = await loginRaw(a.username, a.password);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { user: { pending: string } }).user.pending).toBe('mfa-enrolment');
    const entries = (await call(i, await login(i, 'auditor.hubei'), 'GET', `/api/audit?targetId=${a.id}&action=staff.mfa`)).json() as { items: { action: string }[] };
    expect(entries.items.map((e) => e.action)).toEqual(['staff.mfa_reset', 'staff.mfa_enable', 'staff.mfa_setup']);
  });
});

describe('lockout', () => {
  it('locks an account after 5 failed logins in 15 minutes, even against the right password', async () => {
    const a = await account('catalog_admin');
    for (let t = 0; t < 5; t++) expect((await loginRaw(a.username, 'Wrong-Pass-2026')).statusCode).toBe(401);
    const locked = await loginRaw(a.username, a.password);
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(locked.json()).toMatchObject({ type: '/problems/account-locked' });
  });

  it('locks an unknown username the same way, so locking tells nothing, wherever the failures fall in time', async () => {
    const a = await account('catalog_admin');
    const identity = new IdentityService(i.platform, i.org);
    // Two failures before 15:00 (where fixed 15-minute windows used to start afresh), three after.
    const edge = Date.parse('2026-03-02T15:00:00+08:00');
    const answers = async (username: string) => {
      const got: unknown[] = [];
      for (const s of [-20, -10, 0, 10, 20, 30]) {
        const meta = { ip: `10.9.0.${++seq}`, userAgent: null, requestId: 'lockout-test' };
        got.push(await identity.login(username, 'Wrong-Pass-2026', undefined, meta, edge + s * 1000).then(() => 200, (e: Problem) => [e.status, e.extra.retryAfter]));
      }
      return got;
    };
    const known = await answers(a.username);
    expect(known).toEqual([...Array.from({ length: 5 }, () => [401, undefined]), [423, 15 * 60 - 50]]);
    expect(await answers('nobody.here')).toEqual(known);
  });

  it('a successful login clears earlier failures', async () => {
    const a = await account('catalog_admin');
    for (let t = 0; t < 4; t++) await loginRaw(a.username, 'Wrong-Pass-2026');
    expect((await loginRaw(a.username, a.password)).statusCode).toBe(200);
    for (let t = 0; t < 4; t++) await loginRaw(a.username, 'Wrong-Pass-2026');
    expect((await loginRaw(a.username, a.password)).statusCode).toBe(200);
  });
});

describe('login history', () => {
  it('lists the account’s own logins and failures, newest first', async () => {
    const a = await account('catalog_admin');
    await loginRaw(a.username, 'Wrong-Pass-2026');
    const s = await login(i, a.username, a.password);
    const items = ((await call(i, s, 'GET', '/api/auth/logins')).json() as { items: { action: string; clientIp: string }[] }).items;
    expect(items.slice(0, 2).map((x) => x.action)).toEqual(['staff.login', 'staff.login_failed']);
    expect(items[0]!.clientIp).toBe('127.0.0.1');
  });
});
