import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validGuide } from '../support/catalog.ts';
import { publishedBase, publishVersion, type CatalogSessions } from '../support/catalog-fixtures.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

let i: TestInstance;
let s: CatalogSessions;
let wuhan: CatalogSessions;
let auditor: Session;

beforeAll(async () => {
  i = await testInstance();
  s = { editor: await login(i, 'catalog_admin.hubei'), head: await login(i, 'department_head.hubei') };
  wuhan = { editor: await login(i, 'catalog_admin.wuhan'), head: await login(i, 'department_head.wuhan') };
  auditor = await login(i, 'auditor.hubei');
});
afterAll(() => i.close());

const deptOf = async (region: string, kind = 'market_supervision') => (await i.org.departmentOfKind(region, kind))!.id;

describe('lifecycle', () => {
  it('takes a base item from draft to published, each step by its role, audited', async () => {
    const dept = await deptOf('420000');
    const created = await call(i, s.editor, 'POST', '/api/catalog/base-items', { code: '420131999T01', name: '生命周期测试许可', type: '01', departmentId: dept, levels: ['2', '3'] });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json() as { id: string; code: string; publishedVersion: number | null };
    expect(item).toMatchObject({ code: '420131999T01', publishedVersion: null });

    const draft = (await call(i, s.editor, 'GET', `/api/catalog/items/${item.id}/versions/1`)).json() as { rev: number; status: string };
    expect(draft).toMatchObject({ status: 'draft', rev: 1 });
    const saved = await call(i, s.editor, 'PUT', `/api/catalog/items/${item.id}/versions/1`, { guide: validGuide(), rev: 1 });
    expect(saved.json()).toMatchObject({ rev: 2 });

    // The editor cannot approve, the head cannot publish, nobody skips a step.
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${item.id}/versions/1/approve`)).statusCode).toBe(403);
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${item.id}/versions/1/publish`)).json()).toMatchObject({ status: 409, type: '/problems/version-status' });
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${item.id}/versions/1/submit`)).statusCode).toBe(200);
    expect((await call(i, s.head, 'POST', `/api/catalog/items/${item.id}/versions/1/publish`)).statusCode).toBe(403);
    expect((await call(i, s.head, 'POST', `/api/catalog/items/${item.id}/versions/1/approve`)).json()).toMatchObject({ status: 'approved' });
    const published = await call(i, s.editor, 'POST', `/api/catalog/items/${item.id}/versions/1/publish`);
    expect(published.json()).toMatchObject({ status: 'published' });

    const trail = (await call(i, auditor, 'GET', `/api/audit?targetId=${item.id}`)).json() as { items: { action: string; actorRole: string }[] };
    expect(trail.items.map((e) => `${e.action}/${e.actorRole}`).reverse()).toEqual([
      'catalog.base.create/catalog_admin',
      'catalog.version.edit/catalog_admin',
      'catalog.version.submitted/catalog_admin',
      'catalog.version.approved/department_head',
      'catalog.version.published/catalog_admin',
    ]);
  });

  it('refuses to submit a guide that breaks rules, naming every element, and keeps the draft', async () => {
    const base = await publishedBase(i, s);
    const next = await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '调整收费' });
    expect(next.statusCode).toBe(201);
    const bad = validGuide({ fees: [{ name: '工本费', standard: '', basis: '', waivable: false }], promisedDays: 30, consultPhone: '12345' });
    const v2 = next.json() as { rev: number };
    expect((await call(i, s.editor, 'PUT', `/api/catalog/items/${base.id}/versions/2`, { guide: bad, rev: v2.rev })).statusCode).toBe(200);
    const res = await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions/2/submit`);
    expect(res.statusCode).toBe(422);
    expect((res.json() as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`)).toEqual([
      'fees[0].basis:fee-basis',
      'fees[0].standard:fee-standard',
      'promisedDays:promised-over-statutory',
      'complaintPhone:same-phone',
    ]);
    const after = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/versions/2`)).json() as { status: string; guide: { promisedDays: number } };
    expect(after).toMatchObject({ status: 'draft', guide: { promisedDays: 30 } });
    const problems = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/versions/2/problems`)).json() as unknown[];
    expect(problems).toHaveLength(4);
  });

  it('never changes a published version: edits are refused and the database refuses them too', async () => {
    const base = await publishedBase(i, s);
    const res = await call(i, s.editor, 'PUT', `/api/catalog/items/${base.id}/versions/1`, { guide: validGuide({ summary: '改了' }), rev: 2 });
    expect(res.json()).toMatchObject({ status: 409, type: '/problems/version-status' });
    await expect(sql`update catalog.item_version set guide = '{}'::jsonb where item_id = ${base.id}`.execute(i.platform.db)).rejects.toThrow(/never changes/);
  });

  it('makes a new version, keeps history, shows a diff and supersedes the old one on publishing', async () => {
    const base = await publishedBase(i, s);
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '缩短承诺时限' })).statusCode).toBe(201);
    // A second open version is refused while one is being edited.
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '再来一版' })).statusCode).toBe(409);
    await publishVersion(i, s, base.id, 2, validGuide({ promisedDays: 8 }));
    const detail = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}`)).json() as { item: { publishedVersion: number }; versions: { number: number; status: string }[] };
    expect(detail.item.publishedVersion).toBe(2);
    expect(detail.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:published', '1:superseded']);
    const diff = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/diff?from=1&to=2`)).json();
    expect(diff).toEqual([{ element: 'promisedDays', before: 10, after: 8 }]);
    const ops = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/operations`)).json() as { op: string; reason: string }[];
    expect(ops.map((o) => `${o.op}:${o.reason}`)).toEqual(['change:缩短承诺时限', 'add:新增事项 / new item']);
  });

  it('returns a submitted version to draft with a reason; the submitter cannot approve it', async () => {
    const base = await publishedBase(i, s);
    await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '退回测试' });
    await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions/2/submit`);
    const back = await call(i, s.head, 'POST', `/api/catalog/items/${base.id}/versions/2/return`, { reason: '法律依据条款号有误' });
    expect(back.json()).toMatchObject({ status: 'draft', returnedReason: '法律依据条款号有误' });
  });

  it('saves drafts with a revision check: of two editors, the second gets 409 with the current draft', async () => {
    const base = await publishedBase(i, s);
    await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '并发' });
    const { rev } = (await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/versions/2`)).json() as { rev: number };
    const [a, b] = await Promise.all([
      call(i, s.editor, 'PUT', `/api/catalog/items/${base.id}/versions/2`, { guide: validGuide({ summary: '甲' }), rev }),
      call(i, s.editor, 'PUT', `/api/catalog/items/${base.id}/versions/2`, { guide: validGuide({ summary: '乙' }), rev }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ type: '/problems/version-conflict', current: { rev: rev + 1 } });
  });

  it('validates the guide shape field by field', async () => {
    const base = await publishedBase(i, s);
    await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/versions`, { changeNote: '形状' });
    const res = await call(i, s.editor, 'PUT', `/api/catalog/items/${base.id}/versions/2`, { guide: { ...validGuide(), visits: -1, caseType: 'soon' }, rev: 1 });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(expect.arrayContaining(['guide/visits', 'guide/caseType']));
  });
});

describe('local items', () => {
  it('builds the implementation code from the agency, level and base code, with the next handling suffix', async () => {
    const base = await publishedBase(i, s);
    const dept = await i.org.department(await deptOf('420100'));
    const first = await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: dept!.id });
    expect(first.statusCode, first.body).toBe(201);
    const second = await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: dept!.id, name: '测试许可事项（变更）' });
    const impl = `${dept!.creditCode}3${base.code}`;
    expect(first.json()).toMatchObject({ kind: 'local', implementationCode: impl, code: `${impl}01`, level: '3', departmentName: '武汉市市场监督管理局' });
    expect(second.json()).toMatchObject({ code: `${impl}02`, name: '测试许可事项（变更）' });
  });

  it('inherits the base guide and may only tighten it', async () => {
    const base = await publishedBase(i, s);
    const local = (await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: await deptOf('420100') })).json() as { id: string; code: string };
    const v = (await call(i, wuhan.editor, 'GET', `/api/catalog/items/${local.id}/versions/1`)).json() as { rev: number; guide: ReturnType<typeof validGuide> };
    expect(v.guide.materials.map((m) => m.baseId)).toEqual(['form', 'idcard', 'proxy', 'change-proof']);
    const loosened = { ...v.guide, promisedDays: 15, materials: [...v.guide.materials, { ...v.guide.materials[0]!, id: 'house', name: '房产证明', baseId: undefined }] };
    await call(i, wuhan.editor, 'PUT', `/api/catalog/items/${local.id}/versions/1`, { guide: loosened, rev: v.rev });
    const refused = await call(i, wuhan.editor, 'POST', `/api/catalog/items/${local.id}/versions/1/submit`);
    expect((refused.json() as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`)).toEqual(['materials[4]:not-in-base', 'promisedDays:loosens-base']);

    const tightened = { ...v.guide, promisedDays: 8, steps: v.guide.steps.map((st) => ({ ...st, days: Math.min(st.days, 2) })) };
    await publishVersion(i, wuhan, local.id, 1, tightened);
    const portal = (await call(i, null, 'GET', `/api/portal/items/${local.code}`)).json() as { guide: { promisedDays: number }; canApplyOnline: boolean; item: { regionName: string } };
    expect(portal).toMatchObject({ guide: { promisedDays: 8 }, canApplyOnline: true, item: { regionName: '武汉市' } });
  });

  it('refuses an agency of another region', async () => {
    const base = await publishedBase(i, s);
    const dept = await i.org.departmentOfKind('420102', 'market_supervision');
    const wrongDept = await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: dept!.id });
    expect(wrongDept.json()).toMatchObject({ errors: [{ field: 'departmentId', rule: 'region' }] });
  });

  it('keeps a 武汉 editor to 武汉: no base items, no other city', async () => {
    const dept = await deptOf('420000');
    expect((await call(i, wuhan.editor, 'POST', '/api/catalog/base-items', { code: '420131999T02', name: '越权', type: '01', departmentId: dept, levels: ['3'] })).statusCode).toBe(403);
    const base = await publishedBase(i, s);
    expect((await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420500', departmentId: await deptOf('420500') })).statusCode).toBe(403);
  });
});

describe('portal and situations', () => {
  it('answers situation questions with exactly the materials that apply', async () => {
    const base = await publishedBase(i, s);
    const res = await call(i, null, 'POST', `/api/portal/items/${base.code}/applicable`, { answers: { kind: 'change', agent: 'no' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { materials: { id: string }[]; conditions: { id: string }[]; unanswered: string[] };
    expect(body.materials.map((m) => m.id)).toEqual(['form', 'idcard', 'change-proof']);
    expect(body.conditions.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(body.unanswered).toEqual([]);
    const bad = await call(i, null, 'POST', `/api/portal/items/${base.code}/applicable`, { answers: { kind: 'renewal' } });
    expect(bad.json()).toMatchObject({ status: 400, errors: [{ field: 'answers/kind', rule: 'unknown-option' }] });
  });

  it('serves the templates a published guide names, and no other stored file', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const { sha256 } = await i.platform.blobs.put(png);
    const other = await i.platform.blobs.put(Buffer.concat([png, Buffer.from('other upload')]));
    const g = validGuide();
    g.materials[0]!.template = { sha256, filename: '申请书（空白）.png' };
    const base = await publishedBase(i, s, g);
    const res = await call(i, null, 'GET', `/api/portal/items/${base.code}/files/${sha256}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('申请书（空白）.png'));
    expect(res.rawPayload.equals(png)).toBe(true);
    expect((await call(i, null, 'GET', `/api/portal/items/${base.code}/files/${other.sha256}`)).statusCode).toBe(404);
    expect((await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/files/${sha256}`)).statusCode).toBe(200);
    expect((await call(i, s.editor, 'GET', `/api/catalog/items/${base.id}/files/${other.sha256}`)).statusCode).toBe(404);
  });

  it('shows nothing of an unpublished item', async () => {
    const dept = await deptOf('420000');
    const item = (await call(i, s.editor, 'POST', '/api/catalog/base-items', { code: '420131999T03', name: '未发布', type: '20', departmentId: dept, levels: ['2'] })).json() as { code: string };
    expect((await call(i, null, 'GET', `/api/portal/items/${item.code}`)).statusCode).toBe(404);
  });
});

describe('national operations', () => {
  it('suspends a base item with its local items, hides them from the portal, resumes them, records reasons', async () => {
    const base = await publishedBase(i, s);
    const local = (await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: await deptOf('420100') })).json() as { id: string; code: string };
    await publishVersion(i, wuhan, local.id, 1);
    expect((await call(i, null, 'GET', `/api/portal/items/${local.code}`)).statusCode).toBe(200);
    const res = await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/status`, { op: 'suspend', reason: '上位法修订，暂停实施' });
    expect(res.json()).toMatchObject({ status: 'suspended' });
    expect((await call(i, null, 'GET', `/api/portal/items/${local.code}`)).statusCode).toBe(404);
    expect((await call(i, s.editor, 'POST', `/api/catalog/items/${base.id}/status`, { op: 'resume', reason: '修订完成' })).json()).toMatchObject({ status: 'active' });
    expect((await call(i, null, 'GET', `/api/portal/items/${local.code}`)).statusCode).toBe(200);
    const ops = (await call(i, wuhan.editor, 'GET', `/api/catalog/items/${local.id}/operations`)).json() as { op: string; reason: string }[];
    expect(ops.map((o) => o.op)).toEqual(['resume', 'suspend', 'add']);
  });

  it('splits one item into two and merges two into one, cancelling the sources', async () => {
    const [a, b, c] = [await publishedBase(i, s), await publishedBase(i, s), await publishedBase(i, s)];
    const split = await call(i, s.editor, 'POST', '/api/catalog/restructure', { op: 'split', sources: [a.id], targets: [b.id, c.id], reason: '按业务类型拆分' });
    expect(split.statusCode, split.body).toBe(200);
    expect((await call(i, s.editor, 'GET', `/api/catalog/items/${a.id}`)).json()).toMatchObject({ item: { status: 'cancelled' } });
    const badMerge = await call(i, s.editor, 'POST', '/api/catalog/restructure', { op: 'merge', sources: [b.id], targets: [c.id], reason: '合并' });
    expect(badMerge.json()).toMatchObject({ status: 400, errors: [{ field: 'sources', rule: 'merge' }] });
    const d = await publishedBase(i, s);
    const merge = await call(i, s.editor, 'POST', '/api/catalog/restructure', { op: 'merge', sources: [b.id, c.id], targets: [d.id], reason: '合并同类事项' });
    expect(merge.statusCode).toBe(200);
    const ops = (await call(i, s.editor, 'GET', `/api/catalog/items/${d.id}/operations`)).json() as { op: string; sources: string[] }[];
    expect(ops[0]).toMatchObject({ op: 'merge', sources: [b.id, c.id] });
  });

  it('leaves publishing and operations to the region-wide office, not a department-bound editor', async () => {
    const base = await publishedBase(i, s);
    const res = await call(i, wuhan.head, 'POST', `/api/catalog/items/${base.id}/status`, { op: 'suspend', reason: '无权' });
    expect(res.statusCode).toBe(403);
  });
});
