import { sql, type Kysely } from 'kysely';
import { audit, auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, fieldError, forbidden, notFound, versionConflict } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import type { Platform } from '../../core/platform.ts';
import type { OrgApi } from '../org/index.ts';
import type { IdentityTables } from './schema.ts';
import { checkPassword, hashPassword, type IdentityService } from './service.ts';

const idDb = (db: Kysely<unknown>) => db as Kysely<IdentityTables>;

/** Staff account administration: accounts, role grants, password resets. */
export class StaffAdmin {
  constructor(
    private readonly p: Platform,
    private readonly org: OrgApi,
    private readonly identity: IdentityService,
  ) {}

  private get db() {
    return idDb(this.p.db);
  }

  /**
   * A page of staff accounts: the rows with their grants, second-factor state and the total in one
   * query, the names of their departments in another (a page past the end counts apart).
   */
  async listStaff(q: { regionCodes: string[]; text?: string; page: number; pageSize: number }) {
    let query = this.identity.staffRows().where('s.region_code', 'in', q.regionCodes);
    if (q.text) query = query.where((eb) => eb.or([eb('s.name', 'ilike', `%${q.text}%`), eb('s.username', 'ilike', `%${q.text}%`)]));
    const rows = await query
      .select(sql<number>`count(*) over ()`.as('total'))
      .orderBy('s.region_code')
      .orderBy('s.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const total = rows.length
      ? Number(rows[0]!.total)
      : q.page > 1
        ? Number((await query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
        : 0;
    return { items: await this.identity.views(rows), total };
  }

  private async checkDepartment(departmentId: string | null | undefined, regionCode: string, field: string) {
    if (!departmentId) return null;
    const d = await this.org.department(departmentId);
    if (!d) throw fieldError(field, 'exists', '部门不存在', 'no such department');
    if (d.regionCode !== regionCode) throw fieldError(field, 'region', '部门不属于所选区划', 'the department is not in the chosen region');
    return d.id;
  }

  async createStaff(actor: Actor, input: { username: string; name: string; password: string; regionCode: string; departmentId?: string | null }) {
    if (!this.org.region(input.regionCode)) throw fieldError('regionCode', 'exists', '行政区划不存在', 'no such region');
    const departmentId = await this.checkDepartment(input.departmentId, input.regionCode, 'departmentId');
    checkPassword('password', input.password, input.username);
    const password_hash = await hashPassword(input.password);
    try {
      const id = await auditedTx(this.p.db, actor, async (tx) => {
        const row = await idDb(tx)
          .insertInto('identity.staff')
          .values({ username: input.username, name: input.name.trim(), password_hash, region_code: input.regionCode, department_id: departmentId, must_change_password: true })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        return {
          result: row.id,
          change: { action: 'staff.create', targetType: 'staff', targetId: row.id, regionCode: input.regionCode, after: { username: input.username, name: input.name, regionCode: input.regionCode, departmentId } },
        };
      });
      return (await this.identity.staffView(id))!;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw conflict('用户名已被使用', 'the username is taken', [{ field: 'username', rule: 'unique', message: { zh: '已被使用', en: 'is already taken' } }]);
      }
      throw e;
    }
  }

  async updateStaff(actor: Actor, id: string, patch: { version: number; name?: string; active?: boolean }) {
    await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const before = await t.selectFrom('identity.staff').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('账号', 'account');
      if (before.version !== patch.version) throw versionConflict({ id, version: before.version, name: before.name, active: before.active });
      if (patch.active === false && id === actor.principal?.id) {
        throw fieldError('active', 'self', '不能停用自己的账号', 'you cannot deactivate your own account');
      }
      await t
        .updateTable('identity.staff')
        .set({ ...(patch.name !== undefined && { name: patch.name.trim() }), ...(patch.active !== undefined && { active: patch.active }), version: before.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (patch.active === false) await t.deleteFrom('identity.session').where('staff_id', '=', id).execute();
      return {
        result: undefined,
        change: { action: 'staff.update', targetType: 'staff', targetId: id, regionCode: before.region_code, before: { name: before.name, active: before.active }, after: { name: patch.name ?? before.name, active: patch.active ?? before.active } },
      };
    });
    this.identity.forget(id);
    return (await this.identity.staffView(id))!;
  }

  /** The granter must itself hold staff:manage over the region (and department) of the grant. */
  async grantRole(actor: Actor, staffId: string, input: { role: Role; regionCode: string; departmentId?: string | null }, canManage: (regionCode: string, departmentId: string | null) => boolean) {
    if (!this.org.region(input.regionCode)) throw fieldError('regionCode', 'exists', '行政区划不存在', 'no such region');
    const departmentId = await this.checkDepartment(input.departmentId, input.regionCode, 'departmentId');
    if (!canManage(input.regionCode, departmentId)) throw forbidden({ zh: '不能在您的管辖范围之外授权', en: 'you cannot grant roles outside your region' });
    try {
      const grant = await auditedTx(this.p.db, actor, async (tx) => {
        const row = await idDb(tx)
          .insertInto('identity.role_grant')
          .values({ staff_id: staffId, role: input.role, region_code: input.regionCode, department_id: departmentId, granted_by: actor.principal?.id ?? null })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        const after = { role: input.role, regionCode: input.regionCode, departmentId };
        return { result: { id: row.id, ...after }, change: { action: 'staff.grant', targetType: 'staff', targetId: staffId, regionCode: input.regionCode, after, detail: { grantId: row.id } } };
      });
      this.identity.forget(staffId);
      return (await this.identity.grantViews([grant]))[0]!;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw conflict('该账号已有此授权', 'the account already has this grant');
      throw e;
    }
  }

  async revokeRole(actor: Actor, staffId: string, grantId: string, canManage: (regionCode: string, departmentId: string | null) => boolean) {
    await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const g = await t.selectFrom('identity.role_grant').selectAll().where('id', '=', grantId).where('staff_id', '=', staffId).executeTakeFirst();
      if (!g) throw notFound('授权', 'grant');
      if (!canManage(g.region_code, g.department_id)) throw forbidden({ zh: '不能撤销您管辖范围之外的授权', en: 'you cannot revoke a grant outside your region' });
      await t.deleteFrom('identity.role_grant').where('id', '=', grantId).execute();
      const before = { role: g.role, regionCode: g.region_code, departmentId: g.department_id };
      return { result: undefined, change: { action: 'staff.revoke', targetType: 'staff', targetId: staffId, regionCode: g.region_code, before, detail: { grantId } } };
    });
    this.identity.forget(staffId);
  }

  async resetPassword(actor: Actor, staffId: string, password: string) {
    const staff = await this.db.selectFrom('identity.staff').selectAll().where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw notFound('账号', 'account');
    checkPassword('password', password, staff.username);
    const password_hash = await hashPassword(password);
    await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      await t.updateTable('identity.staff').set({ password_hash, must_change_password: true, version: staff.version + 1, updated_at: new Date() }).where('id', '=', staffId).execute();
      await t.deleteFrom('identity.session').where('staff_id', '=', staffId).execute();
      return { result: undefined, change: { action: 'staff.password_reset', targetType: 'staff', targetId: staffId, regionCode: staff.region_code } };
    });
    this.identity.forget(staffId);
  }

  /** Creates an account with one grant (CLI create-admin and demo data). */
  async createWithGrant(actor: Actor, input: { username: string; name: string; password: string; regionCode: string; departmentId?: string | null; role: Role; mustChangePassword: boolean; mfaExempt?: boolean }) {
    const password_hash = await hashPassword(input.password);
    return this.p.db.transaction().execute(async (tx) => {
      const t = idDb(tx);
      const row = await t
        .insertInto('identity.staff')
        .values({ username: input.username, name: input.name, password_hash, region_code: input.regionCode, department_id: input.departmentId ?? null, must_change_password: input.mustChangePassword, mfa_exempt: input.mfaExempt ?? false })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      const after = { username: input.username, name: input.name, regionCode: input.regionCode, departmentId: input.departmentId ?? null };
      await audit(tx, actor, { action: 'staff.create', targetType: 'staff', targetId: row.id, regionCode: input.regionCode, after });
      const grant = { role: input.role, regionCode: input.regionCode, departmentId: input.departmentId ?? null };
      await t.insertInto('identity.role_grant').values({ staff_id: row.id, role: grant.role, region_code: grant.regionCode, department_id: grant.departmentId, granted_by: actor.principal?.id ?? null }).execute();
      await audit(tx, actor, { action: 'staff.grant', targetType: 'staff', targetId: row.id, regionCode: input.regionCode, after: grant });
      return row.id;
    });
  }
}
