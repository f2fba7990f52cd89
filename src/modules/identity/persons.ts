import { randomInt, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Kysely, Selectable } from 'kysely';
import { audit, auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, fieldError, invalid, notFound, Problem } from '../../core/errors.ts';
import { maskPersonalNumbers } from '../../core/mask.ts';
import type { Platform } from '../../core/platform.ts';
import { hit } from '../../core/ratelimit.ts';
import { parseIdNumber } from './codes.ts';
import { passwordProblems, SMS_CODE } from './model.ts';
import type { IdentityTables, PersonTable } from './schema.ts';
import { hashPassword, openSession } from './service.ts';
import type { IdentityVerifier } from './verification.ts';

const idDb = (db: Kysely<unknown>) => db as Kysely<IdentityTables>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CodePurpose = 'register' | 'login';

export interface PersonView {
  id: string;
  name: string;
  idNumberMasked: string;
  mobileMasked: string;
  level: 1 | 2 | 3;
  levelVerifiedAt: string | null;
  hasPassword: boolean;
}

/** A person as other modules see them: the mobile number is for notices (SMS), the ID number stays masked. */
export interface PersonContact {
  id: string;
  name: string;
  idNumberMasked: string;
  mobile: string;
  level: 1 | 2 | 3;
}

interface Meta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

const wrongCode = () =>
  fieldError('code', 'matches', '验证码不正确或已失效，请重新获取', 'the code is wrong or no longer valid; ask for a new one');

const invalidPersonLogin = () =>
  new Problem(401, 'invalid-login', { zh: '身份证号码或密码不正确', en: 'wrong ID number or password' });

/** Persons (citizens): registration with an SMS code, login by code or password, real-name levels. */
export class PersonService {
  #dummyHash: Promise<string> | undefined;

  constructor(
    private readonly p: Platform,
    private readonly verifier: IdentityVerifier,
    /** Called when a person's cached sessions must see a new real-name level at once. */
    private readonly forgetPerson: (personId: string) => void,
  ) {}

  private get db() {
    return idDb(this.p.db);
  }

  view(r: Selectable<PersonTable>): PersonView {
    return {
      id: r.id,
      name: r.name,
      idNumberMasked: r.id_number_masked,
      mobileMasked: maskPersonalNumbers(r.mobile),
      level: r.level as 1 | 2 | 3,
      levelVerifiedAt: r.level_verified_at ? new Date(r.level_verified_at).toISOString() : null,
      hasPassword: r.password_hash !== null,
    };
  }

  async contact(id: string): Promise<PersonContact | null> {
    const r = await this.db.selectFrom('identity.person').select(['id', 'name', 'id_number_masked', 'mobile', 'level']).where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, idNumberMasked: r.id_number_masked, mobile: r.mobile, level: r.level as 1 | 2 | 3 } : null;
  }

  /** A demo person, already checked in person (level 3): for `npm start` on an empty database only. */
  async seedDemoPerson(actor: Actor, input: { name: string; idNumber: string; mobile: string; password: string }): Promise<PersonView> {
    const password_hash = await hashPassword(input.password);
    return auditedTx(this.p.db, actor, async (tx) => {
      const row = await idDb(tx)
        .insertInto('identity.person')
        .values({
          name: input.name,
          id_number_enc: this.p.cipher.encrypt(input.idNumber),
          id_number_hash: this.p.cipher.lookupHash(input.idNumber),
          id_number_masked: maskPersonalNumbers(input.idNumber),
          mobile: input.mobile,
          password_hash,
          level: 3,
          level_verified_at: new Date(),
          level_reference: 'demo data',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { result: this.view(row), change: { action: 'person.seed_demo', targetType: 'person', targetId: row.id, after: this.view(row) } };
    });
  }

  async get(id: string): Promise<PersonView | null> {
    const r = await this.db.selectFrom('identity.person').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? this.view(r) : null;
  }

  /**
   * Sends a 6-digit code valid for SMS_CODE.ttlSeconds. The answer is the same whether or not an
   * account has this number; a new code waits SMS_CODE.resendSeconds after the last one (measured
   * from that code, not by a fixed window, so two codes never go out a second apart).
   */
  async sendCode(mobile: string, purpose: CodePurpose, meta: Meta) {
    const last = await this.db
      .selectFrom('identity.sms_code')
      .select('created_at')
      .where('mobile', '=', mobile)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const wait = last ? Math.ceil(SMS_CODE.resendSeconds - (Date.now() - new Date(last.created_at).getTime()) / 1000) : 0;
    if (wait > 0) {
      throw new Problem(429, 'too-many-requests', { zh: `操作过于频繁，请 ${wait} 秒后再试`, en: `too many attempts; try again in ${wait} s` }, [], { retryAfter: wait });
    }
    await hit(this.p.db, [
      { key: `sms:mobile-day:${mobile}`, max: 10, windowSeconds: 86_400 },
      { key: `sms:ip:${meta.ip}`, max: 30, windowSeconds: 3600 },
    ]);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db
      .insertInto('identity.sms_code')
      .values({ mobile, purpose, code_hash: this.codeHash(mobile, purpose, code), expires_at: new Date(Date.now() + SMS_CODE.ttlSeconds * 1000), consumed_at: null })
      .execute();
    const what = purpose === 'register' ? '注册' : '登录';
    await this.p.sms.send({ to: mobile, purpose: `${purpose}-code`, text: `【湖北政务服务网】您的${what}验证码是 ${code}，${SMS_CODE.ttlSeconds / 60}分钟内有效。请勿告诉他人。` });
    return { sentTo: maskPersonalNumbers(mobile), expiresInSeconds: SMS_CODE.ttlSeconds, resendAfterSeconds: SMS_CODE.resendSeconds };
  }

  private codeHash(mobile: string, purpose: string, code: string) {
    return this.p.cipher.lookupHash(`sms|${mobile}|${purpose}|${code}`);
  }

  /**
   * Checks and consumes the newest live code for the number (SMS_CODE.maxTries tries each). Runs
   * in the caller's transaction, so a registration that fails later keeps the code usable.
   */
  private async consumeCode(tx: Kysely<unknown>, mobile: string, purpose: CodePurpose, code: string): Promise<void> {
    const t = idDb(tx);
    const live = await t
      .selectFrom('identity.sms_code')
      .selectAll()
      .where('mobile', '=', mobile)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!live || live.attempts >= SMS_CODE.maxTries) throw wrongCode();
    const given = Buffer.from(this.codeHash(mobile, purpose, code));
    if (!timingSafeEqual(given, Buffer.from(live.code_hash))) throw wrongCode();
    await t.updateTable('identity.sms_code').set({ consumed_at: new Date() }).where('id', '=', live.id).execute();
  }

  /**
   * A wrong code must count as a try even though the request fails: the try is recorded in its
   * own transaction, then the failure is re-thrown.
   */
  private async withCode<T>(mobile: string, purpose: CodePurpose, code: string, actor: Actor, work: (tx: Kysely<unknown>) => Promise<{ result: T; change: Parameters<typeof audit>[2] }>): Promise<T> {
    try {
      return await this.p.db.transaction().execute(async (tx) => {
        await this.consumeCode(tx, mobile, purpose, code);
        const { result, change } = await work(tx);
        await audit(tx, actor, change);
        return result;
      });
    } catch (e) {
      if (e instanceof Problem && e.code === 'validation' && e.errors[0]?.field === 'code') {
        await this.p.db.transaction().execute((tx) => this.recordTry(tx, mobile, purpose));
      }
      throw e;
    }
  }

  private async recordTry(tx: Kysely<unknown>, mobile: string, purpose: CodePurpose) {
    const t = idDb(tx);
    const live = await t
      .selectFrom('identity.sms_code')
      .select(['id', 'attempts'])
      .where('mobile', '=', mobile)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (live) await t.updateTable('identity.sms_code').set({ attempts: live.attempts + 1 }).where('id', '=', live.id).execute();
  }

  async register(input: { name: string; idNumber: string; mobile: string; code: string; password?: string }, meta: Meta) {
    await hit(this.p.db, [{ key: `code-check:ip:${meta.ip}`, max: 30, windowSeconds: 900 }]);
    const parsed = parseIdNumber(input.idNumber);
    const problems = [];
    if (!parsed.ok) problems.push(...parsed.errors.map((e) => ({ field: 'idNumber', rule: e.code, message: e.message })));
    if (input.password !== undefined) problems.push(...passwordProblems(input.password).map((p) => ({ field: 'password', rule: p.rule, message: { zh: p.zh, en: p.en } })));
    if (problems.length || !parsed.ok) throw invalid(problems);
    const idNumber = parsed.value.number;
    const password_hash = input.password === undefined ? null : await hashPassword(input.password);
    const anonymous: Actor = { principal: null, grant: null, requestId: meta.requestId, ip: meta.ip };
    try {
      return await this.withCode(input.mobile, 'register', input.code, anonymous, async (tx) => {
        const row = await idDb(tx)
          .insertInto('identity.person')
          .values({
            name: input.name.trim(),
            id_number_enc: this.p.cipher.encrypt(idNumber),
            id_number_hash: this.p.cipher.lookupHash(idNumber),
            id_number_masked: maskPersonalNumbers(idNumber),
            mobile: input.mobile,
            password_hash,
            level_verified_at: null,
            level_reference: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const session = await openSession(tx, this.p.config.SESSION_HOURS, { personId: row.id }, meta);
        return {
          result: { ...session, person: this.view(row) },
          change: { action: 'person.register', targetType: 'person', targetId: row.id, after: this.view(row) },
        };
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        const which = String((e as { constraint?: string }).constraint ?? (e as Error).message).includes('mobile') ? 'mobile' : 'idNumber';
        throw conflict(
          which === 'mobile' ? '该手机号码已注册，请直接登录' : '该身份证号码已注册，请直接登录或找回密码',
          which === 'mobile' ? 'this mobile number already has an account; log in' : 'this ID number already has an account; log in or reset the password',
          [{ field: which, rule: 'unique', message: { zh: '已注册', en: 'is already registered' } }],
        );
      }
      throw e;
    }
  }

  async loginByCode(mobile: string, code: string, meta: Meta) {
    await hit(this.p.db, [{ key: `code-check:ip:${meta.ip}`, max: 30, windowSeconds: 900 }]);
    const person = await this.db.selectFrom('identity.person').selectAll().where('mobile', '=', mobile).executeTakeFirst();
    const actor: Actor = { principal: person ? { kind: 'person', id: person.id, name: person.name, grants: [], level: person.level as 1 | 2 | 3 } : null, grant: null, requestId: meta.requestId, ip: meta.ip };
    return this.withCode(mobile, 'login', code, actor, async (tx) => {
      // The code proves the number is the caller's, so saying that it has no account reveals nothing.
      if (!person?.active) throw fieldError('mobile', 'registered', '该手机号码尚未注册', 'this mobile number has no account; register first');
      const session = await openSession(tx, this.p.config.SESSION_HOURS, { personId: person.id }, meta);
      return { result: { ...session, person: this.view(person) }, change: { action: 'person.login', targetType: 'person', targetId: person.id, detail: { method: 'sms-code' } } };
    });
  }

  async loginByPassword(idNumberInput: string, password: string, meta: Meta) {
    const parsed = parseIdNumber(idNumberInput);
    const hash = parsed.ok ? this.p.cipher.lookupHash(parsed.value.number) : null;
    await hit(this.p.db, [
      { key: `login:ip:${meta.ip}`, max: 30, windowSeconds: 900 },
      ...(hash ? [{ key: `login:person:${hash}`, max: 10, windowSeconds: 900 }] : []),
    ]);
    const person = hash ? await this.db.selectFrom('identity.person').selectAll().where('id_number_hash', '=', hash).executeTakeFirst() : undefined;
    const ok = person?.active && person.password_hash ? await verify(person.password_hash, password) : await this.spendVerify(password);
    const actor: Actor = { principal: person ? { kind: 'person', id: person.id, name: person.name, grants: [], level: person.level as 1 | 2 | 3 } : null, grant: null, requestId: meta.requestId, ip: meta.ip };
    if (!person || !ok) {
      await auditedTx(this.p.db, actor, async () => ({
        result: undefined,
        change: { action: 'person.login_failed', targetType: 'person', targetId: person?.id ?? '(unknown)', detail: { method: 'password' } },
      }));
      throw invalidPersonLogin();
    }
    return auditedTx(this.p.db, actor, async (tx) => {
      const session = await openSession(tx, this.p.config.SESSION_HOURS, { personId: person.id }, meta);
      return { result: { ...session, person: this.view(person) }, change: { action: 'person.login', targetType: 'person', targetId: person.id, detail: { method: 'password' } } };
    });
  }

  private async spendVerify(password: string): Promise<false> {
    this.#dummyHash ??= hashPassword('not a real password, only spends time');
    await verify(await this.#dummyHash, password);
    return false;
  }

  async setPassword(actor: Actor, sessionId: string | null, currentPassword: string | undefined, newPassword: string) {
    const id = actor.principal!.id;
    const person = await this.db.selectFrom('identity.person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (person.password_hash && !(currentPassword && (await verify(person.password_hash, currentPassword)))) {
      throw fieldError('currentPassword', 'matches', '当前密码不正确', 'the current password is wrong');
    }
    const problems = passwordProblems(newPassword);
    if (problems.length) throw invalid(problems.map((p) => ({ field: 'newPassword', rule: p.rule, message: { zh: p.zh, en: p.en } })));
    const password_hash = await hashPassword(newPassword);
    await auditedTx(this.p.db, actor, async (tx) => {
      await idDb(tx).updateTable('identity.person').set({ password_hash, version: person.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      await idDb(tx).deleteFrom('identity.session').where('person_id', '=', id).where('id', '!=', sessionId ?? '').execute();
      return { result: undefined, change: { action: 'person.password_set', targetType: 'person', targetId: id } };
    });
  }

  /** L2: the identity-verification service confirms that the name belongs to the ID number. */
  async verifyOnline(actor: Actor) {
    const id = actor.principal!.id;
    await hit(this.p.db, [{ key: `idv:person:${id}`, max: 5, windowSeconds: 86_400 }]);
    const person = await this.db.selectFrom('identity.person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (person.level >= 2) return this.view(person);
    const result = await this.verifier.verify(person.name, this.p.cipher.decrypt(person.id_number_enc));
    return auditedTx(this.p.db, actor, async (tx) => {
      if (!result.match) {
        return {
          result: null,
          change: { action: 'person.verify_failed', targetType: 'person', targetId: id, detail: { reference: result.reference, verifier: this.verifier.kind } },
        };
      }
      const row = await idDb(tx)
        .updateTable('identity.person')
        .set({ level: 2, level_verified_at: new Date(), level_reference: result.reference, version: person.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        result: this.view(row),
        change: { action: 'person.verify_online', targetType: 'person', targetId: id, before: { level: person.level }, after: { level: 2 }, detail: { reference: result.reference, verifier: this.verifier.kind } },
      };
    }).then((view) => {
      this.forgetPerson(id);
      if (!view) {
        throw fieldError('name', 'identity', '姓名与身份证号码不一致，请核对后重试或到窗口核验', 'the name does not match the ID number; check it, or have it checked at a window');
      }
      return view;
    });
  }

  /** L3: a window clerk has seen the person and the ID card. */
  async verifyInPerson(actor: Actor, personId: string, input: { idNumber: string; windowId?: string }) {
    return auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const person = await t.selectFrom('identity.person').selectAll().where('id', '=', personId).forUpdate().executeTakeFirst();
      if (!person) throw notFound('自然人', 'person');
      const parsed = parseIdNumber(input.idNumber);
      if (!parsed.ok || this.p.cipher.lookupHash(parsed.value.number) !== person.id_number_hash) {
        throw fieldError('idNumber', 'matches', '所持身份证号码与账号不一致', 'the ID card presented does not match the account');
      }
      const row = await t
        .updateTable('identity.person')
        .set({ level: 3, level_verified_at: new Date(), level_reference: `window:${actor.principal?.id}`, version: person.version + 1, updated_at: new Date() })
        .where('id', '=', personId)
        .returningAll()
        .executeTakeFirstOrThrow();
      this.forgetPerson(personId);
      return {
        result: this.view(row),
        change: { action: 'person.verify_in_person', targetType: 'person', targetId: personId, before: { level: person.level }, after: { level: 3 }, detail: { windowId: input.windowId ?? null } },
      };
    });
  }

  /** The person as the OpenID provider sees it (`person:<uuid>`); the full ID number only on demand. */
  async oidcAccount(accountId: string) {
    const id = accountId.slice('person:'.length);
    if (!UUID.test(id)) return null;
    const r = await this.db.selectFrom('identity.person').select(['id', 'name', 'active', 'id_number_masked', 'id_number_enc']).where('id', '=', id).executeTakeFirst();
    if (!r?.active) return null;
    return { kind: 'person' as const, id: r.id, name: r.name, idNumberMasked: r.id_number_masked, idNumber: async () => this.p.cipher.decrypt(r.id_number_enc), actingFor: null };
  }

  /** A clerk finds the account of the person at the window by the ID number on the card. */
  async findByIdNumber(idNumber: string): Promise<PersonView | null> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw invalid(parsed.errors.map((e) => ({ field: 'idNumber', rule: e.code, message: e.message })));
    const r = await this.db.selectFrom('identity.person').selectAll().where('id_number_hash', '=', this.p.cipher.lookupHash(parsed.value.number)).executeTakeFirst();
    return r ? this.view(r) : null;
  }

  /** The full ID number, for a permission holder who states why; the reason is audited. */
  async revealIdNumber(actor: Actor, personId: string, reason: string): Promise<string> {
    return auditedTx(this.p.db, actor, async (tx) => {
      const r = await idDb(tx).selectFrom('identity.person').select(['id_number_enc']).where('id', '=', personId).executeTakeFirst();
      if (!r) throw notFound('自然人', 'person');
      return { result: this.p.cipher.decrypt(r.id_number_enc), change: { action: 'person.id_number_read', targetType: 'person', targetId: personId, detail: { reason } } };
    });
  }
}
