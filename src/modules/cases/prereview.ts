import { sql, type Selectable } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { isWithin, roleAllows, type PersonPrincipal, type Principal } from '../../core/permissions.ts';
import type { CatalogApi } from '../catalog/index.ts';
import type { MaterialRef } from './intake.ts';
import type { PrereviewTable } from './schema.ts';
import { casesDb, type CasesService } from './service.ts';

/**
 * Online pre-review (网上预审): before coming to a window, an applicant sends the materials they
 * have; a clerk of the hall answers whether they are complete, so the visit is the only one.
 */
export class Prereviews {
  constructor(
    private readonly s: CasesService,
    private readonly catalog: CatalogApi,
  ) {}

  view(r: Selectable<PrereviewTable>) {
    return {
      id: r.id,
      itemCode: r.item_code,
      itemName: r.item_name,
      regionCode: r.region_code,
      answers: r.answers,
      materials: r.materials,
      state: r.state,
      answer: r.answer,
      answeredBy: r.answered_by,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  async ask(actor: Actor, person: PersonPrincipal, input: { itemCode: string; answers: Record<string, string>; materials: MaterialRef[] }) {
    const item = await this.catalog.published(input.itemCode);
    if (!item.guide.onlineDepth.includes('prereview')) throw conflict('该事项不提供网上预审', 'this item offers no online pre-review');
    if (!item.item.departmentId) throw conflict('该事项没有实施机关', 'the item has no implementing agency');
    const applicable = await this.catalog.applicable(item.item.code, input.answers);
    const names = new Map(applicable.materials.map((m) => [m.id, m.name]));
    const errors: FieldError[] = [];
    const materials: PrereviewTable['materials'] = [];
    for (const [i, ref] of input.materials.entries()) {
      const up = await this.s.db.selectFrom('cases.upload').selectAll().where('person_id', '=', person.id).where('sha256', '=', ref.sha256).executeTakeFirst();
      if (!names.has(ref.materialId)) errors.push({ field: `materials/${i}/materialId`, rule: 'applies', message: { zh: '该材料不适用于本次申请', en: 'this material does not apply' } });
      else if (!up) errors.push({ field: `materials/${i}/sha256`, rule: 'exists', message: { zh: '找不到这个文件，请重新上传', en: 'no such file of yours; upload it again' } });
      else materials.push({ materialId: ref.materialId, name: names.get(ref.materialId)!, sha256: up.sha256, mediaType: up.media_type, fileName: up.file_name });
    }
    if (errors.length) throw invalid(errors);
    return auditedTx(this.s.p.db, actor, async (tx) => {
      const row = await casesDb(tx)
        .insertInto('cases.prereview')
        .values({
          person_id: person.id,
          item_code: item.item.code,
          item_name: item.item.name,
          region_code: item.item.regionCode,
          department_id: item.item.departmentId!,
          answers: JSON.stringify(input.answers) as never,
          materials: JSON.stringify(materials) as never,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { result: this.view(row), change: { action: 'case.prereview.ask', targetType: 'prereview', targetId: row.id, regionCode: row.region_code } };
    });
  }

  async mine(personId: string) {
    const rows = await this.s.db.selectFrom('cases.prereview').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').limit(100).execute();
    return rows.map((r) => this.view(r));
  }

  /** Pre-reviews of the items of the clerk's regions, oldest waiting first. */
  async queue(principal: Principal, state: 'waiting' | 'complete' | 'incomplete', page: number, pageSize: number) {
    const parentOf = (c: string) => this.s.p.regionParents.get(c);
    const roots = principal.grants.filter((g) => roleAllows(g.role, 'case:intake')).map((g) => g.regionCode);
    const regions = [...this.s.p.regionParents.keys()].filter((c) => roots.some((r) => isWithin(parentOf, c, r)));
    const base = this.s.db.selectFrom('cases.prereview').where('region_code', 'in', regions.length ? regions : ['']).where('state', '=', state);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('created_at', state === 'waiting' ? 'asc' : 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.view(r)), total: Number(total.n) };
  }

  async scopeOf(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const r = await this.s.db.selectFrom('cases.prereview').select('region_code').where('id', '=', id).executeTakeFirst();
    return r ? { regionCode: r.region_code } : null;
  }

  async file(id: string, sha256: string) {
    const r = await this.s.db.selectFrom('cases.prereview').select('materials').where('id', '=', id).executeTakeFirst();
    const m = r?.materials.find((x) => x.sha256 === sha256);
    const bytes = m ? await this.s.p.blobs.get(sha256) : null;
    if (!m || !bytes) throw notFound('文件', 'file');
    return { filename: m.fileName, bytes, type: m.mediaType };
  }

  /** The clerk's answer: complete, or what is missing or wrong; the applicant is told (in-site message and SMS). */
  async answer(actor: Actor, id: string, input: { complete: boolean; answer: string }) {
    if (!input.complete && !input.answer.trim()) throw invalid([{ field: 'answer', rule: 'required', message: { zh: '材料不齐全时须写明缺少或需更正的内容', en: 'say what is missing or wrong' } }]);
    return auditedTx(this.s.p.db, actor, async (tx) => {
      const row = await casesDb(tx)
        .updateTable('cases.prereview')
        .set({ state: input.complete ? 'complete' : 'incomplete', answer: input.answer, answered_by: actor.principal!.name, answered_at: new Date() })
        .where('id', '=', id)
        .where('state', '=', 'waiting')
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('该预审已答复', 'this pre-review has been answered already');
      await this.s.p.outbox.append(tx, { aggregateType: 'prereview', aggregateId: id, type: 'case.prereview.answered', payload: { id, personId: row.person_id, itemName: row.item_name, complete: input.complete } });
      return { result: this.view(row), change: { action: 'case.prereview.answer', targetType: 'prereview', targetId: id, regionCode: row.region_code, after: { state: row.state } } };
    });
  }
}
