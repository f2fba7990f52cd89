import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql, type Kysely, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { appendAfter, audit, auditedTx, chainHeadQuery, type Actor } from '../../core/audit.ts';
import { attempt, clear, record } from '../../core/ratelimit.ts';
import { fieldError, invalid, notFound, Problem } from '../../core/errors.ts';
import type { Authentication } from '../../core/http.ts';
import { authorizingGrant, ROLE_LABELS, type ActingFor, ROLE_PERMISSIONS, type Grant, type Permission, type Principal, type Role } from '../../core/permissions.ts';
import type { Platform } from '../../core/platform.ts';
import { UUID, type OrgApi } from '../org/index.ts';
import { MfaService } from './mfa.ts';
import type { SsoSignOut } from './oidc/index.ts';
import { LOCKOUT, MFA_ROLES, passwordProblems, pendingStep, sessionAlive, USERNAME_PATTERN } from './model.ts';

const USERNAME = new RegExp(USERNAME_PATTERN);
import type { IdentityTables, StaffTable } from './schema.ts';

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
// 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);

const idDb = (db: Kysely<unknown>) => db as Kysely<IdentityTables>;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * How long an authenticated session is trusted from memory before the database is asked again.
 * Logout and grant changes clear this process's entry at once; other server copies see them
 * within this time.
 */
const SESSION_CACHE_MS = 5_000;
/** last_seen_at is written at most this often per session. */
const TOUCH_MS = 60_000;

export interface GrantView {
  id: string;
  role: Role;
  roleLabel: { zh: string; en: string };
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
}

export interface StaffView {
  id: string;
  username: string;
  name: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** Demo accounts only: no second factor required. */
  mfaExempt: boolean;
  mfaEnabled: boolean;
  version: number;
  grants: GrantView[];
}

const invalidLogin = () =>
  new Problem(401, 'invalid-login', { zh: '用户名或密码不正确', en: 'wrong username or password' });

export class IdentityService {
  readonly #cache = new Map<string, { auth: Authentication; until: number; touched: number }>();
  #dummyHash: Promise<string> | undefined;

  readonly mfa: MfaService;

  constructor(
    private readonly p: Platform,
    private readonly org: OrgApi,
  ) {
    this.mfa = new MfaService(p);
  }

  private get db() {
    return idDb(this.p.db);
  }

  async authenticate(token: string): Promise<Authentication | null> {
    const now = Date.now();
    const cached = this.#cache.get(token);
    if (cached && cached.until > now) return cached.auth;
    const id = tokenHash(token);
    const row = await this.db.selectFrom('identity.session').selectAll().where('id', '=', id).executeTakeFirst();
    const principal = row && sessionAlive({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }, new Date(now), this.p.config.SESSION_IDLE_MINUTES) ? await this.principalOf(row) : null;
    if (!row || !principal) {
      this.#cache.delete(token);
      return null;
    }
    let touched = cached?.touched ?? row.last_seen_at.getTime();
    if (now - touched > TOUCH_MS) {
      await this.db.updateTable('identity.session').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
      touched = now;
    }
    const auth: Authentication = { principal, csrfToken: row.csrf_token, sessionId: id };
    if (this.#cache.size >= 10_000) for (const [k, v] of this.#cache) if (v.until <= now) this.#cache.delete(k);
    this.#cache.set(token, { auth, until: now + SESSION_CACHE_MS, touched });
    return auth;
  }

  /** The active account behind a session, or null. */
  /** What a person may do for an enterprise (set by the module to the enterprise service). */
  actingFor: (personId: string, enterpriseId: string) => Promise<ActingFor | null> = async () => null;

  private async principalOf(session: { staff_id: string | null; person_id: string | null; acting_for: string | null }): Promise<Principal | null> {
    if (session.staff_id) {
      const u = await this.staffRows().where('s.id', '=', session.staff_id).executeTakeFirst();
      if (!u?.active) return null;
      const grants = u.grants.map(grantOf);
      const pending = pendingStep({ mustChangePassword: u.must_change_password, roles: grants.map((g) => g.role), mfaEnabled: u.mfa_enabled, mfaExempt: u.mfa_exempt });
      return { kind: 'staff', id: u.id, name: u.name, grants, pending };
    }
    const person = await this.db.selectFrom('identity.person').select(['id', 'name', 'active', 'level']).where('id', '=', session.person_id!).executeTakeFirst();
    if (!person?.active) return null;
    const actingFor = session.acting_for ? await this.actingFor(person.id, session.acting_for) : null;
    return { kind: 'person', id: person.id, name: person.name, grants: [], level: person.level as 1 | 2 | 3, actingFor };
  }

  /** Told when an account changed (set by the module: the single sign-on provider's cached accounts). */
  changed: (accountId: string) => void = () => undefined;

  /** Drops cached sessions of an account (after its grants, password or state changed). */
  forget(staffId: string) {
    for (const [k, v] of this.#cache) if (v.auth.principal.id === staffId) this.#cache.delete(k);
    this.changed(staffId);
  }

  /** Staff rows with their second-factor state and grants, in one query (alias `s`). */
  staffRows() {
    return this.db
      .selectFrom('identity.staff as s')
      .leftJoin('identity.staff_mfa as m', 'm.staff_id', 's.id')
      .selectAll('s')
      .select((eb) => [
        sql<boolean>`m.enabled_at is not null`.as('mfa_enabled'),
        jsonArrayFrom(
          eb
            .selectFrom('identity.role_grant as g')
            .select(['g.id', 'g.role', 'g.region_code as regionCode', 'g.department_id as departmentId'])
            .whereRef('g.staff_id', '=', 's.id')
            .orderBy('g.created_at'),
        ).as('grants'),
      ]);
  }

  /**
   * Password, then (when enabled) the authenticator code. Five failures within LOCKOUT.windowSeconds
   * lock the username — known or not, so that locking tells nothing — until the oldest of them is
   * older than that. `now` is the instant the attempt is counted at.
   */
  async login(username: string, password: string, totp: string | undefined, meta: { ip: string; userAgent: string | null; requestId: string }, now = Date.now()) {
    const lockout = { key: `login-fail:staff:${username.toLowerCase().slice(0, 60)}`, ...LOCKOUT };
    // Before the hash check, one statement: the address's attempt counted, the lockout read, the
    // account with its grants and second-factor state, and the audit chain's head (see below).
    const account = this.staffRows().where(sql`lower(s.username)`, '=', username.toLowerCase());
    const {
      watched: [lock],
      row: { head_seq, head_hash, ...found },
    } = await attempt<{ head_seq: string; head_hash: string } & (StaffRow | { id: null })>(
      this.p.db,
      [{ key: `login:ip:${meta.ip}`, max: 60, windowSeconds: 900 }],
      [lockout],
      now,
      sql`select h.seq as head_seq, h.hash as head_hash, s.* from (${chainHeadQuery(this.p.db)}) h left join lateral (${account}) s on true`,
    );
    if (lock!.retryAfter > 0) {
      const minutes = Math.ceil(lock!.retryAfter / 60);
      throw new Problem(423, 'account-locked', { zh: `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`, en: `too many failed logins: locked for ${minutes} more minutes` }, [], { retryAfter: lock!.retryAfter });
    }
    const staff = found.id === null ? undefined : (found as StaffRow);
    const mfaOn = staff?.mfa_enabled ?? false;
    // The hash check runs on a worker thread: the answer, which does not depend on it, is built
    // meanwhile (and thrown away if the password is wrong).
    const [ok, draft] = await Promise.all([
      staff?.active ? verify(staff.password_hash, password) : this.spendVerify(password),
      staff?.active ? this.views([staff]).then(([view]) => meOf(view!, null)) : null,
    ]);
    const actor: Actor = {
      principal: staff ? { kind: 'staff', id: staff.id, name: staff.name, grants: [] } : null,
      grant: null,
      requestId: meta.requestId,
      ip: meta.ip,
    };
    const fail = async (reason: 'password' | 'second-factor') => {
      await auditedTx(this.p.db, actor, async (tx) => {
        await record(tx, lockout, now);
        return {
          result: undefined,
          // An unknown name is kept only if it looks like a username: a password typed into the
          // wrong field must not land in the audit trail.
          change: {
            action: 'staff.login_failed',
            targetType: 'staff',
            targetId: staff?.id ?? `username:${USERNAME.test(username) ? username : '(not a username)'}`,
            regionCode: staff?.region_code ?? null,
            detail: { reason },
          },
        };
      });
      return reason === 'password'
        ? invalidLogin()
        : new Problem(401, 'invalid-login', { zh: '用户名、密码或动态验证码不正确', en: 'wrong username, password or authenticator code' });
    };
    if (!staff || !ok || !draft) throw await fail('password');
    if (mfaOn && !totp) {
      throw new Problem(401, 'mfa-required', { zh: '请输入身份验证器上的6位验证码', en: 'enter the 6-digit code from your authenticator app' });
    }
    const change = { action: 'staff.login', targetType: 'staff', targetId: staff.id, regionCode: staff.region_code, detail: { method: mfaOn ? 'password+totp' : 'password' } };
    // Without a second factor the login only inserts (its session, its audit entry): one statement
    // after the head read above, unless another entry came first. Otherwise, a transaction.
    const quick = mfaOn ? null : newSession(this.p.db, this.p.config.SESSION_HOURS, { staffId: staff.id }, meta);
    const session =
      quick && (await appendAfter(this.p.db, { seq: Number(head_seq), hash: head_hash }, actor, change, [quick.insert]))
        ? quick
        : await this.p.db.transaction().execute(async (tx) => {
            if (mfaOn && !(await this.mfa.check(tx, staff.id, totp!))) return null;
            const opened = await openSession(tx, this.p.config.SESSION_HOURS, { staffId: staff.id }, meta);
            await audit(tx, actor, change);
            return opened;
          });
    if (!session) throw await fail('second-factor');
    if (lock!.count > 0) await clear(this.p.db, lockout.key);
    return { token: session.token, me: { ...draft, csrfToken: session.csrf } };
  }

  /** Unknown or inactive accounts still cost one hash check, so timing does not tell them apart. */
  private async spendVerify(password: string): Promise<false> {
    this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await this.#dummyHash, password);
    return false;
  }

  /**
   * Ends a platform session (a staff member's or a person's). `sso`, the browser's single sign-on
   * session, ends in the same transaction, and the clients it had signed in to are recorded.
   */
  async logout(actor: Actor, sessionId: string, sso: Pick<SsoSignOut, 'clientIds' | 'end'> | null = null) {
    const kind = actor.principal?.kind === 'person' ? 'person' : 'staff';
    await auditedTx(this.p.db, actor, async (tx) => {
      await idDb(tx).deleteFrom('identity.session').where('id', '=', sessionId).execute();
      await sso?.end(tx);
      return {
        result: undefined,
        change: { action: `${kind}.logout`, targetType: kind, targetId: actor.principal?.id ?? '', ...(sso ? { detail: { singleSignOnClients: sso.clientIds } } : {}) },
      };
    });
    for (const [k, v] of this.#cache) if (v.auth.sessionId === sessionId) this.#cache.delete(k);
  }

  async me(staffId: string, csrfToken: string | null) {
    const staff = await this.staffView(staffId);
    if (!staff) throw notFound('账号', 'account');
    return meOf(staff, csrfToken);
  }

  /** Changes the caller's password and ends the caller's other sessions. */
  async changePassword(actor: Actor, sessionId: string | null, currentPassword: string, newPassword: string) {
    const staffId = actor.principal!.id;
    const staff = await this.db.selectFrom('identity.staff').selectAll().where('id', '=', staffId).executeTakeFirstOrThrow();
    if (!(await verify(staff.password_hash, currentPassword))) {
      throw fieldError('currentPassword', 'matches', '当前密码不正确', 'the current password is wrong');
    }
    checkPassword('newPassword', newPassword, staff.username);
    if (await verify(staff.password_hash, newPassword)) {
      throw fieldError('newPassword', 'changed', '新密码不能与当前密码相同', 'the new password must differ from the current one');
    }
    const password_hash = await hashPassword(newPassword);
    await auditedTx(this.p.db, actor, async (tx) => {
      await idDb(tx)
        .updateTable('identity.staff')
        .set({ password_hash, must_change_password: false, version: staff.version + 1, updated_at: new Date() })
        .where('id', '=', staffId)
        .execute();
      await idDb(tx).deleteFrom('identity.session').where('staff_id', '=', staffId).where('id', '!=', sessionId ?? '').execute();
      return { result: undefined, change: { action: 'staff.password_change', targetType: 'staff', targetId: staffId, regionCode: staff.region_code } };
    });
    this.forget(staffId);
  }


  async grantViews(grants: (Grant & { id: string })[]): Promise<GrantView[]> {
    const names = await this.org.departmentNames(grants.flatMap((g) => (g.departmentId ? [g.departmentId] : [])));
    return grants.map((g) => this.grantView(g, names));
  }

  private grantView(g: Grant & { id: string }, departmentNames: Map<string, string>): GrantView {
    return {
      id: g.id,
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      regionCode: g.regionCode,
      regionName: this.org.region(g.regionCode)?.name ?? g.regionCode,
      departmentId: g.departmentId,
      departmentName: g.departmentId ? (departmentNames.get(g.departmentId) ?? null) : null,
    };
  }

  /** Views of rows from staffRows(), with the names of their departments read in one query. */
  async views(rows: StaffRow[]): Promise<StaffView[]> {
    const names = await this.org.departmentNames(rows.flatMap((r) => [r.department_id, ...r.grants.map((g) => g.departmentId)]).filter((id): id is string => id !== null));
    return rows.map((s) => ({
      id: s.id,
      username: s.username,
      name: s.name,
      regionCode: s.region_code,
      regionName: this.org.region(s.region_code)?.name ?? s.region_code,
      departmentId: s.department_id,
      departmentName: s.department_id ? (names.get(s.department_id) ?? null) : null,
      active: s.active,
      mustChangePassword: s.must_change_password,
      mfaExempt: s.mfa_exempt,
      mfaEnabled: s.mfa_enabled,
      version: Number(s.version),
      grants: s.grants.map((g) => this.grantView(grantOf(g), names)),
    }));
  }

  async staffView(id: string): Promise<StaffView | null> {
    if (!UUID.test(id)) return null;
    const s = await this.staffRows().where('s.id', '=', id).executeTakeFirst();
    return s ? (await this.views([s]))[0]! : null;
  }

  async staffRegion(id: string): Promise<{ regionCode: string; departmentId: string | null } | null> {
    if (!UUID.test(id)) return null;
    const s = await this.db.selectFrom('identity.staff').select(['region_code', 'department_id']).where('id', '=', id).executeTakeFirst();
    return s ? { regionCode: s.region_code, departmentId: s.department_id } : null;
  }
}

/** A row of IdentityService.staffRows(). */
export type StaffRow = Selectable<StaffTable> & { mfa_enabled: boolean; grants: { id: string; role: string; regionCode: string; departmentId: string | null }[] };

const grantOf = (g: StaffRow['grants'][number]): Grant & { id: string } => ({ id: g.id, role: g.role as Role, regionCode: g.regionCode, departmentId: g.departmentId });

/** The logged-in staff member as /api/auth/me answers. */
function meOf(staff: StaffView, csrfToken: string | null) {
  const permissions = [...new Set(staff.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]))].sort();
  const roles = staff.grants.map((g) => g.role);
  return {
    id: staff.id,
    username: staff.username,
    name: staff.name,
    mustChangePassword: staff.mustChangePassword,
    mfaEnabled: staff.mfaEnabled,
    mfaRequired: roles.some((r) => MFA_ROLES.includes(r)) && !staff.mfaExempt,
    pending: pendingStep({ mustChangePassword: staff.mustChangePassword, roles, mfaEnabled: staff.mfaEnabled, mfaExempt: staff.mfaExempt }),
    csrfToken: csrfToken ?? '',
    grants: staff.grants,
    permissions,
  };
}

/** Refuses a password that breaks the rules, naming the field. */
export function checkPassword(field: string, password: string, username: string) {
  const problems = passwordProblems(password, username);
  if (problems.length) throw invalid(problems.map((p) => ({ field, rule: p.rule, message: { zh: p.zh, en: p.en } })));
}

/** A new session for a staff member or a person: its token, CSRF token, and the insert (not run yet). */
function newSession(db: Kysely<unknown>, sessionHours: number, who: { staffId: string } | { personId: string }, meta: { ip: string; userAgent: string | null }) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = new Date();
  const insert = idDb(db)
    .insertInto('identity.session')
    .values({
      id: tokenHash(token),
      staff_id: 'staffId' in who ? who.staffId : null,
      person_id: 'personId' in who ? who.personId : null,
      csrf_token: csrf,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + sessionHours * 3_600_000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
  return { token, csrf, insert };
}

/** Opens a session for a staff member or a person inside the caller's (audited) transaction. */
export async function openSession(
  tx: Kysely<unknown>,
  sessionHours: number,
  who: { staffId: string } | { personId: string },
  meta: { ip: string; userAgent: string | null },
): Promise<{ token: string; csrf: string }> {
  const { token, csrf, insert } = newSession(tx, sessionHours, who, meta);
  await insert.execute();
  return { token, csrf };
}

export const canManageWith = (principal: Principal, parentOf: (c: string) => string | null | undefined, permission: Permission) =>
  (regionCode: string, departmentId: string | null) =>
    authorizingGrant(principal.grants, permission, { regionCode, departmentId }, parentOf) !== undefined;
