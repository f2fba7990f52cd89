import type { Kysely } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../core/errors.ts';
import type { ActingFor } from '../../core/permissions.ts';
import type { Platform } from '../../core/platform.ts';
import { parseCreditCode, parseIdNumber } from './codes.ts';
import { requireLevel } from './levels.ts';
import type { IdentityTables } from './schema.ts';
import type { MarketRegistry } from './registry.ts';

const idDb = (db: Kysely<unknown>) => db as Kysely<IdentityTables>;

/** The national item type codes an agent's grant may be limited to. */
export const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'] as const;
/** The check-character problems an administrator may accept for a really issued code. */
const CHECK_ERRORS = new Set(['checksum', 'orgCodeChecksum']);
/** Agents' grants end at most this long after they are given. */
const MAX_GRANT_DAYS = 3 * 366;

export interface EnterpriseView {
  id: string;
  creditCode: string;
  name: string;
  as: 'legal_representative' | 'agent';
  itemTypes: string[] | 'all';
  expiresAt: string | null;
}

export interface AgentView {
  id: string;
  personName: string;
  idNumberMasked: string;
  itemTypes: string[] | 'all';
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

/** Enterprises (legal entities) and the persons who act for them: legal representative and agents. */
export class EnterpriseService {
  constructor(
    private readonly p: Platform,
    private readonly registry: MarketRegistry,
    /** Called when a person's sessions must re-read what they may act for. */
    private readonly forgetPerson: (personId: string) => void,
  ) {}

  private get db() {
    return idDb(this.p.db);
  }

  /**
   * The registering person becomes the legal representative who owns the account: they must be at
   * real-name level L2 or above, and the market registry must know the code as an active
   * enterprise with them as its legal representative (where the registry can say).
   */
  async register(actor: Actor, input: { creditCode: string; name: string }) {
    const principal = actor.principal;
    if (principal?.kind !== 'person') throw forbidden();
    requireLevel(principal, 2);
    const parsed = parseCreditCode(input.creditCode);
    const exception = parsed.ok ? null : await this.acceptedException(input.creditCode, parsed.errors);
    if (!parsed.ok && !exception) throw invalid(parsed.errors.map((e) => ({ field: 'creditCode', rule: e.code, message: e.message })));
    const code = parsed.ok ? parsed.value.code : exception!.credit_code;
    const answer = await this.registry.lookup(code);
    if (!answer.found || answer.status !== 'active') {
      throw fieldError('creditCode', 'registry', '市场主体登记系统中没有处于存续状态的该主体', 'the market registry has no active enterprise with this code');
    }
    const person = await this.db.selectFrom('identity.person').select(['id_number_enc']).where('id', '=', principal.id).executeTakeFirstOrThrow();
    if (answer.legalRepIdNumber !== null && answer.legalRepIdNumber !== this.p.cipher.decrypt(person.id_number_enc)) {
      throw fieldError('creditCode', 'legalRepresentative', '您不是该主体登记的法定代表人', 'you are not the registered legal representative of this enterprise');
    }
    const name = answer.name ?? input.name.trim();
    try {
      return await auditedTx(this.p.db, actor, async (tx) => {
        const row = await idDb(tx)
          .insertInto('identity.enterprise')
          .values({ credit_code: code, name, legal_rep_person_id: principal.id, registry_reference: answer.reference, checksum_override_by: exception?.accepted_by ?? null })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        const view: EnterpriseView = { id: row.id, creditCode: code, name, as: 'legal_representative', itemTypes: 'all', expiresAt: null };
        return {
          result: view,
          change: {
            action: 'enterprise.register',
            targetType: 'enterprise',
            targetId: row.id,
            after: view,
            detail: { registry: this.registry.kind, reference: answer.reference, ...(exception && { checksumException: { acceptedBy: exception.accepted_by } }) },
          },
        };
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw conflict('该主体已注册，请由其法定代表人授权您为经办人', 'this enterprise already has an account; ask its legal representative to make you an agent', [
          { field: 'creditCode', rule: 'unique', message: { zh: '已注册', en: 'is already registered' } },
        ]);
      }
      throw e;
    }
  }

  /** A code that fails only its check characters and that an administrator accepted. */
  private async acceptedException(input: string, errors: { code: string }[]) {
    if (!errors.every((e) => CHECK_ERRORS.has(e.code))) return null;
    return (await this.db.selectFrom('identity.credit_code_exception').selectAll().where('credit_code', '=', input.trim().toUpperCase()).executeTakeFirst()) ?? null;
  }

  /**
   * An administrator accepts a code that was really issued but fails a check character (GB 32100
   * allows none; a few exist). Only such codes: any other problem is still refused.
   */
  async acceptCode(actor: Actor, input: { creditCode: string; reason: string }) {
    const code = input.creditCode.trim().toUpperCase();
    const parsed = parseCreditCode(code);
    if (parsed.ok) throw fieldError('creditCode', 'valid', '该代码校验通过，无需特别认可', 'the code passes its checks; it needs no exception');
    const other = parsed.errors.filter((e) => !CHECK_ERRORS.has(e.code));
    if (other.length) throw invalid(other.map((e) => ({ field: 'creditCode', rule: e.code, message: e.message })));
    try {
      await auditedTx(this.p.db, actor, async (tx) => {
        await idDb(tx).insertInto('identity.credit_code_exception').values({ credit_code: code, reason: input.reason.trim(), accepted_by: actor.principal!.id }).execute();
        return {
          result: undefined,
          change: { action: 'enterprise.code_exception', targetType: 'credit_code', targetId: code, regionCode: actor.grant?.regionCode ?? null, detail: { reason: input.reason.trim(), failed: parsed.errors.map((e) => e.code) } },
        };
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw conflict('该代码已被认可', 'this code is already accepted');
      throw e;
    }
    return { creditCode: code, failed: parsed.errors.map((e) => e.code) };
  }

  /** Enterprises the person may act for now: as legal representative, or as an agent with a live grant. */
  async mine(personId: string): Promise<EnterpriseView[]> {
    const own = await this.db.selectFrom('identity.enterprise').select(['id', 'credit_code', 'name']).where('legal_rep_person_id', '=', personId).orderBy('name').execute();
    const grants = await this.db
      .selectFrom('identity.agent_grant as g')
      .innerJoin('identity.enterprise as e', 'e.id', 'g.enterprise_id')
      .select(['e.id', 'e.credit_code', 'e.name', 'g.item_types', 'g.expires_at'])
      .where('g.person_id', '=', personId)
      .where('g.revoked_at', 'is', null)
      .where('g.expires_at', '>', new Date())
      .orderBy('e.name')
      .execute();
    return [
      ...own.map((e) => ({ id: e.id, creditCode: e.credit_code, name: e.name, as: 'legal_representative' as const, itemTypes: 'all' as const, expiresAt: null })),
      ...grants.map((g) => ({ id: g.id, creditCode: g.credit_code, name: g.name, as: 'agent' as const, itemTypes: g.item_types ?? ('all' as const), expiresAt: new Date(g.expires_at).toISOString() })),
    ];
  }

  /** What the person may do for the enterprise right now, or null (no grant, revoked, expired). */
  async actingFor(personId: string, enterpriseId: string): Promise<ActingFor | null> {
    const e = (await this.mine(personId)).find((x) => x.id === enterpriseId);
    return e ? { enterpriseId: e.id, creditCode: e.creditCode, name: e.name, as: e.as, itemTypes: e.itemTypes } : null;
  }

  /** Chooses (or, with null, stops) acting for an enterprise in this session, without a new login. */
  async actAs(actor: Actor, sessionId: string, enterpriseId: string | null): Promise<ActingFor | null> {
    const personId = actor.principal!.id;
    const acting = enterpriseId ? await this.actingFor(personId, enterpriseId) : null;
    if (enterpriseId && !acting) throw fieldError('enterpriseId', 'grant', '您无权代表该主体办事', 'you may not act for this enterprise');
    await auditedTx(this.p.db, { ...actor, principal: actor.principal?.kind === 'person' ? { ...actor.principal, actingFor: acting } : actor.principal }, async (tx) => {
      await idDb(tx).updateTable('identity.session').set({ acting_for: enterpriseId }).where('id', '=', sessionId).execute();
      return { result: undefined, change: { action: 'person.act_for', targetType: 'person', targetId: personId, detail: { enterpriseId } } };
    });
    this.forgetPerson(personId);
    return acting;
  }

  private async ownEnterprise(actor: Actor, enterpriseId: string) {
    const e = await this.db.selectFrom('identity.enterprise').selectAll().where('id', '=', enterpriseId).executeTakeFirst();
    if (!e) throw notFound('市场主体', 'enterprise');
    if (e.legal_rep_person_id !== actor.principal?.id) throw forbidden({ zh: '只有法定代表人可以管理经办人', en: 'only the legal representative manages agents' });
    return e;
  }

  async agents(actor: Actor, enterpriseId: string): Promise<AgentView[]> {
    await this.ownEnterprise(actor, enterpriseId);
    const rows = await this.db
      .selectFrom('identity.agent_grant as g')
      .innerJoin('identity.person as p', 'p.id', 'g.person_id')
      .select(['g.id', 'p.name', 'p.id_number_masked', 'g.item_types', 'g.expires_at', 'g.revoked_at', 'g.created_at'])
      .where('g.enterprise_id', '=', enterpriseId)
      .orderBy('g.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      personName: r.name,
      idNumberMasked: r.id_number_masked,
      itemTypes: r.item_types ?? 'all',
      expiresAt: new Date(r.expires_at).toISOString(),
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /**
   * Makes a registered person an agent. The name must match the ID number's account: a wrong pair
   * gets the same answer as an unknown one.
   */
  async grantAgent(actor: Actor, enterpriseId: string, input: { name: string; idNumber: string; itemTypes: string[] | 'all'; expiresAt: string }) {
    const e = await this.ownEnterprise(actor, enterpriseId);
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok) throw invalid(parsed.errors.map((x) => ({ field: 'idNumber', rule: x.code, message: x.message })));
    const expires = new Date(input.expiresAt);
    if (!(expires.getTime() > Date.now()) || expires.getTime() > Date.now() + MAX_GRANT_DAYS * 86_400_000) {
      throw fieldError('expiresAt', 'range', '有效期须在今天之后、三年之内', 'the expiry must be after today and within three years');
    }
    const agent = await this.db
      .selectFrom('identity.person')
      .select(['id', 'name', 'id_number_masked'])
      .where('id_number_hash', '=', this.p.cipher.lookupHash(parsed.value.number))
      .where('active', '=', true)
      .executeTakeFirst();
    if (!agent || agent.name !== input.name.trim()) {
      throw fieldError('idNumber', 'registered', '没有与该姓名和身份证号码相符的注册用户', 'no registered person has this name and ID number');
    }
    if (agent.id === e.legal_rep_person_id) throw fieldError('idNumber', 'self', '法定代表人无需授权自己', 'the legal representative needs no grant');
    const itemTypes = input.itemTypes === 'all' ? null : [...new Set(input.itemTypes)].sort();
    return auditedTx(this.p.db, actor, async (tx) => {
      const row = await idDb(tx)
        .insertInto('identity.agent_grant')
        .values({ enterprise_id: enterpriseId, person_id: agent.id, item_types: itemTypes, expires_at: expires, granted_by: actor.principal!.id, revoked_at: null })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      const view: AgentView = {
        id: row.id,
        personName: agent.name,
        idNumberMasked: agent.id_number_masked,
        itemTypes: itemTypes ?? 'all',
        expiresAt: expires.toISOString(),
        revokedAt: null,
        createdAt: new Date(row.created_at).toISOString(),
      };
      return { result: view, change: { action: 'enterprise.agent_grant', targetType: 'enterprise', targetId: enterpriseId, after: view, detail: { agentPersonId: agent.id } } };
    });
  }

  /** Takes effect at once: the agent's sessions stop acting for the enterprise. */
  async revokeAgent(actor: Actor, enterpriseId: string, grantId: string) {
    await this.ownEnterprise(actor, enterpriseId);
    const personId = await auditedTx(this.p.db, actor, async (tx) => {
      const t = idDb(tx);
      const g = await t.selectFrom('identity.agent_grant').selectAll().where('id', '=', grantId).where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();
      if (!g) throw notFound('授权', 'grant');
      if (g.revoked_at) throw conflict('该授权已撤销', 'this grant is already revoked');
      await t.updateTable('identity.agent_grant').set({ revoked_at: new Date() }).where('id', '=', grantId).execute();
      await t.updateTable('identity.session').set({ acting_for: null }).where('person_id', '=', g.person_id).where('acting_for', '=', enterpriseId).execute();
      return { result: g.person_id, change: { action: 'enterprise.agent_revoke', targetType: 'enterprise', targetId: enterpriseId, detail: { grantId, agentPersonId: g.person_id } } };
    });
    this.forgetPerson(personId);
  }
}
