/**
 * Imports into the catalog: Excel uploads of base items, local items or materials, run as jobs
 * whose progress and report live in catalog.import_job; and the JSON import of published handling
 * items with their real codes. Every row is checked before anything is written; the writes of one
 * import are one transaction with one audit entry.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { audit, type Actor } from '../../core/audit.ts';
import { sniffType } from '../../core/blobs.ts';
import type { Tx } from '../../core/db.ts';
import { conflict, fieldError, notFound, Problem } from '../../core/errors.ts';
import { HOME_PROVINCE, type OrgApi } from '../org/index.ts';
import { emptyGuide, type Guide, type Material } from './model.ts';
import { inheritGuide } from './rules.ts';
import type { CatalogTables, ImportJobTable, ItemTable } from './schema.ts';
import { catalogDb, who, whoId, type CatalogService } from './service.ts';
import { XLSX } from '../../core/xlsx.ts';
import { readSheet } from './transfer-excel.ts';
import { phoneLine, readItemsJson, unlinkedDepartmentName } from './transfer-json.ts';
import { sortProblems, type RowProblem, type SheetRow, type TransferKind } from './transfer-columns.ts';
import { freshIds, referencesOf, RowChecker, type DepartmentRef, type ItemRef, type Known, type PlannedItem, type PlannedMaterial } from './transfer.ts';

type JobState = ImportJobTable['state'];
const ACTIVE: JobState[] = ['queued', 'reading', 'checking', 'importing'];
/** Rows checked between two progress updates. */
const BATCH = 500;
/** Problems kept in a job's report (the count covers all). */
const REPORT_LIMIT = 1000;
/** A job of another process that has not moved for this long has died with it. */
const STALE_MS = 10 * 60 * 1000;

export interface ImportJobView {
  id: string;
  kind: TransferKind;
  regionCode: string;
  state: JobState;
  done: number;
  total: number;
  imported: number;
  invalidRows: number;
  problemCount: number;
  report: RowProblem[];
  importValid: boolean;
  fileName: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

const jobView = (r: Selectable<ImportJobTable>): ImportJobView => ({
  id: r.id,
  kind: r.kind,
  regionCode: r.region_code,
  state: r.state,
  done: r.done,
  total: r.total,
  imported: r.imported,
  invalidRows: r.invalid_rows,
  problemCount: r.problem_count,
  report: r.report as RowProblem[],
  importValid: r.import_valid,
  fileName: r.file_name,
  createdBy: r.created_by_name,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
}

const internal = (zh: string, en: string): RowProblem => ({ row: 0, column: null, field: null, problem: { zh, en } });
const chunks = <T>(xs: readonly T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
type NewItem = Omit<ItemTable, 'id' | 'status' | 'published_version' | 'version' | 'created_at' | 'updated_at'>;

export interface JsonImportResult {
  records: number;
  baseItems: { created: number; existing: number };
  localItems: { created: number; existing: number };
  /** Local items created with their agency linked to a department of the platform. */
  linkedDepartments: number;
  problems: RowProblem[];
}

export class CatalogImports {
  /** Jobs of this process run one after another. */
  #queue: Promise<void> = Promise.resolve();
  readonly #mine = new Set<string>();

  constructor(
    private readonly s: CatalogService,
    private readonly org: OrgApi,
  ) {}

  private get db() {
    return this.s.db;
  }

  /** Starts an import of an uploaded file (POST /api/files); the job runs after this returns. */
  async start(actor: Actor, input: { kind: TransferKind; regionCode: string; file: string; fileName?: string; importValid: boolean }): Promise<ImportJobView> {
    const data = await this.s.p.blobs.get(input.file);
    if (!data) throw fieldError('file', 'exists', '文件不存在，请先上传（POST /api/files）', 'no such file: upload it first (POST /api/files)');
    if ((await sniffType(data)) !== XLSX) {
      throw new Problem(415, 'unsupported-type', { zh: '只能导入 XLSX 文件', en: 'only XLSX files can be imported' }, [
        { field: 'file', rule: 'type', message: { zh: '文件内容不是 XLSX（与文件名无关）', en: 'the content is not XLSX, whatever the file name says' } },
      ]);
    }
    const row = await this.db
      .insertInto('catalog.import_job')
      .values({ kind: input.kind, region_code: input.regionCode, file_sha256: input.file, file_name: (input.fileName ?? '').slice(0, 200), import_valid: input.importValid, state: 'queued', created_by: whoId(actor), created_by_name: who(actor) })
      .returningAll()
      .executeTakeFirstOrThrow();
    this.#mine.add(row.id);
    this.#queue = this.#queue.then(() => this.run(row.id, actor).finally(() => this.#mine.delete(row.id)));
    return jobView(row);
  }

  async scopeOf(id: string) {
    const row = await this.db.selectFrom('catalog.import_job').select('region_code').where('id', '=', id).executeTakeFirst();
    return row ? { regionCode: row.region_code } : null;
  }

  /** A job as it stands; one left unfinished by a process that has gone is reported failed. */
  async get(id: string): Promise<ImportJobView> {
    const row = await this.db.selectFrom('catalog.import_job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('导入任务', 'import job');
    if (ACTIVE.includes(row.state) && !this.#mine.has(id) && Date.now() - new Date(row.updated_at).getTime() > STALE_MS) {
      const report = [...(row.report as RowProblem[]), internal('导入中断（处理它的服务进程已停止），请重新导入', 'the import was interrupted (the server process running it stopped); run it again')];
      const failed = await this.db.updateTable('catalog.import_job').set({ state: 'failed', report: JSON.stringify(report), problem_count: report.length, finished_at: new Date(), updated_at: new Date() }).where('id', '=', id).where('state', 'in', ACTIVE).returningAll().executeTakeFirst();
      return jobView(failed ?? row);
    }
    return jobView(row);
  }

  async list(regionCodes: string[], page: number, pageSize: number) {
    const query = this.db.selectFrom('catalog.import_job').where('region_code', 'in', regionCodes);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => ({ ...jobView(r), report: [] })), total: Number(total.n) };
  }

  private async progress(id: string, set: { state?: JobState; done?: number; total?: number }) {
    await this.db.updateTable('catalog.import_job').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
  }

  private async run(id: string, actor: Actor): Promise<void> {
    try {
      // A job another process has meanwhile reported as interrupted stays so.
      const job = await this.db.updateTable('catalog.import_job').set({ state: 'reading', updated_at: new Date() }).where('id', '=', id).where('state', '=', 'queued').returningAll().executeTakeFirst();
      if (!job) return;
      const sheet = await readSheet((await this.s.p.blobs.get(job.file_sha256))!, job.kind);
      const checker = new RowChecker(job.kind, sheet.letters);
      checker.problems.push(...sheet.problems);
      await this.progress(id, { state: 'checking', total: sheet.rows.length });
      const known = this.known(new Set(this.org.subtree(job.region_code)), actor.grant?.departmentId ?? null);
      let done = 0;
      for (const batch of chunks(sheet.rows, BATCH)) {
        await known.load(job.kind, batch);
        for (const r of batch) checker.check(r, known.api);
        done += batch.length;
        await this.progress(id, { done });
      }
      if (job.kind === 'local') checker.assignCodes(known.api);
      const bad = checker.badRows();
      const items = checker.items.filter((p) => !bad.has(p.row));
      const materials = checker.materials.filter((p) => !bad.has(p.row));
      const counts = { total: sheet.rows.length, invalidRows: sheet.rows.filter((r) => bad.has(r.row)).length, problems: sortProblems(checker.problems) };
      if (sheet.problems.length || (bad.size && !job.import_valid) || items.length + materials.length === 0) {
        await this.s.p.db.transaction().execute((tx) => this.finish(tx, job, actor, 'rejected', 0, counts));
        return;
      }
      await this.progress(id, { state: 'importing' });
      await this.s.p.db.transaction().execute(async (tx) => {
        const imported = (await this.writeItems(tx, actor, job.id, items)) + (await this.writeMaterials(tx, materials));
        await this.finish(tx, job, actor, 'done', imported, counts);
      });
    } catch (e) {
      const unique = (e as { code?: string }).code === '23505';
      if (!unique && !(e instanceof Problem)) console.error(`catalog import ${id} failed`, e);
      const why = e instanceof Problem ? internal(e.text.zh, e.text.en) : unique
        ? internal('导入期间有相同编码的事项被他人创建，未导入任何数据，请重新导入', 'an item with one of these codes was created meanwhile; nothing was imported: run the import again')
        : internal('导入失败（服务器内部错误），未导入任何数据', 'the import failed (internal error); nothing was imported');
      await this.s.p.db
        .transaction()
        .execute(async (tx) => {
          const job = await catalogDb(tx).selectFrom('catalog.import_job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
          await this.finish(tx, job, actor, 'failed', 0, { total: job.total, invalidRows: job.invalid_rows, problems: [...(job.report as RowProblem[]), why] });
        })
        .catch((err: unknown) => console.error(`catalog import ${id}: could not record the failure`, err));
    }
  }

  /** Records the end of a job and its one audit entry, in the transaction of its writes. */
  private async finish(tx: Tx, job: Selectable<ImportJobTable>, actor: Actor, state: JobState, imported: number, c: { total: number; invalidRows: number; problems: RowProblem[] }) {
    await catalogDb(tx)
      .updateTable('catalog.import_job')
      .set({ state, imported, done: c.total, total: c.total, invalid_rows: c.invalidRows, problem_count: c.problems.length, report: JSON.stringify(c.problems.slice(0, REPORT_LIMIT)), finished_at: new Date(), updated_at: new Date() })
      .where('id', '=', job.id)
      .execute();
    await audit(tx, actor, {
      action: 'catalog.import',
      targetType: 'catalog-import',
      targetId: job.id,
      regionCode: job.region_code,
      detail: { kind: job.kind, state, file: job.file_sha256, rows: c.total, imported, invalidRows: c.invalidRows, problems: c.problems.length, importValid: job.import_valid },
    });
  }

  /** What the checks ask of the database, loaded batch by batch. */
  private known(scope: Set<string>, grantDepartmentId: string | null) {
    const departments = new Map<string, DepartmentRef | null>();
    const items = new Map<string, ItemRef | null>();
    const handling = new Map<string, { code: string; name: string }[]>();
    const region = (code: string) => this.org.region(code);
    const api: Known = {
      region,
      inScope: (code) => scope.has(code),
      grantDepartmentId,
      department: (code) => departments.get(code) ?? null,
      item: (code) => items.get(code) ?? null,
      handlingItems: (impl) => handling.get(impl) ?? [],
    };
    const load = async (kind: TransferKind, rows: readonly SheetRow[]) => {
      const refs = rows.map((r) => referencesOf(kind, r.cells, region));
      for (const code of new Set(refs.flatMap((r) => r.departments))) {
        if (!departments.has(code)) departments.set(code, await this.org.departmentByCreditCode(code));
      }
      const codes = [...new Set(refs.flatMap((r) => r.items))].filter((c) => !items.has(c));
      for (const c of codes) items.set(c, null);
      for (const r of await this.itemRefs(codes)) items.set(r.code, r);
      const impls = [...new Set(refs.flatMap((r) => r.implementations))].filter((c) => !handling.has(c));
      for (const c of impls) handling.set(c, []);
      if (impls.length) {
        const rows = await this.db.selectFrom('catalog.item').select(['code', 'name', 'implementation_code']).where('implementation_code', 'in', impls).execute();
        for (const h of rows) handling.get(h.implementation_code!)!.push({ code: h.code, name: h.name });
      }
    };
    return { api, load };
  }

  private async itemRefs(codes: string[]): Promise<(ItemRef & { code: string })[]> {
    if (!codes.length) return [];
    const rows = await this.db
      .selectFrom('catalog.item as i')
      .leftJoin('catalog.item_version as p', (j) => j.onRef('p.item_id', '=', 'i.id').onRef('p.number', '=', 'i.published_version'))
      .leftJoin('catalog.item_version as d', (j) => j.onRef('d.item_id', '=', 'i.id').on('d.status', '=', 'draft'))
      .leftJoin('catalog.item as b', 'b.id', 'i.base_id')
      .leftJoin('catalog.item_version as bv', (j) => j.onRef('bv.item_id', '=', 'b.id').onRef('bv.number', '=', 'b.published_version'))
      .select(['i.id', 'i.code', 'i.kind', 'i.name', 'i.status', 'i.type', 'i.levels', 'i.region_code', 'i.department_id', 'd.number as draft_number'])
      .select(sql<number | null>`(p.guide->>'promisedDays')::int`.as('promised_days'))
      .select(sql<Material[] | null>`d.guide->'materials'`.as('draft_materials'))
      .select(sql<Material[] | null>`bv.guide->'materials'`.as('base_materials'))
      .where('i.code', 'in', codes)
      .execute();
    const pick = (ms: Material[] | null) => (ms ?? []).map((m) => ({ id: m.id, name: m.name }));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      kind: r.kind,
      name: r.name,
      status: r.status,
      type: r.type,
      levels: r.levels,
      regionCode: r.region_code,
      departmentId: r.department_id,
      promisedDays: r.promised_days,
      draft: r.draft_number === null ? null : { materials: pick(r.draft_materials) },
      baseMaterials: pick(r.base_materials),
    }));
  }

  /** New items with their first drafts, in batches; one operations record names them all. */
  private async writeItems(tx: Tx, actor: Actor, jobId: string, planned: PlannedItem[]): Promise<number> {
    if (!planned.length) return 0;
    const baseGuides = await this.publishedGuides(catalogDb(tx), [...new Set(planned.map((p) => p.baseId).filter((x): x is string => x !== null))]);
    const guideOf = (p: PlannedItem): Guide => ({ ...(p.baseId ? inheritGuide(baseGuides.get(p.baseId) ?? emptyGuide()) : emptyGuide()), ...p.guide });
    const rows = planned.map((p): NewItem & { guide: Guide } => ({
      kind: p.kind,
      base_id: p.baseId,
      base_code: p.baseCode,
      code: p.code!,
      implementation_code: p.implementationCode,
      name: p.name,
      type: p.type,
      levels: p.levels,
      level: p.level,
      region_code: p.regionCode,
      department_id: p.department?.id ?? null,
      department_name: p.department?.name ?? null,
      entrusted_department_id: p.entrusted?.id ?? null,
      entrusted_department_name: p.entrusted?.name ?? null,
      guide: guideOf(p),
    }));
    return this.insertItems(tx, actor, rows, `导入 / import ${jobId}`);
  }

  /** Inserts items with draft version 1 each and one operations record ("add") for all of them. */
  private async insertItems(tx: Tx, actor: Actor, rows: (NewItem & { guide: Guide })[], note: string): Promise<number> {
    const t = catalogDb(tx);
    const ids: string[] = [];
    for (const batch of chunks(rows, BATCH)) {
      const inserted = await t.insertInto('catalog.item').values(batch.map(({ guide: _, ...v }) => v)).returning(['id', 'code']).execute();
      const idOf = new Map(inserted.map((r) => [r.code, r.id]));
      await t
        .insertInto('catalog.item_version')
        .values(batch.map((r) => ({ item_id: idOf.get(r.code)!, number: 1, status: 'draft' as const, guide: JSON.stringify(r.guide) as never, change_note: note, created_by: who(actor) })))
        .execute();
      ids.push(...inserted.map((r) => r.id));
    }
    await this.s.record(tx, actor, 'add', note, [], ids);
    return ids.length;
  }

  /** Appends materials to their items' drafts (locked; a draft that moved on fails the import). */
  private async writeMaterials(tx: Tx, planned: PlannedMaterial[]): Promise<number> {
    const t = catalogDb(tx);
    const byItem = new Map<string, PlannedMaterial[]>();
    for (const p of planned) byItem.set(p.itemId, [...(byItem.get(p.itemId) ?? []), p]);
    for (const [itemId, list] of byItem) {
      const v = await t.selectFrom('catalog.item_version').selectAll().where('item_id', '=', itemId).where('status', '=', 'draft').forUpdate().executeTakeFirst();
      const code = list[0]!.itemCode;
      if (!v) throw conflict(`事项 ${code} 的草稿在导入期间已提交，未导入任何数据，请重新导入`, `the draft of item ${code} was submitted meanwhile; nothing was imported: run the import again`);
      if (list.some((p) => v.guide.materials.some((m) => m.name === p.material.name))) {
        throw conflict(`事项 ${code} 的草稿在导入期间已加入同名材料，未导入任何数据，请重新导入`, `the draft of item ${code} got a material of the same name meanwhile; nothing was imported: run the import again`);
      }
      const ids = freshIds(v.guide.materials.map((m) => m.id), list.length);
      const guide: Guide = { ...v.guide, materials: [...v.guide.materials, ...list.map((p, i) => ({ id: ids[i]!, ...p.material }))] };
      await t.updateTable('catalog.item_version').set({ guide: JSON.stringify(guide) as never, rev: v.rev + 1 }).where('item_id', '=', itemId).where('number', '=', v.number).execute();
    }
    return planned.length;
  }

  /**
   * The JSON import of published handling items (items.json's format) into the home province:
   * base items by base code (type from the code), local items with their exact handling item codes,
   * agencies linked by credit code where the platform has them, all as drafts. Items whose codes
   * exist are left as they are, so a second run adds nothing. With any bad record nothing is
   * imported unless `importValid`.
   */
  async importItemsJson(actor: Actor, bytes: Buffer, opts: { importValid?: boolean } = {}): Promise<JsonImportResult> {
    const province = this.org.region(HOME_PROVINCE)!;
    const data = parseJson(bytes);
    const { items, bases, problems } = readItemsJson(data, province.name);
    const records = (data as { items?: unknown } | null)?.items;
    const result: JsonImportResult = { records: Array.isArray(records) ? records.length : 0, baseItems: { created: 0, existing: 0 }, localItems: { created: 0, existing: 0 }, linkedDepartments: 0, problems };
    if (problems.length && !opts.importValid) return result;
    const existing = new Set<string>();
    for (const codes of chunks([...bases.map((b) => b.code), ...items.map((i) => i.code)], BATCH)) {
      for (const r of await this.db.selectFrom('catalog.item').select('code').where('code', 'in', codes).execute()) existing.add(r.code);
    }
    const departments = new Map<string, DepartmentRef | null>();
    for (const code of new Set(items.map((i) => i.creditCode))) {
      const d = await this.org.departmentByCreditCode(code);
      departments.set(code, d?.regionCode === HOME_PROVINCE ? d : null);
    }
    const newBases = bases.filter((b) => !existing.has(b.code));
    const newItems = items.filter((i) => !existing.has(i.code));
    result.baseItems = { created: newBases.length, existing: bases.length - newBases.length };
    result.localItems = { created: newItems.length, existing: items.length - newItems.length };
    result.linkedDepartments = newItems.filter((i) => departments.get(i.creditCode)).length;
    if (!newBases.length && !newItems.length) return result;
    const note = '导入已发布的事项清单 / import of published handling items';
    const names = new Map(items.map((i) => [i.creditCode, i.departmentName]));
    const agency = (creditCode: string) => {
      const d = departments.get(creditCode);
      return { department_id: d?.id ?? null, department_name: d?.name ?? unlinkedDepartmentName(names.get(creditCode) ?? null, creditCode) };
    };
    const common = { region_code: HOME_PROVINCE, entrusted_department_id: null, entrusted_department_name: null };
    await this.s.p.db.transaction().execute(async (tx) => {
      const t = catalogDb(tx);
      await this.insertItems(tx, actor, newBases.map((b) => ({ ...common, ...agency(b.creditCode), kind: 'base', base_id: null, base_code: b.code, code: b.code, implementation_code: null, name: b.name, type: b.type, levels: b.levels, level: '2', guide: emptyGuide() })), note);
      const baseRows = await t.selectFrom('catalog.item').select(['id', 'code', 'type', 'published_version']).where('code', 'in', bases.map((b) => b.code)).where('kind', '=', 'base').execute();
      const baseOf = new Map(baseRows.map((r) => [r.code, r]));
      const guides = await this.publishedGuides(t, baseRows.filter((r) => r.published_version !== null).map((r) => r.id));
      const locals = newItems.map((i) => {
        const base = baseOf.get(i.baseCode)!;
        const guide = { ...inheritGuide(guides.get(base.id) ?? emptyGuide()), consultPhone: phoneLine(i.phones) };
        return { ...common, ...agency(i.creditCode), kind: 'local' as const, base_id: base.id, base_code: i.baseCode, code: i.code, implementation_code: i.implementationCode, name: i.name, type: base.type, levels: [i.level], level: i.level, guide };
      });
      await this.insertItems(tx, actor, locals, note);
      await audit(tx, actor, {
        action: 'catalog.import',
        targetType: 'catalog-import',
        targetId: createHash('sha256').update(bytes).digest('hex'),
        regionCode: HOME_PROVINCE,
        detail: { kind: 'items-json', records: result.records, baseItems: result.baseItems, localItems: result.localItems, linkedDepartments: result.linkedDepartments, problems: problems.length },
      });
    });
    return result;
  }

  private async publishedGuides(t: Kysely<CatalogTables>, ids: string[]) {
    const out = new Map<string, Guide>();
    for (const batch of chunks(ids, BATCH)) {
      const rows = await t.selectFrom('catalog.item as b').innerJoin('catalog.item_version as v', (j) => j.onRef('v.item_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version')).select(['b.id', 'v.guide']).where('b.id', 'in', batch).execute();
      for (const r of rows) out.set(r.id, r.guide);
    }
    return out;
  }
}
