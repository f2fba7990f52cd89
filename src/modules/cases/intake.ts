import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { auditedTx, entriesAbout, type Actor } from '../../core/audit.ts';
import { sniffType, unsupportedType } from '../../core/blobs.ts';
import type { Tx } from '../../core/db.ts';
import { conflict, fieldError, forbidden, invalid, notFound, Problem, versionConflict, type FieldError } from '../../core/errors.ts';
import type { PersonPrincipal, Principal } from '../../core/permissions.ts';
import type { CatalogApi, PublishedItem } from '../catalog/index.ts';
import type { PersonContact } from '../identity/index.ts';
import { FIXED_FIELDS, formSchema, formProblems } from './forms.ts';
import { caseNumber, deadlines, newCase, newQueryCode, processOf, queueOf, type Channel } from './model.ts';
import type { CaseMaterialTable, CaseSnapshot, CasesTables, CaseTable } from './schema.ts';
import { casesDb, type CasesService, type CaseView } from './service.ts';

/** Types an applicant's material may have, judged by content (spreadsheets are for staff imports only). */
export const MATERIAL_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/ofd': 'OFD' };

export interface MaterialRef {
  materialId: string;
  sha256: string;
}

export interface ApplicationInput {
  itemCode: string;
  answers: Record<string, string>;
  form: Record<string, unknown>;
  materials: MaterialRef[];
}

interface FileMeta {
  sha256: string;
  mediaType: string;
  size: number;
  fileName: string;
}

/** Applications from every channel: drafts, uploads, online and window submissions, supplements, pre-reviews. */
export class CaseIntake {
  constructor(
    private readonly s: CasesService,
    private readonly catalog: CatalogApi,
  ) {}

  private get db() {
    return this.s.db;
  }

  /** Stores a person's upload after checking its content; only its uploader may hand it in. */
  async upload(actor: Actor, person: PersonPrincipal, data: Buffer, fileName: string): Promise<FileMeta> {
    const mediaType = await sniffType(data);
    if (!mediaType || !MATERIAL_TYPES[mediaType]) throw unsupportedType(Object.values(MATERIAL_TYPES));
    const { sha256, size } = await this.s.p.blobs.put(data);
    const meta = { sha256, size, mediaType, fileName: fileName.slice(0, 200) || 'file' };
    await auditedTx(this.s.p.db, actor, async (t) => {
      await casesDb(t)
        .insertInto('cases.upload')
        .values({ person_id: person.id, sha256, media_type: mediaType, size, file_name: meta.fileName })
        .onConflict((oc) => oc.columns(['person_id', 'sha256']).doUpdateSet({ file_name: meta.fileName }))
        .execute();
      return { result: undefined, change: { action: 'case.material.upload', targetType: 'blob', targetId: sha256, after: { sha256, size, mediaType } } };
    });
    return meta;
  }

  /** My materials: what I uploaded, newest first, with the cases each was handed in for. */
  async myMaterials(personId: string) {
    const rows = await this.db
      .selectFrom('cases.upload as u')
      .leftJoin('cases.case_material as m', 'm.sha256', 'u.sha256')
      .leftJoin('cases.case as c', (j) => j.onRef('c.id', '=', 'm.case_id').on('c.person_id', '=', personId))
      .select(['u.sha256', 'u.media_type', 'u.size', 'u.file_name', 'u.at', 'm.name as material_name', 'c.number'])
      .where('u.person_id', '=', personId)
      .orderBy('u.at', 'desc')
      .limit(500)
      .execute();
    const out = new Map<string, FileMeta & { uploadedAt: string; usedFor: { material: string; caseNumber: string }[] }>();
    for (const r of rows) {
      const f = out.get(r.sha256) ?? { sha256: r.sha256, mediaType: r.media_type, size: r.size, fileName: r.file_name, uploadedAt: new Date(r.at).toISOString(), usedFor: [] };
      if (r.number && r.material_name) f.usedFor.push({ material: r.material_name, caseNumber: r.number });
      out.set(r.sha256, f);
    }
    return [...out.values()];
  }

  async ownUpload(personId: string, sha256: string) {
    const r = await this.db.selectFrom('cases.upload').selectAll().where('person_id', '=', personId).where('sha256', '=', sha256).executeTakeFirst();
    const bytes = r ? await this.s.p.blobs.get(sha256) : null;
    if (!r || !bytes) throw notFound('文件', 'file');
    return { filename: r.file_name, bytes, type: r.media_type };
  }

  // Drafts: one per person, enterprise and item; saved as the applicant types, with a revision check.

  async drafts(person: PersonPrincipal) {
    const rows = await this.db
      .selectFrom('cases.draft')
      .select(['item_code', 'data', 'rev', 'updated_at'])
      .where('person_id', '=', person.id)
      .where('enterprise_id', '=', person.actingFor?.enterpriseId ?? '')
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map((r) => ({ itemCode: r.item_code, data: r.data, rev: r.rev, updatedAt: new Date(r.updated_at).toISOString() }));
  }

  async draft(person: PersonPrincipal, itemCode: string) {
    const r = await this.db
      .selectFrom('cases.draft')
      .select(['data', 'rev', 'updated_at'])
      .where('person_id', '=', person.id)
      .where('enterprise_id', '=', person.actingFor?.enterpriseId ?? '')
      .where('item_code', '=', itemCode.toUpperCase())
      .executeTakeFirst();
    return r ? { itemCode: itemCode.toUpperCase(), data: r.data, rev: r.rev, updatedAt: new Date(r.updated_at).toISOString() } : null;
  }

  /** Saves a draft; `rev` is the revision read (0 for a new draft): a stale one gets 409 with the stored draft. */
  async saveDraft(person: PersonPrincipal, itemCode: string, data: unknown, rev: number) {
    const key = { person_id: person.id, enterprise_id: person.actingFor?.enterpriseId ?? '', item_code: itemCode.toUpperCase() };
    return this.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('cases.draft').select(['rev', 'data', 'updated_at']).where('person_id', '=', key.person_id).where('enterprise_id', '=', key.enterprise_id).where('item_code', '=', key.item_code).forUpdate().executeTakeFirst();
      if ((current?.rev ?? 0) !== rev) throw versionConflict(current ? { data: current.data, rev: current.rev, updatedAt: new Date(current.updated_at).toISOString() } : null);
      const json = JSON.stringify(data);
      const saved = current
        ? await tx.updateTable('cases.draft').set({ data: json, rev: rev + 1, updated_at: new Date() }).where('person_id', '=', key.person_id).where('enterprise_id', '=', key.enterprise_id).where('item_code', '=', key.item_code).returning(['rev', 'updated_at']).executeTakeFirstOrThrow()
        : await tx.insertInto('cases.draft').values({ ...key, data: json }).returning(['rev', 'updated_at']).executeTakeFirstOrThrow();
      return { itemCode: key.item_code, rev: saved.rev, updatedAt: new Date(saved.updated_at).toISOString() };
    });
  }

  async deleteDraft(person: PersonPrincipal, itemCode: string) {
    await this.db.deleteFrom('cases.draft').where('person_id', '=', person.id).where('enterprise_id', '=', person.actingFor?.enterpriseId ?? '').where('item_code', '=', itemCode.toUpperCase()).execute();
  }

  /** What the apply page needs: the published item, its questions, the form with the applicant's facts filled in, and the materials. */
  async applyInfo(person: PersonPrincipal, itemCode: string) {
    const item = await this.catalog.published(itemCode);
    this.checkApplicant(person, item, 'online');
    const contact = await this.contact(person.id);
    const forEnterprise = Boolean(person.actingFor);
    return {
      item: { code: item.item.code, name: item.item.name, type: item.item.type, version: item.version, departmentName: item.item.departmentName, regionName: item.item.regionName },
      situations: item.guide.situations,
      formSchema: formSchema(item.guide.form, forEnterprise),
      fixedFields: FIXED_FIELDS.filter((f) => forEnterprise || (f !== 'enterpriseName' && f !== 'creditCode')),
      prefill: this.prefill(contact, person),
      materials: item.guide.materials.map((m) => ({ id: m.id, name: m.name, requirement: m.requirement, conditionNote: m.conditionNote ?? null, source: m.source, held: m.source !== 'applicant', originals: m.originals, copies: m.copies, notes: m.notes ?? null, template: m.template ?? null, sample: m.sample ?? null, when: m.when ?? null })),
      promisedDays: item.guide.promisedDays,
      statutoryDays: item.guide.statutoryDays,
      delivery: item.guide.delivery,
    };
  }

  private async contact(personId: string): Promise<PersonContact> {
    const c = await this.s.identity.person(personId);
    if (!c) throw notFound('自然人', 'person');
    return c;
  }

  private prefill(c: PersonContact, person: Principal | null): Record<string, string> {
    const acting = person?.kind === 'person' ? person.actingFor : null;
    return { applicantName: c.name, idNumberMasked: c.idNumberMasked, mobile: c.mobile, ...(acting ? { enterpriseName: acting.name, creditCode: acting.creditCode } : {}) };
  }

  /** The person (or the enterprise they act for) may apply for this item through this channel. */
  private checkApplicant(person: Principal, item: PublishedItem, channel: Channel) {
    if (channel === 'online' && !item.canApplyOnline) throw conflict('该事项不支持网上申请，请到窗口办理', 'this item cannot be applied for online; apply at a window');
    const acting = person.kind === 'person' ? person.actingFor : null;
    if (acting) {
      if (!item.guide.audience.includes('enterprise')) throw fieldError('itemCode', 'audience', '该事项只面向自然人', 'this item serves persons only');
      if (acting.itemTypes !== 'all' && !acting.itemTypes.includes(item.item.type)) throw forbidden({ zh: '您的经办授权不包含此类事项', en: 'your agent grant does not cover items of this type' });
    } else if (!item.guide.audience.includes('person')) {
      throw fieldError('itemCode', 'audience', '该事项只面向法人，请以单位身份办理', 'this item serves enterprises only: act for your enterprise');
    }
  }

  /**
   * Checks an application against the published item: every situation answered, the form, and a
   * file for every material that applies and that the platform does not hold; names every problem.
   */
  private async check(item: PublishedItem, input: ApplicationInput, fixed: Record<string, string>, files: (sha256: string) => Promise<FileMeta | null>) {
    const errors: FieldError[] = [];
    const applicable = await this.catalog.applicable(item.item.code, input.answers);
    for (const q of applicable.unanswered) errors.push({ field: `answers/${q}`, rule: 'required', message: { zh: '请回答这个问题', en: 'answer this question' } });
    const form = { ...input.form, ...fixed };
    errors.push(...formProblems(formSchema(item.guide.form, 'enterpriseName' in fixed), form));
    const wanted = new Map(applicable.materials.map((m) => [m.id, m]));
    const given = new Map<string, FileMeta[]>();
    for (const [i, ref] of input.materials.entries()) {
      const m = wanted.get(ref.materialId);
      if (!m) {
        errors.push({ field: `materials/${i}/materialId`, rule: 'applies', message: { zh: '该材料不适用于本次申请', en: 'this material does not apply to this application' } });
        continue;
      }
      if (m.source !== 'applicant') {
        errors.push({ field: `materials/${i}/materialId`, rule: 'held', message: { zh: `“${m.name}”由平台获取，无需提交`, en: `"${m.name}" is held by the platform; do not hand it in` } });
        continue;
      }
      const f = await files(ref.sha256);
      if (!f) errors.push({ field: `materials/${i}/sha256`, rule: 'exists', message: { zh: '找不到这个文件，请重新上传', en: 'no such file of yours; upload it again' } });
      else if (!MATERIAL_TYPES[f.mediaType]) errors.push({ field: `materials/${i}/sha256`, rule: 'type', message: { zh: '只接受 PDF、JPEG、PNG、OFD 文件', en: 'only PDF, JPEG, PNG and OFD files are accepted' } });
      else given.set(m.id, [...(given.get(m.id) ?? []), f]);
    }
    for (const m of wanted.values()) {
      if (m.source === 'applicant' && !given.has(m.id)) errors.push({ field: `materials/${m.id}`, rule: 'required', message: { zh: `请提交“${m.name}”`, en: `hand in "${m.name}"` } });
    }
    if (errors.length) throw invalid(errors);
    return { applicable, form, given };
  }

  private snapshot(item: PublishedItem, materials: Awaited<ReturnType<CatalogApi['applicable']>>['materials']): CaseSnapshot {
    const g = item.guide;
    return {
      materials: materials.map((m) => ({ id: m.id, name: m.name, requirement: m.requirement, source: m.source, held: m.source !== 'applicant', originals: m.originals, copies: m.copies, checkpoints: m.checkpoints })),
      steps: processOf(g.steps).map((p) => {
        const s = g.steps.find((x) => x.name === p.name && x.role === p.role);
        return { ...p, standard: s?.standard ?? '', checkpoints: s?.checkpoints ?? [] };
      }),
      result: { name: g.result.name, kind: g.result.kind },
      delivery: g.delivery,
      hall: g.hall,
      consultPhone: g.consultPhone,
    };
  }

  /** A person's online application, once per idempotency key: a repeat gets the case the first one made. */
  async submitOnline(actor: Actor, person: PersonPrincipal, input: ApplicationInput, key: string): Promise<{ created: boolean; view: CaseView }> {
    try {
      const [item, contact, files] = await Promise.all([this.catalog.published(input.itemCode), this.contact(person.id), this.uploads(person.id, input.materials)]);
      this.checkApplicant(person, item, 'online');
      const fixed = this.prefill(contact, person);
      delete fixed.mobile;
      const checked = await this.check(item, input, fixed, async (sha256) => files.get(sha256) ?? null);
      const view = await this.create(actor, {
        channel: 'online',
        item,
        person: contact,
        acting: person.actingFor ?? null,
        answers: input.answers,
        form: checked.form,
        snapshot: this.snapshot(item, checked.applicable.materials),
        materials: [...checked.given].flatMap(([id, fs]) => fs.map((f) => ({ material_id: id, name: checked.applicable.materials.find((m) => m.id === id)!.name, sha256: f.sha256, media_type: f.mediaType, size: f.size, file_name: f.fileName, source: 'upload' as const, round: 0 }))),
        submittedBy: person.id,
        key,
        hallId: null,
        acceptNow: false,
      });
      await this.deleteDraft(person, item.item.code);
      return { created: true, view };
    } catch (e) {
      // The key is looked up only when this attempt fails (a repeat's case insert hits the unique
      // key, also when two run at once): a repeat answers with the first one's case, whatever else it met.
      const again = await this.byKey(person.id, key);
      if (again) return { created: false, view: again };
      throw e;
    }
  }

  /** The person's uploads among the referenced files, in one look-up. */
  private async uploads(personId: string, refs: MaterialRef[]): Promise<Map<string, FileMeta>> {
    const hashes = [...new Set(refs.map((r) => r.sha256))];
    const rows = hashes.length ? await this.db.selectFrom('cases.upload').select(['sha256', 'media_type', 'size', 'file_name']).where('person_id', '=', personId).where('sha256', 'in', hashes).execute() : [];
    return new Map(rows.map((r) => [r.sha256, { sha256: r.sha256, mediaType: r.media_type, size: r.size, fileName: r.file_name }]));
  }

  private async byKey(submittedBy: string, key: string): Promise<CaseView | null> {
    const r = await this.db.selectFrom('cases.case').selectAll().where('submitted_by', '=', submittedBy).where('idempotency_key', '=', key).executeTakeFirst();
    return r ? this.s.view(r) : null;
  }

  /**
   * A window clerk takes in an application for a person who is present: identity checked in person
   * (level 3), paper materials scanned (uploaded by the clerk), optionally accepted at once.
   */
  async submitAtWindow(actor: Actor, input: ApplicationInput & { personId: string; enterpriseId?: string | null; hallId?: string | null; acceptNow: boolean; key: string }) {
    const staff = actor.principal!;
    const existing = await this.byKey(staff.id, input.key);
    if (existing) return { created: false, view: existing };
    const contact = await this.s.identity.person(input.personId);
    if (!contact) throw fieldError('personId', 'exists', '找不到该自然人', 'no such person');
    if (contact.level < 3) {
      throw new Problem(403, 'level-required', { zh: '窗口受理前须当面核验申请人身份（实名 L3）', en: 'check the applicant’s identity in person first (real-name level 3)' }, [], { requiredLevel: 3, level: contact.level });
    }
    const item = await this.catalog.published(input.itemCode);
    const acting = input.enterpriseId ? await this.s.identity.actingFor(contact.id, input.enterpriseId) : null;
    if (input.enterpriseId && !acting) throw fieldError('enterpriseId', 'agent', '该自然人不是此单位的法定代表人或有效经办人', 'this person is not the legal representative or a current agent of the enterprise');
    const applicant: PersonPrincipal = { kind: 'person', id: contact.id, name: contact.name, grants: [], level: contact.level, actingFor: acting };
    this.checkApplicant(applicant, item, 'window');
    const fixed = this.prefill(contact, applicant);
    delete fixed.mobile;
    // Scans are files this clerk uploaded (POST /api/files, audited): never someone else's upload found by its hash.
    const files = async (sha256: string) => {
      const uploads = await entriesAbout(this.s.p.db, sha256, ['file.upload'], 50);
      const mine = uploads.find((e) => e.actorId === staff.id);
      const bytes = mine ? await this.s.p.blobs.get(sha256) : null;
      return bytes ? { sha256, mediaType: (await sniffType(bytes)) ?? 'application/octet-stream', size: bytes.length, fileName: String(mine!.detail?.fileName ?? `scan-${sha256.slice(0, 8)}`) } : null;
    };
    const checked = await this.check(item, input, fixed, files);
    const view = await this.create(actor, {
      channel: 'window',
      item,
      person: contact,
      acting,
      answers: input.answers,
      form: checked.form,
      snapshot: this.snapshot(item, checked.applicable.materials),
      materials: [...checked.given].flatMap(([id, fs]) => fs.map((f) => ({ material_id: id, name: checked.applicable.materials.find((m) => m.id === id)!.name, sha256: f.sha256, media_type: f.mediaType, size: f.size, file_name: f.fileName, source: 'scan' as const, round: 0 }))),
      submittedBy: staff.id,
      key: input.key,
      hallId: input.hallId ?? null,
      acceptNow: input.acceptNow,
    });
    return { created: true, view };
  }

  /** One transaction: the number, the case, its materials, the timeline, the event and the audit entry. */
  private async create(
    actor: Actor,
    c: {
      channel: Channel;
      item: PublishedItem;
      person: PersonContact;
      acting: PersonPrincipal['actingFor'];
      answers: Record<string, string>;
      form: Record<string, unknown>;
      snapshot: CaseSnapshot;
      materials: Omit<CaseMaterialTable, 'case_id' | 'added_at'>[];
      submittedBy: string;
      key: string;
      hallId: string | null;
      acceptNow: boolean;
    },
  ): Promise<CaseView> {
    const { item } = c;
    if (!item.item.departmentId) throw conflict('该事项没有实施机关', 'the item has no implementing agency');
    const s = this.s;
    const today = s.today();
    const view = await auditedTx(s.p.db, actor, async (t) => {
      const tx = t as Tx<CasesTables>;
      const { last } = await tx
        .insertInto('cases.counter')
        .values({ region_code: item.item.regionCode, day: today, last: 1 })
        .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet((eb) => ({ last: eb('cases.counter.last', '+', 1) })))
        .returning('last')
        .executeTakeFirstOrThrow();
      const core = newCase(c.snapshot.steps.map((x) => ({ name: x.name, role: x.role as 'reviewer', days: x.days })), today, { promisedDays: item.guide.promisedDays, statutoryDays: item.guide.statutoryDays });
      const d = deadlines(core, s.p.calendar, today, s.p.config.CASE_WARN_DAYS);
      const id = randomUUID();
      const values: Insertable<CaseTable> = {
        id,
        number: caseNumber(item.item.regionCode, today, last),
        query_code: newQueryCode(),
        channel: c.channel,
        item_id: item.item.id,
        item_code: item.item.code,
        item_name: item.item.name,
        item_version: item.version,
        item_type: item.item.type,
        region_code: item.item.regionCode,
        department_id: item.item.departmentId!,
        department_name: item.item.departmentName ?? '',
        hall_id: c.hallId,
        applicant_kind: c.acting ? 'enterprise' : 'person',
        person_id: c.person.id,
        enterprise_id: c.acting?.enterpriseId ?? null,
        applicant_name: c.acting?.name ?? c.person.name,
        applicant_number: c.acting?.creditCode ?? c.person.idNumberMasked,
        agent_name: c.acting ? c.person.name : null,
        answers: JSON.stringify(c.answers) as never,
        form: JSON.stringify(c.form) as never,
        snapshot: JSON.stringify(c.snapshot) as never,
        core: JSON.stringify(core) as never,
        state: core.state,
        queue: queueOf(core),
        due_on: d.acceptanceDue,
        received_at: new Date(),
        submitted_by: c.submittedBy,
        idempotency_key: c.key,
      };
      // The material rows ride along with the case row: one statement (their foreign key is checked at its end).
      const row = await (
        c.materials.length
          ? tx.with('m', (db) => db.insertInto('cases.case_material').values(c.materials.map((m) => ({ ...m, case_id: id }))).onConflict((oc) => oc.doNothing())).insertInto('cases.case').values(values).returningAll()
          : tx.insertInto('cases.case').values(values).returningAll()
      ).executeTakeFirstOrThrow();
      await s.timeline(tx, row, actor, 'submit', null, null, { channel: c.channel, materials: c.materials.length });
      await s.p.outbox.append(t, { aggregateType: 'case', aggregateId: row.id, type: 'case.submitted', payload: { caseId: row.id, number: row.number, personId: row.person_id, itemCode: row.item_code, channel: c.channel } });
      return { result: s.view(row, today), change: { action: 'case.submit', targetType: 'case', targetId: row.id, regionCode: row.region_code, after: { number: row.number, channel: c.channel, item: row.item_code } } };
    });
    return c.acceptNow ? s.act(actor, view.id, view.version, { type: 'accept' }) : view;
  }

  /** The applicant hands in everything the supplement notice asked for, in one go; the clock restarts. */
  async supplement(actor: Actor, person: PersonPrincipal, id: string, version: number, materials: MaterialRef[], note: string) {
    const row = await this.s.ownRow(person, id);
    const wanted = new Map(row.snapshot.materials.map((m) => [m.id, m]));
    const errors: FieldError[] = [];
    const files: Omit<CaseMaterialTable, 'case_id' | 'added_at'>[] = [];
    for (const [i, ref] of materials.entries()) {
      const m = wanted.get(ref.materialId);
      const f = m ? await this.db.selectFrom('cases.upload').selectAll().where('person_id', '=', person.id).where('sha256', '=', ref.sha256).executeTakeFirst() : null;
      if (!m) errors.push({ field: `materials/${i}/materialId`, rule: 'applies', message: { zh: '该材料不属于本办件', en: 'this material is not part of the case' } });
      else if (!f) errors.push({ field: `materials/${i}/sha256`, rule: 'exists', message: { zh: '找不到这个文件，请重新上传', en: 'no such file of yours; upload it again' } });
      else files.push({ material_id: m.id, name: m.name, sha256: f.sha256, media_type: f.media_type, size: f.size, file_name: f.file_name, source: 'upload', round: row.core.supplementRequests });
    }
    if (materials.length === 0 && !note.trim()) errors.push({ field: 'materials', rule: 'required', message: { zh: '请按补正告知提交材料或说明', en: 'hand in what the notice asks for, or explain' } });
    if (errors.length) throw invalid(errors);
    return this.s.act(actor, id, version, { type: 'supplement' }, {
      note,
      data: { materials: files.map((f) => ({ materialId: f.material_id, name: f.name, sha256: f.sha256 })) },
      also: async (tx) => {
        if (files.length) await tx.insertInto('cases.case_material').values(files.map((f) => ({ ...f, case_id: id }))).onConflict((oc) => oc.doNothing()).execute();
      },
    });
  }
}
