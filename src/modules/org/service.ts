import { sql, type Kysely, type Selectable } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { creditCodeChecksOut } from '../../core/codes.ts';
import { conflict, fieldError, notFound, versionConflict } from '../../core/errors.ts';
import type { Platform } from '../../core/platform.ts';
import { departmentName, nextWindowNumber, type DepartmentKind } from './model.ts';
import type { RegionIndex } from './regions.ts';
import type { DepartmentTable, OrgTables } from './schema.ts';

const orgDb = (db: Kysely<unknown>) => db as Kysely<OrgTables>;

export interface DepartmentView {
  id: string;
  regionCode: string;
  regionName: string;
  kind: string;
  name: string;
  creditCode: string | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  version: number;
}

export interface DepartmentInput {
  regionCode: string;
  kind: DepartmentKind;
  name?: string;
  creditCode?: string | null;
  phone?: string | null;
  address?: string | null;
}

function checkCreditCode(code: string | null | undefined): string | null {
  if (code === undefined || code === null || code === '') return null;
  const c = code.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) {
    throw fieldError('creditCode', 'pattern', '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）', 'a credit code has 18 digits or capital letters (no I, O, S, V, Z)');
  }
  if (!creditCodeChecksOut(c)) {
    throw fieldError('creditCode', 'checksum', '统一社会信用代码校验位不正确', 'the credit code check character is wrong');
  }
  return c;
}

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string }).code === '23505' && String((e as { constraint?: string }).constraint ?? (e as Error).message).includes(constraint);

export class OrgService {
  constructor(
    private readonly p: Platform,
    readonly regions: RegionIndex,
  ) {}

  private get db() {
    return orgDb(this.p.db);
  }

  /**
   * Department and hall counts per region, held for COUNTS_MS: the region tree pages read them on
   * every request. This process's own creations clear them at once; other server copies' within
   * COUNTS_MS.
   */
  #counts: Promise<{ departments: Map<string, number>; halls: Map<string, number>; at: number }> | undefined;

  private counts() {
    const cached = this.#counts;
    if (cached) {
      return cached.then((c) => (Date.now() - c.at < COUNTS_MS ? c : this.loadCounts()));
    }
    return this.loadCounts();
  }

  private loadCounts() {
    const load = (async () => {
      const count = (table: 'org.department' | 'org.hall') =>
        this.db.selectFrom(table).select(['region_code', sql<number>`count(*)::int`.as('n')]).groupBy('region_code').execute();
      const [deps, halls] = [await count('org.department'), await count('org.hall')];
      return {
        departments: new Map(deps.map((d) => [d.region_code, Number(d.n)])),
        halls: new Map(halls.map((d) => [d.region_code, Number(d.n)])),
        at: Date.now(),
      };
    })();
    this.#counts = load;
    load.catch(() => {
      if (this.#counts === load) this.#counts = undefined;
    });
    return load;
  }

  async regionChildren(code: string) {
    const kids = this.regions.children.get(code) ?? [];
    if (kids.length === 0) return [];
    const counts = await this.counts();
    return kids.map((k) => ({
      code: k.code,
      name: k.name,
      level: k.level,
      type: k.type,
      childCount: this.regions.children.get(k.code)?.length ?? 0,
      departmentCount: counts.departments.get(k.code) ?? 0,
      hallCount: counts.halls.get(k.code) ?? 0,
    }));
  }

  private view(r: Selectable<DepartmentTable>): DepartmentView {
    return {
      id: r.id,
      regionCode: r.region_code,
      regionName: this.regions.get(r.region_code)?.name ?? r.region_code,
      kind: r.kind,
      name: r.name,
      creditCode: r.credit_code,
      phone: r.phone,
      address: r.address,
      active: r.active,
      version: Number(r.version),
    };
  }

  async listDepartments(q: { regionCodes: string[]; kinds?: string[]; text?: string; activeOnly?: boolean; page: number; pageSize: number }) {
    if (q.regionCodes.length === 0) return { items: [], total: 0 };
    let query = this.db.selectFrom('org.department').where('region_code', 'in', q.regionCodes);
    if (q.kinds?.length) query = query.where('kind', 'in', q.kinds);
    if (q.text) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${q.text}%`), eb('credit_code', '=', q.text!.toUpperCase())]));
    if (q.activeOnly) query = query.where('active', '=', true);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('region_code').orderBy('name').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.view(r)), total: Number(total.n) };
  }

  async departmentNames(ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
    if (!wanted.length) return new Map();
    const rows = await this.db.selectFrom('org.department').select(['id', 'name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async getDepartment(id: string): Promise<DepartmentView | null> {
    if (!UUID.test(id)) return null;
    const r = await this.db.selectFrom('org.department').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? this.view(r) : null;
  }

  async createDepartment(actor: Actor, input: DepartmentInput): Promise<DepartmentView> {
    const region = this.regions.require(input.regionCode);
    const name = input.name?.trim() || departmentName(input.kind, region);
    const creditCode = checkCreditCode(input.creditCode);
    try {
      return await auditedTx(this.p.db, actor, async (tx) => {
        const row = await orgDb(tx)
          .insertInto('org.department')
          .values({ region_code: region.code, kind: input.kind, name, credit_code: creditCode, phone: input.phone ?? null, address: input.address ?? null })
          .returningAll()
          .executeTakeFirstOrThrow();
        const view = this.view(row);
        await this.p.outbox.append(tx, { aggregateType: 'department', aggregateId: view.id, type: 'org.department.created', payload: view });
        return { result: view, change: { action: 'department.create', targetType: 'department', targetId: view.id, regionCode: view.regionCode, after: view } };
      }).finally(() => (this.#counts = undefined));
    } catch (e) {
      throw this.uniqueProblem(e) ?? e;
    }
  }

  private uniqueProblem(e: unknown) {
    if (isUniqueViolation(e, 'department_credit_code')) {
      return conflict('该统一社会信用代码已被其他部门使用', 'another department has this credit code', [
        { field: 'creditCode', rule: 'unique', message: { zh: '已被使用', en: 'is already in use' } },
      ]);
    }
    if (isUniqueViolation(e, 'department_region_code_name')) {
      return conflict('本区划已有同名部门', 'this region already has a department of that name', [
        { field: 'name', rule: 'unique', message: { zh: '本区划已有同名部门', en: 'is already used in this region' } },
      ]);
    }
    return null;
  }

  async updateDepartment(
    actor: Actor,
    id: string,
    patch: { version: number; name?: string; creditCode?: string | null; phone?: string | null; address?: string | null; active?: boolean },
  ): Promise<DepartmentView> {
    const creditCode = patch.creditCode === undefined ? undefined : checkCreditCode(patch.creditCode);
    try {
      return await auditedTx(this.p.db, actor, async (tx) => {
        const t = orgDb(tx);
        const before = await t.selectFrom('org.department').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw notFound('部门', 'department');
        if (before.version !== patch.version) throw versionConflict(this.view(before));
        const row = await t
          .updateTable('org.department')
          .set({
            ...(patch.name !== undefined && { name: patch.name.trim() }),
            ...(creditCode !== undefined && { credit_code: creditCode }),
            ...(patch.phone !== undefined && { phone: patch.phone }),
            ...(patch.address !== undefined && { address: patch.address }),
            ...(patch.active !== undefined && { active: patch.active }),
            version: before.version + 1,
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const view = this.view(row);
        await this.p.outbox.append(tx, { aggregateType: 'department', aggregateId: id, type: 'org.department.changed', payload: view });
        return {
          result: view,
          change: { action: 'department.update', targetType: 'department', targetId: id, regionCode: view.regionCode, before: this.view(before), after: view },
        };
      });
    } catch (e) {
      throw this.uniqueProblem(e) ?? e;
    }
  }

  async listHalls(regionCodes: string[]) {
    if (regionCodes.length === 0) return [];
    const halls = await this.db.selectFrom('org.hall').selectAll().where('region_code', 'in', regionCodes).orderBy('region_code').orderBy('name').execute();
    const windows = halls.length
      ? await this.db.selectFrom('org.window').selectAll().where('hall_id', 'in', halls.map((h) => h.id)).orderBy('number').execute()
      : [];
    return halls.map((h) => ({
      ...this.hallView(h),
      windows: windows.filter((w) => w.hall_id === h.id).map(windowView),
    }));
  }

  private hallView(h: { id: string; region_code: string; name: string; address: string; hours: string; phone: string | null; active: boolean; version: number }) {
    return {
      id: h.id,
      regionCode: h.region_code,
      regionName: this.regions.get(h.region_code)?.name ?? h.region_code,
      name: h.name,
      address: h.address,
      hours: h.hours,
      phone: h.phone,
      active: h.active,
      version: Number(h.version),
    };
  }

  async hallRegion(id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const h = await this.db.selectFrom('org.hall').select('region_code').where('id', '=', id).executeTakeFirst();
    return h?.region_code ?? null;
  }

  async windowRegion(id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const w = await this.db
      .selectFrom('org.window as w')
      .innerJoin('org.hall as h', 'h.id', 'w.hall_id')
      .select('h.region_code')
      .where('w.id', '=', id)
      .executeTakeFirst();
    return w?.region_code ?? null;
  }

  async createHall(actor: Actor, input: { regionCode: string; name: string; address: string; hours: string; phone?: string | null }) {
    const region = this.regions.require(input.regionCode);
    try {
      return await auditedTx(this.p.db, actor, async (tx) => {
        const row = await orgDb(tx)
          .insertInto('org.hall')
          .values({ region_code: region.code, name: input.name.trim(), address: input.address, hours: input.hours, phone: input.phone ?? null })
          .returningAll()
          .executeTakeFirstOrThrow();
        const view = { ...this.hallView(row), windows: [] };
        return { result: view, change: { action: 'hall.create', targetType: 'hall', targetId: row.id, regionCode: region.code, after: view } };
      }).finally(() => (this.#counts = undefined));
    } catch (e) {
      if (isUniqueViolation(e, 'hall_region_code_name')) {
        throw conflict('本区划已有同名大厅', 'this region already has a hall of that name', [
          { field: 'name', rule: 'unique', message: { zh: '本区划已有同名大厅', en: 'is already used in this region' } },
        ]);
      }
      throw e;
    }
  }

  async updateHall(actor: Actor, id: string, patch: { version: number; name?: string; address?: string; hours?: string; phone?: string | null; active?: boolean }) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = orgDb(tx);
      const before = await t.selectFrom('org.hall').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('大厅', 'hall');
      if (before.version !== patch.version) throw versionConflict(this.hallView(before));
      const { version: _v, ...changes } = patch;
      const row = await t
        .updateTable('org.hall')
        .set({ ...changes, version: before.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = this.hallView(row);
      return { result: view, change: { action: 'hall.update', targetType: 'hall', targetId: id, regionCode: row.region_code, before: this.hallView(before), after: view } };
    });
  }

  async addWindow(actor: Actor, hallId: string, input: { name: string; kind: 'comprehensive' | 'dedicated' }) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = orgDb(tx);
      const hall = await t.selectFrom('org.hall').select(['id', 'region_code']).where('id', '=', hallId).forUpdate().executeTakeFirst();
      if (!hall) throw notFound('大厅', 'hall');
      const numbers = await t.selectFrom('org.window').select('number').where('hall_id', '=', hallId).execute();
      const row = await t
        .insertInto('org.window')
        .values({ hall_id: hallId, number: nextWindowNumber(numbers.map((n) => n.number)), name: input.name.trim(), kind: input.kind })
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = windowView(row);
      return { result: view, change: { action: 'window.create', targetType: 'window', targetId: row.id, regionCode: hall.region_code, after: view } };
    });
  }

  async updateWindow(actor: Actor, id: string, patch: { version: number; name?: string; kind?: 'comprehensive' | 'dedicated'; active?: boolean }) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = orgDb(tx);
      const before = await t.selectFrom('org.window').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('窗口', 'window');
      if (before.version !== patch.version) throw versionConflict(windowView(before));
      const { version: _v, ...changes } = patch;
      const row = await t
        .updateTable('org.window')
        .set({ ...changes, version: before.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const hall = await t.selectFrom('org.hall').select('region_code').where('id', '=', row.hall_id).executeTakeFirstOrThrow();
      const regionCode = hall.region_code;
      return { result: windowView(row), change: { action: 'window.update', targetType: 'window', targetId: id, regionCode, before: windowView(before), after: windowView(row) } };
    });
  }
}

const COUNTS_MS = 5_000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const windowView = (w: { id: string; number: number; name: string; kind: string; active: boolean; version: number }) => ({
  id: w.id,
  number: w.number,
  name: w.name,
  kind: w.kind as 'comprehensive' | 'dedicated',
  active: w.active,
  version: Number(w.version),
});
