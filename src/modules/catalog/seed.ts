import { systemActor, type Actor } from '../../core/audit.ts';
import type { OrgApi } from '../org/index.ts';
import { DEMO_ITEMS } from './demo/index.ts';
import { inheritGuide } from './rules.ts';
import type { CatalogService } from './service.ts';

/** The demo catalog: each base item and its local items, drafted, submitted, approved and published by separate actors. */
export async function seedCatalog(catalog: CatalogService, org: OrgApi): Promise<string[]> {
  const editor = systemActor('seed-demo-editor');
  const approver = systemActor('seed-demo-approver');
  const publishFirst = async (actor: Actor, itemId: string) => {
    await catalog.submit(actor, itemId, 1);
    await catalog.approve(approver, itemId, 1);
    await catalog.publish(editor, itemId, 1);
  };
  let locals = 0;
  for (const demo of DEMO_ITEMS) {
    const dept = await org.departmentOfKind('420000', demo.base.department);
    const base = await catalog.createBase(editor, { code: demo.base.code, name: demo.base.name, type: demo.base.type, departmentId: dept?.id ?? null, levels: demo.base.levels, guide: demo.base.guide });
    await publishFirst(editor, base.id);
    for (const l of demo.locals) {
      const agency = await org.departmentOfKind(l.region, l.department);
      if (!agency) throw new Error(`demo item ${demo.base.name}: no ${l.department} department in ${l.region}`);
      const local = await catalog.createLocal(editor, { baseId: base.id, regionCode: l.region, departmentId: agency.id, ...(l.name && { name: l.name }) });
      await catalog.saveDraft(editor, local.id, 1, { guide: { ...inheritGuide(demo.base.guide), ...l.override }, rev: 1 });
      await publishFirst(editor, local.id);
      locals++;
    }
  }
  return [`事项目录 / catalog: ${DEMO_ITEMS.length} base items, ${locals} local items published`];
}
