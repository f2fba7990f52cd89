import type { Module, Platform } from '../../core/platform.ts';
import { orgRoutes } from './routes.ts';
import { orgMigrations } from './schema.ts';
import { seedOrg } from './seed.ts';
import { loadProvince, RegionIndex } from './regions.ts';
import { OrgService } from './service.ts';

export type { DepartmentKind, Region, RegionLevel } from './model.ts';
export { DEPARTMENT_KINDS } from './model.ts';
export type { DepartmentView } from './service.ts';
export { UUID } from './service.ts';

/** The province loaded into an empty database. */
export const HOME_PROVINCE = '420000';

/** What other modules may ask of org (through this file only). */
export interface OrgApi {
  region(code: string): { code: string; name: string; level: string; parentCode: string | null } | undefined;
  subtree(code: string): string[];
  department(id: string): Promise<{ id: string; regionCode: string; name: string; kind: string; creditCode: string | null } | null>;
  /** The names of departments by id, in one query (ids that name no department are left out). */
  departmentNames(ids: string[]): Promise<Map<string, string>>;
  departmentOfKind(regionCode: string, kind: string): Promise<{ id: string; name: string } | null>;
  /** The department with this unified social credit code (codes are unique across regions). */
  departmentByCreditCode(creditCode: string): Promise<{ id: string; regionCode: string; name: string } | null>;
  loadProvince(code: string): Promise<number>;
  departmentCount(): Promise<number>;
}

export function createOrg(): { module: Module; api: OrgApi } {
  let service: OrgService | undefined;
  let platform: Platform | undefined;
  const ready = () => {
    if (!service || !platform) throw new Error('org module is not initialized');
    return { service, platform };
  };
  const api: OrgApi = {
    region: (code) => ready().service.regions.get(code),
    subtree: (code) => ready().service.regions.subtree(code),
    department: (id) => ready().service.getDepartment(id),
    departmentNames: (ids) => ready().service.departmentNames(ids),
    departmentOfKind: async (regionCode, kind) => {
      const { items } = await ready().service.listDepartments({ regionCodes: [regionCode], kinds: [kind], page: 1, pageSize: 1 });
      return items[0] ?? null;
    },
    departmentByCreditCode: async (creditCode) => {
      const { service: org } = ready();
      const { items } = await org.listDepartments({ regionCodes: org.regions.all().map((r) => r.code), text: creditCode, page: 1, pageSize: 5 });
      return items.find((d) => d.creditCode === creditCode) ?? null;
    },
    departmentCount: async () => (await ready().service.listDepartments({ regionCodes: ready().service.regions.subtree(HOME_PROVINCE), page: 1, pageSize: 1 })).total,
    loadProvince: (code) => loadProvince(ready().platform, ready().service.regions, code),
  };
  const module: Module = {
    name: 'org',
    migrations: orgMigrations,
    async init(p) {
      platform = p;
      const regions = new RegionIndex(p.regionParents);
      service = new OrgService(p, regions);
      await regions.reload(p.db);
      if (regions.all().length === 0) await loadProvince(p, regions, HOME_PROVINCE);
    },
    routes: (app) => orgRoutes(app, ready().service),
    seedDemo: () => seedOrg(ready().service),
  };
  return { module, api };
}
