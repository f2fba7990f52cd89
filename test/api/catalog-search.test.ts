import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSearch, rekeyNames } from '../../src/modules/catalog/search-index.ts';
import { validGuide } from '../support/catalog.ts';
import { publishedBase, publishVersion, type CatalogSessions } from '../support/catalog-fixtures.ts';
import { call, login, testInstance, type TestInstance } from '../support/instance.ts';

interface Hit {
  id: string;
  code: string;
  name: string;
  type: string;
  level: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  audience: string[];
  themes: string[];
  canApplyOnline: boolean;
  highlights: [number, number][];
}
interface Suggestion {
  code: string;
  name: string;
  regionName: string;
  highlights: [number, number][];
}
interface Item {
  id: string;
  code: string;
}

const WUHAN = '420100';
const PERSON_BIRTH = validGuide({ audience: ['person'], themes: ['birth_adoption'] });
const ENTERPRISE = validGuide({ audience: ['enterprise'], themes: ['establishment'] });

let i: TestInstance;
let s: CatalogSessions;
let wuhan: CatalogSessions;
let wuhanMarket: { id: string; creditCode: string };
const fx: Record<'base' | 'birth' | 'exact' | 'inside' | 'draft' | 'suspended' | 'cancelled' | 'enterprise' | 'codeInName', Item> = {} as never;

const get = async <T>(url: string) => {
  const res = await call(i, null, 'GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
};
const search = (query: Record<string, string | number>) => get<{ items: Hit[]; total: number }>(`/api/portal/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
const suggest = (q: string, regionCode?: string) => get<Suggestion[]>(`/api/portal/suggest?${new URLSearchParams({ q, ...(regionCode && { regionCode }) })}`);
const codes = (hits: { code: string }[]) => hits.map((h) => h.code);
/** The fixtures among the hits, in the order found. */
const ours = (hits: { code: string }[]) => codes(hits).filter((c) => Object.values(fx).some((f) => f.code === c));

/** A local item of the base in 武汉市 (its market supervision bureau) with the base's guide, published unless told otherwise. */
async function local(baseId: string, name: string, publish = true): Promise<Item> {
  const res = await call(i, wuhan.editor, 'POST', '/api/catalog/local-items', { baseId, regionCode: WUHAN, departmentId: wuhanMarket.id, name });
  expect(res.statusCode, res.body).toBe(201);
  const item = res.json() as Item;
  if (publish) await publishVersion(i, wuhan, item.id, 1);
  return item;
}

async function setStatus(item: Item, op: 'suspend' | 'resume' | 'cancel') {
  const res = await call(i, wuhan.editor, 'POST', `/api/catalog/items/${item.id}/status`, { op, reason: '检索测试' });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  i = await testInstance();
  s = { editor: await login(i, 'catalog_admin.hubei'), head: await login(i, 'department_head.hubei') };
  wuhan = { editor: await login(i, 'catalog_admin.wuhan'), head: await login(i, 'department_head.wuhan') };
  const dept = await i.org.department((await i.org.departmentOfKind(WUHAN, 'market_supervision'))!.id);
  wuhanMarket = { id: dept!.id, creditCode: dept!.creditCode! };

  fx.base = await publishedBase(i, s, PERSON_BIRTH, '出生医学证明办理');
  fx.birth = await local(fx.base.id, '出生医学证明办理');
  fx.exact = await local(fx.base.id, '出生医学证明');
  fx.inside = await local(fx.base.id, '补办出生医学证明');
  fx.draft = await local(fx.base.id, '出生医学证明草稿', false);
  fx.suspended = await local(fx.base.id, '出生医学证明暂停');
  fx.cancelled = await local(fx.base.id, '出生医学证明取消');
  await setStatus(fx.suspended, 'suspend');
  await setStatus(fx.cancelled, 'cancel');
  const enterpriseBase = await publishedBase(i, s, ENTERPRISE, '出生证明企业测试服务');
  fx.enterprise = await local(enterpriseBase.id, '出生证明企业测试服务');
  fx.codeInName = await local(enterpriseBase.id, `热线${wuhanMarket.creditCode.slice(0, 8)}咨询`);
});
afterAll(() => i.close());

describe('finding items', () => {
  it('finds 出生医学证明办理 by full pinyin and by initials, with the matched characters marked', async () => {
    for (const [q, highlights] of [
      ['chusheng', [[0, 2]]],
      ['csyxzm', [[0, 6]]],
      ['CSYXZMBL', [[0, 8]]],
      ['yixue', [[2, 4]]],
    ] as const) {
      const { items } = await search({ q, regionCode: WUHAN, pageSize: 100 });
      expect(items.find((h) => h.code === fx.birth.code), q).toMatchObject({ name: '出生医学证明办理', highlights, regionName: '武汉市', departmentName: '武汉市市场监督管理局', audience: ['person'], themes: ['birth_adoption'], canApplyOnline: true });
    }
  });

  it('finds Chinese substrings of two characters and of one, and several words', async () => {
    expect((await search({ q: '医学', regionCode: WUHAN, pageSize: 100 })).items.find((h) => h.code === fx.birth.code)!.highlights).toEqual([[2, 4]]);
    expect((await search({ q: '证', regionCode: WUHAN, pageSize: 100 })).items.find((h) => h.code === fx.birth.code)!.highlights).toEqual([[4, 5]]);
    const words = await search({ q: '证明 补办', pageSize: 100 });
    expect(ours(words.items)).toEqual([fx.inside.code]);
    expect(words.items.find((h) => h.code === fx.inside.code)!.highlights).toEqual([[0, 2], [6, 8]]);
  });

  it('finds items by a prefix of their item, implementation, base and agency codes', async () => {
    const full = await search({ q: fx.birth.code.toLowerCase() });
    expect(codes(full.items)).toEqual([fx.birth.code]);
    expect(full.items[0]!.highlights).toEqual([]);
    const byImplementation = codes((await search({ q: fx.birth.code.slice(0, 31), pageSize: 100 })).items);
    expect(byImplementation).toEqual(expect.arrayContaining([fx.birth.code, fx.exact.code, fx.inside.code]));
    expect(byImplementation.every((c) => c.startsWith(fx.birth.code.slice(0, 31)))).toBe(true);
    expect(codes((await search({ q: fx.base.code, pageSize: 100 })).items)).toEqual(expect.arrayContaining([fx.base.code, fx.birth.code, fx.exact.code]));
    expect(codes((await search({ q: wuhanMarket.creditCode, pageSize: 100 })).items)).toEqual(expect.arrayContaining([fx.birth.code, fx.enterprise.code]));
  });

  it('ranks the whole name, then a match at its start, then one inside; and name matches before code matches', async () => {
    // The base item shares its name with a local one: the province's comes first.
    expect(ours((await search({ q: '出生医学证明', pageSize: 100 })).items)).toEqual([fx.exact.code, fx.base.code, fx.birth.code, fx.inside.code]);
    const prefix = wuhanMarket.creditCode.slice(0, 8);
    const mixed = await search({ q: prefix, pageSize: 100 });
    expect(mixed.items[0]).toMatchObject({ code: fx.codeInName.code, highlights: [[2, 10]] });
    expect(mixed.items.slice(1).every((h) => h.code.startsWith(prefix) && h.highlights.length === 0)).toBe(true);
    expect(codes(mixed.items)).toContain(fx.birth.code);
  });

  it('shows only published versions of active items, and follows suspension and resumption', async () => {
    const found = async () => codes((await search({ q: '出生医学证明', pageSize: 100 })).items);
    expect(await found()).not.toContain(fx.draft.code);
    expect(await found()).not.toContain(fx.suspended.code);
    expect(await found()).not.toContain(fx.cancelled.code);
    await setStatus(fx.suspended, 'resume');
    expect(await found()).toContain(fx.suspended.code);
    expect(codes(await suggest('出生医学证明暂停'))).toEqual([fx.suspended.code]);
    await setStatus(fx.suspended, 'suspend');
    expect(await found()).not.toContain(fx.suspended.code);
    expect(await suggest('出生医学证明暂停')).toEqual([]);
    expect((await search({ q: '出生医学证明草稿' })).total).toBe(0);
  });
});

describe('filters', () => {
  const all = (query: Record<string, string>) => search({ q: '出生', ...query, pageSize: 100 });

  it('keeps to exactly one region and one level: the province’s items are not a city’s', async () => {
    const city = await all({ regionCode: WUHAN });
    expect(city.items.every((h) => h.regionCode === WUHAN && h.level === '3')).toBe(true);
    expect(codes(city.items)).toEqual(expect.arrayContaining([fx.birth.code, fx.enterprise.code]));
    expect(codes(city.items)).not.toContain(fx.base.code);
    const province = await all({ regionCode: '420000' });
    expect(province.items.every((h) => h.regionCode === '420000')).toBe(true);
    expect(codes(province.items)).toContain(fx.base.code);
    expect(codes((await all({ level: '2' })).items)).toContain(fx.base.code);
    expect((await all({ level: '2' })).items.every((h) => h.level === '2')).toBe(true);
    expect((await all({ regionCode: '420117' })).items.every((h) => h.regionCode === '420117')).toBe(true);
  });

  it('filters by department, type, audience and theme', async () => {
    const byDept = await all({ departmentId: wuhanMarket.id });
    expect(byDept.items.every((h) => h.departmentId === wuhanMarket.id)).toBe(true);
    expect(codes(byDept.items)).toContain(fx.birth.code);
    expect(codes(byDept.items)).not.toContain(fx.base.code);

    const enterprise = await all({ audience: 'enterprise', regionCode: WUHAN });
    expect(enterprise.items.every((h) => h.audience.includes('enterprise'))).toBe(true);
    expect(ours(enterprise.items)).toEqual([fx.enterprise.code]);
    const person = await all({ audience: 'person', regionCode: WUHAN });
    expect(ours(person.items)).toEqual([fx.exact.code, fx.birth.code, fx.inside.code]);

    expect(ours((await all({ theme: 'establishment' })).items)).toEqual([fx.enterprise.code]);
    expect(ours((await all({ theme: 'birth_adoption', regionCode: WUHAN })).items)).toEqual([fx.exact.code, fx.birth.code, fx.inside.code]);
    expect((await all({ type: '20' })).items.every((h) => h.type === '20')).toBe(true);
    expect(ours((await all({ type: '01', regionCode: WUHAN, audience: 'person' })).items)).toEqual([fx.exact.code, fx.birth.code, fx.inside.code]);
  });

  it('browses with filters and no text: province first, then alphabetically by pinyin', async () => {
    const browse = await search({ regionCode: WUHAN, audience: 'enterprise', pageSize: 100 });
    expect(browse.total).toBe(browse.items.length);
    expect(browse.items.every((h) => h.regionCode === WUHAN && h.audience.includes('enterprise') && h.highlights.length === 0)).toBe(true);
    expect(codes(browse.items)).toEqual(expect.arrayContaining([fx.enterprise.code, fx.codeInName.code]));
    const { rows } = await sql<{ code: string }>`select code from catalog.search where region_code = ${WUHAN} and audience @> '{enterprise}' order by level, sort_key, code`.execute(i.platform.db);
    expect(codes(browse.items)).toEqual(codes(rows));
    const everything = await search({ page: 1, pageSize: 5 });
    expect(everything.items.map((h) => h.level)).toEqual([...everything.items.map((h) => h.level)].sort());
    expect(everything.total).toBe(Number((await sql<{ n: number }>`select count(*) as n from catalog.search`.execute(i.platform.db)).rows[0]!.n));
  });
});

describe('paging', () => {
  it('cuts the same ranked list into pages, with and without filters', async () => {
    const queries: Record<string, string>[] = [{ q: '出生' }, { q: 'csyx' }, { q: '证明', regionCode: WUHAN }, { q: fx.birth.code.slice(0, 20) }];
    for (const query of queries) {
      const whole = await search({ ...query, pageSize: 100 });
      expect(whole.total, JSON.stringify(query)).toBe(whole.items.length);
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(whole.total / 3) + 1; page++) {
        const p = await search({ ...query, page, pageSize: 3 });
        expect(p.total).toBe(whole.total);
        paged.push(...codes(p.items));
      }
      expect(paged, JSON.stringify(query)).toEqual(codes(whole.items));
    }
  });

  it('refuses pages larger than 100 and answers anyone', async () => {
    expect((await call(i, null, 'GET', '/api/portal/search?q=chusheng&pageSize=101')).statusCode).toBe(400);
    expect((await call(i, null, 'GET', '/api/portal/suggest')).statusCode).toBe(400);
    expect((await call(i, s.editor, 'GET', '/api/portal/search?q=chusheng')).statusCode).toBe(200);
  });
});

describe('suggestions', () => {
  it('suggests at most eight names while typing, one item each, best first, marked', async () => {
    const typed = await suggest('chush');
    expect(typed.length).toBeGreaterThan(0);
    expect(typed.length).toBeLessThanOrEqual(8);
    expect(new Set(typed.map((t) => t.name)).size).toBe(typed.length);
    expect(typed.every((t) => t.highlights.length > 0)).toBe(true);
    const inWuhan = await suggest('csyxzm', WUHAN);
    expect(inWuhan.slice(0, 2)).toEqual([
      { code: fx.exact.code, name: '出生医学证明', regionName: '武汉市', highlights: [[0, 6]] },
      { code: fx.birth.code, name: '出生医学证明办理', regionName: '武汉市', highlights: [[0, 6]] },
    ]);
    expect(inWuhan.every((t) => t.regionName === '武汉市')).toBe(true);
    expect(await suggest('出生医学证明', WUHAN)).toEqual(expect.arrayContaining([expect.objectContaining({ code: fx.exact.code, highlights: [[0, 6]] })]));
    expect((await suggest('出生医学证明', WUHAN))[0]!.code).toBe(fx.exact.code);
  });

  it('suggests items by code prefix after names, and nothing for blank input', async () => {
    expect(await suggest(fx.birth.code.slice(0, 25))).toEqual(expect.arrayContaining([{ code: fx.birth.code, name: '出生医学证明办理', regionName: '武汉市', highlights: [] }]));
    expect(await suggest(' ')).toEqual([]);
  });
});

describe('the index', () => {
  it('finds a name published after the search has read the others', async () => {
    expect(ours((await search({ q: 'chusheng', pageSize: 100 })).items).length).toBeGreaterThan(0);
    const fresh = await local(fx.base.id, '出生医学证明新办');
    const found = (await search({ q: 'chusheng', regionCode: WUHAN, pageSize: 100 })).items.find((h) => h.code === fresh.code);
    expect(found).toMatchObject({ name: '出生医学证明新办', highlights: [[0, 2]] });
  });

  it('counts every name’s items exactly, and rebuilding it from the items gives the same rows', async () => {
    const db = i.platform.db;
    const drift = await sql`
      select n.name, n.items, count(s.item_id)::int as rows from catalog.search_name n left join catalog.search s on s.name_id = n.id
      group by n.id having n.items <> count(s.item_id)`.execute(db);
    expect(drift.rows).toEqual([]);
    const snapshot = () => sql`select s.*, n.name from catalog.search s join catalog.search_name n on n.id = s.name_id order by s.item_id`.execute(db).then((r) => r.rows.map((x) => ({ ...(x as object), name_id: undefined })));
    const before = await snapshot();
    const { rows } = await sql<{ id: string }>`select id from catalog.item where published_version is not null`.execute(db);
    await sql`delete from catalog.search`.execute(db);
    await sql`update catalog.search_name set items = 0`.execute(db);
    await refreshSearch(db, rows.map((r) => r.id));
    expect(await snapshot()).toEqual(before);
    expect(before.length).toBeGreaterThan(8);
  });

  it('keys every name again as they are keyed now (migration 0043)', async () => {
    const db = i.platform.db;
    const keys = () => sql`select id, name, readings, keys from catalog.search_name order by id`.execute(db).then((r) => r.rows);
    const before = await keys();
    await sql`update catalog.search_name set keys = '{}'`.execute(db);
    await rekeyNames(db);
    expect(await keys()).toEqual(before);
    expect(codes((await search({ q: 'chusheng', regionCode: WUHAN, pageSize: 100 })).items)).toContain(fx.birth.code);
  });
});
