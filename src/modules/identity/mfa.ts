import { Secret, TOTP } from 'otpauth';
import type { Kysely } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, fieldError, notFound } from '../../core/errors.ts';
import type { Platform } from '../../core/platform.ts';
import type { IdentityTables } from './schema.ts';

const idDb = (db: Kysely<unknown>) => db as Kysely<IdentityTables>;

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: '湖北政务服务网', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** Staff second factor: enrol, enable, check (each code once), reset by an administrator. */
export class MfaService {
  constructor(private readonly p: Platform) {}

  /** A new secret, pending until a code from it is entered; replaces an earlier pending one. */
  async setup(actor: Actor, username: string): Promise<{ secret: string; otpauthUri: string }> {
    const staffId = actor.principal!.id;
    const secret = new Secret({ size: 20 }).base32;
    await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const existing = await t.selectFrom('identity.staff_mfa').select('enabled_at').where('staff_id', '=', staffId).forUpdate().executeTakeFirst();
      if (existing?.enabled_at) throw conflict('已绑定身份验证器；如需更换请联系管理员重置', 'a second factor is already enabled; ask an administrator to reset it');
      const secret_enc = this.p.cipher.encrypt(secret);
      await t
        .insertInto('identity.staff_mfa')
        .values({ staff_id: staffId, secret_enc, enabled_at: null, last_step: null })
        .onConflict((oc) => oc.column('staff_id').doUpdateSet({ secret_enc, enabled_at: null, last_step: null }))
        .execute();
      return { result: undefined, change: { action: 'staff.mfa_setup', targetType: 'staff', targetId: staffId } };
    });
    return { secret, otpauthUri: totpFor(secret, username).toString() };
  }

  async enable(actor: Actor, code: string): Promise<void> {
    const staffId = actor.principal!.id;
    await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const row = await t.selectFrom('identity.staff_mfa').selectAll().where('staff_id', '=', staffId).forUpdate().executeTakeFirst();
      if (!row) throw fieldError('code', 'setup', '请先生成密钥并用身份验证器扫描', 'set up the authenticator first');
      if (row.enabled_at) throw conflict('已绑定身份验证器', 'a second factor is already enabled');
      const step = this.step(row.secret_enc, code, null);
      if (step === null) throw fieldError('code', 'matches', '验证码不正确，请输入身份验证器当前显示的6位数字', 'wrong code: enter the 6 digits your authenticator shows now');
      await t.updateTable('identity.staff_mfa').set({ enabled_at: new Date(), last_step: step }).where('staff_id', '=', staffId).execute();
      return { result: undefined, change: { action: 'staff.mfa_enable', targetType: 'staff', targetId: staffId } };
    });
  }

  /**
   * Checks a login code inside the login transaction: the time step of an accepted code is
   * remembered, so the same code (or an older one) never works twice.
   */
  async check(tx: Kysely<unknown>, staffId: string, code: string): Promise<boolean> {
    const t = idDb(tx);
    const row = await t.selectFrom('identity.staff_mfa').selectAll().where('staff_id', '=', staffId).forUpdate().executeTakeFirst();
    if (!row?.enabled_at) return false;
    const step = this.step(row.secret_enc, code, row.last_step === null ? null : Number(row.last_step));
    if (step === null) return false;
    await t.updateTable('identity.staff_mfa').set({ last_step: step }).where('staff_id', '=', staffId).execute();
    return true;
  }

  /** The time step the code belongs to (one step of clock drift either way), if newer than `after`. */
  private step(secretEnc: string, code: string, after: number | null): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const now = Date.now();
    const delta = totpFor(this.p.cipher.decrypt(secretEnc), 'x').validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 30_000) + delta;
    return after !== null && step <= after ? null : step;
  }

  async reset(actor: Actor, staffId: string, regionCode: string): Promise<void> {
    await auditedTx(this.p.db, actor, async (tx) => {
      const gone = await idDb(tx).deleteFrom('identity.staff_mfa').where('staff_id', '=', staffId).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw notFound('二次验证', 'second factor');
      return { result: undefined, change: { action: 'staff.mfa_reset', targetType: 'staff', targetId: staffId, regionCode } };
    });
  }
}
