import { auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, fieldError, forbidden } from '../../core/errors.ts';
import { isWithin } from '../../core/permissions.ts';
import type { ItemStatus } from './model.ts';
import { refreshSearch } from './search-index.ts';
import { catalogDb, type CatalogService } from './service.ts';

export type StatusOperation = 'suspend' | 'resume' | 'cancel';

const NEXT: Record<StatusOperation, { from: ItemStatus[]; to: ItemStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  cancel: { from: ['active', 'suspended'], to: 'cancelled' },
};

/**
 * The national operations on items, each recorded with its reason: suspend, resume and cancel an
 * item (a base item takes its local items along), split one item into others, merge several into one.
 * Only the region-wide catalog office does them, as it publishes.
 */
export class CatalogOperations {
  constructor(private readonly s: CatalogService) {}

  private regionWide(actor: Actor) {
    if (actor.grant?.departmentId) throw forbidden({ zh: '事项的暂停、取消、拆分、合并须由本级政务服务管理机构执行', en: 'suspending, cancelling, splitting and merging items is for the region-wide catalog office' });
  }

  async changeStatus(actor: Actor, itemId: string, op: StatusOperation, reason: string) {
    this.regionWide(actor);
    const { from, to } = NEXT[op];
    return auditedTx(this.s.p.db, actor, async (tx) => {
      const t = catalogDb(tx);
      const item = await t.selectFrom('catalog.item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
      if (!from.includes(item.status)) throw conflict(`事项当前状态为 ${item.status}，不能${op}`, `the item is ${item.status}: cannot ${op}`);
      const locals = item.kind === 'base' ? await t.selectFrom('catalog.item').select('id').where('base_id', '=', itemId).where('status', 'in', from).execute() : [];
      const ids = [itemId, ...locals.map((l) => l.id)];
      await t.updateTable('catalog.item').set((eb) => ({ status: to, version: eb('version', '+', 1), updated_at: new Date() })).where('id', 'in', ids).execute();
      await refreshSearch(tx, ids);
      await this.s.record(tx, actor, op, reason, ids, []);
      await this.s.p.outbox.append(tx, { aggregateType: 'catalog-item', aggregateId: itemId, type: `catalog.item.${to}`, payload: { itemIds: ids, reason } });
      return { result: await this.s.getItemIn(t, itemId), change: { action: `catalog.item.${op}`, targetType: 'catalog-item', targetId: itemId, regionCode: item.region_code, detail: { reason, items: ids.length } } };
    });
  }

  /**
   * Split (one into several) or merge (several into one): the targets are existing items of the same
   * kind (created beforehand); the sources are cancelled and the record links them to the targets.
   */
  async restructure(actor: Actor, op: 'split' | 'merge', sources: string[], targets: string[], reason: string) {
    this.regionWide(actor);
    if (op === 'split' && (sources.length !== 1 || targets.length < 2)) throw fieldError('targets', 'split', '拆分：一个原事项拆为至少两个新事项', 'a split turns one item into at least two');
    if (op === 'merge' && (sources.length < 2 || targets.length !== 1)) throw fieldError('sources', 'merge', '合并：至少两个原事项并为一个新事项', 'a merge turns at least two items into one');
    if (sources.some((s) => targets.includes(s))) throw fieldError('targets', 'distinct', '新事项不能同时是原事项', 'an item cannot be both source and target');
    return auditedTx(this.s.p.db, actor, async (tx) => {
      const t = catalogDb(tx);
      const rows = await t.selectFrom('catalog.item').selectAll().where('id', 'in', [...sources, ...targets]).forUpdate().execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = [...sources, ...targets].find((id) => !byId.has(id));
      if (missing) throw fieldError(sources.includes(missing) ? 'sources' : 'targets', 'exists', `事项 ${missing} 不存在`, `no item ${missing}`);
      const outside = rows.find((r) => !isWithin((c) => this.s.p.regionParents.get(c), r.region_code, actor.grant?.regionCode ?? ''));
      if (actor.grant && outside) throw forbidden({ zh: `事项 ${outside.name} 不在您的管辖范围内`, en: `item ${outside.name} is outside your region` });
      const kinds = new Set(rows.map((r) => r.kind));
      if (kinds.size > 1) throw fieldError('targets', 'kind', '原事项与新事项须同为基本目录或同为实施清单', 'sources and targets must all be base items or all local items');
      const closed = sources.find((id) => byId.get(id)!.status === 'cancelled');
      if (closed) throw conflict(`事项 ${byId.get(closed)!.name} 已取消`, `item ${byId.get(closed)!.name} is already cancelled`);
      await t.updateTable('catalog.item').set((eb) => ({ status: 'cancelled', version: eb('version', '+', 1), updated_at: new Date() })).where('id', 'in', sources).execute();
      await refreshSearch(tx, sources);
      await this.s.record(tx, actor, op, reason, sources, targets);
      for (const id of sources) {
        await this.s.p.outbox.append(tx, { aggregateType: 'catalog-item', aggregateId: id, type: 'catalog.item.cancelled', payload: { itemIds: [id], reason, op, targets } });
      }
      const first = byId.get(sources[0]!)!;
      return { result: { op, sources, targets, reason }, change: { action: `catalog.item.${op}`, targetType: 'catalog-item', targetId: first.id, regionCode: first.region_code, detail: { sources, targets, reason } } };
    });
  }
}
