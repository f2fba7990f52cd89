/**
 * The permission table: every route of the API, sent as every role (and anonymously), against a
 * target inside the caller's region (武汉 420100 subtree) and outside it (黄石 420200), and — for
 * routes whose scope can name a target — a target that does not exist. The expected answer is
 * computed from the route's declared access and the role's permissions; the table only says how
 * to build a real request for each route. A route without a row fails the test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/core/config.ts';
import { createHttp, type Access } from '../../src/core/http.ts';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../src/core/permissions.ts';
import { call, DEMO_PASSWORD, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';
import { validGuide } from '../support/catalog.ts';
import { creditCode, withBadCheck, lastCode, nextAddress, personLogin, personNumbers, registerPerson, type TestPerson } from '../support/persons.ts';

type Side = 'inside' | 'outside' | 'missing';

interface Subject {
  kind: 'staff' | 'person';
  /** Staff only: the demo account's one role. */
  role: Role | null;
  username: string;
  session: Session;
  /** Another session of the same account (for routes that end a session). */
  newSession(): Promise<Session>;
  /** The demo account's grant is bound to one department of its region. */
  departmentBound: boolean;
  departmentId: string | null;
}

interface Ctx {
  side: 'inside' | 'outside';
  who: Subject | null;
  /** Unique per case: for names that must not repeat. */
  n: number;
}

interface Req {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Send as this session instead of the subject's (undefined: the subject's). */
  session?: Session | null;
  /** Client address (per-address rate limits); 127.0.0.1 when unset. */
  remoteAddress?: string;
}

interface Row {
  /** The status of a successful answer. */
  ok: number;
  /**
   * The target belongs to a department (not the caller's own): a department-bound grant does not
   * reach it even inside its region.
   */
  departmentTarget?: true;
  /** A domain refusal expected inside for a caller who passes every guard (none so far). */
  refusedInside?: number;
  make(c: Ctx): Promise<Req> | Req;
  /** A request naming a target that does not exist (for routes whose scope looks one up). */
  missing?(c: Ctx): Promise<Req> | Req;
  after?(res: { statusCode: number }, c: Ctx): void;
}

const REGION = { inside: '420102', outside: '420200' } as const; // 江岸区 (武汉), 黄石市
const NO_REGION = '429999';
// A 1×1 PNG: the upload route judges the type by content.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let i: TestInstance;
let admin: Session; // platform_admin.hubei: makes fixtures
const subjects = new Map<Role, Subject>();
let personSubject: Subject;
const passwords = new Map<string, string>();
const pw = (username: string) => passwords.get(username) ?? DEMO_PASSWORD;
const fx = {
  department: { inside: '', outside: '' },
  hall: { inside: '', outside: '' },
  staff: { inside: '', outside: '' },
};

async function adminGet<T>(url: string): Promise<T> {
  const res = await call(i, admin, 'GET', url);
  if (res.statusCode !== 200) throw new Error(`fixture read ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}
async function adminSend<T>(method: string, url: string, payload?: unknown, status = 201): Promise<T> {
  const res = await call(i, admin, method, url, payload);
  if (res.statusCode !== status) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

interface GrantOut {
  id: string;
  role: string;
  regionCode: string;
  departmentId: string | null;
}
const grantsOf = async (staffId: string) => (await adminGet<{ grants: GrantOut[] }>(`/api/staff/${staffId}`)).grants;

function multipartFile(n: number, filename: string, data: Buffer): Pick<Req, 'payload' | 'headers'> {
  const boundary = `----permissions${n}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const get = (url: string): Req => ({ url });

/**
 * Catalog fixtures: a published base item of the province, and local items of its market
 * supervision bureaus in 江岸区 (inside) and 黄石市 (outside), each case on a fresh one in the state
 * the route needs (states other than draft are set directly: no demo head is bound to those bureaus).
 */
let catalogEditor: Session; // catalog_admin.hubei
let catalogHead: Session; // department_head.hubei
const catalogBases: { id: string; code: string; used: number }[] = [];
let publishedCode = '';
let templateSha = ''; // a PNG every fixture guide names as its first material's template

const fixtureGuide = () => {
  const g = validGuide();
  g.materials[0]!.template = { sha256: templateSha, filename: '申请书模板.png' };
  return g;
};

async function catalogBase() {
  const open = catalogBases.find((b) => b.used < 90);
  if (open) return open;
  const dept = await i.org.departmentOfKind('420000', 'market_supervision');
  const code = `4201980${String(catalogBases.length + 1).padStart(2, '0')}P00`;
  const base = { ...(await catalogSend<{ id: string; code: string }>(catalogEditor, 'POST', '/api/catalog/base-items', { code, name: `权限测试事项${code}`, type: '01', departmentId: dept!.id, levels: ['2', '3', '4'] }, 201)), used: 0 };
  const { rev } = await catalogSend<{ rev: number }>(catalogEditor, 'GET', `/api/catalog/items/${base.id}/versions/1`);
  await catalogSend(catalogEditor, 'PUT', `/api/catalog/items/${base.id}/versions/1`, { guide: fixtureGuide(), rev }, 200);
  await catalogSend(catalogEditor, 'POST', `/api/catalog/items/${base.id}/versions/1/submit`, undefined, 200);
  await catalogSend(catalogHead, 'POST', `/api/catalog/items/${base.id}/versions/1/approve`, undefined, 200);
  await catalogSend(catalogEditor, 'POST', `/api/catalog/items/${base.id}/versions/1/publish`, undefined, 200);
  catalogBases.push(base);
  return base;
}

async function catalogSend<T>(s: Session, method: string, url: string, payload?: unknown, status = 200): Promise<T> {
  const res = await call(i, s, method, url, payload);
  if (res.statusCode !== status) throw new Error(`catalog fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const CATALOG_REGION = { inside: '420102', outside: '420200' } as const;

async function localItem(side: 'inside' | 'outside', status: 'draft' | 'approved' | 'published' = 'draft') {
  const base = await catalogBase();
  base.used++;
  const dept = await i.org.departmentOfKind(CATALOG_REGION[side], 'market_supervision');
  const item = await catalogSend<{ id: string; code: string }>(catalogEditor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: CATALOG_REGION[side], departmentId: dept!.id }, 201);
  if (status !== 'draft') {
    await i.platform.db.updateTable('catalog.item_version' as never).set({ status } as never).where('item_id' as never, '=', item.id as never).execute();
    if (status === 'published') await i.platform.db.updateTable('catalog.item' as never).set({ published_version: 1 } as never).where('id' as never, '=', item.id as never).execute();
  }
  return item;
}

/** An uploaded import template (no data rows: its job is refused, but starting it is what the table checks). */
let importFile = '';
const importJobs = { inside: '', outside: '' };
async function uploadedTemplate() {
  if (!importFile) {
    const { payload, headers } = multipartFile(0, 'local.xlsx', (await call(i, null, 'GET', '/api/catalog/templates/local')).rawPayload);
    const res = await call(i, catalogEditor, 'POST', '/api/files', payload, headers);
    if (res.statusCode !== 201) throw new Error(`catalog fixture upload: ${res.statusCode} ${res.body}`);
    importFile = (res.json() as { sha256: string }).sha256;
  }
  return importFile;
}
async function importJob(side: 'inside' | 'outside') {
  importJobs[side] ||= (await catalogSend<{ id: string }>(catalogEditor, 'POST', '/api/catalog/imports', { kind: 'local', regionCode: REGION[side], file: await uploadedTemplate() }, 202)).id;
  return importJobs[side];
}

const itemRoute = (path: (id: string) => string, status?: 'draft' | 'approved' | 'published', payload?: unknown): Row => ({
  ok: 200,
  departmentTarget: true,
  make: async ({ side }) => ({ url: path((await localItem(side, status)).id), payload }),
  missing: () => ({ url: path(randomUUID()), payload }),
});

/** Person fixtures: every case that registers or logs in a person gets new numbers. */
let personSeq = 100_000;
let person: TestPerson; // the person subject
let fixturePerson: TestPerson; // looked up and checked by clerks; made an agent
let fixtureEnterprise: string; // the person subject is its legal representative
const personPasswords = new Map<string, string>();

/** One row per `METHOD url` of the API. */
const TABLE: Record<string, Row> = {
  // API documentation (public by construction).
  'GET /api/docs': { ok: 200, make: () => get('/api/docs') },
  // Redirects to the page at /api/docs/.
  'GET /api/docs/static/index.html': { ok: 302, make: () => get('/api/docs/static/index.html') },
  'GET /api/docs/static/swagger-initializer.js': { ok: 200, make: () => get('/api/docs/static/swagger-initializer.js') },
  'GET /api/docs/json': { ok: 200, make: () => get('/api/docs/json') },
  'GET /api/docs/yaml': { ok: 200, make: () => get('/api/docs/yaml') },
  'HEAD /api/docs/static/*': { ok: 200, make: () => get('/api/docs/static/swagger-ui.css') },
  'GET /api/docs/static/*': { ok: 200, make: () => get('/api/docs/static/swagger-ui.css') },

  // Core.
  'GET /api/audit': { ok: 200, make: () => get('/api/audit?pageSize=5') },
  'GET /api/audit/verify': { ok: 200, make: () => get('/api/audit/verify') },
  'POST /api/files': { ok: 201, make: ({ n }) => ({ url: '/api/files', ...multipartFile(n, `dot-${n}.png`, PNG) }) },

  // Org.
  'GET /api/dev/mailbox': { ok: 200, make: () => get('/api/dev/mailbox') },
  'GET /api/regions': { ok: 200, make: () => get('/api/regions') },
  'GET /api/regions/:code/children': {
    ok: 200,
    make: ({ side }) => get(`/api/regions/${side === 'inside' ? '420100' : REGION.outside}/children`),
    missing: () => get(`/api/regions/${NO_REGION}/children`),
  },
  'GET /api/department-kinds': { ok: 200, make: () => get('/api/department-kinds') },
  'GET /api/department-kinds/:kind/name': {
    ok: 200,
    make: ({ side }) => get(`/api/department-kinds/education/name?regionCode=${REGION[side]}`),
    missing: () => get(`/api/department-kinds/education/name?regionCode=${NO_REGION}`),
  },
  'GET /api/departments': {
    ok: 200,
    make: ({ side }) => get(`/api/departments?regionCode=${REGION[side]}`),
    missing: () => get(`/api/departments?regionCode=${NO_REGION}`),
  },
  'POST /api/departments': {
    ok: 201,
    make: ({ side, n }) => ({ url: '/api/departments', payload: { regionCode: REGION[side], kind: 'education', name: `权限测试局${n}` } }),
  },
  'GET /api/departments/:id': {
    ok: 200,
    departmentTarget: true,
    make: ({ side }) => get(`/api/departments/${fx.department[side]}`),
    missing: () => get(`/api/departments/${randomUUID()}`),
  },
  'PATCH /api/departments/:id': {
    ok: 200,
    departmentTarget: true,
    make: async ({ side, n }) => {
      const id = fx.department[side];
      const { version } = await adminGet<{ version: number }>(`/api/departments/${id}`);
      return { url: `/api/departments/${id}`, payload: { version, phone: `027-${n}` } };
    },
    missing: () => ({ url: `/api/departments/${randomUUID()}`, payload: { version: 1, phone: '027-1' } }),
  },
  'GET /api/halls': {
    ok: 200,
    make: ({ side }) => get(`/api/halls?regionCode=${REGION[side]}`),
    missing: () => get(`/api/halls?regionCode=${NO_REGION}`),
  },
  'POST /api/halls': {
    ok: 201,
    make: ({ side, n }) => ({ url: '/api/halls', payload: { regionCode: REGION[side], name: `权限测试大厅${n}`, address: '测试地址', hours: '9:00-17:00' } }),
  },
  'PATCH /api/halls/:id': {
    ok: 200,
    make: async ({ side, n }) => {
      const id = fx.hall[side];
      const halls = await adminGet<{ items: { id: string; version: number }[] }>(`/api/halls?regionCode=${REGION[side]}`);
      const version = halls.items.find((h) => h.id === id)!.version;
      return { url: `/api/halls/${id}`, payload: { version, hours: `9:00-17:${String(n % 60).padStart(2, '0')}` } };
    },
    missing: () => ({ url: `/api/halls/${randomUUID()}`, payload: { version: 1, hours: '9:00-17:00' } }),
  },
  'POST /api/halls/:id/windows': {
    ok: 201,
    make: ({ side }) => ({ url: `/api/halls/${fx.hall[side]}/windows`, payload: { name: '权限测试窗口', kind: 'comprehensive' } }),
    missing: () => ({ url: `/api/halls/${randomUUID()}/windows`, payload: { name: '权限测试窗口', kind: 'comprehensive' } }),
  },
  'PATCH /api/windows/:id': {
    ok: 200,
    // A fresh window per case, so each case edits version 1 of its own window.
    make: async ({ side, n }) => {
      const w = await adminSend<{ id: string; version: number }>('POST', `/api/halls/${fx.hall[side]}/windows`, { name: `窗口${n}`, kind: 'dedicated' });
      return { url: `/api/windows/${w.id}`, payload: { version: w.version, name: `改名窗口${n}` } };
    },
    missing: () => ({ url: `/api/windows/${randomUUID()}`, payload: { version: 1, name: '改名窗口' } }),
  },
  'GET /api/public/departments': { ok: 200, make: ({ side }) => get(`/api/public/departments?regionCode=${REGION[side]}`) },
  'GET /api/public/halls': { ok: 200, make: ({ side }) => get(`/api/public/halls?regionCode=${REGION[side]}`) },

  // Catalog search (public).
  'GET /api/portal/search': { ok: 200, make: ({ side }) => get(`/api/portal/search?q=chusheng&regionCode=${REGION[side]}`) },
  'GET /api/portal/suggest': { ok: 200, make: ({ side }) => get(`/api/portal/suggest?q=csyxzm&regionCode=${REGION[side]}`) },

  // Catalog.
  'GET /api/catalog/dictionaries': { ok: 200, make: () => get('/api/catalog/dictionaries') },
  'GET /api/portal/items/:code': { ok: 200, make: () => get(`/api/portal/items/${publishedCode}`) },
  'POST /api/portal/items/:code/applicable': { ok: 200, make: () => ({ url: `/api/portal/items/${publishedCode}/applicable`, payload: { answers: { agent: 'yes' } } }) },
  'GET /api/catalog/items': {
    ok: 200,
    make: ({ side }) => get(`/api/catalog/items?regionCode=${REGION[side]}`),
    missing: () => get(`/api/catalog/items?regionCode=${NO_REGION}`),
  },
  // Base items are the province's: no 武汉 grant reaches them.
  'POST /api/catalog/base-items': {
    ok: 201,
    refusedInside: 403,
    make: async ({ n }) => {
      const dept = await i.org.departmentOfKind('420000', 'market_supervision');
      return { url: '/api/catalog/base-items', payload: { code: `42019${String(n).padStart(5, '0')}Q0`, name: `权限测试基本事项${n}`, type: '01', departmentId: dept!.id, levels: ['2'] } };
    },
  },
  'POST /api/catalog/local-items': {
    ok: 201,
    departmentTarget: true,
    make: async ({ side }) => {
      const base = await catalogBase();
      base.used++;
      const dept = await i.org.departmentOfKind(CATALOG_REGION[side], 'market_supervision');
      return { url: '/api/catalog/local-items', payload: { baseId: base.id, regionCode: CATALOG_REGION[side], departmentId: dept!.id } };
    },
    missing: async () => ({ url: '/api/catalog/local-items', payload: { baseId: (await catalogBase()).id, regionCode: NO_REGION, departmentId: randomUUID() } }),
  },
  'GET /api/catalog/items/:id': itemRoute((id) => `/api/catalog/items/${id}`),
  'GET /api/catalog/items/:id/versions/:number': itemRoute((id) => `/api/catalog/items/${id}/versions/1`),
  'PUT /api/catalog/items/:id/versions/:number': itemRoute((id) => `/api/catalog/items/${id}/versions/1`, 'draft', { guide: validGuide(), rev: 1 }),
  'GET /api/catalog/items/:id/versions/:number/problems': itemRoute((id) => `/api/catalog/items/${id}/versions/1/problems`),
  'POST /api/catalog/items/:id/versions/:number/submit': itemRoute((id) => `/api/catalog/items/${id}/versions/1/submit`),
  // Only a head bound to the item's own bureau approves; the demo heads are not (so: no success here).
  'POST /api/catalog/items/:id/versions/:number/approve': itemRoute((id) => `/api/catalog/items/${id}/versions/1/approve`),
  'POST /api/catalog/items/:id/versions/:number/return': itemRoute((id) => `/api/catalog/items/${id}/versions/1/return`, 'approved', { reason: '权限测试退回' }),
  'POST /api/catalog/items/:id/versions/:number/publish': itemRoute((id) => `/api/catalog/items/${id}/versions/1/publish`, 'approved'),
  'POST /api/catalog/items/:id/versions': { ...itemRoute((id) => `/api/catalog/items/${id}/versions`, 'published', { changeNote: '权限测试新版本' }), ok: 201 },
  'GET /api/catalog/items/:id/files/:sha256': itemRoute((id) => `/api/catalog/items/${id}/files/${templateSha}`),
  'GET /api/portal/items/:code/files/:sha256': { ok: 200, make: () => get(`/api/portal/items/${publishedCode}/files/${templateSha}`) },
  'GET /api/catalog/items/:id/diff': itemRoute((id) => `/api/catalog/items/${id}/diff?from=1&to=1`),
  'GET /api/catalog/items/:id/operations': itemRoute((id) => `/api/catalog/items/${id}/operations`),
  'POST /api/catalog/items/:id/status': itemRoute((id) => `/api/catalog/items/${id}/status`, 'published', { op: 'suspend', reason: '权限测试暂停' }),
  'POST /api/catalog/restructure': {
    ok: 200,
    departmentTarget: true,
    make: async ({ side }) => {
      const [a, b, c] = [await localItem(side), await localItem(side), await localItem(side)];
      return { url: '/api/catalog/restructure', payload: { op: 'split', sources: [a.id], targets: [b.id, c.id], reason: '权限测试拆分' } };
    },
    missing: async () => ({ url: '/api/catalog/restructure', payload: { op: 'split', sources: [randomUUID()], targets: [randomUUID(), randomUUID()], reason: '权限测试拆分' } }),
  },
  // Catalog import and export.
  'GET /api/catalog/templates/:kind': { ok: 200, make: () => get('/api/catalog/templates/materials') },
  'POST /api/catalog/imports': {
    ok: 202,
    make: async ({ side }) => ({ url: '/api/catalog/imports', payload: { kind: 'local', regionCode: REGION[side], file: await uploadedTemplate() } }),
    missing: async () => ({ url: '/api/catalog/imports', payload: { kind: 'local', regionCode: NO_REGION, file: await uploadedTemplate() } }),
  },
  'GET /api/catalog/imports': {
    ok: 200,
    make: ({ side }) => get(`/api/catalog/imports?regionCode=${REGION[side]}`),
    missing: () => get(`/api/catalog/imports?regionCode=${NO_REGION}`),
  },
  'GET /api/catalog/imports/:id': {
    ok: 200,
    make: async ({ side }) => get(`/api/catalog/imports/${await importJob(side)}`),
    missing: () => get(`/api/catalog/imports/${randomUUID()}`),
  },
  ...Object.fromEntries(
    ['json', 'csv', 'xlsx'].flatMap((format): [string, Row][] => [
      [`GET /api/catalog/export.${format}`, { ok: 200, make: ({ side }) => get(`/api/catalog/export.${format}?regionCode=${REGION[side]}`), missing: () => get(`/api/catalog/export.${format}?regionCode=${NO_REGION}`) }],
      [`GET /api/open/catalog.${format}`, { ok: 200, make: ({ side }) => get(`/api/open/catalog.${format}?regionCode=${REGION[side]}`) }],
    ]),
  ),

  // Identity.
  'POST /api/auth/login': {
    ok: 200,
    make: () => ({ url: '/api/auth/login', payload: { username: 'catalog_admin.hubei', password: DEMO_PASSWORD } }),
  },
  'POST /api/auth/logout': {
    ok: 204,
    // A session of its own, so logging out does not end the subject's session used by later cases.
    make: async ({ who }) => ({ url: '/api/auth/logout', session: who ? await who.newSession() : null }),
  },
  'GET /api/auth/me': { ok: 200, make: () => get('/api/auth/me') },
  'POST /api/auth/password': {
    ok: 204,
    make: ({ who, n }) => ({ url: '/api/auth/password', payload: { currentPassword: who ? pw(who.username) : 'whatever', newPassword: `Changed-${n}-Pw!` } }),
    after: (res, { who, n }) => {
      if (who && res.statusCode === 204) passwords.set(who.username, `Changed-${n}-Pw!`);
    },
  },
  'GET /api/roles': { ok: 200, make: () => get('/api/roles') },
  'GET /api/auth/logins': { ok: 200, make: () => get('/api/auth/logins') },
  'POST /api/auth/mfa/setup': { ok: 200, make: () => ({ url: '/api/auth/mfa/setup' }) },
  // Access only: a made-up code is refused (400) for whoever gets through; enabling is tested in mfa.test.ts.
  'POST /api/auth/mfa/enable': { ok: 400, make: () => ({ url: '/api/auth/mfa/enable', payload: { code: '000000' } }) },
  'POST /api/staff/:id/mfa/reset': {
    ok: 204,
    make: async ({ side }) => {
      const staffId = fx.staff[side];
      await i.platform.db
        .insertInto('identity.staff_mfa' as never)
        .values({ staff_id: staffId, secret_enc: i.platform.cipher.encrypt('JBSWY3DPEHPK3PXP'), enabled_at: new Date() } as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
      return { url: `/api/staff/${staffId}/mfa/reset` };
    },
    missing: () => ({ url: `/api/staff/${randomUUID()}/mfa/reset` }),
  },
  'GET /api/persons/me/logins': { ok: 200, make: () => get('/api/persons/me/logins') },
  'GET /api/persons/me/applications': { ok: 200, make: () => get('/api/persons/me/applications') },
  'DELETE /api/persons/me/applications/:clientId': { ok: 204, make: () => ({ url: `/api/persons/me/applications/${randomUUID()}` }) },
  'GET /api/staff': {
    ok: 200,
    make: ({ side }) => get(`/api/staff?regionCode=${REGION[side]}`),
    missing: () => get(`/api/staff?regionCode=${NO_REGION}`),
  },
  'POST /api/staff': {
    ok: 201,
    make: ({ side, n }) => ({ url: '/api/staff', payload: { username: `perm.new${n}`, name: `权限测试新人${n}`, password: 'Fresh-Pass-2026', regionCode: REGION[side] } }),
  },
  'GET /api/staff/:id': {
    ok: 200,
    make: ({ side }) => get(`/api/staff/${fx.staff[side]}`),
    missing: () => get(`/api/staff/${randomUUID()}`),
  },
  'PATCH /api/staff/:id': {
    ok: 200,
    make: async ({ side, n }) => {
      const id = fx.staff[side];
      const { version } = await adminGet<{ version: number }>(`/api/staff/${id}`);
      return { url: `/api/staff/${id}`, payload: { version, name: `权限测试人员${n}` } };
    },
    missing: () => ({ url: `/api/staff/${randomUUID()}`, payload: { version: 1, name: '权限测试人员' } }),
  },
  'POST /api/staff/:id/grants': {
    ok: 201,
    // The grant must not exist yet: remove it if an earlier case made it.
    make: async ({ side }) => {
      const id = fx.staff[side];
      for (const g of await grantsOf(id)) {
        if (g.role === 'catalog_admin' && g.regionCode === REGION[side]) await adminSend('DELETE', `/api/staff/${id}/grants/${g.id}`, undefined, 204);
      }
      return { url: `/api/staff/${id}/grants`, payload: { role: 'catalog_admin', regionCode: REGION[side] } };
    },
    missing: () => ({ url: `/api/staff/${randomUUID()}/grants`, payload: { role: 'catalog_admin', regionCode: REGION.inside } }),
  },
  'DELETE /api/staff/:id/grants/:grantId': {
    ok: 204,
    // A grant to revoke must exist: make it if an earlier case revoked it.
    make: async ({ side }) => {
      const id = fx.staff[side];
      const existing = (await grantsOf(id)).find((g) => g.role === 'supervisor' && g.regionCode === REGION[side]);
      const grant = existing ?? (await adminSend<GrantOut>('POST', `/api/staff/${id}/grants`, { role: 'supervisor', regionCode: REGION[side] }));
      return { url: `/api/staff/${id}/grants/${grant.id}` };
    },
    missing: () => ({ url: `/api/staff/${randomUUID()}/grants/${randomUUID()}` }),
  },
  // Persons.
  'POST /api/persons/codes': { ok: 202, make: () => ({ url: '/api/persons/codes', payload: { mobile: personNumbers(++personSeq).mobile, purpose: 'register' }, remoteAddress: nextAddress() }) },
  'POST /api/persons/register': {
    ok: 201,
    make: async () => {
      const { mobile, idNumber } = personNumbers(++personSeq);
      const remoteAddress = nextAddress();
      await call(i, null, 'POST', '/api/persons/codes', { mobile, purpose: 'register' }, {}, remoteAddress);
      return { url: '/api/persons/register', payload: { name: '李四', idNumber, mobile, code: await lastCode(i, mobile) }, remoteAddress };
    },
  },
  'POST /api/persons/login/code': {
    ok: 200,
    make: async () => {
      const p = await registerPerson(i, ++personSeq);
      const remoteAddress = nextAddress();
      await call(i, null, 'POST', '/api/persons/codes', { mobile: p.mobile, purpose: 'login' }, {}, remoteAddress);
      return { url: '/api/persons/login/code', payload: { mobile: p.mobile, code: await lastCode(i, p.mobile) }, remoteAddress };
    },
  },
  'POST /api/persons/login/password': {
    ok: 200,
    make: async () => {
      const p = await registerPerson(i, ++personSeq);
      return { url: '/api/persons/login/password', payload: { idNumber: p.idNumber, password: p.password }, remoteAddress: nextAddress() };
    },
  },
  'GET /api/persons/me': { ok: 200, make: () => get('/api/persons/me') },
  'POST /api/persons/me/password': {
    ok: 204,
    make: ({ n }) => ({ url: '/api/persons/me/password', payload: { currentPassword: personPasswords.get('person') ?? person.password, newPassword: `Person-New-${n}!` } }),
    after: (res, { who, n }) => {
      if (who?.kind === 'person' && res.statusCode === 204) personPasswords.set('person', `Person-New-${n}!`);
    },
  },
  'POST /api/persons/me/verify': { ok: 200, make: () => ({ url: '/api/persons/me/verify' }) },
  'POST /api/persons/lookup': { ok: 200, make: () => ({ url: '/api/persons/lookup', payload: { idNumber: fixturePerson.idNumber } }) },
  'POST /api/persons/:id/verify-in-person': {
    ok: 200,
    make: () => ({ url: `/api/persons/${fixturePerson.id}/verify-in-person`, payload: { idNumber: fixturePerson.idNumber } }),
  },
  'POST /api/persons/:id/id-number': {
    ok: 200,
    make: () => ({ url: `/api/persons/${fixturePerson.id}/id-number`, payload: { reason: '窗口核对身份' } }),
  },

  // Enterprises and agents (persons only).
  'POST /api/enterprises': { ok: 201, make: () => ({ url: '/api/enterprises', payload: { creditCode: creditCode(++personSeq), name: '权限测试有限公司' } }) },
  'POST /api/credit-code-exceptions': {
    ok: 201,
    make: ({ side }) => ({
      url: '/api/credit-code-exceptions',
      payload: { creditCode: withBadCheck(creditCode(++personSeq, side === 'inside' ? '420102' : '420200')), reason: '权限测试认可' },
    }),
  },
  'GET /api/enterprises/mine': { ok: 200, make: () => get('/api/enterprises/mine') },
  'POST /api/persons/me/acting-for': { ok: 200, make: () => ({ url: '/api/persons/me/acting-for', payload: { enterpriseId: null } }) },
  'GET /api/enterprises/:id/agents': { ok: 200, make: () => get(`/api/enterprises/${fixtureEnterprise}/agents`) },
  'POST /api/enterprises/:id/agents': {
    ok: 201,
    make: () => ({
      url: `/api/enterprises/${fixtureEnterprise}/agents`,
      payload: { name: fixturePerson.name, idNumber: fixturePerson.idNumber, itemTypes: 'all', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  'DELETE /api/enterprises/:id/agents/:grantId': {
    ok: 204,
    make: async () => {
      const payload = { name: fixturePerson.name, idNumber: fixturePerson.idNumber, itemTypes: 'all', expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
      const g = await call(i, person, 'POST', `/api/enterprises/${fixtureEnterprise}/agents`, payload);
      return { url: `/api/enterprises/${fixtureEnterprise}/agents/${(g.json() as { id: string }).id}` };
    },
  },

  'POST /api/staff/:id/reset-password': {
    ok: 204,
    make: ({ side }) => ({ url: `/api/staff/${fx.staff[side]}/reset-password`, payload: { password: 'Reset-Pass-2026!' } }),
    missing: () => ({ url: `/api/staff/${randomUUID()}/reset-password`, payload: { password: 'Reset-Pass-2026!' } }),
  },

  // Single sign-on: client administration and the machine API.
  'GET /api/oidc/clients': {
    ok: 200,
    make: ({ side }) => get(`/api/oidc/clients?regionCode=${REGION[side]}`),
    missing: () => get(`/api/oidc/clients?regionCode=${NO_REGION}`),
  },
  'POST /api/oidc/clients': {
    ok: 201,
    make: ({ side, n }) => ({ url: '/api/oidc/clients', payload: { name: `权限测试客户端${n}`, grant: 'client_credentials', scopes: ['perm:test'], regionCode: REGION[side] } }),
  },
  'DELETE /api/oidc/clients/:id': {
    ok: 204,
    // A client of its own per case, made by the province admin.
    make: async ({ side, n }) => {
      const c = await adminSend<{ clientId: string }>('POST', '/api/oidc/clients', { name: `待删除客户端${n}`, grant: 'client_credentials', regionCode: REGION[side] });
      return { url: `/api/oidc/clients/${c.clientId}` };
    },
    missing: () => ({ url: `/api/oidc/clients/${randomUUID()}` }),
  },
  // Sessions never open machine routes (the positive case, with a client-credentials token, is in test/oidc.test.ts).
  'GET /api/machine/whoami': { ok: 200, make: () => get('/api/machine/whoami') },
};

/** What the answer must be, from the route's declared access and the caller's role alone. */
function expectedStatus(access: Access, row: Row, who: Subject | null, side: Side): number {
  if ('public' in access) return row.ok;
  if ('machine' in access) return 401; // only a machine client's bearer token opens it, never a session
  if (!who) return 401;
  if ('authenticated' in access) return access.kinds && !access.kinds.includes(who.kind) ? 403 : row.ok;
  if (!who.role || !ROLE_PERMISSIONS[who.role].includes(access.permission)) return 403;
  if (!access.scope) return row.ok; // no target region: inside and outside alike
  if (side === 'missing') return 404;
  if (side === 'outside') return 403;
  if (row.departmentTarget && who.departmentBound) return 403;
  return row.refusedInside ?? row.ok;
}

const routeKeys = () => i.http.routes.map((r) => `${r.method} ${r.url}`);

const SUBJECTS = ['anonymous', ...ROLES, 'person'] as const;
let counter = 0;
const cases = Object.entries(TABLE).flatMap(([route, row]) =>
  SUBJECTS.flatMap((who) =>
    (row.missing ? (['inside', 'outside', 'missing'] as const) : (['inside', 'outside'] as const)).map((side) => ({ route, who, side })),
  ),
);

beforeAll(async () => {
  i = await testInstance();
  admin = await login(i, 'platform_admin.hubei');
  for (const role of ROLES) {
    const username = `${role}.wuhan`;
    const session = await login(i, username);
    const me = (await call(i, session, 'GET', '/api/auth/me')).json() as { user: { grants: { regionCode: string; departmentId: string | null }[] } };
    expect(me.user.grants).toHaveLength(1);
    expect(me.user.grants[0]!.regionCode).toBe('420100');
    const departmentId = me.user.grants[0]!.departmentId;
    subjects.set(role, { kind: 'staff', role, username, session, newSession: () => login(i, username, pw(username)), departmentBound: departmentId !== null, departmentId });
  }
  person = await registerPerson(i, 1, '王五');
  fixturePerson = await registerPerson(i, 2, '赵六');
  expect((await call(i, person, 'POST', '/api/persons/me/verify')).statusCode).toBe(200);
  const enterprise = await call(i, person, 'POST', '/api/enterprises', { creditCode: creditCode(1), name: '权限测试夹具有限公司' });
  expect(enterprise.statusCode, enterprise.body).toBe(201);
  fixtureEnterprise = (enterprise.json() as { id: string }).id;
  personSubject = {
    kind: 'person',
    role: null,
    username: 'person',
    session: person,
    newSession: () => personLogin(i, { idNumber: person.idNumber, password: personPasswords.get('person') ?? person.password }),
    departmentBound: false,
    departmentId: null,
  };
  const regions = await adminGet<{ code: string }[]>('/api/regions');
  expect(regions.map((r) => r.code)).not.toContain(NO_REGION);
  catalogEditor = await login(i, 'catalog_admin.hubei');
  catalogHead = await login(i, 'department_head.hubei');
  templateSha = (await i.platform.blobs.put(PNG)).sha256;
  publishedCode = (await catalogBase()).code;
  for (const side of ['inside', 'outside'] as const) {
    const r = REGION[side];
    fx.department[side] = (await adminSend<{ id: string }>('POST', '/api/departments', { regionCode: r, kind: 'education', name: `权限测试夹具局${side}` })).id;
    fx.hall[side] = (await adminSend<{ id: string }>('POST', '/api/halls', { regionCode: r, name: `权限测试夹具大厅${side}`, address: '测试地址', hours: '9:00-17:00' })).id;
    fx.staff[side] = (await adminSend<{ id: string }>('POST', '/api/staff', { username: `perm.${side}`, name: `权限测试${side}`, password: 'Fixture-Pass-2026', regionCode: r })).id;
  }
});
afterAll(() => i?.close());

describe('the permission table', () => {
  it('has a row for every route of the API', () => {
    const missing = routeKeys().filter((k) => !Object.hasOwn(TABLE, k));
    expect(missing, 'routes without a row in the permission table').toEqual([]);
  });

  it('names no route that does not exist', () => {
    const routes = new Set(routeKeys());
    expect(Object.keys(TABLE).filter((k) => !routes.has(k)), 'rows naming no route').toEqual([]);
  });

  it('covers department-bound and unbound demo accounts', () => {
    expect([...subjects.values()].filter((s) => s.departmentBound).map((s) => s.role).sort()).toEqual(['department_head', 'inspector', 'reviewer', 'window_clerk']);
  });

  it.each(cases)('$route as $who ($side)', async ({ route, who: name, side }) => {
    const declared = i.http.routes.find((r) => `${r.method} ${r.url}` === route);
    expect(declared, `${route} is not a route of the API`).toBeDefined();
    const row = TABLE[route]!;
    const who = name === 'anonymous' ? null : name === 'person' ? personSubject : subjects.get(name)!;
    const ctx: Ctx = { side: side === 'missing' ? 'inside' : side, who, n: ++counter };
    const req = await (side === 'missing' ? row.missing!(ctx) : row.make(ctx));
    const session = req.session !== undefined ? req.session : (who?.session ?? null);
    const res = await call(i, session, declared!.method, req.url, req.payload, req.headers, req.remoteAddress);
    const want = expectedStatus(declared!.access, row, who, side);
    expect(res.statusCode, `${route} as ${name} (${side}) → ${req.url}: ${res.body.slice(0, 300)}`).toBe(want);
    if (want >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: want });
    }
    row.after?.(res, ctx);
  });
});

describe('guards around the table', () => {
  it('answers the automatic HEAD twin of every guarded GET route like the GET: 401 anonymously', async () => {
    const guarded = i.http.routes.filter((r) => r.method === 'GET' && !('public' in r.access));
    expect(guarded.length).toBeGreaterThan(5);
    for (const r of guarded) {
      const req = await TABLE[`GET ${r.url}`]!.make({ side: 'inside', who: null, n: ++counter });
      const res = await call(i, null, 'HEAD', req.url);
      expect(res.statusCode, `HEAD ${req.url}`).toBe(401);
    }
  });

  it('keeps HEAD on a scoped route to the caller’s region', async () => {
    const wuhanAdmin = subjects.get('platform_admin')!.session;
    expect((await call(i, wuhanAdmin, 'HEAD', `/api/staff?regionCode=${REGION.inside}`)).statusCode).toBe(200);
    expect((await call(i, wuhanAdmin, 'HEAD', `/api/staff?regionCode=${REGION.outside}`)).statusCode).toBe(403);
    expect((await call(i, subjects.get('catalog_admin')!.session, 'HEAD', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('refuses a state change without the right x-csrf-token with 403, even for platform_admin', async () => {
    const before = (await adminGet<{ total: number }>('/api/departments?regionCode=420103')).total;
    const body = { regionCode: '420103', kind: 'transport', name: '防伪令牌测试局' };
    const noToken = await i.http.app.inject({ method: 'POST', url: '/api/departments', payload: body, headers: { cookie: admin.cookie, 'accept-language': 'en' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ type: '/problems/forbidden', title: expect.stringContaining('CSRF') });
    const wrong = await call(i, admin, 'POST', '/api/departments', body, { 'x-csrf-token': `${admin.csrf}x` });
    expect(wrong.statusCode).toBe(403);
    const otherSession = await call(i, admin, 'POST', '/api/departments', body, { 'x-csrf-token': subjects.get('platform_admin')!.session.csrf });
    expect(otherSession.statusCode).toBe(403);
    expect((await adminGet<{ total: number }>('/api/departments?regionCode=420103')).total).toBe(before);
    // Reads need no token; the same change with the right one goes through.
    const read = await i.http.app.inject({ method: 'GET', url: '/api/departments?regionCode=420103', headers: { cookie: admin.cookie } });
    expect(read.statusCode).toBe(200);
    expect((await call(i, admin, 'POST', '/api/departments', body)).statusCode).toBe(201);
  });

  it('refuses a CSRF-less logout and password change too (authenticated routes)', async () => {
    const s = await login(i, 'supervisor.hubei');
    for (const [url, payload] of [['/api/auth/logout', undefined], ['/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Another-Pass-1' }]] as const) {
      const res = await i.http.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}), headers: { cookie: s.cookie } });
      expect(res.statusCode, url).toBe(403);
    }
    expect((await call(i, s, 'GET', '/api/roles')).statusCode).toBe(200);
  });

  it('lets a department-bound reviewer list its region’s departments but not open another department', async () => {
    const reviewer = subjects.get('reviewer')!;
    expect(reviewer.departmentId).not.toBeNull();
    const list = await call(i, reviewer.session, 'GET', '/api/departments?regionCode=420100&pageSize=100');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: { id: string; regionCode: string }[] }).items;
    const other = items.find((d) => d.id !== reviewer.departmentId);
    expect(other).toBeDefined();
    expect(items.map((d) => d.id)).toContain(reviewer.departmentId);
    expect((await call(i, reviewer.session, 'GET', `/api/departments/${other!.id}`)).statusCode).toBe(403);
    expect((await call(i, reviewer.session, 'GET', `/api/departments/${reviewer.departmentId}`)).statusCode).toBe(200);
  });
});

describe('route declarations', () => {
  const bareHttp = () =>
    createHttp({ config: testConfig(), parentOf: () => null, authenticators: [], ready: async () => true, webRoot: null });

  it('refuses an /api route registered without config.access, naming the route', async () => {
    const { app } = bareHttp();
    const attempt = async () => {
      app.get('/api/x', async () => ({ ok: true }));
      await app.ready();
    };
    await expect(attempt()).rejects.toThrow(/GET \/api\/x.*access/);
    await app.close().catch(() => undefined);
  });

  it('refuses a route whose config has no access even when it has other config', async () => {
    const { app } = bareHttp();
    const attempt = async () => {
      app.post('/api/y', { config: { rateLimit: 1 } as never }, async () => ({ ok: true }));
      await app.ready();
    };
    await expect(attempt()).rejects.toThrow(/POST \/api\/y/);
    await app.close().catch(() => undefined);
  });

  it('accepts and lists a route that declares its access', async () => {
    const { app, routes } = bareHttp();
    app.get('/api/x', { config: { access: { permission: 'org:read' } } }, async () => ({ ok: true }));
    await app.ready();
    expect(routes).toContainEqual({ method: 'GET', url: '/api/x', access: { permission: 'org:read' } });
    expect((await app.inject({ method: 'GET', url: '/api/x' })).statusCode).toBe(401);
    await app.close();
  });
});
