/**
 * (f) Cases: online submissions against a raw INSERT of the same rows, and the workbench's queue
 * query over a million cases. Two comparisons, two tables, two JSON lines:
 *
 *   cases.submit — POST /api/my/cases through app.inject as the demo person 张三 (session cookie and
 *       CSRF token, a new Idempotency-Key every time) for the first published item of 武汉市 (by
 *       code) open to persons online with situation answers under which exactly two applicant
 *       materials apply (the info line names it), each a reference to a PDF the person uploaded
 *       before timing. The whole path: session, route validation, the published item, the person,
 *       the uploads, the situation answers, the form (Ajv), then one transaction (case number, case
 *       row, material rows, timeline, outbox event, audit entry) and the draft's removal.
 *       Baseline: the same rows — a case row with the same columns and the same JSON (copied from a
 *       case the subject made, with a new id and number) and its two material rows — inserted
 *       through the same Kysely on the same database in one transaction (begin, two inserts,
 *       commit). Both sides one submission at a time. Goal ≥ 0.5×.
 *   cases.queue — server mode only: 1,000,000 cases (--cases) generated with `insert … select …
 *       from generate_series` over the demo's departments (every region that has some), then
 *       `CaseQueries.queue` (the code of GET /api/cases: one page, its total and the per-queue
 *       counts of the tabs) for a department-bound reviewer (reviewer.wuhan), a city's window clerk
 *       (window_clerk.wuhan: every case of 武汉市 and its districts) and a province supervisor
 *       (supervisor.hubei: every case), queues to_accept, to_review, overdue and mine, page 1 and a
 *       deep page (page 50, or the last when there are fewer). Baseline: `select * from cases.case
 *       where department_id = $1 and queue = 'to_review' order by due_on limit 20` for the
 *       reviewer's department (one statement, no counts). Goal: p95 ≤ 50 ms.
 *
 * Each part seeds a scratch database of its own, without the deemed-acceptance sweep. Rounds
 * alternate the sides (the order flips every round); the table shows medians over rounds.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createInstance, type Instance } from '../src/app.ts';
import type { Principal } from '../src/core/permissions.ts';
import { DEMO_PASSWORD, DEMO_PERSON } from '../src/modules/identity/index.ts';
import { CaseQueries, type QueueName } from '../src/modules/cases/queries.ts';
import type { CasesTables } from '../src/modules/cases/schema.ts';
import { CasesService } from '../src/modules/cases/service.ts';
import {
  environment,
  median,
  numberOption,
  onCleanup,
  openBenchDatabase,
  pairedRatio,
  percentile,
  printResult,
  progress,
  row,
  type Benchmark,
  type BenchOptions,
  type BenchResult,
} from './lib.ts';

const REGION = '420100';
const PARTS = ['submit', 'queue'] as const;
type Part = (typeof PARTS)[number];
type Side = 'baseline' | 'subject';
const orderOf = (i: number): Side[] => (i % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline']);

// =============================================================================================
// statements

interface Statement {
  sql: string;
  /** The connection it went over (the PGlite instance, or a pg client of the pool). */
  via: object;
  start: number;
  ms: number;
}

/**
 * Records every statement sent to the database while `fn` runs, with the time until it answered:
 * on the PGlite client in embedded mode, on the pg clients of the pool in server mode.
 */
function tracer(instance: Instance) {
  const pglite = instance.platform.database.pglite;
  return async <T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> => {
    const seen: Statement[] = [];
    const timed = <R>(via: object, text: unknown, p: Promise<R>) => {
      const s: Statement = { sql: String(text).replace(/\s+/g, ' ').trim(), via, start: performance.now(), ms: 0 };
      seen.push(s);
      return p.finally(() => (s.ms = performance.now() - s.start));
    };
    type Query = (this: object, ...a: unknown[]) => unknown;
    const restore: (() => void)[] = [];
    if (pglite) {
      const q = pglite.query.bind(pglite);
      const e = pglite.exec.bind(pglite);
      pglite.query = ((...a: Parameters<typeof q>) => timed(pglite, a[0], q(...a))) as typeof pglite.query;
      pglite.exec = ((...a: Parameters<typeof e>) => timed(pglite, a[0], e(...a))) as typeof pglite.exec;
      restore.push(() => ((pglite.query = q), (pglite.exec = e)));
    } else {
      const proto = pg.Client.prototype as unknown as { query: Query };
      const q = proto.query;
      proto.query = function (this: object, ...a: unknown[]) {
        const r = q.apply(this, a);
        const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string }).text;
        return r instanceof Promise ? timed(this, text, r) : r;
      };
      restore.push(() => (proto.query = q));
    }
    try {
      return { result: await fn(), statements: seen };
    } finally {
      for (const r of restore) r();
    }
  };
}

/** The outbox dispatcher's statements: it runs in the background, after each write. */
const DISPATCHER = /^select .* from "core"\."outbox_delivery"|^update "core"\."outbox_delivery"/;

/** What a statement outside a transaction is for, by its text (first match). */
const PURPOSES: [string, RegExp][] = [
  ['outbox dispatcher (background)', DISPATCHER],
  ['catalog look-ups', /"catalog"\./],
  ['identity look-up (person)', /"identity"\."person"/],
  ['session (re-read every 5 s)', /"identity"\./],
  ['upload look-ups', /"cases"\."upload"/],
  ['draft removal', /"cases"\."draft"/],
];

/** How long at least one of the intervals was running. */
function covered(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/**
 * Where the time of `n` operations went: statements outside transactions by purpose (count and
 * their own ms per operation: those that ran at once overlap), transactions from begin to commit,
 * and the wall time during which no statement of the operation ran.
 */
function breakdown(statements: Statement[], wallMs: number, n: number) {
  const out = new Map<string, { statements: number; ms: number }>();
  const add = (k: string, ms: number, count = 1) => {
    const e = out.get(k) ?? { statements: 0, ms: 0 };
    e.statements += count;
    e.ms += ms;
    out.set(k, e);
  };
  const open = new Map<object, { start: number; statements: number }>();
  const busy: [number, number][] = [];
  for (const s of statements) {
    const background = DISPATCHER.test(s.sql);
    const tx = open.get(s.via);
    if (!background && /^begin/i.test(s.sql)) open.set(s.via, { start: s.start, statements: 1 });
    else if (!background && tx && /^(commit|rollback)/i.test(s.sql)) {
      open.delete(s.via);
      add('transaction (begin … commit)', s.start + s.ms - tx.start, tx.statements + 1);
      busy.push([tx.start, s.start + s.ms]);
    } else if (!background && tx) tx.statements++;
    else {
      add(PURPOSES.find(([, re]) => re.test(s.sql))?.[0] ?? 'other', s.ms);
      if (!background) busy.push([s.start, s.start + s.ms]);
    }
  }
  add('no statement running (HTTP, checks, JSON)', wallMs - covered(busy), 0);
  return Object.fromEntries([...out].map(([k, v]) => [k, { statements: +(v.statements / n).toFixed(2), ms: +(v.ms / n).toFixed(2) }]));
}

// =============================================================================================
// the platform through HTTP

interface Session {
  cookie: string;
  csrf: string;
}

async function staffLogin(app: Instance['http']['app'], username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`, csrf: (res.json() as { user: { csrfToken: string } }).user.csrfToken };
}

async function personLogin(app: Instance['http']['app']): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/persons/login/password', payload: { idNumber: DEMO_PERSON.idNumber, password: DEMO_PERSON.password } });
  if (res.statusCode !== 200) throw new Error(`person login: ${res.statusCode} ${res.body}`);
  return { cookie: `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`, csrf: (res.json() as { person: { csrfToken: string } }).person.csrfToken };
}

/** Uploads a small PDF (its text makes it unique) as a person or staff member; returns its sha256. */
async function uploadPdf(app: Instance['http']['app'], who: Session, url: string, text: string): Promise<string> {
  const boundary = `----bench${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${text}.pdf"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({ method: 'POST', url, payload, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return (res.json() as { sha256: string }).sha256;
}

interface CaseOut {
  id: string;
  version: number;
}

async function act(app: Instance['http']['app'], who: Session, c: CaseOut, action: Record<string, unknown>): Promise<CaseOut> {
  const res = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/actions`, payload: { version: c.version, action }, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf } });
  if (res.statusCode !== 200) throw new Error(`${String(action.type)}: ${res.statusCode} ${res.body}`);
  return res.json() as CaseOut;
}

/**
 * The first published item of 武汉市 (by code) open to persons online, with situation answers
 * that make exactly two applicant materials apply (and any number the platform holds).
 */
async function twoMaterialItem(instance: Instance) {
  for (const { code } of await instance.catalog.publishedIn(REGION)) {
    const item = await instance.catalog.published(code);
    if (!item.canApplyOnline || !item.guide.audience.includes('person')) continue;
    let combos: Record<string, string>[] = [{}];
    for (const q of item.guide.situations) combos = combos.flatMap((c) => q.options.map((o) => ({ ...c, [q.id]: o.id })));
    for (const answers of combos) {
      const { materials } = await instance.catalog.applicable(code, answers);
      const own = materials.filter((m) => m.source === 'applicant');
      if (own.length === 2) return { code, name: item.item.name, answers, materials: own.map((m) => m.id), held: materials.length - own.length };
    }
  }
  throw new Error(`no published item of ${REGION} with exactly two applicant materials`);
}

// =============================================================================================
// submissions

/** The demo person, logged in, with two uploads for the two materials of the item: `submit` applies online once more. */
async function applicant(instance: Instance) {
  const app = instance.http.app;
  const item = await twoMaterialItem(instance);
  const person = await personLogin(app);
  const files = [await uploadPdf(app, person, '/api/my/files', 'bench-material-1'), await uploadPdf(app, person, '/api/my/files', 'bench-material-2')];
  const body = { itemCode: item.code, answers: item.answers, form: { mobile: '13900000000' }, materials: item.materials.map((materialId, k) => ({ materialId, sha256: files[k]! })) };
  const tag = Date.now().toString(36);
  let n = 0;
  const submit = async (): Promise<CaseOut> => {
    const res = await app.inject({ method: 'POST', url: '/api/my/cases', payload: body, headers: { cookie: person.cookie, 'x-csrf-token': person.csrf, 'idempotency-key': `bench-${tag}-${++n}` } });
    if (res.statusCode !== 201) throw new Error(`POST /api/my/cases: ${res.statusCode} ${res.body}`);
    return res.json() as CaseOut;
  };
  return { item, submit, tag };
}
type Applicant = Awaited<ReturnType<typeof applicant>>;

async function submissions(instance: Instance, opts: BenchOptions, common: Record<string, unknown>, seconds: number, warmup: number, { item, submit, tag }: Applicant) {
  const db = instance.platform.db as Kysely<CasesTables>;
  const trace = tracer(instance);

  // The baseline's rows: those of a case the subject made, with a new id and number each time.
  const first = await submit();
  const template = await db.selectFrom('cases.case').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  const materials = await db.selectFrom('cases.case_material').select(['material_id', 'name', 'sha256', 'media_type', 'size', 'file_name', 'source', 'round']).where('case_id', '=', first.id).execute();
  if (materials.length !== 2) throw new Error(`the subject's case has ${materials.length} material rows, not 2`);
  // The columns the submission's insert writes; the others keep their defaults.
  const { id: _id, checks: _checks, version: _version, created_at: _created, updated_at: _updated, assignee_id: _a, assignee_name: _an, completed_at: _c, result_sha256: _r, ...columns } = template;
  const json = { answers: JSON.stringify(template.answers), form: JSON.stringify(template.form), snapshot: JSON.stringify(template.snapshot), core: JSON.stringify(template.core) };
  let b = 0;
  const insert = async () => {
    const id = randomUUID();
    const k = ++b;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('cases.case')
        .values({ ...columns, ...(json as Record<keyof typeof json, never>), id, number: `9${String(k).padStart(19, '0')}`, received_at: new Date(), idempotency_key: `base-${tag}-${k}` })
        .execute();
      await tx.insertInto('cases.case_material').values(materials.map((m) => ({ ...m, case_id: id }))).execute();
    });
  };
  const ops: Record<Side, () => Promise<unknown>> = { baseline: insert, subject: submit };

  const measure = async (side: Side, secs: number) => {
    const op = ops[side];
    let done = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const end = start + secs * 1000;
    while (performance.now() < end) {
      await op();
      done++;
    }
    const cpu = process.cpuUsage(cpu0);
    return { rate: done / ((performance.now() - start) / 1000), cpuMs: (cpu.user + cpu.system) / 1000 / done };
  };
  progress(`submissions: warm-up, a probe of 20 in a row per side, then ${opts.runs} rounds × ${seconds} s per side, one at a time`);
  await measure('baseline', warmup);
  await measure('subject', warmup);
  const probeN = 20;
  const probe = async (side: Side) => {
    const t = performance.now();
    const { statements } = await trace(async () => {
      for (let i = 0; i < probeN; i++) await ops[side]();
    });
    return { statements, wallMs: performance.now() - t };
  };
  const probes = { baseline: await probe('baseline'), subject: await probe('subject') };
  const foreground = (s: Statement[]) => s.filter((x) => !DISPATCHER.test(x.sql)).length / probeN;

  const got: Record<Side, { rate: number; cpuMs: number }[]> = { baseline: [], subject: [] };
  for (let i = 0; i < opts.runs; i++) {
    for (const side of orderOf(i)) {
      const m = await measure(side, seconds);
      got[side].push(m);
      progress(`round ${i + 1} ${side.padEnd(8)} ${m.rate.toFixed(1).padStart(7)} submissions/s  ${(1000 / m.rate).toFixed(2)} ms each  process CPU ${m.cpuMs.toFixed(2)} ms each`);
    }
  }
  const baseline = row('baseline', 'raw INSERT of the same rows (1 transaction)', got.baseline.map((m) => m.rate));
  const subject = row('subject', 'POST /api/my/cases via app.inject', got.subject.map((m) => m.rate));
  const cpuMs = (side: Side) => +median(got[side].map((m) => m.cpuMs)).toFixed(2);
  const ratio = subject.median / baseline.median;
  const made = await db.selectFrom('cases.case').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return {
    benchmark: 'cases.submit',
    mode: opts.mode,
    unit: 'submissions/s',
    better: 'higher',
    baseline,
    subjects: [subject],
    ratio,
    goal: { text: '≥ 0.50×', met: ratio >= 0.5 },
    info: {
      ...common,
      item: `${item.name} ${item.code}, answers ${JSON.stringify(item.answers)}: applicant materials ${item.materials.join(' + ')} (${item.held} held by the platform)`,
      'ms per submission (baseline, subject)': [+(1000 / baseline.median).toFixed(2), +(1000 / subject.median).toFixed(2)],
      [`process CPU ms per submission (baseline, subject; ${opts.mode === 'embedded' ? 'PGlite included' : 'without the PostgreSQL backends'})`]: [cpuMs('baseline'), cpuMs('subject')],
      'statements per submission (baseline, subject; the subject without the outbox dispatcher)': [foreground(probes.baseline.statements), foreground(probes.subject.statements)],
      [`where a submission's time goes (subject, ${probeN} in a row: ms and statements per submission)`]: breakdown(probes.subject.statements, probes.subject.wallMs, probeN),
      [`the same for the baseline`]: breakdown(probes.baseline.statements, probes.baseline.wallMs, probeN),
      'JSON sizes of the case row (bytes)': Object.fromEntries(Object.entries(json).map(([k, v]) => [k, Buffer.byteLength(v)])),
      'rows in cases.case after the run (both sides)': made.n,
      loop: `one submission at a time on both sides, ${seconds} s rounds after ${warmup} s warm-up per side`,
    },
    notes: [
      'subject: the whole HTTP path of an online application (session from the 5 s cache, body and header validation, all checks, one transaction with the case number, case, materials, timeline, outbox event and audit entry, the draft removed); every request has its own Idempotency-Key (looked up only when an attempt fails)',
      'baseline: begin, insert into cases.case (the same columns and JSON as a case the subject made, a new id and number), insert into cases.case_material (its two rows, one statement), commit — through the same Kysely and driver',
      'the outbox dispatcher runs in the background after every submission (one look-up per subscriber): counted in the subject\'s time, listed apart in the breakdown',
    ],
  } satisfies BenchResult;
}

// =============================================================================================
// the workbench queue over a million cases

/** Shares of the generated cases by queue (per mille); the rest are completed. */
const SPREAD: [string, number][] = [
  ['to_accept', 20],
  ['to_review', 30],
  ['to_decide', 15],
  ['paused', 10],
  ['to_issue', 10],
  ['to_deliver', 10],
  ['refused', 25],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];

/**
 * Real cases at every stage, walked through the API by the demo staff of 武汉 (the case JSON of the
 * generated rows is copied from them): submitted, accepted, reviewed, decided, issued, delivered,
 * asked for a supplement, refused.
 */
async function stageTemplates(instance: Instance, submit: () => Promise<CaseOut>) {
  const app = instance.http.app;
  const db = instance.platform.db as Kysely<CasesTables>;
  const [clerk, reviewer, head] = [await staffLogin(app, 'window_clerk.wuhan'), await staffLogin(app, 'reviewer.wuhan'), await staffLogin(app, 'department_head.wuhan')];
  const out = new Map<string, { state: string; queue: string | null; core: unknown; snapshot: unknown; answers: unknown; form: unknown; version: number }>();
  const keep = async (c: CaseOut, as: string) => {
    const r = await db.selectFrom('cases.case').select(['state', 'queue', 'core', 'snapshot', 'answers', 'form', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    out.set(as, r);
    return c;
  };
  let c = await keep(await submit(), 'to_accept');
  c = await keep(await act(app, clerk, c, { type: 'accept' }), 'to_review');
  c = await keep(await act(app, reviewer, c, { type: 'advance', opinion: '材料齐全，符合条件（基准）' }), 'to_decide');
  c = await keep(await act(app, head, c, { type: 'decide', grant: true, reasons: '符合规定的条件（基准）' }), 'to_issue');
  const document = await uploadPdf(app, clerk, '/api/files', 'bench-result');
  c = await keep(await act(app, clerk, c, { type: 'issue', document }), 'to_deliver');
  await keep(await act(app, clerk, c, { type: 'deliver', method: 'electronic' }), 'completed');
  await keep(await act(app, clerk, await submit(), { type: 'request-supplement', deficiencies: [{ text: '申请书缺少签字（基准）' }] }), 'paused');
  await keep(await act(app, clerk, await submit(), { type: 'refuse', reason: '不属于本机关职权范围（基准）', basis: '《中华人民共和国行政许可法》第三十二条', remedies: '可依法申请行政复议或者提起行政诉讼' }), 'refused');
  return out;
}

/**
 * Generates `count` cases with SQL beside the platform's own; returns the three principals whose
 * queues are timed and what the data looks like.
 */
async function generate(instance: Instance, count: number, submit: () => Promise<CaseOut>) {
  const db = instance.platform.db as Kysely<CasesTables>;
  const raw = instance.platform.db;
  const staffIds = new Map(
    (await sql<{ id: string; username: string }>`select id, username from identity.staff where username in ('reviewer.wuhan', 'window_clerk.wuhan', 'supervisor.hubei')`.execute(raw)).rows.map((r) => [r.username, r.id]),
  );
  const principal = async (username: string): Promise<Principal> => {
    const s = await instance.identity.staff(staffIds.get(username)!);
    if (!s) throw new Error(`no staff member ${username}`);
    return { kind: 'staff', ...s };
  };
  const reviewer = await principal('reviewer.wuhan');
  const clerk = await principal('window_clerk.wuhan');
  const supervisor = await principal('supervisor.hubei');
  const reviewerDept = reviewer.grants.find((g) => g.role === 'reviewer')!.departmentId!;
  const wuhan = new Set([REGION, ...[...instance.platform.regionParents].filter(([, p]) => p === REGION).map(([c]) => c)]);

  progress('queue: cases at every stage through the API (the generated rows copy their JSON)');
  const templates = await stageTemplates(instance, submit);

  // Where the generated cases go: 1,000 slots over the demo's departments, weighted (market
  // supervision, public security, health and human resources handle more; 武汉 more than others);
  // each department's cases are of one of its published items, or of any published local item.
  const departments = (await sql<{ id: string; region_code: string; name: string; kind: string }>`select id, region_code, name, kind from org.department where active and kind <> 'government_services' order by region_code, kind`.execute(raw)).rows;
  const items = (
    await sql<{ id: string; code: string; name: string; type: string; version: number; department_id: string | null }>`select id, code, name, type, published_version as version, department_id from catalog.item where kind = 'local' and published_version is not null order by code`.execute(raw)
  ).rows;
  const weight = (d: (typeof departments)[number]) => ({ market_supervision: 4, public_security: 3, health: 2, human_resources: 2 })[d.kind as 'health'] ?? 1;
  const weights = departments.map((d) => weight(d) * (wuhan.has(d.region_code) ? 2 : 1));
  const total = weights.reduce((a, x) => a + x, 0);
  const slots: { slot: number; dept: (typeof departments)[number]; item: (typeof items)[number] }[] = [];
  let acc = 0;
  departments.forEach((d, k) => {
    const own = items.filter((i) => i.department_id === d.id);
    const from = Math.round((acc / total) * 1000);
    acc += weights[k]!;
    const to = Math.round((acc / total) * 1000);
    for (let s = from; s < to; s++) slots.push({ slot: s, dept: d, item: own.length ? own[s % own.length]! : items[s % items.length]! });
  });
  const staffId = (k: string) => `bench-staff-${k}`;
  await sql`create schema bench`.execute(raw);
  await sql`create table bench.dept (slot int primary key, id uuid, region_code char(6), name text, item_id uuid, item_code text, item_name text, item_type char(2), item_version int, reviewer_id text, reviewer_name text, clerk_id text, clerk_name text)`.execute(raw);
  await sql`insert into bench.dept select * from json_populate_recordset(null::bench.dept, ${JSON.stringify(
    slots.map(({ slot, dept, item }) => ({
      slot,
      id: dept.id,
      region_code: dept.region_code,
      name: dept.name,
      item_id: item.id,
      item_code: item.code,
      item_name: item.name,
      item_type: item.type,
      item_version: item.version,
      reviewer_id: dept.id === reviewerDept ? reviewer.id : staffId(dept.id),
      reviewer_name: dept.id === reviewerDept ? reviewer.name : '审查人员（基准）',
      clerk_id: wuhan.has(dept.region_code) ? clerk.id : staffId(dept.region_code),
      clerk_name: wuhan.has(dept.region_code) ? clerk.name : '窗口人员（基准）',
    })),
  )}::json)`.execute(raw);
  await sql`create table bench.template (slot int primary key, state text, queue text, core jsonb, snapshot jsonb, answers jsonb, form jsonb, version int)`.execute(raw);
  const classes: [string, number][] = [...SPREAD, ['completed', 1000 - SPREAD.reduce((a, [, x]) => a + x, 0)]];
  const templateRows: Record<string, unknown>[] = [];
  for (const [name, share] of classes) {
    const t = templates.get(name)!;
    for (let s = 0; s < share; s++) templateRows.push({ slot: templateRows.length, ...t });
  }
  await sql`insert into bench.template select * from json_populate_recordset(null::bench.template, ${JSON.stringify(templateRows)}::json)`.execute(raw);

  progress(`queue: generating ${count} cases`);
  const t0 = performance.now();
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await db.transaction().execute(async (tx) => {
      await sql`select setseed(${(from % 9973) / 9973})`.execute(tx);
      await sql`
        insert into cases.case (number, query_code, channel, item_id, item_code, item_name, item_version, item_type, region_code, department_id, department_name,
          applicant_kind, person_id, enterprise_id, applicant_name, applicant_number, agent_name, answers, form, snapshot, core, state, queue, due_on,
          assignee_id, assignee_name, version, received_at, completed_at, submitted_by, idempotency_key, created_at, updated_at)
        select d.region_code || to_char(x.received_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad((x.i % 1000000)::text, 6, '0'),
          upper(substr(md5(x.i::text), 1, 8)), x.channel, d.item_id, d.item_code, d.item_name, d.item_version, d.item_type, d.region_code, d.id, d.name,
          x.kind, md5('p' || (x.i % 400000))::uuid, case when x.kind = 'enterprise' then md5('e' || (x.i % 60000))::uuid end,
          case when x.kind = 'enterprise' then '湖北' || (${sql.val(SURNAMES)}::text[])[1 + x.i % 20] || x.i % 60000 || '商贸有限公司' else (${sql.val(SURNAMES)}::text[])[1 + x.i % 20] || (${sql.val(GIVEN)}::text[])[1 + (x.i / 20) % 20] end,
          case when x.kind = 'enterprise' then '91420100' || upper(substr(md5('e' || (x.i % 60000)), 1, 10)) else '4201**********' || lpad((x.i % 10000)::text, 4, '0') end,
          case when x.kind = 'enterprise' then (${sql.val(SURNAMES)}::text[])[1 + x.i % 20] || '经办' end,
          t.answers, t.form, t.snapshot, t.core, t.state, t.queue,
          (x.received_at at time zone 'Asia/Shanghai')::date + 5 + floor(x.r3 * 25)::int,
          case when t.queue in ('to_review', 'to_decide') and x.r4 < 0.4 then d.reviewer_id when t.queue = 'to_accept' and x.r4 < 0.2 then d.clerk_id end,
          case when t.queue in ('to_review', 'to_decide') and x.r4 < 0.4 then d.reviewer_name when t.queue = 'to_accept' and x.r4 < 0.2 then d.clerk_name end,
          t.version, x.received_at, case when t.queue is null then least(now(), x.received_at + x.r5 * interval '20 days') end,
          case when x.channel = 'online' then md5('p' || (x.i % 400000))::uuid::text else d.clerk_id end, 'gen-' || x.i,
          x.received_at, case when t.queue is null then least(now(), x.received_at + x.r5 * interval '20 days') else x.received_at end
        from (
          select i, floor(random() * 1000)::int as dslot, floor(random() * 1000)::int as tslot, random() as r1, random() as r3, random() as r4, random() as r5,
            case when random() < 0.7 then 'online' else 'window' end as channel, case when random() < 0.75 then 'person' else 'enterprise' end as kind
          from generate_series(${from}::int, ${to}::int) i
        ) g
        join bench.dept d on d.slot = g.dslot
        join bench.template t on t.slot = g.tslot
        cross join lateral (
          select g.*, now() - interval '1 day' - case when t.queue is null then g.r1 * interval '730 days' else g.r1 ^ 3 * interval '40 days' end as received_at
        ) x`.execute(tx);
    });
    progress(`${to} cases inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const loadMs = performance.now() - t0;
  progress('queue: vacuum analyze cases.case');
  await sql`vacuum analyze cases.case`.execute(raw);
  await sql`drop schema bench cascade`.execute(raw);
  const sizes = (
    await sql<{ n: number; open: number; size: string; reviewer_open: number; clerk_open: number }>`
      select count(*)::int as n, count(*) filter (where queue is not null)::int as open,
        count(*) filter (where queue is not null and department_id = ${reviewerDept})::int as reviewer_open,
        count(*) filter (where queue is not null and region_code in (${sql.join([...wuhan])}))::int as clerk_open,
        pg_size_pretty(pg_total_relation_size('cases.case')) as size
      from cases.case`.execute(raw)
  ).rows[0]!;

  return { reviewer, clerk, supervisor, reviewerDept, departments: departments.length, classes, loadMs, sizes };
}

async function queue(instance: Instance, opts: BenchOptions, common: Record<string, unknown>, count: number, repeat: number, submit: () => Promise<CaseOut>) {
  const raw = instance.platform.db;
  const { reviewer, clerk, supervisor, reviewerDept, departments, classes, loadMs, sizes } = await generate(instance, count, submit);
  const queries = new CaseQueries(new CasesService(instance.platform, instance.identity));
  const who: [string, Principal][] = [
    ['reviewer (department)', reviewer],
    ['window clerk (city)', clerk],
    ['supervisor (province)', supervisor],
  ];
  const queues: QueueName[] = ['to_accept', 'to_review', 'overdue', 'mine'];
  const cases: { label: string; principal: Principal; queue: QueueName; page: number }[] = [];
  for (const [label, p] of who) {
    for (const q of queues) {
      const { total: n } = await queries.queue(p, { queue: q, page: 1, pageSize: 20 });
      const deep = Math.min(50, Math.max(1, Math.ceil(n / 20)));
      cases.push({ label: `${label} ${q} p1 (of ${n})`, principal: p, queue: q, page: 1 }, { label: `${label} ${q} deep p${deep}`, principal: p, queue: q, page: deep });
    }
  }
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const runs: Record<Side, () => Promise<number[][]>> = {
    baseline: async () => {
      const each: number[][] = cases.map(() => []);
      for (let r = 0; r < repeat; r++) {
        for (let k = 0; k < cases.length; k++) each[k]!.push(await time(() => sql`select * from cases.case where department_id = ${reviewerDept} and queue = 'to_review' order by due_on limit 20`.execute(raw)));
      }
      return each;
    },
    subject: async () => {
      const each: number[][] = cases.map(() => []);
      for (let r = 0; r < repeat; r++) {
        for (const [k, c] of cases.entries()) each[k]!.push(await time(() => queries.queue(c.principal, { queue: c.queue, page: c.page, pageSize: 20 })));
      }
      return each;
    },
  };
  progress(`queue: ${cases.length} cases × ${repeat} per round, ${opts.runs} rounds per side`);
  await runs.baseline();
  await runs.subject();
  const got: Record<Side, number[][][]> = { baseline: [], subject: [] };
  const all = (each: number[][]) => each.flat().sort((a, b) => a - b);
  for (let i = 0; i < opts.runs; i++) {
    for (const side of orderOf(i)) {
      got[side].push(await runs[side]());
      const s = all(got[side].at(-1)!);
      progress(`round ${i + 1} ${side.padEnd(8)} p50 ${percentile(s, 50).toFixed(1)} ms  p95 ${percentile(s, 95).toFixed(1)} ms`);
    }
  }
  const p = (side: Side, q: number, pick: (k: number) => boolean = () => true) =>
    got[side].map((round) => percentile(round.filter((_, k) => pick(k)).flat().sort((a, b) => a - b), q));
  const baseline = row('baseline', 'one department, to_review, limit 20: p95', p('baseline', 95));
  const subjects = [
    row('queue-p95', 'CaseQueries.queue (page, total, tab counts): p95', p('subject', 95)),
    row('queue-p50', 'same: p50', p('subject', 50)),
    ...who.map(([label]) => row(`${label}-p95`, `  ${label}: p95`, p('subject', 95, (k) => cases[k]!.label.startsWith(label)))),
    ...queues.map((q) => row(`${q}-p95`, `  ${q}: p95`, p('subject', 95, (k) => cases[k]!.queue === q))),
    row('deep-p95', '  deep pages: p95', p('subject', 95, (k) => k % 2 === 1)),
  ];
  const head = subjects[0]!;
  const perCase = Object.fromEntries(cases.map((c, k) => [c.label, [0, 1].map((j) => +median(got.subject.map((round) => percentile([...round[k]!].sort((a, b) => a - b), j ? 95 : 50))).toFixed(1))]));
  return {
    benchmark: 'cases.queue',
    mode: opts.mode,
    unit: 'ms',
    better: 'lower',
    baseline,
    subjects,
    ratio: head.median / baseline.median,
    goal: { text: 'p95 ≤ 50 ms', met: head.median <= 50 },
    info: {
      ...common,
      data: `${sizes.n} cases (${sizes.open} open; ${sizes.reviewer_open} open in the reviewer's department, ${sizes.clerk_open} in 武汉's regions), ${departments} departments, table with indexes ${sizes.size}; generated in ${(loadMs / 1000).toFixed(0)} s, then vacuum analyze`,
      spread: `per mille: ${classes.map(([k, v]) => `${k} ${v}`).join(', ')}; open cases received in the last 40 days (most recent), closed ones over two years; due 5–29 days after receipt; 40 % of to_review/to_decide assigned, 20 % of to_accept`,
      'p50 / p95 per case (ms, medians of rounds; p1 shows the queue total)': perCase,
      'baseline p50 (median of rounds)': `${median(p('baseline', 50)).toFixed(2)} ms`,
      loop: `${cases.length} cases (3 principals × 4 queues × page 1 and a deep page), each ${repeat}× per round; the baseline statement as many times`,
    },
    notes: [
      'subject: CaseQueries.queue as GET /api/cases calls it: the visibility filter of the principal\'s grants, the page (its ids from an index, then the rows), the per-queue counts of the tabs (the total is one of them; a search counts apart), rows turned into queue rows with their deadlines; no HTTP',
      `baseline: select * from cases.case where department_id = <reviewer.wuhan's department> and queue = 'to_review' order by due_on limit 20 — one statement, no counts`,
      'the generated cases copy the JSON (core, snapshot, answers, form) of real cases walked through each stage by the demo staff; no timeline or material rows',
    ],
  } satisfies BenchResult;
}

// =============================================================================================

/**
 * A seeded instance on a database of its own (each part gets one: the queue's data does not
 * depend on how many submissions the other part made), without the deemed-acceptance sweep,
 * which would act on generated cases while they are read.
 */
async function seeded(mode: BenchOptions['mode']) {
  progress(`creating and seeding the ${mode} database`);
  const { config, database, where } = await openBenchDatabase(mode);
  const t0 = performance.now();
  const instance = await createInstance({ ...config, CASE_SWEEP_SECONDS: 0 }, database, { seed: true });
  const seedMs = performance.now() - t0;
  onCleanup(() => instance.close());
  return { instance, common: { database: where, 'seed time': `${(seedMs / 1000).toFixed(1)} s` } };
}

export const cases: Benchmark = {
  name: 'cases',
  summary: 'online submissions (two materials) vs a raw INSERT of the same rows, goal ≥ 0.5×; workbench queue p95 over 1,000,000 cases (server mode), goal ≤ 50 ms',
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const seconds = numberOption(opts.extra, 'seconds', 2);
    const warmup = numberOption(opts.extra, 'warmup', 1);
    const count = Math.round(numberOption(opts.extra, 'cases', 1_000_000));
    const repeat = Math.round(numberOption(opts.extra, 'repeat', 3));
    if (count > 1_000_000) throw new Error('--cases: at most 1,000,000 (case numbers take the generated sequence mod 10^6)');
    const only = new Set((opts.extra.only ?? (opts.mode === 'server' ? 'submit,queue' : 'submit')).split(',').map((s) => s.trim()));
    for (const o of only) if (!PARTS.includes(o as Part)) throw new Error(`--only: unknown part ${o} (${PARTS.join(', ')})`);
    if (only.has('queue') && opts.mode !== 'server') throw new Error('the queue part runs on PostgreSQL only: add --mode server');

    const results: BenchResult[] = [];
    if (only.has('submit')) {
      const { instance, common } = await seeded(opts.mode);
      results.push(await submissions(instance, opts, common, seconds, warmup, await applicant(instance)));
    }
    if (only.has('queue')) {
      const { instance, common } = await seeded(opts.mode);
      results.push(await queue(instance, opts, common, count, repeat, (await applicant(instance)).submit));
    }

    // The last comparison goes back to run.ts to print; the others are printed here, in order.
    const last = results.pop()!;
    for (const r of results) printResult(r, environment());
    if (results.length) last.info = { ...last.info, 'all cases comparisons': [...results, last].map((r) => ({ benchmark: r.benchmark, ratio: +r.ratio.toFixed(3), pairedRatio: +pairedRatio(r.subjects[0]!, r.baseline).toFixed(3), median: +r.subjects[0]!.median.toFixed(2), goal: r.goal })) };
    return last;
  },
};
