/**
 * The permission table: every route of the API, sent as every role (and anonymously), against a
 * target inside the caller's region (武汉 420100 subtree) and outside it (黄石 420200), and — for
 * routes whose scope can name a target — a target that does not exist. A person's own things (a
 * case, an upload) are the person's target instead: the person subject's own inside, another
 * person's outside (see `ownTarget`). The expected answer is computed from the route's declared
 * access and the role's permissions; the table only says how to build a real request for each
 * route. A route without a row fails the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/core/config.ts';
import { createHttp, type Access } from '../../src/core/http.ts';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../src/core/permissions.ts';
import { call, DEMO_PASSWORD, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';
import { validGuide } from '../support/catalog.ts';
import { creditCode, withBadCheck, lastCode, nextAddress, personLogin, personNumbers, registerPerson, type TestPerson } from '../support/persons.ts';
import { act, apply, onlineItem, onlineItemIn, PDF, upload, verifyInPerson, type CaseOut, type CaseSessions } from '../support/cases.ts';

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
  /** A domain refusal expected inside for a caller who passes every guard. */
  refusedInside?: number;
  /**
   * A person route naming the caller's own target (a case, an upload): inside it is the person
   * subject's own, outside another person's, missing none. The person gets 404 for the last two —
   * never 403, which would tell that the target exists; other callers meet the route's guard.
   */
  ownTarget?: true;
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

/**
 * Cases fixtures: an online item of 武汉市市场监督管理局 (inside: the bureau reviewer.wuhan and
 * department_head.wuhan are bound to, so every case grant of 武汉 reaches its cases) and one of
 * 黄石市市场监督管理局 (outside), both open to persons. Cases are applied for through the API; a
 * route that changes its case gets a fresh one for a caller who may change it, and shares one per
 * side with the callers its guard refuses.
 */
const caseItem = { inside: '', outside: '' };
let otherPerson: TestPerson; // owns the cases and uploads that are not the person subject's
let otherUpload = ''; // a file only otherPerson uploaded
let walkIn: TestPerson; // checked in person (L3): taken in at a window
let hubeiClerk: Session; // window_clerk.hubei: the province clerk's grant reaches 黄石's cases
let scanSha = ''; // the PNG every case hands in as its application form (the person subject uploaded it)
let resultSha = ''; // a PDF: the result document of cases that have one
const ANSWERS = { kind: 'new', agent: 'no' };
const FORM_MATERIAL = () => [{ materialId: 'form', sha256: scanSha }];
const randomSha = () => randomBytes(32).toString('hex');
const staffSession = (role: Role) => subjects.get(role)!.session;
const holds = (c: Ctx, permission: Permission) => Boolean(c.who?.role && ROLE_PERMISSIONS[c.who.role].includes(permission));
const isPerson = (c: Ctx) => c.who?.kind === 'person';

const sharedTargets = new Map<string, Promise<unknown>>();
/** Built fresh for a caller who may change the target, once per key for the callers the guard refuses. */
function target<T>(key: string, fresh: boolean, build: () => Promise<T>): Promise<T> {
  if (fresh) return build();
  if (!sharedTargets.has(key)) sharedTargets.set(key, build());
  return sharedTargets.get(key) as Promise<T>;
}

/** The owner of the case or upload a person route names: the person subject inside, another person outside. */
const ownerOf = (side: 'inside' | 'outside') => (side === 'inside' ? person : otherPerson);
const newCase = (side: 'inside' | 'outside', owner: TestPerson = person) => apply(i, owner, caseItem[side]);

/** A case asked for a supplement by a window clerk. */
async function supplementCase(side: 'inside' | 'outside', owner: TestPerson) {
  const c = await newCase(side, owner);
  return act(i, side === 'inside' ? staffSession('window_clerk') : hubeiClerk, c, { type: 'request-supplement', deficiencies: [{ materialId: 'form', text: '申请书缺少签字' }] });
}

/** A case decided, with its result document issued and mailed: each step by its role. */
async function deliveringCase(side: 'inside' | 'outside', owner: TestPerson): Promise<CaseOut> {
  const c = await newCase(side, owner);
  if (side === 'inside') {
    const clerk = staffSession('window_clerk');
    let v = await act(i, clerk, c, { type: 'accept' });
    v = await act(i, staffSession('reviewer'), v, { type: 'advance', opinion: '符合许可条件' });
    v = await act(i, staffSession('department_head'), v, { type: 'decide', grant: true, reasons: '符合法定条件' });
    v = await act(i, clerk, v, { type: 'issue', document: resultSha });
    return act(i, clerk, v, { type: 'deliver', method: 'mail', tracking: 'SF1234567890' });
  }
  // No demo reviewer or head is bound to 黄石's bureau: the province's clerk accepts, the rest is set directly.
  const v = await act(i, hubeiClerk, c, { type: 'accept' });
  const core = { ...v.core, state: 'delivering', decision: { grant: true, reasons: '符合法定条件' }, delivery: { method: 'mail', tracking: 'SF1234567890' } };
  await i.platform.db
    .updateTable('cases.case' as never)
    .set({ core: JSON.stringify(core), state: 'delivering', queue: 'to_deliver', result_sha256: resultSha, version: v.version + 1 } as never)
    .where('id' as never, '=', v.id as never)
    .execute();
  return { ...v, state: 'delivering', version: v.version + 1 };
}

const caseVersion = async (id: string) =>
  ((await i.platform.db.selectFrom('cases.case' as never).select('version' as never).where('id' as never, '=', id as never).executeTakeFirstOrThrow()) as { version: number }).version;

/** A person route on the caller's own case: `path` of the person subject's case inside, another person's outside. */
const ownCaseRoute = (
  path: (id: string) => string,
  build: (side: 'inside' | 'outside', owner: TestPerson) => Promise<CaseOut>,
  opts: { changes?: boolean; payload?: (c: CaseOut) => unknown } = {},
): Row => ({
  ok: 200,
  ownTarget: true,
  make: async (c) => {
    const k = await target(`${path('*')} ${c.side}`, Boolean(opts.changes) && isPerson(c), () => build(c.side, ownerOf(c.side)));
    return { url: path(k.id), payload: opts.payload?.(k) };
  },
  missing: () => ({ url: path(randomUUID()), payload: opts.payload?.({ version: 1 } as CaseOut) }),
});

/** A workbench route on a case of the side (shared: reading or acting on it leaves it usable for the next caller). */
const workbenchRoute = (key: string, build: (side: 'inside' | 'outside') => Promise<CaseOut>, req: (id: string, c: Ctx) => Promise<Req> | Req, ok = 200): Row => ({
  ok,
  make: async (c) => req((await target(`${key} ${c.side}`, false, () => build(c.side))).id, c),
  missing: (c) => req(randomUUID(), c),
});

const delivered = (side: 'inside' | 'outside') => deliveringCase(side, person);

/** A pre-review the person subject asked for about the side's item. */
async function prereview(side: 'inside' | 'outside') {
  const res = await call(i, person, 'POST', '/api/my/prereviews', { itemCode: caseItem[side], answers: ANSWERS, materials: FORM_MATERIAL() });
  if (res.statusCode !== 201) throw new Error(`prereview fixture: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string };
}

/**
 * Evaluation fixtures. A rated case is completed (delivered by mail, then confirmed received by its
 * applicant); a poor rating of it opens a rectification for the case's department (武汉市市场监督管理局
 * inside, the one department_head.wuhan is bound to; 黄石's bureau outside). What no demo account
 * of 黄石 can do through the API (call back, appeal) is set directly there.
 */
async function completedCase(side: 'inside' | 'outside', owner: TestPerson): Promise<CaseOut> {
  const c = await deliveringCase(side, owner);
  const res = await call(i, owner, 'POST', `/api/my/cases/${c.id}/received`, { version: c.version });
  if (res.statusCode !== 200) throw new Error(`completed case fixture: ${res.statusCode} ${res.body}`);
  return res.json() as CaseOut;
}

const RATING = { level: 5, indicators: ['efficiency'], comment: '' };

/** A poor rating by otherPerson of their completed case of the side, and the rectification it opened. */
async function poorRating(side: 'inside' | 'outside') {
  const c = await completedCase(side, otherPerson);
  const res = await call(i, otherPerson, 'POST', `/api/my/cases/${c.id}/evaluation`, { level: 1, indicators: ['efficiency'], comment: '权限测试差评' });
  if (res.statusCode !== 201) throw new Error(`poor rating fixture: ${res.statusCode} ${res.body}`);
  const evaluationId = (res.json() as { ratings: { id: string }[] }).ratings[0]!.id;
  const r = await sql<{ id: string }>`select id from cases.rectification where evaluation_id = ${evaluationId}`.execute(i.platform.db);
  return { evaluationId, rectificationId: r.rows[0]!.id };
}

/** A rectification of the side called back (closing needs that first). */
async function calledBack(side: 'inside' | 'outside') {
  const { rectificationId } = await poorRating(side);
  if (side === 'inside') {
    const res = await call(i, staffSession('department_head'), 'POST', `/api/evaluations/rectifications/${rectificationId}/callback`, { record: '电话回访评价人', reached: true });
    if (res.statusCode !== 200) throw new Error(`call-back fixture: ${res.statusCode} ${res.body}`);
  } else {
    await sql`update cases.rectification set state = 'called_back', callback_record = '电话回访评价人', callback_reached = true, called_back_by = '权限测试', called_back_at = now() where id = ${rectificationId}`.execute(i.platform.db);
  }
  return rectificationId;
}

/** A submitted appeal against a poor rating of the side. */
async function submittedAppeal(side: 'inside' | 'outside') {
  const { evaluationId } = await poorRating(side);
  if (side === 'inside') {
    const res = await call(i, staffSession('department_head'), 'POST', `/api/evaluations/${evaluationId}/appeal`, { ground: 'malicious', reason: '权限测试申诉' });
    if (res.statusCode !== 201) throw new Error(`appeal fixture: ${res.statusCode} ${res.body}`);
    return (res.json() as { appeal: { id: string } }).appeal.id;
  }
  const a = await sql<{ id: string }>`
    insert into cases.appeal (evaluation_id, region_code, department_id, ground, reason, submitted_by, submitted_by_name)
    select id, region_code, department_id, 'malicious', '权限测试申诉', 'fixture', '权限测试' from cases.evaluation where id = ${evaluationId}
    returning id`.execute(i.platform.db);
  return a.rows[0]!.id;
}

/**
 * A window visit of the side's market supervision bureau, opened at a hall of the side: by 武汉's
 * clerk inside, by the province's clerk outside. Returns its rating token.
 */
async function visit(side: 'inside' | 'outside') {
  const department = await i.org.departmentOfKind(side === 'inside' ? '420100' : REGION.outside, 'market_supervision');
  const clerk = side === 'inside' ? staffSession('window_clerk') : hubeiClerk;
  const res = await call(i, clerk, 'POST', '/api/window/visits', { hallId: fx.hall[side], windowNumber: 2, departmentId: department!.id });
  if (res.statusCode !== 201) throw new Error(`visit fixture: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

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
  'GET /api/calendar/years': { ok: 200, make: () => get('/api/calendar/years') },
  'GET /api/calendar/years/:year': { ok: 200, make: () => get('/api/calendar/years/2026') },
  'GET /api/calendar/explain': { ok: 200, make: () => get('/api/calendar/explain?from=2026-09-30&to=2026-10-10') },
  // The calendar is the province's: no 武汉 grant reaches it.
  'PUT /api/calendar/years/:year': { ok: 200, refusedInside: 403, make: () => ({ url: '/api/calendar/years/2099', payload: { offDays: ['2099-01-01'], workDays: [] } }) },

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

  // Cases: the applicant's (persons only). Uploads, drafts and applications are the caller's own; a
  // route naming a case or an upload takes the person subject's own inside and another person's outside.
  'POST /api/my/files': { ok: 201, make: ({ n }) => ({ url: '/api/my/files', ...multipartFile(n, `scan-${n}.png`, PNG) }) },
  'GET /api/my/materials': { ok: 200, make: () => get('/api/my/materials') },
  'GET /api/my/files/:sha256': {
    ok: 200,
    ownTarget: true,
    make: ({ side }) => get(`/api/my/files/${side === 'inside' ? scanSha : otherUpload}`),
    missing: () => get(`/api/my/files/${randomSha()}`),
  },
  'GET /api/my/drafts': { ok: 200, make: () => get('/api/my/drafts') },
  'GET /api/my/drafts/:itemCode': { ok: 200, make: ({ side }) => get(`/api/my/drafts/${caseItem[side]}`) },
  'PUT /api/my/drafts/:itemCode': {
    ok: 200,
    // The revision the person subject would read (0 while there is no draft).
    make: async ({ side, n }) => {
      const { draft } = (await call(i, person, 'GET', `/api/my/drafts/${caseItem[side]}`)).json() as { draft: { rev: number } | null };
      return { url: `/api/my/drafts/${caseItem[side]}`, payload: { rev: draft?.rev ?? 0, data: { answers: ANSWERS, step: n } } };
    },
  },
  'DELETE /api/my/drafts/:itemCode': { ok: 204, make: ({ side }) => ({ url: `/api/my/drafts/${caseItem[side]}` }) },
  'GET /api/my/apply/:itemCode': { ok: 200, make: ({ side }) => get(`/api/my/apply/${caseItem[side]}`) },
  'POST /api/my/cases': {
    ok: 201,
    make: ({ side, n }) => ({
      url: '/api/my/cases',
      payload: { itemCode: caseItem[side], answers: ANSWERS, form: { mobile: '13900000000' }, materials: FORM_MATERIAL() },
      headers: { 'idempotency-key': `permissions-${n}` },
    }),
  },
  'GET /api/my/cases': { ok: 200, make: () => get('/api/my/cases') },
  'GET /api/my/cases/:id': ownCaseRoute((id) => `/api/my/cases/${id}`, newCase),
  'GET /api/my/cases/:id/materials/:sha256': ownCaseRoute((id) => `/api/my/cases/${id}/materials/${scanSha}`, newCase),
  'GET /api/my/cases/:id/result': ownCaseRoute((id) => `/api/my/cases/${id}/result`, deliveringCase),
  'POST /api/my/cases/:id/supplement': ownCaseRoute((id) => `/api/my/cases/${id}/supplement`, supplementCase, {
    changes: true,
    payload: (c) => ({ version: c.version, materials: FORM_MATERIAL(), note: '已补签' }),
  }),
  'POST /api/my/cases/:id/withdraw': ownCaseRoute((id) => `/api/my/cases/${id}/withdraw`, newCase, { changes: true, payload: (c) => ({ version: c.version, reason: '不再需要' }) }),
  'POST /api/my/cases/:id/received': ownCaseRoute((id) => `/api/my/cases/${id}/received`, deliveringCase, { changes: true, payload: (c) => ({ version: c.version }) }),
  'GET /api/my/messages': { ok: 200, make: () => get('/api/my/messages') },
  'POST /api/my/messages/read': {
    ok: 204,
    make: async () => {
      const { items } = (await call(i, person, 'GET', '/api/my/messages?pageSize=5')).json() as { items: { id: number }[] };
      return { url: '/api/my/messages/read', payload: { ids: items.map((m) => m.id) } };
    },
  },
  'POST /api/my/prereviews': { ok: 201, make: ({ side }) => ({ url: '/api/my/prereviews', payload: { itemCode: caseItem[side], answers: ANSWERS, materials: FORM_MATERIAL() } }) },
  'GET /api/my/prereviews': { ok: 200, make: () => get('/api/my/prereviews') },
  // Progress by number and query code, without login.
  'GET /api/public/progress': {
    ok: 200,
    make: async ({ side }) => {
      const c = await target(`progress ${side}`, false, () => newCase(side));
      return get(`/api/public/progress?number=${c.number}&code=${c.queryCode}`);
    },
  },

  // Cases: the workbench. Lists are filtered by the caller's grants (no target); a case's scope is its
  // region and department, except that a window clerk's grant reaches every case of its regions.
  'GET /api/cases': { ok: 200, make: () => get('/api/cases?queue=all') },
  'GET /api/cases/export.xlsx': { ok: 200, make: () => get('/api/cases/export.xlsx?queue=to_accept') },
  'GET /api/cases/:id': workbenchRoute('delivering', delivered, (id) => get(`/api/cases/${id}`)),
  'GET /api/cases/:id/deadline': workbenchRoute('delivering', delivered, (id) => get(`/api/cases/${id}/deadline`)),
  'GET /api/cases/:id/materials/:sha256': workbenchRoute('delivering', delivered, (id) => get(`/api/cases/${id}/materials/${scanSha}`)),
  'GET /api/cases/:id/result': workbenchRoute('delivering', delivered, (id) => get(`/api/cases/${id}/result`)),
  // Opening the current step is for every staff role acting on cases; the version is read anew for each caller.
  'POST /api/cases/:id/actions': workbenchRoute('handled', newCase, async (id) => ({
    url: `/api/cases/${id}/actions`,
    payload: { version: await caseVersion(id).catch(() => 1), action: { type: 'open' } },
  })),
  // A claim: the caller takes the case.
  'POST /api/cases/:id/assignee': workbenchRoute('handled', newCase, async (id, { who }) => ({
    url: `/api/cases/${id}/assignee`,
    payload: { version: await caseVersion(id).catch(() => 1), staffId: who?.session.userId ?? randomUUID() },
  })),
  'POST /api/cases/:id/comments': workbenchRoute('handled', newCase, (id, { n }) => ({ url: `/api/cases/${id}/comments`, payload: { text: `权限测试意见${n}` } }), 201),
  'POST /api/cases/:id/checks': workbenchRoute('handled', newCase, (id) => ({ url: `/api/cases/${id}/checks`, payload: { key: 'm:form:0', ok: true, note: '' } })),
  // Window intake names no target in its declared access: the service refuses an item outside the
  // clerk's regions (403; see cases.test.ts), so both sides take in 武汉's item here.
  // A clerk hands in scans they uploaded themselves; the item's region is the target.
  'POST /api/window/cases': {
    ok: 201,
    make: async (c) => {
      const scan = holds(c, 'case:intake') ? await upload(i, c.who!.session, PNG, '/api/files', 'scan.png') : scanSha;
      return {
        url: '/api/window/cases',
        payload: { itemCode: caseItem[c.side], personId: walkIn.id, answers: ANSWERS, form: { mobile: '13900000002' }, materials: [{ materialId: 'form', sha256: scan }], acceptNow: false, key: `permissions-window-${c.n}` },
      };
    },
    missing: () => ({ url: '/api/window/cases', payload: { itemCode: '11420100104201000000000000000T0001', personId: walkIn.id, answers: ANSWERS, form: {}, materials: [], acceptNow: false, key: `permissions-window-missing` } }),
  },
  'GET /api/window/prereviews': { ok: 200, make: () => get('/api/window/prereviews') },
  'GET /api/window/prereviews/:id/materials/:sha256': {
    ok: 200,
    make: async ({ side }) => get(`/api/window/prereviews/${(await target(`prereview ${side}`, false, () => prereview(side))).id}/materials/${scanSha}`),
    missing: () => get(`/api/window/prereviews/${randomUUID()}/materials/${scanSha}`),
  },
  // A pre-review is answered once: a fresh one for a caller who may answer it.
  'POST /api/window/prereviews/:id': {
    ok: 200,
    make: async (c) => ({
      url: `/api/window/prereviews/${(await target(`prereview ${c.side}`, holds(c, 'case:intake'), () => prereview(c.side))).id}`,
      payload: { complete: true, answer: '材料齐全，请携带原件到窗口办理' },
    }),
    missing: () => ({ url: `/api/window/prereviews/${randomUUID()}`, payload: { complete: true, answer: '材料齐全' } }),
  },

  // Evaluation (好差评). The applicant rates their own completed case once: a fresh one for the person
  // (both rows share the other callers' completed case of each side).
  'GET /api/my/cases/:id/evaluation': ownCaseRoute((id) => `/api/my/cases/${id}/evaluation`, completedCase),
  'POST /api/my/cases/:id/evaluation': {
    ...ownCaseRoute((id) => `/api/my/cases/${id}/evaluation`, completedCase, { changes: true, payload: () => RATING }),
    ok: 201,
  },
  // Opening a visit names no target in its declared access: the service refuses a case or department
  // outside the clerk's regions (403; see evaluation.test.ts), so both sides serve 武汉's case at a 武汉 hall.
  'POST /api/window/visits': {
    ok: 201,
    make: async ({ n }) => ({
      url: '/api/window/visits',
      payload: { hallId: fx.hall.inside, windowNumber: 1 + (n % 900), caseId: (await target('visit case', false, () => newCase('inside'))).id },
    }),
  },
  // Rating pages by token, without login (limited per client address).
  'GET /api/public/visits/:token': {
    ok: 200,
    make: async ({ side }) => ({ url: `/api/public/visits/${await target(`visit ${side}`, false, () => visit(side))}`, remoteAddress: nextAddress() }),
  },
  // One rating per visit, and everyone may give it: a fresh visit for every caller.
  'POST /api/public/visits/:token/evaluation': {
    ok: 201,
    make: async ({ side }) => ({
      url: `/api/public/visits/${await visit(side)}/evaluation`,
      payload: { level: 4, indicators: ['attitude'], comment: '' },
      remoteAddress: nextAddress(),
    }),
  },
  // Lists are filtered by the caller's regions (and department); a rectification, rating or appeal
  // is scoped by its region and department, 武汉市市场监督管理局's inside.
  'GET /api/evaluations/rectifications': { ok: 200, make: () => get('/api/evaluations/rectifications?state=all') },
  'POST /api/evaluations/rectifications/:id/callback': {
    ok: 200,
    make: async (c) => ({
      url: `/api/evaluations/rectifications/${(await target(`poor rating ${c.side}`, holds(c, 'evaluation:rectify'), () => poorRating(c.side))).rectificationId}/callback`,
      payload: { record: '电话回访，说明情况并致歉', reached: true },
    }),
    missing: () => ({ url: `/api/evaluations/rectifications/${randomUUID()}/callback`, payload: { record: '电话回访', reached: true } }),
  },
  'POST /api/evaluations/rectifications/:id/close': {
    ok: 200,
    make: async (c) => ({
      url: `/api/evaluations/rectifications/${await target(`called back ${c.side}`, holds(c, 'evaluation:rectify'), () => calledBack(c.side))}/close`,
      payload: { outcome: '权限测试整改完成' },
    }),
    missing: () => ({ url: `/api/evaluations/rectifications/${randomUUID()}/close`, payload: { outcome: '权限测试整改完成' } }),
  },
  'POST /api/evaluations/:id/appeal': {
    ok: 201,
    make: async (c) => ({
      url: `/api/evaluations/${(await target(`poor rating ${c.side}`, holds(c, 'evaluation:rectify'), () => poorRating(c.side))).evaluationId}/appeal`,
      payload: { ground: 'mistaken', reason: '权限测试申诉' },
    }),
    missing: () => ({ url: `/api/evaluations/${randomUUID()}/appeal`, payload: { ground: 'mistaken', reason: '权限测试申诉' } }),
  },
  'GET /api/evaluations/appeals': { ok: 200, make: () => get('/api/evaluations/appeals?state=all') },
  'POST /api/evaluations/appeals/:id/decide': {
    ok: 200,
    make: async (c) => ({
      url: `/api/evaluations/appeals/${await target(`appeal ${c.side}`, holds(c, 'evaluation:appeal'), () => submittedAppeal(c.side))}/decide`,
      payload: { uphold: false, decision: '权限测试复核：申诉不成立' },
    }),
    missing: () => ({ url: `/api/evaluations/appeals/${randomUUID()}/decide`, payload: { uphold: false, decision: '申诉不成立' } }),
  },
  'GET /api/public/evaluations/summary': { ok: 200, make: ({ side }) => get(`/api/public/evaluations/summary?regionCode=${REGION[side]}`) },
};

/** What the answer must be, from the route's declared access and the caller's role alone. */
function expectedStatus(access: Access, row: Row, who: Subject | null, side: Side): number {
  if ('public' in access) return row.ok;
  if ('machine' in access) return 401; // only a machine client's bearer token opens it, never a session
  if (!who) return 401;
  if ('authenticated' in access) {
    if (access.kinds && !access.kinds.includes(who.kind)) return 403;
    return row.ownTarget && side !== 'inside' ? 404 : row.ok;
  }
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
  const cs: CaseSessions = {
    province: { editor: catalogEditor, head: catalogHead },
    wuhan: { editor: staffSession('catalog_admin'), head: staffSession('department_head') },
    clerk: staffSession('window_clerk'),
    reviewer: staffSession('reviewer'),
    head: staffSession('department_head'),
  };
  caseItem.inside = await onlineItem(i, cs);
  caseItem.outside = await onlineItemIn(i, cs, CATALOG_REGION.outside);
  hubeiClerk = await login(i, 'window_clerk.hubei');
  otherPerson = await registerPerson(i, 3, '孙七');
  walkIn = await registerPerson(i, 4, '周八');
  await verifyInPerson(i, staffSession('window_clerk'), walkIn);
  scanSha = await upload(i, person);
  otherUpload = await upload(i, otherPerson, Buffer.concat([PDF, Buffer.from('% uploaded by another person\n')]), '/api/my/files', 'other.pdf');
  resultSha = (await i.platform.blobs.put(PDF)).sha256;
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
