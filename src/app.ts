import type { Config } from './core/config.ts';
import type { Database } from './core/db.ts';
import { buildHttp, createPlatform, seedDemo, type Module, type Platform } from './core/platform.ts';
import { coreModule } from './core/routes.ts';
import { createCases, type CasesApi } from './modules/cases/index.ts';
import { createCatalog, type CatalogApi } from './modules/catalog/index.ts';
import { createIdentity, type IdentityApi } from './modules/identity/index.ts';
import { createOrg, type OrgApi } from './modules/org/index.ts';

/** The modules of the platform, in dependency order. */
export function composeModules(): { modules: Module[]; org: OrgApi; identity: IdentityApi; catalog: CatalogApi; cases: CasesApi } {
  const org = createOrg();
  const identity = createIdentity(org.api);
  const catalog = createCatalog(org.api);
  const cases = createCases(catalog.api, identity.api, org.api);
  return { modules: [coreModule, org.module, identity.module, catalog.module, cases.module], org: org.api, identity: identity.api, catalog: catalog.api, cases: cases.api };
}

export interface Instance {
  platform: Platform;
  http: Awaited<ReturnType<typeof buildHttp>>;
  org: OrgApi;
  identity: IdentityApi;
  catalog: CatalogApi;
  cases: CasesApi;
  /** Lines printed once after seeding demo data (credentials), empty when nothing was seeded. */
  seeded: string[];
  close(): Promise<void>;
}

/** Migrates, initializes every module, seeds demo data into an empty database, and builds the HTTP app. */
export async function createInstance(config: Config, database: Database, opts: { seed?: boolean } = {}): Promise<Instance> {
  const { modules, org, identity, catalog, cases } = composeModules();
  const platform = await createPlatform(config, database, modules);
  const seed = opts.seed ?? (config.SEED_DEMO && config.NODE_ENV !== 'production');
  const seeded = seed && (await org.departmentCount()) === 0 ? await seedDemo(platform, modules) : [];
  const http = await buildHttp(platform, modules);
  platform.outbox.start();
  return {
    platform,
    http,
    org,
    identity,
    catalog,
    cases,
    seeded,
    async close() {
      await http.app.close();
      await platform.outbox.stop();
      await database.close();
    },
  };
}
