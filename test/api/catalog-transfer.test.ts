import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.ts';
import { COLUMNS } from '../../src/modules/catalog/transfer-columns.ts';
import { validGuide } from '../support/catalog.ts';
import { publishedBase, type CatalogSessions } from '../support/catalog-fixtures.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

const ITEMS_JSON = '/work/shared/data/items.json';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let i: TestInstance;
let s: CatalogSessions;
let wuhan: Session;

beforeAll(async () => {
  i = await testInstance();
  s = { editor: await login(i, 'catalog_admin.hubei'), head: await login(i, 'department_head.hubei') };
  wuhan = await login(i, 'catalog_admin.wuhan');
});
afterAll(() => i.close());

interface Job {
  id: string;
  kind: string;
  regionCode: string;
  state: string;
  done: number;
  total: number;
  imported: number;
  invalidRows: number;
  problemCount: number;
  report: { row: number; column: string | null; field: string | null; problem: { zh: string; en: string } }[];
}

const creditCodeOf = async (region: string, kind = 'market_supervision') => (await i.org.department((await i.org.departmentOfKind(region, kind))!.id))!.creditCode!;

/** The template of a kind with these rows from row 4 on, as a user would fill it in. */
async function workbook(kind: string, rows: Record<string, string | number | undefined>[]): Promise<Buffer> {
  const res = await call(i, null, 'GET', `/api/catalog/templates/${kind}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  const ws = wb.worksheets[0]!;
  const keys = (ws.getRow(2).values as string[]).slice(1);
  const byEn = Object.fromEntries(COLUMNS[kind as 'base'].map((c) => [c.en, c.key]));
  rows.forEach((r, n) => keys.forEach((en, col) => (ws.getCell(4 + n, col + 1).value = r[byEn[en]!] ?? null)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads through POST /api/files (the content decides the type). */
async function upload(session: Session, data: Buffer, name = 'import.xlsx'): Promise<string> {
  const boundary = '----catalogTransfer';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const res = await call(i, session, 'POST', '/api/files', Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { sha256: string }).sha256;
}

async function waitFor(session: Session, id: string, seen: Job[] = []): Promise<Job> {
  for (let n = 0; n < 600; n++) {
    const res = await call(i, session, 'GET', `/api/catalog/imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as Job;
    seen.push(job);
    if (['done', 'rejected', 'failed'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

async function runImport(session: Session, kind: string, regionCode: string, data: Buffer, importValid = false, seen?: Job[]): Promise<Job> {
  const file = await upload(session, data);
  const res = await call(i, session, 'POST', '/api/catalog/imports', { kind, regionCode, file, fileName: `${kind}.xlsx`, importValid });
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as Job;
  expect(res.headers.location).toBe(`/api/catalog/imports/${started.id}`);
  expect(started).toMatchObject({ state: 'queued', kind, done: 0, imported: 0 });
  return waitFor(session, started.id, seen);
}

const itemsWithCodes = (codes: string[]) => i.platform.db.selectFrom('catalog.item' as never).select(['code' as never]).where('code' as never, 'in', codes as never).execute() as Promise<{ code: string }[]>;
const report = (job: Job) => job.report.map((p) => `${p.row}${p.column ?? ''}:${p.problem.en}`);
const auditOf = async (targetId: string) =>
  (await sql<{ action: string; detail: Record<string, unknown> }>`select action, detail from core.audit_log where target_id = ${targetId}`.execute(i.platform.db)).rows;

describe('templates', () => {
  it('downloads each template as .xlsx, with Chinese and English headers, lists and instructions, for anyone', async () => {
    const res = await call(i, null, 'GET', '/api/catalog/templates/base');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="catalog-base-template.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['基本目录事项', 'visible'], ['填写说明 Instructions', 'visible'], ['代码表', 'hidden']]);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['*基本编码', '*事项名称', '*事项类型', '*行使层级', '主管部门统一社会信用代码', '设定依据', '依据条款', '服务对象', '法定办结时限', '承诺办结时限', '事项概述']);
    expect((ws.getRow(2).values as string[]).slice(1)).toEqual(['Base code', 'Item name', 'Item type', 'Levels', 'Department credit code', 'Legal basis', 'Article', 'Audience', 'Statutory limit', 'Promised limit', 'Summary']);
    expect(ws.getCell('A3').value).toBe('420131099D00');
    expect(String(ws.getCell('A1').note)).toContain('12 digits');
    for (const row of [3, 5002]) {
      expect(ws.getCell(`C${row}`).dataValidation).toMatchObject({ type: 'list', formulae: ["'代码表'!$A$2:$A$12"], errorStyle: 'stop' });
      expect(ws.getCell(`D${row}`).dataValidation).toMatchObject({ type: 'list', errorStyle: 'warning' });
      expect(ws.getCell(`I${row}`).dataValidation).toMatchObject({ type: 'whole', formulae: [0, 3650] });
    }
    expect(ws.getColumn(1).numFmt).toBe('@');
    const types = wb.getWorksheet('代码表')!.getColumn(1).values.slice(2);
    expect(types).toEqual(['01 行政许可', '02 行政处罚', '03 行政强制', '04 行政征收', '05 行政给付', '06 行政检查', '07 行政确认', '08 行政奖励', '09 行政裁决', '10 其他行政权力', '20 公共服务']);

    const local = new ExcelJS.Workbook();
    await local.xlsx.load((await call(i, null, 'GET', '/api/catalog/templates/local')).rawPayload as never);
    expect(local.getWorksheet('代码表')!.getColumn(1).values).toContain('420102 江岸区');
    const materials = new ExcelJS.Workbook();
    await materials.xlsx.load((await call(i, null, 'GET', '/api/catalog/templates/materials')).rawPayload as never);
    expect((materials.worksheets[0]!.getRow(2).values as string[]).slice(1, 4)).toEqual(['Item code', 'Material name', 'Requirement']);
    expect((await call(i, null, 'GET', '/api/catalog/templates/other')).statusCode).toBe(400);
  });
});

describe('importing base items', () => {
  const dept = '11420000MB1686999B';
  const rows: Record<string, string | number>[] = [
    { code: '420131071T00', name: '导入测试许可甲', type: '01 行政许可', levels: '2,3,4', department: dept, law: '《行政许可法》', article: '第十二条', audience: '法人', statutoryDays: 20, promisedDays: 10 },
    { code: '42013107T0', name: '导入测试许可乙', type: '01', levels: '3' },
    { code: '420131073T00', name: '导入测试许可丙', type: '21', levels: '3,4', statutoryDays: 5, promisedDays: 8 },
    { code: '420131074T00', name: '导入测试许可丁', type: '20 公共服务', levels: '2', audience: '自然人' },
    { code: '420131071T00', name: '导入测试许可甲（重复）', type: '01', levels: '2' },
  ];
  let file: Buffer;
  beforeAll(async () => {
    file = await workbook('base', rows);
  });

  it('checks every row first: with bad rows it reports each problem precisely and writes nothing', async () => {
    const job = await runImport(s.editor, 'base', '420000', file);
    expect(job).toMatchObject({ state: 'rejected', total: 5, done: 5, imported: 0, invalidRows: 3, problemCount: 4 });
    expect(report(job)).toEqual([
      '5A:base code "42013107T0" must be 12 digits or capital letters',
      '6C:"21" is not a valid item type; one of Administrative licensing, Administrative penalty, Administrative coercion, Administrative levy, Administrative payment, Administrative inspection, Administrative confirmation, Administrative reward, Administrative adjudication, Other administrative power, Public service',
      '6J:the promised limit (8) is above the statutory one (5)',
      '8A:base code 420131071T00 repeats row 4',
    ]);
    expect(job.report[0]).toEqual({ row: 5, column: 'A', field: 'code', problem: { zh: '基本编码“42013107T0”应为 12 位数字或大写字母', en: 'base code "42013107T0" must be 12 digits or capital letters' } });
    expect(await itemsWithCodes(['420131071T00', '420131074T00'])).toEqual([]);
    const entries = await auditOf(job.id);
    expect(entries).toEqual([{ action: 'catalog.import', detail: expect.objectContaining({ kind: 'base', state: 'rejected', rows: 5, imported: 0, invalidRows: 3, problems: 4 }) }]);
  });

  it('imports only the valid rows when asked to, as drafts, in one audited step', async () => {
    const job = await runImport(s.editor, 'base', '420000', file, true);
    expect(job).toMatchObject({ state: 'done', total: 5, imported: 2, invalidRows: 3, problemCount: 4 });
    expect((await itemsWithCodes(['420131071T00', '42013107T0', '420131073T00', '420131074T00'])).map((r) => r.code).sort()).toEqual(['420131071T00', '420131074T00']);
    const list = (await call(i, s.editor, 'GET', '/api/catalog/items?regionCode=420000&q=导入测试许可')).json() as { items: { id: string; code: string; type: string; levels: string[]; departmentName: string | null; openVersion: { status: string } }[] };
    const first = list.items.find((x) => x.code === '420131071T00')!;
    expect(first).toMatchObject({ type: '01', levels: ['2', '3', '4'], departmentName: '湖北省市场监督管理局', openVersion: { status: 'draft' } });
    const v1 = (await call(i, s.editor, 'GET', `/api/catalog/items/${first.id}/versions/1`)).json() as { guide: { legalBasis: unknown[]; audience: string[]; statutoryDays: number; promisedDays: number } };
    expect(v1.guide).toMatchObject({ legalBasis: [{ law: '《行政许可法》', article: '第十二条' }], audience: ['enterprise'], statutoryDays: 20, promisedDays: 10 });
    const ops = (await call(i, s.editor, 'GET', `/api/catalog/items/${first.id}/operations`)).json() as { op: string; targets: string[] }[];
    expect(ops).toEqual([expect.objectContaining({ op: 'add', targets: expect.arrayContaining([first.id]) })]);
    expect(ops[0]!.targets).toHaveLength(2);
    expect(await auditOf(job.id)).toEqual([{ action: 'catalog.import', detail: expect.objectContaining({ state: 'done', imported: 2 }) }]);
  });

  it('refuses the same rows again: they are duplicates of what the database holds', async () => {
    const job = await runImport(s.editor, 'base', '420000', await workbook('base', [rows[0]!, rows[3]!]), true);
    expect(job).toMatchObject({ state: 'rejected', imported: 0 });
    expect(report(job)).toEqual(['4A:an item with base code 420131071T00 exists already', '5A:an item with base code 420131074T00 exists already']);
  });

  it('appends material rows to the items’ drafts', async () => {
    const job = await runImport(s.editor, 'materials', '420000', await workbook('materials', [
      { itemCode: '420131071T00', name: '申请书', requirement: '必须提交', form: '纸质或电子', source: '申请人自备', basis: '《行政许可法》第二十九条', checkpoints: '签字齐全；日期正确' },
      { itemCode: '420131071T00', name: '营业执照', requirement: '必须提交', form: '电子', source: '电子证照', sourceRef: '营业执照', originals: 0 },
      { itemCode: '420131074T00', name: '授权委托书', requirement: '按情形提交', conditionNote: '委托他人办理时', form: '纸质', source: '申请人自备' },
    ]));
    expect(job).toMatchObject({ state: 'done', imported: 3, report: [] });
    const list = (await call(i, s.editor, 'GET', '/api/catalog/items?regionCode=420000&q=420131071T00')).json() as { items: { id: string }[] };
    const v1 = (await call(i, s.editor, 'GET', `/api/catalog/items/${list.items[0]!.id}/versions/1`)).json() as { rev: number; guide: { materials: unknown[] } };
    expect(v1.rev).toBe(2);
    expect(v1.guide.materials).toEqual([
      { id: 'm1', name: '申请书', requirement: 'required', originals: 1, copies: 0, form: 'both', source: 'applicant', basis: '《行政许可法》第二十九条', checkpoints: ['签字齐全', '日期正确'] },
      { id: 'm2', name: '营业执照', requirement: 'required', originals: 0, copies: 0, form: 'electronic', source: 'license', sourceRef: '营业执照', basis: '', checkpoints: [] },
    ]);
  });
});

describe('importing local items', () => {
  it('creates handling items in the caller’s region with the next free codes, inheriting the base guide', async () => {
    const base = await publishedBase(i, s, validGuide(), '导入测试基本事项');
    const jiangan = await creditCodeOf('420102');
    const impl = `${jiangan}4${base.code}`;
    const job = await runImport(wuhan, 'local', '420100', await workbook('local', [
      { baseCode: base.code, name: '导入测试（新办）', regionCode: '420102 江岸区', department: jiangan, promisedDays: 5, consultPhone: '027-82000001', complaintPhone: '12345' },
      { code: `${impl}05`, baseCode: base.code, name: '导入测试（变更）', regionCode: '420102', department: jiangan },
      { baseCode: base.code, name: '导入测试（黄石）', regionCode: '420200', department: await creditCodeOf('420200') },
    ]), true);
    expect(job).toMatchObject({ state: 'done', imported: 2, invalidRows: 1 });
    expect(report(job)).toEqual(['6D:420200 is outside the region of this import']);
    const list = (await call(i, wuhan, 'GET', '/api/catalog/items?regionCode=420102&q=导入测试')).json() as { items: { id: string; code: string; level: string; departmentName: string }[] };
    expect(list.items.map((x) => x.code).sort()).toEqual([`${impl}01`, `${impl}05`]);
    const created = list.items.find((x) => x.code === `${impl}01`)!;
    expect(created).toMatchObject({ level: '4', departmentName: expect.stringContaining('市场监督管理局') });
    const v1 = (await call(i, wuhan, 'GET', `/api/catalog/items/${created.id}/versions/1`)).json() as { status: string; guide: { promisedDays: number; consultPhone: string; materials: { baseId?: string }[] } };
    expect(v1).toMatchObject({ status: 'draft', guide: { promisedDays: 5, consultPhone: '027-82000001' } });
    expect(v1.guide.materials.every((m) => m.baseId)).toBe(true);
    const problems = (await call(i, wuhan, 'GET', `/api/catalog/items/${created.id}/versions/1/problems`)).json() as { rule: string }[];
    expect(problems.filter((p) => p.rule === 'not-in-base')).toEqual([]);
  });

  it('keeps a 武汉 catalog admin out of 黄石 and out of the province’s base items and jobs', async () => {
    const file = await upload(wuhan, await workbook('local', [{ baseCode: '420131071T00', regionCode: '420200', department: await creditCodeOf('420200') }]));
    for (const body of [{ kind: 'local', regionCode: '420200', file }, { kind: 'base', regionCode: '420100', file }]) {
      const res = await call(i, wuhan, 'POST', '/api/catalog/imports', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect((await call(i, wuhan, 'GET', '/api/catalog/imports?regionCode=420200')).statusCode).toBe(403);
    const province = (await call(i, s.editor, 'GET', '/api/catalog/imports?regionCode=420000')).json() as { items: Job[]; total: number };
    expect(province.items.some((j) => j.regionCode === '420000')).toBe(true);
    expect((await call(i, wuhan, 'GET', `/api/catalog/imports/${province.items.find((j) => j.regionCode === '420000')!.id}`)).statusCode).toBe(403);
    const mine = (await call(i, wuhan, 'GET', '/api/catalog/imports?regionCode=420100')).json() as { items: Job[] };
    expect(mine.items.map((j) => j.regionCode)).toEqual(['420100']);
    expect((await call(i, s.head, 'POST', '/api/catalog/imports', { kind: 'local', regionCode: '420100', file })).statusCode).toBe(403);
  });

  it('refuses a file whose content is not XLSX, and one that was never uploaded', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const file = await upload(wuhan, png, 'looks-like.xlsx');
    expect((await call(i, wuhan, 'POST', '/api/catalog/imports', { kind: 'local', regionCode: '420100', file })).statusCode).toBe(415);
    const missing = await call(i, wuhan, 'POST', '/api/catalog/imports', { kind: 'local', regionCode: '420100', file: 'a'.repeat(64) });
    expect(missing.json()).toMatchObject({ status: 400, errors: [{ field: 'file', rule: 'exists' }] });
  });
});

describe('progress of a long import', () => {
  it('reports done/total as it checks, kept in the database for any server copy', async () => {
    const base = await publishedBase(i, s, validGuide(), '进度测试事项');
    const jiangan = await creditCodeOf('420102');
    const rows = Array.from({ length: 1200 }, (_, n) => ({ baseCode: base.code, name: `进度测试办理项${n}`, regionCode: '420102', department: jiangan }));
    const seen: Job[] = [];
    const job = await runImport(wuhan, 'local', '420100', await workbook('local', rows), true, seen);
    // 99 handling items fit under one implementation code: the rest are reported, not imported.
    expect(job).toMatchObject({ state: 'done', total: 1200, done: 1200, imported: 99, invalidRows: 1101 });
    expect(job.report[0]!.problem.en).toBe(`all 99 handling item codes under ${jiangan}4${base.code} are taken`);
    const dones = seen.map((j) => j.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(seen.every((j) => j.total === 0 || j.total === 1200)).toBe(true);
    const stored = (await sql<{ state: string; done: number; total: number }>`select state, done, total from catalog.import_job where id = ${job.id}`.execute(i.platform.db)).rows;
    expect(stored).toEqual([{ state: 'done', done: 1200, total: 1200 }]);
  });

  it('reports a job that another server process left unfinished as failed', async () => {
    const { rows } = await sql<{ id: string }>`
      insert into catalog.import_job (kind, region_code, file_sha256, import_valid, state, total, done, created_by, created_by_name, updated_at)
      values ('local', '420100', ${'b'.repeat(64)}, false, 'checking', 500, 100, 'elsewhere', '别的进程', now() - interval '1 hour') returning id`.execute(i.platform.db);
    const job = (await call(i, wuhan, 'GET', `/api/catalog/imports/${rows[0]!.id}`)).json() as Job;
    expect(job).toMatchObject({ state: 'failed', done: 100, total: 500 });
    expect(job.report.at(-1)!.problem.en).toMatch(/interrupted/);
  });
});

/** RFC 4180, enough for the exports. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let n = 0; n < text.length; n++) {
    const ch = text[n]!;
    if (quoted) {
      if (ch === '"' && text[n + 1] === '"') field += text[++n];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',' || (ch === '\r' && text[n + 1] === '\n')) {
      row.push(field);
      field = '';
      if (ch === '\r') {
        rows.push(row);
        row = [];
        n++;
      }
    } else {
      field += ch;
    }
  }
  return rows;
}

async function xlsxRows(payload: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

interface Exported {
  regionCode: string;
  published: boolean;
  count: number;
  items: { code: string; kind: string; name: string; status: string; publishedVersion: number | null; openStatus?: string | null; regionCode: string }[];
}

describe('exports', () => {
  it('exports a region for staff in three formats that parse back to the same items, drafts included', async () => {
    const json = await call(i, s.editor, 'GET', '/api/catalog/export.json?regionCode=420000');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="catalog-420000-\d{4}-\d{2}-\d{2}\.json"/);
    const doc = json.json() as Exported;
    expect(doc).toMatchObject({ regionCode: '420000', published: false });
    expect(doc.count).toBe(doc.items.length);
    expect(doc.items.find((x) => x.code === '420131071T00')).toMatchObject({ kind: 'base', publishedVersion: null, openStatus: 'draft' });
    const codes = doc.items.map((x) => x.code);

    const csv = await call(i, s.editor, 'GET', '/api/catalog/export.csv?regionCode=420000');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...lines] = parseCsv(csv.rawPayload.toString('utf8').slice(1));
    expect(header!.slice(0, 2)).toEqual(['kind', 'code']);
    expect(header).toContain('openStatus');
    expect(lines.map((l) => l[1])).toEqual(codes);
    expect(lines.map((l) => l[header!.indexOf('name')])).toEqual(doc.items.map((x) => x.name));

    const xlsx = await call(i, s.editor, 'GET', '/api/catalog/export.xlsx?regionCode=420000');
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const sheet = await xlsxRows(xlsx.rawPayload);
    expect(sheet[0]!.slice(0, 2)).toEqual(['类别', '事项编码']);
    expect(sheet[1]!.slice(0, 2)).toEqual(['Kind', 'Code']);
    expect(sheet.slice(2).map((r) => r[1])).toEqual(codes);
  });

  it('gives a region’s subtree only, and refuses regions outside the caller’s', async () => {
    const doc = (await call(i, wuhan, 'GET', '/api/catalog/export.json?regionCode=420102')).json() as Exported;
    expect(doc.items.length).toBeGreaterThan(0);
    expect(new Set(doc.items.map((x) => x.regionCode))).toEqual(new Set(['420102']));
    expect((await call(i, wuhan, 'GET', '/api/catalog/export.csv?regionCode=420200')).statusCode).toBe(403);
    expect((await call(i, null, 'GET', '/api/catalog/export.csv?regionCode=420100')).statusCode).toBe(401);
  });

  it('publishes only published, active items as open data, to anyone', async () => {
    const res = await call(i, null, 'GET', '/api/open/catalog.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hubei-catalog-420000.json"/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const open = res.json() as Exported;
    expect(open).toMatchObject({ regionCode: '420000', published: true });
    expect(open.items.length).toBeGreaterThan(0);
    expect(open.items.every((x) => x.publishedVersion !== null && x.status === 'active' && !('openStatus' in x))).toBe(true);
    const staff = (await call(i, s.editor, 'GET', '/api/catalog/export.json?regionCode=420000')).json() as Exported;
    const published = staff.items.filter((x) => x.publishedVersion !== null && x.status === 'active').map((x) => x.code);
    expect(open.items.map((x) => x.code)).toEqual(published);
    expect(open.items.map((x) => x.code)).not.toContain('420131071T00');
    const csv = await call(i, null, 'GET', '/api/open/catalog.csv?regionCode=420100');
    const [header, ...lines] = parseCsv(csv.rawPayload.toString('utf8').slice(1));
    expect(header).not.toContain('openStatus');
    expect(lines.every((l) => l[header!.indexOf('regionCode')]!.startsWith('4201'))).toBe(true);
    const xlsx = await call(i, null, 'GET', '/api/open/catalog.xlsx?regionCode=420100');
    expect((await xlsxRows(xlsx.rawPayload)).slice(2).map((r) => r[1])).toEqual(lines.map((l) => l[1]));
    expect((await call(i, null, 'GET', '/api/open/catalog.json?regionCode=429999')).statusCode).toBe(404);
  });
});

describe('the real catalog: items.json', () => {
  const data = readFileSync(ITEMS_JSON);
  const records = (JSON.parse(data.toString('utf8')) as { items: { handlingItemCode: string; basicCode: string; deptUscc: string; deptNameInferred: string | null }[] }).items;

  it('imports Hubei’s 626 handling items as drafts with their real codes, idempotently', async () => {
    // The demo catalog already has a few real items (with their real codes): those are left as they are.
    const before = new Set((await itemsWithCodes(records.map((r) => r.handlingItemCode))).map((r) => r.code));
    const started = performance.now();
    const result = await i.catalog.importItemsJson(systemActor('test'), data);
    console.log(`items.json: ${result.localItems.created} local and ${result.baseItems.created} base items imported in ${Math.round(performance.now() - started)} ms`);
    expect(result.problems).toEqual([]);
    expect(result.records).toBe(626);
    expect(result.localItems.created + result.localItems.existing).toBe(626);
    expect(result.baseItems.created + result.baseItems.existing).toBe(491);
    expect(result.localItems.existing).toBe(before.size);
    expect(result.linkedDepartments).toBeGreaterThan(0);

    const again = await i.catalog.importItemsJson(systemActor('test'), data);
    expect(again).toMatchObject({ records: 626, baseItems: { created: 0, existing: 491 }, localItems: { created: 0, existing: 626 }, linkedDepartments: 0 });

    // 湖北省卫生健康委员会 is a demo department with its real credit code: linked.
    const health = records.find((r) => r.deptUscc === '11420000011043372A' && r.basicCode.startsWith('42') && !before.has(r.handlingItemCode))!;
    const { rows } = await sql<{ code: string; kind: string; type: string; level: string; region_code: string; department_id: string | null; department_name: string; status: string }>`
      select i.code, i.kind, i.type, i.level, i.region_code, i.department_id, i.department_name, v.status from catalog.item i join catalog.item_version v on v.item_id = i.id
      where i.code = ${health.handlingItemCode}`.execute(i.platform.db);
    expect(rows).toEqual([{ code: health.handlingItemCode, kind: 'local', type: health.basicCode.slice(2, 4), level: '2', region_code: '420000', status: 'draft', department_id: expect.any(String), department_name: '湖北省卫生健康委员会' }]);
    const unlinked = records.find((r) => r.deptUscc === '114200000110431455')!;
    const other = (await sql<{ department_id: string | null; department_name: string }>`select department_id, department_name from catalog.item where code = ${unlinked.handlingItemCode}`.execute(i.platform.db)).rows[0]!;
    expect(other).toEqual({ department_id: null, department_name: unlinked.deptNameInferred ?? `待核实部门（统一社会信用代码 ${unlinked.deptUscc}）` });
    const entries = (await sql<{ detail: Record<string, unknown> }>`select detail from core.audit_log where action = 'catalog.import' and detail->>'kind' = 'items-json'`.execute(i.platform.db)).rows;
    expect(entries).toEqual([{ detail: expect.objectContaining({ records: 626, localItems: result.localItems, baseItems: result.baseItems }) }]);
  });

  it('round-trips every one of the 626 handling codes byte for byte through the JSON and Excel exports', async () => {
    const want = records.map((r) => r.handlingItemCode);
    const json = (await call(i, s.editor, 'GET', '/api/catalog/export.json?regionCode=420000')).json() as Exported;
    const fromJson = new Set(json.items.filter((x) => x.kind === 'local').map((x) => x.code));
    expect(want.filter((c) => !fromJson.has(c))).toEqual([]);
    const sheet = await xlsxRows((await call(i, s.editor, 'GET', '/api/catalog/export.xlsx?regionCode=420000')).rawPayload);
    const fromXlsx = new Set(sheet.slice(2).map((r) => r[1]!));
    expect(want.filter((c) => !fromXlsx.has(c))).toEqual([]);
    const bytes = (codes: Iterable<string>) => Buffer.from([...codes].filter((c) => want.includes(c)).sort().join('\n'));
    expect(bytes(fromXlsx)).toEqual(Buffer.from([...want].sort().join('\n')));
    expect(bytes(fromJson)).toEqual(bytes(fromXlsx));
  });
});
