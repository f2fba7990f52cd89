import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeChecksOut } from '../../core/codes.ts';
import { ITEM_TYPES, MATERIAL_SOURCES } from './model.ts';
import { cellText } from './transfer-excel.ts';
import { csvField, csvLine } from './transfer-export.ts';
import { phoneLine, readItemsJson, typeFromBaseCode, unlinkedDepartmentName } from './transfer-json.ts';
import { columnLetter, COLUMNS, isExampleRow, lookup, matchHeader, sortProblems, type Cells, type TransferKind } from './transfer-columns.ts';
import { freshIds, referencesOf, RowChecker, type ItemRef, type Known } from './transfer.ts';

const MARKET = '11420000MB1686999B'; // 湖北省市场监督管理局, as Hubei's item codes give it
const HEALTH = '11420000011043372A'; // 湖北省卫生健康委员会
const JIANGAN = '114201021042010266'; // a demo credit code of 江岸区市场监督管理局
const REGIONS: Record<string, { code: string; name: string; level: string }> = {
  '420000': { code: '420000', name: '湖北省', level: 'province' },
  '420100': { code: '420100', name: '武汉市', level: 'prefecture' },
  '420102': { code: '420102', name: '江岸区', level: 'county' },
  '420200': { code: '420200', name: '黄石市', level: 'prefecture' },
};

function item(code: string, over: Partial<ItemRef> = {}): ItemRef & { code: string } {
  return { id: `id-${code}`, code, kind: code.length === 12 ? 'base' : 'local', name: `事项${code}`, status: 'active', type: '01', levels: ['2', '3', '4'], regionCode: '420000', departmentId: 'd-market', promisedDays: 10, draft: null, baseMaterials: [], ...over };
}

/** What the database holds in these tests. */
function known(over: Partial<Known> = {}, items: (ItemRef & { code: string })[] = [], handling: Record<string, { code: string; name: string }[]> = {}): Known {
  const departments: Record<string, { id: string; name: string; regionCode: string }> = {
    [MARKET]: { id: 'd-market', name: '湖北省市场监督管理局', regionCode: '420000' },
    [HEALTH]: { id: 'd-health', name: '湖北省卫生健康委员会', regionCode: '420000' },
    [JIANGAN]: { id: 'd-jiangan', name: '江岸区市场监督管理局', regionCode: '420102' },
  };
  return {
    region: (c) => REGIONS[c],
    inScope: () => true,
    grantDepartmentId: null,
    department: (c) => departments[c] ?? null,
    item: (c) => items.find((i) => i.code === c) ?? null,
    handlingItems: (impl) => handling[impl] ?? [],
    ...over,
  };
}

const LETTERS = (kind: TransferKind) => Object.fromEntries(COLUMNS[kind].map((c, i) => [c.key, columnLetter(i + 1)]));
const check = (kind: TransferKind, rows: Record<string, string>[], k: Known = known()) => {
  const c = new RowChecker(kind, LETTERS(kind));
  rows.forEach((cells, i) => c.check({ row: i + 4, cells }, k));
  if (kind === 'local') c.assignCodes(k);
  return c;
};
const problems = (c: RowChecker) => sortProblems(c.problems).map((p) => `${p.row}${p.column}:${p.problem.en}`);

const base = (over: Record<string, string> = {}) => ({ code: '000119005000', name: '河道采砂许可', type: '01 行政许可', levels: '2,3,4', department: MARKET, ...over });
const local = (over: Record<string, string> = {}) => ({ baseCode: '000119005000', regionCode: '420000 湖北省', department: MARKET, ...over });
const material = (over: Record<string, string> = {}) => ({ itemCode: '000119005000', name: '申请书', requirement: '必须提交', form: '纸质', source: '申请人自备', ...over });

describe('template columns and headers', () => {
  it('numbers columns as Excel does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('finds columns by their Chinese or English names, in any order, ignoring the required mark', () => {
    const { letters, problems } = matchHeader('base', ['*事项名称', '备注', '', '*基本编码'], ['', '', 'item type', '', 'levels']);
    expect(letters).toEqual({ name: 'A', type: 'C', code: 'D', levels: 'E' });
    expect(problems).toEqual([]);
  });

  it('names every required column a file lacks: another kind’s template is refused', () => {
    const zh = COLUMNS.local.map((c) => c.zh);
    const { problems } = matchHeader('materials', zh, []);
    expect(problems.map((p) => p.field)).toEqual(['itemCode', 'name', 'requirement', 'form', 'source']);
    expect(problems[0]!.problem.zh).toContain('这不是申请材料导入模板');
  });

  it('knows the untouched example row of each template', () => {
    for (const kind of ['base', 'local', 'materials'] as const) {
      const example = Object.fromEntries(COLUMNS[kind].map((c) => [c.key, c.example]));
      expect(isExampleRow(kind, example)).toBe(true);
      expect(isExampleRow(kind, { ...example, name: '真实事项' })).toBe(false);
    }
  });

  it('reads code-table values from the key, "key label", the Chinese or the English label, full-width too', () => {
    for (const [key, label] of Object.entries(ITEM_TYPES)) {
      for (const v of [key, `${key} ${label.zh}`, label.zh, label.en.toUpperCase(), `${key}${label.zh}`]) expect(lookup(ITEM_TYPES, v)).toBe(key);
    }
    expect(lookup(ITEM_TYPES, '０１')).toBe('01');
    expect(lookup(MATERIAL_SOURCES, '电子证照')).toBe('license');
    expect(lookup(ITEM_TYPES, '99')).toBeNull();
  });
});

describe('base item rows', () => {
  it('plans a valid row as a base item with its guide elements', () => {
    const c = check('base', [base({ law: '《水法》', article: '第三十九条', audience: '自然人，法人', statutoryDays: '20', promisedDays: '15', summary: '河道采砂' })]);
    expect(c.problems).toEqual([]);
    expect(c.items).toEqual([
      expect.objectContaining({
        row: 4,
        kind: 'base',
        code: '000119005000',
        type: '01',
        levels: ['2', '3', '4'],
        regionCode: '420000',
        department: expect.objectContaining({ id: 'd-market' }),
        guide: { audience: ['person', 'enterprise'], legalBasis: [{ law: '《水法》', article: '第三十九条' }], summary: '河道采砂', statutoryDays: 20, promisedDays: 15 },
      }),
    ]);
  });

  it('reports each bad cell with its row, column letter and reason, in both languages', () => {
    const c = check('base', [
      base({ code: '119005000', name: '', type: '99', levels: '2,7', department: '11420000MB1686999C', statutoryDays: '5', promisedDays: '10' }),
      base({ code: 'abc', name: '=HYPERLINK("x")', audience: '游客', statutoryDays: '1.5' }),
    ]);
    expect(problems(c)).toEqual([
      '4A:base code "119005000" must be 12 digits or capital letters (leading zeros lost? format the column as text)',
      '4B:Item name is required',
      '4C:"99" is not a valid item type; one of Administrative licensing, Administrative penalty, Administrative coercion, Administrative levy, Administrative payment, Administrative inspection, Administrative confirmation, Administrative reward, Administrative adjudication, Other administrative power, Public service',
      '4D:"7" is not a valid levels; each one of National, Province, City, County, Township, Village',
      '4E:credit code "11420000MB1686999C" is not valid (18 characters with correct check characters)',
      '4J:the promised limit (10) is above the statutory one (5)',
      '5A:base code "ABC" must be 12 digits or capital letters',
      '5B:Item name must not start with = + - @',
      '5H:"游客" is not a valid audience; each one of Persons, Enterprises',
      '5I:Statutory limit must be a whole number 0–3650',
    ]);
    expect(c.problems.find((p) => p.column === 'B')!.problem.zh).toBe('“事项名称”必须填写');
    expect(c.items).toEqual([]);
  });

  it('finds duplicates inside the file and against the database, and departments outside the province', () => {
    const c = check('base', [base(), base({ name: '重复' }), base({ code: '000119006000', department: JIANGAN })], known({}, [item('000119006000')]));
    expect(problems(c)).toEqual(['5A:base code 000119005000 repeats row 4', '6A:an item with base code 000119006000 exists already', '6E:no province department has credit code 114201021042010266']);
    expect(c.items.map((i) => i.row)).toEqual([4]);
  });
});

describe('local item rows', () => {
  const baseItem = item('000119005000', { name: '河道采砂许可', levels: ['2', '3'] });

  it('numbers rows without a code after those in the database and those the file names', () => {
    const impl = `${MARKET}2000119005000`;
    const k = known({}, [baseItem], { [impl]: [{ code: `${impl}01`, name: '河道采砂许可' }] });
    const c = check('local', [local({ name: '河道采砂许可（新办）' }), local({ name: '河道采砂许可（延续）', code: `${impl}02` }), local({ name: '河道采砂许可（变更）' })], k);
    expect(c.problems).toEqual([]);
    expect(c.items.map((i) => [i.row, i.code, i.level, i.baseId])).toEqual([
      [4, `${impl}03`, '2', 'id-000119005000'],
      [5, `${impl}02`, '2', 'id-000119005000'],
      [6, `${impl}04`, '2', 'id-000119005000'],
    ]);
  });

  it('checks regions, the base item, the agency and the code against each other', () => {
    const k = known({ inScope: (c) => c.startsWith('4201') }, [baseItem, item('000119007000', { status: 'cancelled' })]);
    const c = check(
      'local',
      [
        local({ regionCode: '429999' }),
        local({ regionCode: '420200 黄石市' }),
        local({ regionCode: '420102', department: JIANGAN }),
        local({ baseCode: '000119009000', regionCode: '420100' }),
        local({ baseCode: '000119007000', regionCode: '420100' }),
        local({ regionCode: '420100', department: MARKET, code: `${MARKET}3000119005000019` }),
        local({ regionCode: '420100', department: HEALTH, code: `${MARKET}3000119005000` }),
        local({ regionCode: '420100', department: MARKET, promisedDays: '30', consultPhone: '12345', complaintPhone: '1-2345' }),
      ],
      k,
    );
    expect(problems(c)).toEqual([
      '4D:region 429999 does not exist',
      '5D:420200 is outside the region of this import',
      '6D:base item 000119005000 is not exercised at county level',
      '7B:no base item has code 000119009000',
      '7E:the agency does not belong to region 420100',
      '8B:base item 000119007000 is cancelled',
      '8E:the agency does not belong to region 420100',
      '9A:handling item code "11420000MB1686999B3000119005000019" must have 33 characters: credit code 18 + level 1 + base code 12 + sequence 2',
      '9C:repeats row 5: the same name under the same implementation code',
      '9E:the agency does not belong to region 420100',
      '10A:handling item code "11420000MB1686999B3000119005000" must have 33 characters: credit code 18 + level 1 + base code 12 + sequence 2',
      '10E:the agency does not belong to region 420100',
      '11C:repeats row 5: the same name under the same implementation code',
      '11E:the agency does not belong to region 420100',
      '11G:the promised limit may not exceed the base item\'s (10 working days)',
      '11I:the complaint phone must differ from the consultation phone',
    ]);
  });

  it('finds the same code or the same name under one implementation code, in the file and in the database', () => {
    const impl = `${MARKET}2000119005000`;
    const k = known({}, [baseItem, item(`${impl}01`)], { [impl]: [{ code: `${impl}01`, name: '河道采砂许可' }] });
    const c = check('local', [local({ code: `${impl}01`, name: '新名称' }), local({ code: `${impl}02`, name: '河道采砂许可（延续）' }), local({ code: `${impl}02`, name: '另一个' }), local(), local({ name: '河道采砂许可（延续）' })], k);
    expect(problems(c)).toEqual([
      `4A:an item with handling item code ${impl}01 exists already`,
      `6A:handling item code ${impl}02 repeats row 5`,
      `7C:implementation code ${impl} already has a handling item of this name (${impl}01)`,
      '8C:repeats row 5: the same name under the same implementation code',
    ]);
  });

  it('reports an implementation code whose 99 handling items are taken', () => {
    const impl = `${MARKET}2000119005000`;
    const taken = Array.from({ length: 99 }, (_, n) => ({ code: `${impl}${String(n + 1).padStart(2, '0')}`, name: `第${n + 1}项` }));
    const c = check('local', [local()], known({}, [baseItem], { [impl]: taken }));
    expect(problems(c)).toEqual([`4A:all 99 handling item codes under ${impl} are taken`]);
  });

  it('keeps a department-bound grant to its department', () => {
    const c = check('local', [local()], known({ grantDepartmentId: 'd-health' }, [baseItem]));
    expect(problems(c)).toEqual(['4E:this department is outside your grant']);
  });
});

describe('material rows', () => {
  const withDraft = item('000119005000', { draft: { materials: [{ id: 'm1', name: '身份证明' }] } });
  const localItem = item(`${MARKET}2000119005000` + '01', { draft: { materials: [] }, baseMaterials: [{ id: 'form', name: '申请书' }] });

  it('plans materials for items with drafts, linking a local item’s material to its base', () => {
    const c = check('materials', [material({ checkpoints: '签字齐全；日期正确\n盖章' }), material({ itemCode: localItem.code, originals: '2', copies: '1', source: '电子证照', sourceRef: '营业执照' })], known({}, [withDraft, localItem]));
    expect(c.problems).toEqual([]);
    expect(c.materials).toEqual([
      { row: 4, itemId: withDraft.id, itemCode: '000119005000', material: { name: '申请书', requirement: 'required', form: 'paper', source: 'applicant', originals: 1, copies: 0, basis: '', checkpoints: ['签字齐全', '日期正确', '盖章'] } },
      { row: 5, itemId: localItem.id, itemCode: localItem.code, material: { name: '申请书', requirement: 'required', form: 'paper', source: 'license', sourceRef: '营业执照', originals: 2, copies: 1, basis: '', checkpoints: [], baseId: 'form' } },
    ]);
  });

  it('refuses catch-all wording, missing conditions and sources, unknown items, items without drafts, duplicates', () => {
    const k = known({}, [withDraft, localItem, item('000119008000')]);
    const c = check('materials', [
      material({ name: '其他相关材料' }),
      material({ requirement: '按情形提交', source: '部门共享' }),
      material({ itemCode: '000119009000' }),
      material({ itemCode: '000119008000' }),
      material({ name: '身份证明' }),
      material({ itemCode: localItem.code, name: '新增材料' }),
      material({ name: '申请书' }),
      material({ name: '申请书', form: '羊皮纸' }),
      material({ name: '申请书' }),
    ], k);
    expect(problems(c)).toEqual([
      '4B:"其他相关材料" is a catch-all clause, which is banned',
      '5D:a conditional material must say when it is needed',
      '5I:an e-license or shared-data source must say which',
      '6A:no item has code 000119009000',
      '7A:item 000119008000 has no draft version: start a new version first (or have a submitted one returned)',
      '8B:the draft of item 000119005000 already has material "身份证明"',
      '9B:material "新增材料" is not in the base item: a local item may not add materials',
      // Row 5 names the same material: a duplicate whatever else is wrong with row 5.
      '10B:repeats row 5: the same material of the same item',
      '11B:repeats row 5: the same material of the same item',
      '11G:"羊皮纸" is not a valid form; one of Paper, Electronic, Paper or electronic',
      '12B:repeats row 5: the same material of the same item',
    ]);
    expect(c.materials).toEqual([]);
  });
});

describe('references, ids and order', () => {
  it('names the codes a row refers to as the checks read them (full-width, spaces, small letters)', () => {
    const cells: Cells = { code: '', baseCode: ' ０００１１９００５０００ ', regionCode: '420100 武汉市', department: '11420000mb1686999b', entrusted: '' };
    expect(referencesOf('local', cells, (c) => REGIONS[c])).toEqual({ items: ['000119005000'], departments: [MARKET], implementations: [`${MARKET}3000119005000`] });
    expect(referencesOf('materials', { itemCode: 'abc' }, () => undefined)).toEqual({ items: ['ABC'], departments: [], implementations: [] });
  });

  it('gives new materials ids not in use', () => {
    expect(freshIds(['m1', 'm3', 'form'], 3)).toEqual(['m2', 'm4', 'm5']);
  });

  it('orders problems by row, then column as Excel orders them', () => {
    const p = (row: number, column: string | null) => ({ row, column, field: null, problem: { zh: '', en: '' } });
    expect(sortProblems([p(5, 'AA'), p(5, 'B'), p(4, 'Z'), p(5, null)]).map((x) => `${x.row}${x.column ?? ''}`)).toEqual(['4Z', '5', '5B', '5AA']);
  });
});

describe('cells and CSV', () => {
  it('reads what a cell shows', () => {
    expect(cellText(' 甲 ')).toBe('甲');
    expect(cellText(119005000)).toBe('119005000');
    expect(cellText({ richText: [{ text: '0001' }, { text: '19005000' }] })).toBe('000119005000');
    expect(cellText({ formula: 'A1', result: '420100' })).toBe('420100');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(null)).toBe('');
  });

  it('quotes CSV fields only when needed and ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null, ['2', '3'], 'say "hi"', '甲\n乙', ' x'])).toBe('a,1,,"2,3","say ""hi""","甲\n乙"," x"\r\n');
    fc.assert(fc.property(fc.string(), (s) => csvField(s) === s || (csvField(s).startsWith('"') && csvField(s).slice(1, -1).replaceAll('""', '"') === s)));
  });
});

describe('the JSON import of published handling items', () => {
  it('takes the type from national (00TT) and Hubei (42TT) base codes, otherwise 10', () => {
    expect(['000119005000', '422023073W00', '420131001D00', '009999001000', '11ABCDEFGHIJ'].map(typeFromBaseCode)).toEqual(['01', '20', '01', '10', '10']);
  });

  it('reads Hubei’s 626 real handling items: 491 base items, every code well formed, the 46 credit codes valid', () => {
    const data = JSON.parse(readFileSync('/work/shared/data/items.json', 'utf8')) as { items: { deptUscc: string; handlingItemCode: string }[] };
    const { items, bases, problems } = readItemsJson(data, '湖北省');
    expect(problems).toEqual([]);
    expect(items).toHaveLength(626);
    expect(items.map((i) => i.code)).toEqual(data.items.map((i) => i.handlingItemCode));
    expect(bases).toHaveLength(491);
    const credit = new Set(data.items.map((i) => i.deptUscc));
    expect(credit.size).toBe(46);
    expect([...credit].filter((c) => !creditCodeChecksOut(c))).toEqual([]);
    expect(bases.find((b) => b.code === '422023073W00')).toEqual({ code: '422023073W00', name: '出生医学证明办理', type: '20', levels: ['2'], creditCode: HEALTH });
  });

  it('names each bad record and keeps the good ones', () => {
    const good = { itemName: '出生医学证明办理', handlingItemCode: `${HEALTH}2422023073W0001`, region: '湖北省', deptUscc: HEALTH, deptNameInferred: '湖北省卫生健康委员会', phones: ['027-1'] };
    const { items, problems } = readItemsJson(
      { items: [good, { ...good, handlingItemCode: `${HEALTH}2422023073W00` }, { ...good, handlingItemCode: `${HEALTH}2422023073W0002`, region: '湖南省' }, { ...good, handlingItemCode: `${HEALTH}2422023073W0003`, deptUscc: MARKET }, good, null] },
      '湖北省',
    );
    expect(problems.map((p) => `${p.row}:${p.field}`)).toEqual(['2:handlingItemCode', '3:region', '4:deptUscc', '5:handlingItemCode', '6:handlingItemCode', '6:itemName']);
    expect(items).toEqual([{ row: 1, code: good.handlingItemCode, implementationCode: good.handlingItemCode.slice(0, 31), baseCode: '422023073W00', level: '2', creditCode: HEALTH, name: '出生医学证明办理', departmentName: '湖北省卫生健康委员会', phones: ['027-1'] }]);
    expect(readItemsJson([], '湖北省').problems.map((p) => p.field)).toEqual(['items']);
  });

  it('keeps whole phone numbers within 60 characters and marks agencies it cannot name', () => {
    expect(phoneLine(['027-87576380（妇幼处）', '027-87895530（药具站）'])).toBe('027-87576380（妇幼处）；027-87895530（药具站）');
    expect(phoneLine(['1'.repeat(40), '2'.repeat(30)])).toBe('1'.repeat(40));
    expect(unlinkedDepartmentName(null, HEALTH)).toBe(`待核实部门（统一社会信用代码 ${HEALTH}）`);
    expect(unlinkedDepartmentName('湖北省科学技术厅', HEALTH)).toBe('湖北省科学技术厅');
  });
});
