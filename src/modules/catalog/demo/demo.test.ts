import { describe, expect, it } from 'vitest';
import { DEPARTMENT_KINDS } from '../../org/index.ts';
import { BASE_CODE, THEMES, type Guide } from '../model.ts';
import { applicable, inheritGuide, inheritanceProblems, publicationProblems } from '../rules.ts';
import { DEMO_ITEMS } from './index.ts';

/** The 17 prefecture-level units of Hubei (the four units directly under the province count as such). */
const PREFECTURES = new Set(['420100', '420200', '420300', '420500', '420600', '420700', '420800', '420900', '421000', '421100', '421200', '421300', '422800', '429004', '429005', '429006', '429021']);
/** Department kinds the org seed creates below the province (org/seed.ts). */
const CITY_KINDS = new Set(['government_services', 'market_supervision', 'health', 'housing', 'public_security', 'human_resources', 'civil_affairs']);
const DISTRICT_KINDS = new Set(['government_services', 'market_supervision', 'health', 'public_security']);

const levelOf = (region: string) => (region === '420000' ? 'province' : PREFECTURES.has(region) ? 'city' : /^4201\d\d$/.test(region) ? 'district' : 'unknown');
const merged = (base: Guide, override: Partial<Guide> | undefined): Guide => ({ ...inheritGuide(base), ...override });
const locals = DEMO_ITEMS.flatMap((item) => item.locals.map((l) => ({ item, local: l })));

describe('demo catalog items', () => {
  it('has at least 38 items', () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(38);
  });

  it('includes the six items every demo needs', () => {
    const names = DEMO_ITEMS.map((i) => i.base.name);
    for (const n of ['食品经营许可', '公共场所卫生许可', '建筑工程施工许可证核发', '个体工商户设立登记', '出生医学证明办理', '居民身份证换领']) expect(names).toContain(n);
  });

  it('has unique, well-formed base codes whose type digits match the item type', () => {
    const codes = DEMO_ITEMS.map((i) => i.base.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of DEMO_ITEMS) {
      expect(item.base.code, item.base.name).toMatch(BASE_CODE);
      expect(item.base.code, item.base.name).toMatch(/^[0-9A-Z]{12}$/);
      expect(item.base.code.slice(2, 4), item.base.name).toBe(item.base.type);
    }
  });

  it('publishes every base guide without problems', () => {
    for (const item of DEMO_ITEMS) expect(publicationProblems(item.base.guide), item.base.name).toEqual([]);
  });

  it('publishes every local item, inheriting from its base item without loosening it', () => {
    for (const { item, local } of locals) {
      const guide = merged(item.base.guide, local.override);
      const label = `${item.base.name} @ ${local.region}`;
      expect(publicationProblems(guide), label).toEqual([]);
      expect(inheritanceProblems(guide, item.base.guide), label).toEqual([]);
    }
  });

  it('places local items at all three levels, in departments the org seed creates, at levels the base item allows', () => {
    const count = { province: 0, city: 0, district: 0 };
    for (const { item, local } of locals) {
      const level = levelOf(local.region);
      expect(level, `${item.base.name} @ ${local.region}`).not.toBe('unknown');
      if (level === 'unknown') continue;
      count[level]++;
      expect(Object.keys(DEPARTMENT_KINDS)).toContain(local.department);
      if (level === 'city') expect(CITY_KINDS.has(local.department), `${item.base.name} @ ${local.region}`).toBe(true);
      if (level === 'district') expect(DISTRICT_KINDS.has(local.department), `${item.base.name} @ ${local.region}`).toBe(true);
      expect(item.base.levels, `${item.base.name} @ ${local.region}`).toContain(level === 'province' ? '2' : level === 'city' ? '3' : '4');
    }
    expect(locals.map((l) => l.local.region)).toEqual(expect.arrayContaining(['420000', '420100', '420102']));
    expect(count.province).toBeGreaterThanOrEqual(25);
    expect(count.city).toBeGreaterThanOrEqual(30);
    expect(count.district).toBeGreaterThanOrEqual(25);
    expect(new Set(locals.filter((l) => levelOf(l.local.region) === 'city').map((l) => l.local.region)).size).toBeGreaterThanOrEqual(5);
  });

  it('uses only themes that exist and fit the audience of the item', () => {
    for (const item of DEMO_ITEMS) {
      const g = item.base.guide;
      expect(g.themes.length, item.base.name).toBeGreaterThan(0);
      for (const t of g.themes) {
        expect(Object.keys(THEMES)).toContain(t);
        expect(g.audience, `${item.base.name}: ${t}`).toContain(THEMES[t].audience);
      }
    }
  });

  it('guides at least 30 items with situations that change the list of materials', () => {
    expect(DEMO_ITEMS.filter((i) => i.base.guide.situations.length > 0).length).toBeGreaterThanOrEqual(30);
    for (const item of DEMO_ITEMS) {
      const g = item.base.guide;
      const used = new Set([...g.materials, ...g.conditions].flatMap((e) => (e.when ?? []).map((w) => w.question)));
      for (const q of g.situations) expect(used.has(q.id), `${item.base.name}: question ${q.id} changes nothing`).toBe(true);
    }
    for (const item of DEMO_ITEMS) {
      const g = item.base.guide;
      if (!g.situations.some((q) => q.id === 'agent')) continue;
      const answers = (agent: string) => Object.fromEntries(g.situations.map((q) => [q.id, q.id === 'agent' ? agent : (q.options[0]?.id ?? '')]));
      expect(applicable(g, answers('yes')).materials.map((m) => m.id), item.base.name).toContain('proxy');
      expect(applicable(g, answers('no')).materials.map((m) => m.id), item.base.name).not.toContain('proxy');
    }
  });

  it('keeps on-the-spot items at zero days, and never uses 12345 as the consultation line', () => {
    for (const item of DEMO_ITEMS) {
      const g = item.base.guide;
      if (g.caseType === 'immediate') expect(g.steps.every((s) => s.days === 0), item.base.name).toBe(true);
      expect(g.legalBasis.length, item.base.name).toBeGreaterThan(0);
      expect(g.faq.length, item.base.name).toBeGreaterThanOrEqual(2);
    }
    for (const { item, local } of [...locals, ...DEMO_ITEMS.map((item) => ({ item, local: { override: item.base.guide } }))]) {
      const phone = local.override?.consultPhone ?? item.base.guide.consultPhone;
      expect(phone.replace(/\D/g, ''), item.base.name).not.toBe('12345');
    }
  });
});
