import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DEMO_PASSWORD, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

// TRUST_PROXY: the Secure cookie flag follows x-forwarded-proto (without a proxy header the request is plain http).
let i: TestInstance;
let wuhanAdmin: Session; // platform_admin.wuhan: staff:manage over 420100 and below
let hubeiAdmin: Session;
let auditor: Session;

interface StaffOut {
  id: string;
  username: string;
  regionCode: string;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
  grants: { id: string; role: string; regionCode: string; departmentId: string | null }[];
}
interface Problem {
  type: string;
  title: string;
  status: number;
  errors?: { field: string; rule: string; message: string }[];
  current?: { version: number };
}

const loginRaw = (username: string, password: string, headers: Record<string, string> = {}) =>
  i.http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

let seq = 0;
/** A fresh account (must change its password at first login), created by platform_admin.wuhan. */
async function newStaff(regionCode = '420102', password = 'Initial-Pass-2026'): Promise<StaffOut & { password: string }> {
  const username = `staff.t${++seq}`;
  const res = await call(i, wuhanAdmin, 'POST', '/api/staff', { username, name: `测试人员${seq}`, password, regionCode });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as StaffOut), password };
}
const staffView = async (id: string) => (await call(i, hubeiAdmin, 'GET', `/api/staff/${id}`)).json() as StaffOut;
const auditOf = async (query: string) =>
  ((await call(i, auditor, 'GET', `/api/audit?${query}`)).json() as { items: { action: string; targetType: string; targetId: string; regionCode: string | null }[] }).items;

beforeAll(async () => {
  i = await testInstance({ TRUST_PROXY: 'true' });
  wuhanAdmin = await login(i, 'platform_admin.wuhan');
  hubeiAdmin = await login(i, 'platform_admin.hubei');
  auditor = await login(i, 'auditor.hubei');
});
afterAll(() => i?.close());

describe('login', () => {
  it('logs in and sets an HttpOnly, SameSite=Strict session cookie on path /, not Secure over plain http', async () => {
    const res = await loginRaw('supervisor.hubei', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const user = (res.json() as { user: { username: string; csrfToken: string; mustChangePassword: boolean } }).user;
    expect(user).toMatchObject({ username: 'supervisor.hubei', mustChangePassword: false });
    expect(user.csrfToken.length).toBeGreaterThanOrEqual(20);
    const sid = res.cookies.find((c) => c.name === 'sid');
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 8 * 3600 });
    expect(sid!.value.length).toBeGreaterThanOrEqual(32);
    expect(sid!.secure).toBeFalsy();
    expect(String(res.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
  });

  it('marks the session cookie Secure when the request came over https through the trusted proxy', async () => {
    const res = await loginRaw('supervisor.hubei', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sid')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('answers a wrong password, an unknown username and an inactive account with the same generic 401', async () => {
    const inactive = await newStaff();
    expect((await call(i, wuhanAdmin, 'PATCH', `/api/staff/${inactive.id}`, { version: inactive.version, active: false })).statusCode).toBe(200);
    const answers = [
      await loginRaw('supervisor.hubei', 'Wrong-Pass-2026', { 'accept-language': 'en' }),
      await loginRaw('nobody.at.all', 'Wrong-Pass-2026', { 'accept-language': 'en' }),
      await loginRaw(inactive.username, inactive.password, { 'accept-language': 'en' }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    }
    const bodies = answers.map((r) => {
      const { requestId: _r, ...rest } = r.json() as Problem & { requestId: string };
      return rest;
    });
    expect(bodies[0]).toMatchObject({ status: 401, title: 'wrong username or password' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('audits failed logins as staff.login_failed, for known and unknown usernames', async () => {
    const known = await newStaff();
    expect((await loginRaw(known.username, 'Not-The-Pass-1')).statusCode).toBe(401);
    expect((await loginRaw('ghost.user', 'Not-The-Pass-1')).statusCode).toBe(401);
    expect(await auditOf(`action=staff.login_failed&targetId=${known.id}`)).toEqual([
      expect.objectContaining({ action: 'staff.login_failed', targetType: 'staff', targetId: known.id, regionCode: '420102' }),
    ]);
    expect(await auditOf('action=staff.login_failed&targetId=username:ghost.user')).toEqual([
      expect.objectContaining({ action: 'staff.login_failed', targetId: 'username:ghost.user' }),
    ]);
    // A successful login is audited as such, not as a failure.
    await login(i, known.username, known.password);
    expect((await auditOf(`targetId=${known.id}`)).map((e) => e.action)).toEqual(expect.arrayContaining(['staff.login', 'staff.login_failed']));
  });
});

describe('/api/auth/me', () => {
  it('says no one is logged in without a session', async () => {
    const res = await call(i, null, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
  });

  it('returns the logged-in account with its grants, permissions and CSRF token', async () => {
    const s = await login(i, 'department_head.wuhan');
    const res = await call(i, s, 'GET', '/api/auth/me');
    expect(res.statusCode).toBe(200);
    const user = (res.json() as { user: { id: string; username: string; csrfToken: string; permissions: string[]; grants: { role: string; regionCode: string; departmentId: string | null; departmentName: string | null }[] } }).user;
    expect(user).toMatchObject({ id: s.userId, username: 'department_head.wuhan', csrfToken: s.csrf });
    expect(user.permissions).toEqual(['case:assign', 'case:handle', 'case:read', 'catalog:approve', 'catalog:read', 'evaluation:rectify', 'file:upload', 'org:read', 'staff:read']);
    expect(user.grants).toEqual([expect.objectContaining({ role: 'department_head', regionCode: '420100', departmentName: '武汉市市场监督管理局' })]);
    expect(user.grants[0]!.departmentId).toEqual(expect.any(String));
  });
});

describe('logout', () => {
  it('ends the session: a later call with the same cookie gets 401', async () => {
    const s = await login(i, 'supervisor.wuhan');
    expect((await call(i, s, 'GET', '/api/roles')).statusCode).toBe(200);
    const res = await call(i, s, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'sid');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime() ?? 0).toBeLessThanOrEqual(Date.now());
    expect((await call(i, s, 'GET', '/api/roles')).statusCode).toBe(401);
    expect((await call(i, s, 'GET', '/api/auth/me')).json()).toEqual({ user: null });
  });

  it('ends only the session logged out of', async () => {
    const a = await login(i, 'supervisor.wuhan');
    const b = await login(i, 'supervisor.wuhan');
    expect((await call(i, a, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(i, a, 'GET', '/api/roles')).statusCode).toBe(401);
    expect((await call(i, b, 'GET', '/api/roles')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('forces a new account to change its password at first login', async () => {
    const s = await newStaff();
    expect(s.mustChangePassword).toBe(true);
    const res = await loginRaw(s.username, s.password);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  });

  it.each([
    ['fewer than 10 characters', 'Ab1!short', 'minLength'],
    ['fewer than three classes of character', 'lowercase123456', 'classes'],
    ['the username inside', 'X-{username}-2026', 'username'],
  ])('refuses a new password with %s, naming newPassword and the rule', async (_what, newPassword, rule) => {
    const s = await newStaff();
    const session = await login(i, s.username, s.password);
    const res = await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: newPassword.replace('{username}', s.username.toUpperCase()) });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'newPassword', rule })]);
    expect((await staffView(s.id)).mustChangePassword).toBe(true);
  });

  it('refuses a wrong current password (currentPassword) and an unchanged one (newPassword)', async () => {
    const s = await newStaff();
    const session = await login(i, s.username, s.password);
    const wrong = await call(i, session, 'POST', '/api/auth/password', { currentPassword: 'Wrong-Pass-2026', newPassword: 'Brand-New-Pass-1' });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const same = await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: s.password });
    expect(same.statusCode).toBe(400);
    expect((same.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'changed' })]);
  });

  it('changes the password: the change is no longer required, the new password logs in and the old does not', async () => {
    const s = await newStaff();
    const session = await login(i, s.username, s.password);
    const res = await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: 'Brand-New-Pass-1' });
    expect(res.statusCode).toBe(204);
    expect((await loginRaw(s.username, s.password)).statusCode).toBe(401);
    const again = await loginRaw(s.username, 'Brand-New-Pass-1');
    expect(again.statusCode).toBe(200);
    expect((again.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(false);
    expect(await auditOf(`action=staff.password_change&targetId=${s.id}`)).toHaveLength(1);
  });
});

describe('a required password change', () => {
  it('blocks every route but the account’s own until the password is changed', async () => {
    const s = await newStaff();
    expect((await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420102' })).statusCode).toBe(201);
    const session = await login(i, s.username, s.password);
    const blocked = await call(i, session, 'GET', '/api/departments?regionCode=420102');
    expect(blocked.statusCode).toBe(403);
    expect((blocked.json() as Problem).type).toBe('/problems/password-change-required');
    expect((await call(i, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: 'Brand-New-Pass-2' })).statusCode).toBe(204);
    expect((await call(i, session, 'GET', '/api/departments?regionCode=420102')).statusCode).toBe(200);
  });

  it('changing one’s own password ends the account’s other sessions but keeps the current one', async () => {
    const s = await newStaff();
    const current = await login(i, s.username, s.password);
    const other = await login(i, s.username, s.password);
    expect((await call(i, current, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: 'Brand-New-Pass-3' })).statusCode).toBe(204);
    expect(((await call(i, current, 'GET', '/api/auth/me')).json() as { user: unknown }).user).not.toBeNull();
    expect(((await call(i, other, 'GET', '/api/auth/me')).json() as { user: unknown }).user).toBeNull();
  });
});

describe('failed logins keep passwords out of the audit trail', () => {
  it('records an unknown name only when it looks like a username', async () => {
    expect((await loginRaw('Secret-Pass word!', 'x')).statusCode).toBe(401);
    const entries = await auditOf('action=staff.login_failed&targetId=username:(not a username)');
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(await auditOf(`action=staff.login_failed&targetId=${encodeURIComponent('username:Secret-Pass word!')}`)).toEqual([]);
  });
});

describe('staff accounts', () => {
  it('creates an account in the caller’s subtree that must change its password, audited', async () => {
    const s = await newStaff('420103');
    expect(s).toMatchObject({ regionCode: '420103', active: true, mustChangePassword: true, version: 1, grants: [] });
    expect(await auditOf(`action=staff.create&targetId=${s.id}`)).toHaveLength(1);
    const outside = await call(i, wuhanAdmin, 'POST', '/api/staff', { username: 'staff.outside', name: '外市人员', password: 'Initial-Pass-2026', regionCode: '420200' });
    expect(outside.statusCode).toBe(403);
  });

  it('refuses an unknown region with a 400 naming regionCode', async () => {
    const res = await call(i, wuhanAdmin, 'POST', '/api/staff', { username: 'staff.noregion', name: '无区划', password: 'Initial-Pass-2026', regionCode: '429999' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'regionCode', rule: 'exists' })]);
  });

  it('refuses a weak initial password, naming the field password', async () => {
    const res = await call(i, wuhanAdmin, 'POST', '/api/staff', { username: 'staff.weak', name: '弱密码', password: 'short', regionCode: '420102' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors!.map((e) => [e.field, e.rule])).toEqual([['password', 'minLength'], ['password', 'classes']]);
  });

  it('refuses a duplicate username with 409 naming the field username', async () => {
    const s = await newStaff();
    const res = await call(i, wuhanAdmin, 'POST', '/api/staff', { username: s.username, name: '重名', password: 'Initial-Pass-2026', regionCode: '420103' });
    expect(res.statusCode).toBe(409);
    expect((res.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'username', rule: 'unique' })]);
    const demo = await call(i, wuhanAdmin, 'POST', '/api/staff', { username: 'reviewer.wuhan', name: '重名', password: 'Initial-Pass-2026', regionCode: '420100' });
    expect(demo.statusCode).toBe(409);
  });

  it('answers 409 with the current state to a stale version on PATCH /api/staff/:id', async () => {
    const s = await newStaff();
    const first = await call(i, wuhanAdmin, 'PATCH', `/api/staff/${s.id}`, { version: 1, name: '改过的名字' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, name: '改过的名字' });
    const stale = await call(i, hubeiAdmin, 'PATCH', `/api/staff/${s.id}`, { version: 1, name: '过时的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/problems/version-conflict', current: { version: 2, name: '改过的名字' } });
    expect((await staffView(s.id)).version).toBe(2);
  });

  it('answers 404 for an unknown staff id, whether or not it looks like a UUID', async () => {
    expect((await call(i, wuhanAdmin, 'GET', '/api/staff/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call(i, wuhanAdmin, 'GET', '/api/staff/not-an-id')).statusCode).toBe(404);
    expect((await call(i, wuhanAdmin, 'PATCH', '/api/staff/not-an-id', { version: 1, name: 'x' })).statusCode).toBe(404);
  });

  it('deactivating an account ends its sessions and blocks its login; one cannot deactivate oneself', async () => {
    const s = await newStaff();
    const session = await login(i, s.username, s.password);
    expect((await call(i, session, 'GET', '/api/auth/me')).json()).toMatchObject({ user: { id: s.id } });
    const res = await call(i, wuhanAdmin, 'PATCH', `/api/staff/${s.id}`, { version: s.version, active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, version: s.version + 1 });
    expect((await call(i, session, 'GET', '/api/auth/me')).json()).toEqual({ user: null });
    expect((await call(i, session, 'POST', '/api/auth/logout')).statusCode).toBe(401);
    expect((await loginRaw(s.username, s.password)).statusCode).toBe(401);
    // The sessions are gone, not suspended: reactivating the account does not bring them back.
    expect((await call(i, wuhanAdmin, 'PATCH', `/api/staff/${s.id}`, { version: s.version + 1, active: true })).statusCode).toBe(200);
    expect((await call(i, session, 'GET', '/api/auth/me')).json()).toEqual({ user: null });
    expect((await loginRaw(s.username, s.password)).statusCode).toBe(200);

    const me = await staffView(wuhanAdmin.userId);
    const self = await call(i, wuhanAdmin, 'PATCH', `/api/staff/${wuhanAdmin.userId}`, { version: me.version, active: false });
    expect(self.statusCode).toBe(400);
    expect((self.json() as Problem).errors).toEqual([expect.objectContaining({ field: 'active' })]);
  });

  it('resetting a password forces a change at next login and ends the account’s sessions', async () => {
    const s = await newStaff();
    const session = await login(i, s.username, s.password);
    const changed = await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: 'Own-Choice-2026' });
    expect(changed.statusCode).toBe(204);
    expect((await staffView(s.id)).mustChangePassword).toBe(false);

    const reset = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/reset-password`, { password: 'Reset-By-Admin-1' });
    expect(reset.statusCode).toBe(204);
    expect((await call(i, session, 'GET', '/api/auth/me')).json()).toEqual({ user: null });
    expect((await loginRaw(s.username, 'Own-Choice-2026')).statusCode).toBe(401);
    const after = await loginRaw(s.username, 'Reset-By-Admin-1');
    expect(after.statusCode).toBe(200);
    expect((after.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    expect(await auditOf(`action=staff.password_reset&targetId=${s.id}`)).toHaveLength(1);

    const weak = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/reset-password`, { password: 'weak' });
    expect(weak.statusCode).toBe(400);
    expect((weak.json() as Problem).errors!.every((e) => e.field === 'password')).toBe(true);
  });
});

describe('role grants', () => {
  it('grants a role within the granter’s subtree (201) and refuses one outside it (403)', async () => {
    const s = await newStaff();
    const inside = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420102' });
    expect(inside.statusCode).toBe(201);
    expect(inside.json()).toMatchObject({ role: 'supervisor', regionCode: '420102', regionName: '江岸区', departmentId: null });
    const outside = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420200' });
    expect(outside.statusCode).toBe(403);
    const above = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420000' });
    expect(above.statusCode).toBe(403);
    const again = await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420102' });
    expect(again.statusCode).toBe(409);
    expect((await staffView(s.id)).grants.map((g) => [g.role, g.regionCode])).toEqual([['supervisor', '420102']]);
    expect(await auditOf(`action=staff.grant&targetId=${s.id}`)).toHaveLength(1);
  });

  it('revokes a grant, which takes effect on the holder’s live session at once', async () => {
    const s = await newStaff();
    const grant = (await call(i, wuhanAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'supervisor', regionCode: '420102' })).json() as { id: string };
    const session = await login(i, s.username, s.password);
    expect((await call(i, session, 'POST', '/api/auth/password', { currentPassword: s.password, newPassword: 'Brand-New-Pass-4' })).statusCode).toBe(204);
    expect((await call(i, session, 'GET', '/api/staff?regionCode=420102')).statusCode).toBe(200);
    expect((await call(i, wuhanAdmin, 'DELETE', `/api/staff/${s.id}/grants/${grant.id}`)).statusCode).toBe(204);
    expect((await staffView(s.id)).grants).toEqual([]);
    expect((await call(i, session, 'GET', '/api/staff?regionCode=420102')).statusCode).toBe(403);
    expect((await call(i, wuhanAdmin, 'DELETE', `/api/staff/${s.id}/grants/${grant.id}`)).statusCode).toBe(404);
    expect(await auditOf(`action=staff.revoke&targetId=${s.id}`)).toHaveLength(1);
  });

  it('refuses to revoke a grant outside the revoker’s subtree, even on an account inside it', async () => {
    const s = await newStaff();
    const provincial = await call(i, hubeiAdmin, 'POST', `/api/staff/${s.id}/grants`, { role: 'auditor', regionCode: '420200' });
    expect(provincial.statusCode).toBe(201);
    const { id } = provincial.json() as { id: string };
    expect((await call(i, wuhanAdmin, 'DELETE', `/api/staff/${s.id}/grants/${id}`)).statusCode).toBe(403);
    expect((await staffView(s.id)).grants.map((g) => g.id)).toEqual([id]);
  });
});

describe('listing staff', () => {
  it('lists only the requested region’s subtree', async () => {
    const jiangan = await newStaff('420102');
    const jianghan = await newStaff('420103');
    const list = async (regionCode: string) => {
      const res = await call(i, wuhanAdmin, 'GET', `/api/staff?regionCode=${regionCode}&pageSize=100`);
      expect(res.statusCode).toBe(200);
      return res.json() as { items: StaffOut[]; total: number };
    };
    const district = await list('420102');
    expect(district.items.length).toBeGreaterThan(0);
    expect(new Set(district.items.map((s) => s.regionCode))).toEqual(new Set(['420102']));
    expect(district.items.map((s) => s.id)).toContain(jiangan.id);
    expect(district.items.map((s) => s.id)).not.toContain(jianghan.id);
    expect(district.total).toBe(district.items.length);

    const city = await list('420100');
    const ids = city.items.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([jiangan.id, jianghan.id, wuhanAdmin.userId]));
    expect(city.items.every((s) => s.regionCode.startsWith('4201'))).toBe(true);
    expect(ids).not.toContain(hubeiAdmin.userId);
  });

  it('pages with the total and the departments’ names, in two statements however long the page', async () => {
    type Listed = StaffOut & { departmentName: string | null; grants: { departmentName: string | null }[] };
    const page = async (n: number, size: number) => {
      const res = await call(i, wuhanAdmin, 'GET', `/api/staff?regionCode=420100&page=${n}&pageSize=${size}`);
      expect(res.statusCode).toBe(200);
      return res.json() as { items: Listed[]; total: number };
    };
    const all = await page(1, 100);
    expect(all.total).toBe(all.items.length);
    expect((await page(2, 5)).items.map((s) => s.id)).toEqual(all.items.slice(5, 10).map((s) => s.id));
    expect(await page(99, 5)).toEqual({ items: [], total: all.total });
    const clerk = all.items.find((s) => s.username === 'window_clerk.wuhan')!;
    expect(clerk.departmentName).toBeTruthy();
    expect(clerk.grants[0]!.departmentName).toBe(clerk.departmentName);

    const pglite = i.platform.database.pglite;
    if (!pglite) return;
    const statements = async (size: number) => {
      const query = pglite.query.bind(pglite);
      let n = 0;
      pglite.query = ((...args: Parameters<typeof query>) => (n++, query(...args))) as typeof pglite.query;
      try {
        await page(1, size);
      } finally {
        pglite.query = query;
      }
      return n;
    };
    const [few, many] = [await statements(3), await statements(50)];
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(2);
  });

  it('refuses a region outside the caller’s grants with 403 and an unknown region with 404', async () => {
    const supervisor = await login(i, 'supervisor.wuhan');
    for (const s of [wuhanAdmin, supervisor]) {
      expect((await call(i, s, 'GET', '/api/staff?regionCode=420200')).statusCode).toBe(403);
      expect((await call(i, s, 'GET', '/api/staff?regionCode=420000')).statusCode).toBe(403);
      expect((await call(i, s, 'GET', '/api/staff?regionCode=420102')).statusCode).toBe(200);
    }
    expect((await call(i, wuhanAdmin, 'GET', '/api/staff?regionCode=429999')).statusCode).toBe(404);
    // A role without staff:read may not list staff at all.
    expect((await call(i, await login(i, 'catalog_admin.wuhan'), 'GET', '/api/staff?regionCode=420102')).statusCode).toBe(403);
  });
});
