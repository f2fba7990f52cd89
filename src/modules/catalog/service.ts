import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { sniffType } from '../../core/blobs.ts';
import type { Tx } from '../../core/db.ts';
import { conflict, fieldError, forbidden, notFound, Problem, versionConflict } from '../../core/errors.ts';
import type { Platform } from '../../core/platform.ts';
import type { OrgApi } from '../org/index.ts';
import { BASE_CODE, emptyGuide, guideFiles, implementationCode, LEVEL_OF_REGION, nextHandlingSeq, type Guide, type ItemType, type LevelDigit, type VersionStatus } from './model.ts';
import { diffGuides, inheritanceProblems, inheritGuide, publicationProblems, type GuideProblem } from './rules.ts';
import type { CatalogTables, ItemTable, ItemVersionTable } from './schema.ts';
import { refreshSearch } from './search-index.ts';

export const catalogDb = (db: Kysely<unknown>) => db as Kysely<CatalogTables>;

export interface ItemView {
  id: string;
  kind: 'base' | 'local';
  code: string;
  baseCode: string;
  baseId: string | null;
  implementationCode: string | null;
  name: string;
  type: string;
  levels: string[];
  level: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  entrustedDepartmentId: string | null;
  entrustedDepartmentName: string | null;
  status: string;
  publishedVersion: number | null;
  version: number;
}

export interface VersionView {
  itemId: string;
  number: number;
  status: VersionStatus;
  guide: Guide;
  rev: number;
  changeNote: string;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  returnedReason: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function versionView(r: Selectable<ItemVersionTable>): VersionView {
  return {
    itemId: r.item_id,
    number: r.number,
    status: r.status,
    guide: r.guide,
    rev: r.rev,
    changeNote: r.change_note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    submittedBy: r.submitted_by,
    submittedAt: iso(r.submitted_at),
    approvedBy: r.approved_by,
    approvedAt: iso(r.approved_at),
    publishedBy: r.published_by,
    publishedAt: iso(r.published_at),
    returnedReason: r.returned_reason,
  };
}

/** 422 naming every element a rule refuses. */
export const guideRefused = (problems: GuideProblem[]) =>
  new Problem(
    422,
    'guide-rules',
    { zh: `办事指南有 ${problems.length} 处不符合发布规则`, en: `the guide breaks ${problems.length} publication rule(s)` },
    problems.map((p) => ({ field: p.element, rule: p.rule, message: { zh: p.zh, en: p.en } })),
  );

export const who = (actor: Actor) => actor.principal?.name ?? 'system';
export const whoId = (actor: Actor) => actor.principal?.id ?? 'system';

export interface BaseItemInput {
  code: string;
  name: string;
  type: ItemType;
  departmentId: string | null;
  levels: LevelDigit[];
  guide?: Guide;
}

export interface LocalItemInput {
  baseId: string;
  regionCode: string;
  departmentId: string;
  entrustedDepartmentId?: string | null;
  name?: string;
}

export class CatalogService {
  constructor(
    readonly p: Platform,
    readonly org: OrgApi,
  ) {}

  get db() {
    return catalogDb(this.p.db);
  }

  view(r: Selectable<ItemTable>): ItemView {
    return {
      id: r.id,
      kind: r.kind,
      code: r.code,
      baseCode: r.base_code,
      baseId: r.base_id,
      implementationCode: r.implementation_code,
      name: r.name,
      type: r.type,
      levels: r.levels,
      level: r.level,
      regionCode: r.region_code,
      regionName: this.org.region(r.region_code)?.name ?? r.region_code,
      departmentId: r.department_id,
      departmentName: r.department_name,
      entrustedDepartmentId: r.entrusted_department_id,
      entrustedDepartmentName: r.entrusted_department_name,
      status: r.status,
      publishedVersion: r.published_version,
      version: r.version,
    };
  }

  getItem(id: string): Promise<ItemView> {
    return this.getItemIn(this.db, id);
  }

  async getItemIn(db: Kysely<CatalogTables>, id: string): Promise<ItemView> {
    const row = await db.selectFrom('catalog.item').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('事项', 'item');
    return this.view(row);
  }

  /** Items of regions for the catalog office, each with its open (unpublished) version if any. */
  async list(q: { regionCodes: string[]; kind?: 'base' | 'local'; status?: string; stage?: VersionStatus; departmentId?: string | null; q?: string; page: number; pageSize: number }) {
    let query = this.db
      .selectFrom('catalog.item as i')
      .leftJoin('catalog.item_version as v', (j) => j.onRef('v.item_id', '=', 'i.id').on('v.status', 'in', ['draft', 'submitted', 'approved']))
      .where('i.region_code', 'in', q.regionCodes);
    if (q.kind) query = query.where('i.kind', '=', q.kind);
    if (q.status) query = query.where('i.status', '=', q.status as never);
    if (q.stage) query = query.where('v.status', '=', q.stage);
    if (q.departmentId) query = query.where('i.department_id', '=', q.departmentId);
    const text = q.q?.trim();
    if (text) query = query.where((eb) => eb.or([eb('i.name', 'ilike', `%${text.replace(/[\\%_]/g, '\\$&')}%`), eb('i.code', 'like', `${text.toUpperCase().replace(/[\\%_]/g, '')}%`)]));
    const [rows, total] = await Promise.all([
      query.selectAll('i').select(['v.number as open_number', 'v.status as open_status']).orderBy('i.updated_at', 'desc').orderBy('i.code').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ ...this.view(r), openVersion: r.open_number === null ? null : { number: r.open_number, status: r.open_status! } })),
      total: Number(total.n),
    };
  }

  /** The region and department an item belongs to: what a grant must cover to act on it. */
  async scopeOf(id: string) {
    const row = await this.db.selectFrom('catalog.item').select(['region_code', 'department_id']).where('id', '=', id).executeTakeFirst();
    return row ? { regionCode: row.region_code, departmentId: row.department_id } : null;
  }

  async versions(itemId: string) {
    const rows = await this.db
      .selectFrom('catalog.item_version')
      .select(['number', 'status', 'change_note', 'created_by', 'created_at', 'submitted_at', 'approved_at', 'published_at', 'returned_reason'])
      .where('item_id', '=', itemId)
      .orderBy('number', 'desc')
      .execute();
    return rows.map((r) => ({
      number: r.number,
      status: r.status,
      changeNote: r.change_note,
      createdBy: r.created_by,
      createdAt: iso(r.created_at)!,
      submittedAt: iso(r.submitted_at),
      approvedAt: iso(r.approved_at),
      publishedAt: iso(r.published_at),
      returnedReason: r.returned_reason,
    }));
  }

  async getVersion(itemId: string, number: number): Promise<VersionView> {
    const row = await this.db.selectFrom('catalog.item_version').selectAll().where('item_id', '=', itemId).where('number', '=', number).executeTakeFirst();
    if (!row) throw notFound('事项版本', 'item version');
    return versionView(row);
  }

  async createBase(actor: Actor, input: BaseItemInput): Promise<ItemView> {
    const code = input.code.toUpperCase();
    if (!BASE_CODE.test(code)) throw fieldError('code', 'pattern', '基本编码应为 12 位数字或大写字母', 'a base code has 12 digits or capital letters');
    const dept = input.departmentId ? await this.requireDepartment('departmentId', input.departmentId) : null;
    return this.insertItem(actor, {
      kind: 'base',
      base_id: null,
      base_code: code,
      code,
      implementation_code: null,
      name: input.name.trim(),
      type: input.type,
      levels: input.levels,
      level: '2',
      region_code: '420000',
      department_id: dept?.id ?? null,
      department_name: dept?.name ?? null,
      entrusted_department_id: null,
      entrusted_department_name: null,
    }, input.guide ?? emptyGuide());
  }

  /**
   * A local item of a base item in a region and agency: its implementation code is the agency's
   * credit code, the region's level digit and the base code; the handling item gets the next free
   * two-digit suffix. Its first draft inherits the base item's published guide.
   */
  async createLocal(actor: Actor, input: LocalItemInput): Promise<ItemView> {
    const base = await this.db.selectFrom('catalog.item').selectAll().where('id', '=', input.baseId).where('kind', '=', 'base').executeTakeFirst();
    if (!base) throw fieldError('baseId', 'exists', '基本目录事项不存在', 'no such base item');
    if (base.status !== 'active' || base.published_version === null) {
      throw fieldError('baseId', 'published', '基本目录事项尚未发布或已暂停、取消', 'the base item is not published, or is suspended or cancelled');
    }
    const region = this.org.region(input.regionCode);
    if (!region) throw fieldError('regionCode', 'exists', '行政区划不存在', 'no such region');
    const level = LEVEL_OF_REGION[region.level as keyof typeof LEVEL_OF_REGION];
    if (!base.levels.includes(level)) throw fieldError('regionCode', 'level', `该事项不在${region.name}这一层级行使`, `the item is not exercised at this level`);
    const dept = await this.requireDepartment('departmentId', input.departmentId);
    if (dept.regionCode !== region.code) throw fieldError('departmentId', 'region', '实施机构应属于该行政区划', 'the agency must belong to the region');
    if (!dept.creditCode) throw fieldError('departmentId', 'credit-code', '实施机构没有统一社会信用代码，无法生成实施编码', 'the agency has no credit code for the implementation code');
    const entrusted = input.entrustedDepartmentId ? await this.requireDepartment('entrustedDepartmentId', input.entrustedDepartmentId) : null;
    const baseGuide = await this.getVersion(base.id, base.published_version);
    const impl = implementationCode(dept.creditCode, level, base.base_code);
    return this.insertItem(
      actor,
      {
        kind: 'local',
        base_id: base.id,
        base_code: base.base_code,
        code: impl,
        implementation_code: impl,
        name: input.name?.trim() || base.name,
        type: base.type,
        levels: [level],
        level,
        region_code: region.code,
        department_id: dept.id,
        department_name: dept.name,
        entrusted_department_id: entrusted?.id ?? null,
        entrusted_department_name: entrusted?.name ?? null,
      },
      inheritGuide(baseGuide.guide),
    );
  }

  private async requireDepartment(field: string, id: string) {
    const dept = await this.org.department(id);
    if (!dept) throw fieldError(field, 'exists', '部门不存在', 'no such department');
    return dept;
  }

  private async insertItem(actor: Actor, values: Omit<ItemTable, 'id' | 'status' | 'published_version' | 'version' | 'created_at' | 'updated_at'>, guide: Guide) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = catalogDb(tx);
      let code = values.code;
      if (values.kind === 'local') {
        const taken = await t.selectFrom('catalog.item').select('code').where('implementation_code', '=', values.implementation_code).execute();
        const seq = nextHandlingSeq(taken.map((r) => r.code.slice(31)));
        if (seq === null) throw conflict('该实施编码下的业务办理项已满 99 项', 'all 99 handling items of this implementation code are taken');
        code = values.implementation_code + seq;
      }
      const row = await t
        .insertInto('catalog.item')
        .values({ ...values, code })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((e: unknown) => {
          if ((e as { code?: string }).code === '23505') throw fieldError('code', 'unique', '该编码的事项已存在', 'an item with this code exists');
          throw e;
        });
      await t.insertInto('catalog.item_version').values({ item_id: row.id, number: 1, status: 'draft', guide: JSON.stringify(guide) as never, change_note: '新增事项 / new item', created_by: who(actor) }).execute();
      await this.record(tx, actor, 'add', '新增事项 / new item', [], [row.id]);
      const view = this.view(row);
      return { result: view, change: { action: `catalog.${row.kind}.create`, targetType: 'catalog-item', targetId: row.id, regionCode: row.region_code, after: view } };
    });
  }

  /** One row of the national operations record (增、改、拆、并、暂停、取消). */
  async record(tx: Tx, actor: Actor, op: string, reason: string, sources: string[], targets: string[]) {
    await catalogDb(tx).insertInto('catalog.operation').values({ op, reason, sources, targets, actor_id: whoId(actor), actor_name: who(actor) }).execute();
  }

  /** Locks an item version for a step; checks its status. */
  private async lockVersion(tx: Tx, itemId: string, number: number, allowed: VersionStatus[]) {
    const t = catalogDb(tx);
    const item = await t.selectFrom('catalog.item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
    if (!item) throw notFound('事项', 'item');
    const v = await t.selectFrom('catalog.item_version').selectAll().where('item_id', '=', itemId).where('number', '=', number).forUpdate().executeTakeFirst();
    if (!v) throw notFound('事项版本', 'item version');
    if (!allowed.includes(v.status)) {
      throw new Problem(409, 'version-status', { zh: `该版本当前状态为“${STATUS_ZH[v.status]}”，不能执行此操作`, en: `the version is ${v.status}: this step does not apply` }, [], { current: versionView(v) });
    }
    return { item, v };
  }

  async saveDraft(actor: Actor, itemId: string, number: number, input: { guide: Guide; rev: number; changeNote?: string }) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const { item, v } = await this.lockVersion(tx, itemId, number, ['draft']);
      if (v.rev !== input.rev) throw versionConflict(versionView(v));
      const row = await catalogDb(tx)
        .updateTable('catalog.item_version')
        .set({ guide: JSON.stringify(input.guide) as never, rev: v.rev + 1, ...(input.changeNote !== undefined && { change_note: input.changeNote }) })
        .where('item_id', '=', itemId)
        .where('number', '=', number)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { result: versionView(row), change: { action: 'catalog.version.edit', targetType: 'catalog-item', targetId: itemId, regionCode: item.region_code, detail: { number, rev: row.rev } } };
    });
  }

  /** Every rule the version breaks: publication rules, and for a local item, inheritance from its base. */
  async problems(itemId: string, number: number): Promise<GuideProblem[]> {
    const v = await this.getVersion(itemId, number);
    return this.problemsOf(this.db, itemId, v.guide);
  }

  private async problemsOf(db: Kysely<CatalogTables>, itemId: string, guide: Guide) {
    const item = await db.selectFrom('catalog.item').select(['base_id']).where('id', '=', itemId).executeTakeFirstOrThrow();
    const out = publicationProblems(guide);
    if (item.base_id) {
      const base = await db
        .selectFrom('catalog.item as b')
        .innerJoin('catalog.item_version as v', (j) => j.onRef('v.item_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version'))
        .select('v.guide')
        .where('b.id', '=', item.base_id)
        .executeTakeFirst();
      if (base) out.push(...inheritanceProblems(guide, base.guide));
    }
    return out;
  }

  async submit(actor: Actor, itemId: string, number: number) {
    return this.step(actor, itemId, number, ['draft'], 'submitted', async (tx, v) => {
      const problems = await this.problemsOf(catalogDb(tx), itemId, v.guide);
      if (problems.length) throw guideRefused(problems);
      return { submitted_by: whoId(actor), submitted_at: new Date(), returned_reason: null };
    });
  }

  async approve(actor: Actor, itemId: string, number: number) {
    return this.step(actor, itemId, number, ['submitted'], 'approved', async (_tx, v) => {
      if (v.submitted_by === whoId(actor)) throw forbidden({ zh: '提交人不能审核自己提交的版本', en: 'the one who submitted a version cannot approve it' });
      return { approved_by: whoId(actor), approved_at: new Date() };
    });
  }

  async returnToDraft(actor: Actor, itemId: string, number: number, reason: string) {
    return this.step(actor, itemId, number, ['submitted', 'approved'], 'draft', async () => ({ returned_reason: reason, approved_by: null, approved_at: null }));
  }

  /** Publishes an approved version: the one before it is superseded, the portal shows this one. */
  async publish(actor: Actor, itemId: string, number: number) {
    if (actor.grant?.departmentId) {
      throw forbidden({ zh: '发布须由本级政务服务管理机构（不限部门的事项管理员）执行', en: 'publishing is for the region-wide catalog office, not a department' });
    }
    return this.step(actor, itemId, number, ['approved'], 'published', async (tx, v, item) => {
      const t = catalogDb(tx);
      const problems = await this.problemsOf(t, itemId, v.guide);
      if (problems.length) throw guideRefused(problems);
      if (item.status !== 'active') throw conflict('事项已暂停或取消，不能发布', 'the item is suspended or cancelled');
      await t.updateTable('catalog.item_version').set({ status: 'superseded' }).where('item_id', '=', itemId).where('status', '=', 'published').execute();
      await t.updateTable('catalog.item').set({ published_version: number, updated_at: new Date(), version: item.version + 1 }).where('id', '=', itemId).execute();
      await refreshSearch(tx, [itemId]);
      if (number > 1) await this.record(tx, actor, 'change', v.change_note || '发布新版本 / new version published', [itemId], [itemId]);
      await this.p.outbox.append(tx, { aggregateType: 'catalog-item', aggregateId: itemId, type: 'catalog.item.published', payload: { itemId, code: item.code, number } });
      return { published_by: whoId(actor), published_at: new Date() };
    });
  }

  private async step(
    actor: Actor,
    itemId: string,
    number: number,
    from: VersionStatus[],
    to: VersionStatus,
    check: (tx: Tx, v: Selectable<ItemVersionTable>, item: Selectable<ItemTable>) => Promise<Updateable<ItemVersionTable>>,
  ): Promise<VersionView> {
    return auditedTx(this.p.db, actor, async (tx) => {
      const { item, v } = await this.lockVersion(tx, itemId, number, from);
      const set = await check(tx, v, item);
      const row = await catalogDb(tx)
        .updateTable('catalog.item_version')
        .set({ ...set, status: to })
        .where('item_id', '=', itemId)
        .where('number', '=', number)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { result: versionView(row), change: { action: `catalog.version.${to}`, targetType: 'catalog-item', targetId: itemId, regionCode: item.region_code, detail: { number, from: v.status, to } } };
    });
  }

  /** A new draft copied from the newest version (a published version is never edited). */
  async newVersion(actor: Actor, itemId: string, changeNote: string) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = catalogDb(tx);
      const item = await t.selectFrom('catalog.item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
      if (!item) throw notFound('事项', 'item');
      const latest = await t.selectFrom('catalog.item_version').selectAll().where('item_id', '=', itemId).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
      if (latest.status !== 'published' && latest.status !== 'superseded') {
        throw conflict(`第 ${latest.number} 版尚未发布，请继续编辑该版本`, `version ${latest.number} is not published yet: edit it instead`);
      }
      const row = await t
        .insertInto('catalog.item_version')
        .values({ item_id: itemId, number: latest.number + 1, status: 'draft', guide: JSON.stringify(latest.guide) as never, change_note: changeNote, created_by: who(actor) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { result: versionView(row), change: { action: 'catalog.version.create', targetType: 'catalog-item', targetId: itemId, regionCode: item.region_code, detail: { number: row.number } } };
    });
  }

  /** A file any version of the item names (staff see templates of drafts too). */
  async itemFile(itemId: string, sha256: string) {
    const rows = await this.db.selectFrom('catalog.item_version').select('guide').where('item_id', '=', itemId).execute();
    return this.namedFile(rows.map((r) => r.guide), sha256);
  }

  /** The bytes of a file one of these guides names; any other file is not found. */
  async namedFile(guides: Guide[], sha256: string) {
    const ref = guides.flatMap(guideFiles).find((f) => f.sha256 === sha256);
    const bytes = ref ? await this.p.blobs.get(sha256) : null;
    if (!ref || !bytes) throw notFound('文件', 'file');
    return { filename: ref.filename, bytes, type: (await sniffType(bytes)) ?? 'application/octet-stream' };
  }

  async diff(itemId: string, from: number, to: number) {
    const [a, b] = [await this.getVersion(itemId, from), await this.getVersion(itemId, to)];
    return diffGuides(a.guide, b.guide);
  }

  async operations(itemId: string) {
    const rows = await this.db
      .selectFrom('catalog.operation')
      .selectAll()
      .where((eb) => eb.or([sql<boolean>`${itemId}::uuid = any(sources)`, sql<boolean>`${itemId}::uuid = any(targets)`]))
      .orderBy('at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, op: r.op, reason: r.reason, sources: r.sources, targets: r.targets, actorName: r.actor_name, at: iso(r.at)! }));
  }
}

const STATUS_ZH: Record<VersionStatus, string> = { draft: '草稿', submitted: '已提交', approved: '已审核', published: '已发布', superseded: '已被替代' };
