import type { Actor } from '../../core/audit.ts';
import type { Module } from '../../core/platform.ts';
import type { OrgApi } from '../org/index.ts';
import type { Guide } from './model.ts';
import { CatalogOperations } from './operations.ts';
import { CatalogPortal, type PublishedItem } from './portal.ts';
import { portalRoutes } from './portal-routes.ts';
import { catalogRoutes } from './routes.ts';
import type { Answers } from './rules.ts';
import { catalogMigrations } from './schema.ts';
import { CatalogSearch } from './search.ts';
import { seedCatalog } from './seed.ts';
import { catalogDb, CatalogService } from './service.ts';
import { CatalogExport } from './transfer-export.ts';
import { CatalogImports, type JsonImportResult } from './transfer-import.ts';
import { transferRoutes } from './transfer-routes.ts';

export { DELIVERY_METHODS, type DeliveryMethod } from './model.ts';
export type { Guide, Material, Question, Step } from './model.ts';
export type { PublishedItem } from './portal.ts';
export type { Answers } from './rules.ts';
export type { JsonImportResult } from './transfer-import.ts';

/** What other modules may ask of the catalog (through this file only). */
export interface CatalogApi {
  /** The published version of an active item by its code (handling item code for a local item). */
  published(code: string): Promise<PublishedItem>;
  /** The published active local items of a region (handling item code, name, type, agency). */
  publishedIn(regionCode: string): Promise<{ code: string; name: string; type: string; departmentId: string | null }[]>;
  /** The conditions and materials that apply to situation answers: what case intake asks for. */
  applicable(code: string, answers: Answers): Promise<{ materials: Guide['materials']; conditions: Guide['conditions']; unanswered: string[] }>;
  /** Imports published handling items in the format of ../shared/data/items.json as drafts (idempotent). */
  importItemsJson(actor: Actor, bytes: Buffer, opts?: { importValid?: boolean }): Promise<JsonImportResult>;
}

export function createCatalog(org: OrgApi): { module: Module; api: CatalogApi } {
  let service: CatalogService | undefined;
  let portal: CatalogPortal | undefined;
  let imports: CatalogImports | undefined;
  const ready = () => {
    if (!service || !portal || !imports) throw new Error('catalog module is not initialized');
    return { service, portal, imports };
  };
  const api: CatalogApi = {
    published: (code) => ready().portal.published(code),
    publishedIn: (regionCode) => ready().portal.publishedIn(regionCode),
    applicable: (code, answers) => ready().portal.applicable(code, answers),
    importItemsJson: (actor, bytes, opts) => ready().imports.importItemsJson(actor, bytes, opts),
  };
  const module: Module = {
    name: 'catalog',
    migrations: catalogMigrations,
    async init(p) {
      service = new CatalogService(p, org);
      portal = new CatalogPortal(service);
      imports = new CatalogImports(service, org);
      p.outbox.subscribe({
        name: 'catalog.department-names',
        types: ['org.department.changed'],
        async handle(e) {
          const d = e.payload as { id: string; name: string };
          const db = catalogDb(p.db);
          await db.updateTable('catalog.item').set({ department_name: d.name }).where('department_id', '=', d.id).execute();
          await db.updateTable('catalog.item').set({ entrusted_department_name: d.name }).where('entrusted_department_id', '=', d.id).execute();
        },
      });
    },
    routes(app) {
      const { service: s, portal: pt, imports: im } = ready();
      catalogRoutes(app, s, new CatalogOperations(s), org);
      portalRoutes(app, pt, new CatalogSearch(s.p.db, org));
      transferRoutes(app, im, new CatalogExport(s), org);
    },
    seedDemo: () => seedCatalog(ready().service, org),
  };
  return { module, api };
}
