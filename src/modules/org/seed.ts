import { systemActor } from '../../core/audit.ts';
import { orgCodeCheckChar, usccCheckChar } from '../../core/codes.ts';
import { DEPARTMENT_KINDS, type DepartmentKind } from './model.ts';
import type { OrgService } from './service.ts';

/**
 * Credit codes of province-level departments as they appear in the implementation codes of
 * Hubei's published items (checked against ../shared/data/items.json in org.test.ts).
 */
export const PROVINCE_CREDIT_CODES: Partial<Record<DepartmentKind, string>> = {
  market_supervision: '11420000MB1686999B',
  health: '11420000011043372A',
  housing: '1142000001104325X6',
  public_security: '114200000110432093',
  civil_affairs: '11420000011043196D',
  human_resources: '11420000010833209R',
  natural_resources: '11420000MB1644959R',
  ecology_environment: '11420000MB18032518',
  transport: '114200000110432761',
  education: '11420000011043161T',
  agriculture: '11420000011043305C',
  commerce: '11420000010890537G',
  culture_tourism: '11420000MB15680365',
  emergency: '11420000MB15196217',
  medical_security: '11420000MB1947642F',
  development_reform: '11420000011043110J',
};

/**
 * A made-up but well-formed credit code for a demo department below the province (登记管理部门 1
 * 机构编制, 机构类别 1 机关): the organization code is the kind's number and the region code, so it is
 * unique per department; items need one for their implementation codes.
 */
export function demoCreditCode(regionCode: string, kind: DepartmentKind): string {
  const first8 = String(Object.keys(DEPARTMENT_KINDS).indexOf(kind) + 10) + regionCode;
  const first17 = `11${regionCode}${first8}${orgCodeCheckChar(first8)}`;
  return first17 + usccCheckChar(first17);
}

const CITY_KINDS: DepartmentKind[] = ['government_services', 'market_supervision', 'health', 'housing', 'public_security', 'human_resources', 'civil_affairs'];
const DISTRICT_KINDS: DepartmentKind[] = ['government_services', 'market_supervision', 'health', 'public_security'];
const HOURS = '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外） / Mon–Fri 9:00–12:00, 13:30–17:00 except public holidays';

/** Demo organizations: every province department, core departments in each city and in 武汉's districts, three halls. */
export async function seedOrg(org: OrgService): Promise<string[]> {
  const actor = systemActor('seed-demo');
  const province = org.regions.all().find((r) => r.level === 'province' && r.code === '420000');
  if (!province) return [];
  const kinds = Object.keys(PROVINCE_CREDIT_CODES) as DepartmentKind[];
  for (const kind of ['government_services' as const, ...kinds]) {
    await org.createDepartment(actor, { regionCode: province.code, kind, creditCode: PROVINCE_CREDIT_CODES[kind] ?? demoCreditCode(province.code, kind) });
  }
  for (const city of org.regions.children.get(province.code) ?? []) {
    for (const kind of CITY_KINDS) await org.createDepartment(actor, { regionCode: city.code, kind, creditCode: demoCreditCode(city.code, kind) });
  }
  for (const district of org.regions.children.get('420100') ?? []) {
    for (const kind of DISTRICT_KINDS) await org.createDepartment(actor, { regionCode: district.code, kind, creditCode: demoCreditCode(district.code, kind) });
  }
  const halls = [
    { regionCode: '420000', name: '湖北省政务服务中心', windows: 12 },
    { regionCode: '420100', name: '武汉市民之家', windows: 20 },
    { regionCode: '420102', name: '江岸区政务服务中心', windows: 8 },
  ];
  for (const h of halls) {
    const region = org.regions.require(h.regionCode);
    const hall = await org.createHall(actor, { regionCode: h.regionCode, name: h.name, address: `${region.name}（演示数据，地址以官方公布为准 / demo address）`, hours: HOURS, phone: null });
    for (let i = 1; i <= h.windows; i++) {
      await org.addWindow(actor, hall.id, i <= h.windows - 2 ? { name: `综合受理窗口 ${i}`, kind: 'comprehensive' } : { name: `出件窗口 ${i}`, kind: 'dedicated' });
    }
  }
  return [];
}
