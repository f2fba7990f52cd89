import { sql, type Kysely, type Selectable } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import { shanghaiDate, type IsoDate } from '../../core/calendar.ts';
import type { Tx } from '../../core/db.ts';
import { forbidden, notFound, Problem, versionConflict } from '../../core/errors.ts';
import { isWithin, roleAllows, type Grant, type Principal } from '../../core/permissions.ts';
import type { Platform } from '../../core/platform.ts';
import type { IdentityApi } from '../identity/index.ts';
import { CASE_STATES, deadlines, queueOf, transition, type ActionType, type ActorRole, type CaseAction, type CaseCore, type Deadlines } from './model.ts';
import type { CaseTable, CasesTables } from './schema.ts';

export const casesDb = (db: Kysely<unknown>) => db as Kysely<CasesTables>;

export type CaseRow = Selectable<CaseTable>;

export interface CaseView {
  id: string;
  number: string;
  queryCode: string;
  channel: string;
  item: { id: string; code: string; name: string; version: number; type: string };
  regionCode: string;
  departmentId: string;
  departmentName: string;
  /** The hall whose window took the case in (window channel). */
  hallId: string | null;
  applicant: { kind: 'person' | 'enterprise'; name: string; number: string; agentName: string | null };
  state: string;
  stateLabel: { zh: string; en: string };
  queue: string | null;
  step: { index: number; name: string; role: string };
  core: CaseCore;
  deadlines: Deadlines;
  assignee: { id: string; name: string } | null;
  answers: Record<string, string>;
  form: Record<string, unknown>;
  snapshot: CaseRow['snapshot'];
  checks: CaseRow['checks'];
  resultAvailable: boolean;
  receivedAt: string;
  completedAt: string | null;
  updatedAt: string;
  version: number;
}

/** Actions an applicant (or the agent acting for the applicant enterprise) may take. */
export const APPLICANT_ACTIONS: readonly ActionType[] = ['supplement', 'withdraw', 'confirm-delivery'];

/** Actions whose outcome the applicant hears about (SMS and an in-site message). */
const NOTIFIED: Partial<Record<ActionType, { zh: string; en: string }>> = {
  accept: { zh: '已受理', en: 'has been accepted' },
  'deem-accept': { zh: '已依法视为受理', en: 'is deemed accepted by law' },
  refuse: { zh: '不予受理，请查看不予受理决定书', en: 'was refused; see the refusal decision' },
  'request-supplement': { zh: '需要补正材料，请按一次性告知单一次补齐', en: 'needs a supplement; the notice lists everything at once' },
  decide: { zh: '已作出决定', en: 'has been decided' },
  issue: { zh: '结果文书已制作', en: 'has its result document issued' },
  deliver: { zh: '结果已送达或寄出', en: 'has its result delivered or sent' },
  'confirm-delivery': { zh: '已办结，欢迎评价', en: 'is completed; please rate the service' },
};

/** The roles a staff principal holds for a case: window clerks by region (一窗受理), others by region and department. */
export function rolesFor(principal: Principal | null, c: { region_code: string; department_id: string }, parentOf: (code: string) => string | null | undefined): ActorRole[] {
  if (principal?.kind !== 'staff') return [];
  const covers = (g: Grant) =>
    roleAllows(g.role, 'case:handle') && isWithin(parentOf, c.region_code, g.regionCode) && (g.role === 'window_clerk' || g.departmentId === null || g.departmentId === c.department_id);
  return [...new Set(principal.grants.filter(covers).map((g) => g.role as ActorRole))];
}

/** Which of the actor's roles acts: the one the action or the current step needs, when held. */
export function roleFor(core: CaseCore, action: ActionType, roles: readonly ActorRole[]): ActorRole | null {
  const clerkAction = ['accept', 'refuse', 'issue', 'deliver', 'confirm-delivery'].includes(action) || (action === 'request-supplement' && core.state === 'submitted');
  const wanted: ActorRole[] = clerkAction ? ['window_clerk'] : action === 'answer-extension' || action === 'decide' ? ['department_head'] : [core.steps[core.step]?.role ?? 'reviewer', 'department_head'];
  return wanted.find((r) => roles.includes(r)) ?? roles[0] ?? null;
}

export interface ActOptions {
  note?: string | null;
  data?: Record<string, unknown>;
  /** Extra writes in the same transaction (materials of a supplement, the result document). */
  also?: (tx: Tx<CasesTables>, row: CaseRow) => Promise<void>;
  patch?: Partial<Pick<CaseTable, 'result_sha256'>>;
}

export class CasesService {
  constructor(
    readonly p: Platform,
    readonly identity: IdentityApi,
  ) {}

  get db() {
    return casesDb(this.p.db);
  }

  today(): IsoDate {
    return shanghaiDate();
  }

  view(r: CaseRow, today = this.today()): CaseView {
    const step = r.core.steps[r.core.step]!;
    return {
      id: r.id,
      number: r.number,
      queryCode: r.query_code,
      channel: r.channel,
      item: { id: r.item_id, code: r.item_code, name: r.item_name, version: r.item_version, type: r.item_type },
      regionCode: r.region_code,
      departmentId: r.department_id,
      departmentName: r.department_name,
      hallId: r.hall_id,
      applicant: { kind: r.applicant_kind, name: r.applicant_name, number: r.applicant_number, agentName: r.agent_name },
      state: r.state,
      stateLabel: CASE_STATES[r.state],
      queue: r.queue,
      step: { index: r.core.step, name: step.name, role: step.role },
      core: r.core,
      deadlines: deadlines(r.core, this.p.calendar, today, this.p.config.CASE_WARN_DAYS),
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
      answers: r.answers,
      form: r.form,
      snapshot: r.snapshot,
      checks: r.checks,
      resultAvailable: r.result_sha256 !== null,
      receivedAt: new Date(r.received_at).toISOString(),
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    };
  }

  async row(id: string): Promise<CaseRow> {
    const r = await this.db.selectFrom('cases.case').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('办件', 'case');
    return r;
  }

  /** Where a case lies, for the route guards; null when there is no such case. */
  async scopeOf(id: string): Promise<{ regionCode: string; departmentId: string } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const r = await this.db.selectFrom('cases.case').select(['region_code', 'department_id']).where('id', '=', id).executeTakeFirst();
    return r ? { regionCode: r.region_code, departmentId: r.department_id } : null;
  }

  /** The applicant's own case (the person, or the enterprise they act for); 404 for anyone else's. */
  async ownRow(principal: Principal | null, id: string): Promise<CaseRow> {
    if (principal?.kind !== 'person' || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound('办件', 'case');
    const r = await this.db.selectFrom('cases.case').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !ownsCase(principal, r)) throw notFound('办件', 'case');
    return r;
  }

  /**
   * Runs one action of the state machine: the row is locked and its version compared (a stale
   * version gets 409 with the current case), the machine decides, and the new state, a timeline
   * entry, the audit entry and a `case.<action>` event are written in one transaction.
   */
  async act(actor: Actor, id: string, version: number, action: CaseAction, opts: ActOptions = {}): Promise<CaseView> {
    const principal = actor.principal;
    return auditedTx(this.p.db, actor, async (t) => {
      const tx = t as Tx<CasesTables>;
      const row = await tx.selectFrom('cases.case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('办件', 'case');
      const role = this.actorRole(principal, row, action.type);
      if (row.version !== version) throw versionConflict(this.view(row));
      const today = this.today();
      const out = transition(row.core, action, { role, actorId: principal?.id ?? 'system', today, calendar: this.p.calendar });
      if (!out.ok) {
        const status = out.code === 'role' ? 403 : 409;
        throw new Problem(status, `case-${out.code}`, { zh: out.zh, en: out.en }, [], { current: this.view(row, today) });
      }
      const next = out.next;
      const stepChanged = next.step !== row.core.step || next.state !== row.state;
      const d = deadlines(next, this.p.calendar, today, this.p.config.CASE_WARN_DAYS);
      const updated = await tx
        .updateTable('cases.case')
        .set({
          core: JSON.stringify(next) as unknown as CaseCore,
          state: next.state,
          queue: queueOf(next),
          due_on: d.promisedDue ?? d.acceptanceDue,
          version: row.version + 1,
          updated_at: new Date(),
          ...(stepChanged ? { assignee_id: null, assignee_name: null } : {}),
          ...(next.state === 'completed' || next.state === 'refused' || next.state === 'withdrawn' ? { completed_at: new Date() } : {}),
          ...opts.patch,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await opts.also?.(tx, updated);
      await this.timeline(tx, updated, actor, action.type, row.state, opts.note ?? null, { ...actionData(action), ...opts.data, ...(out.flagged ? { flagged: out.flagged } : {}) });
      await this.p.outbox.append(t, {
        aggregateType: 'case',
        aggregateId: id,
        type: `case.${action.type}`,
        payload: { caseId: id, number: row.number, personId: row.person_id, itemCode: row.item_code, from: row.state, to: next.state, flagged: out.flagged ?? null },
      });
      return {
        result: this.view(updated, today),
        change: { action: `case.${action.type}`, targetType: 'case', targetId: id, regionCode: row.region_code, before: { state: row.state, step: row.core.step }, after: { state: next.state, step: next.step }, detail: out.flagged ? { flagged: out.flagged } : undefined },
      };
    });
  }

  private actorRole(principal: Principal | null, row: CaseRow, action: ActionType): ActorRole {
    if (action === 'deem-accept') return 'system';
    if (principal?.kind === 'person') {
      if (!ownsCase(principal, row)) throw notFound('办件', 'case');
      return 'applicant';
    }
    const role = roleFor(row.core, action, rolesFor(principal, row, (c) => this.p.regionParents.get(c)));
    if (!role) throw forbidden({ zh: '该办件不在您的管辖范围内', en: 'this case is outside your region or department' });
    return role;
  }

  /** Appends a timeline entry (the next number of the case's own sequence). */
  async timeline(tx: Tx<CasesTables>, row: Pick<CaseRow, 'id' | 'state' | 'core'>, actor: Actor, action: string, fromState: string | null, note: string | null, data: Record<string, unknown> | null) {
    const p = actor.principal;
    await sql`
      insert into cases.case_event (case_id, seq, actor_kind, actor_id, actor_name, action, from_state, to_state, step, note, data)
      select ${row.id}, coalesce(max(seq), 0) + 1, ${p?.kind ?? 'system'}, ${p?.id ?? null}, ${p?.name ?? '系统'}, ${action}, ${fromState}, ${row.state}, ${row.core.step}, ${note}, ${data === null ? null : JSON.stringify(data)}::jsonb
      from cases.case_event where case_id = ${row.id}`.execute(tx);
  }

  async messages(personId: string, page: number, pageSize: number) {
    const base = this.db.selectFrom('cases.message').where('person_id', '=', personId);
    const [rows, counts] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      base.select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) filter (where read_at is null)::int`.as('unread')]).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((m) => ({ id: Number(m.id), caseId: m.case_id, text: { zh: m.text_zh, en: m.text_en }, at: new Date(m.at).toISOString(), read: m.read_at !== null })),
      total: Number(counts.total),
      unread: Number(counts.unread),
    };
  }

  async markRead(personId: string, ids: number[]) {
    if (ids.length) await this.db.updateTable('cases.message').set({ read_at: new Date() }).where('person_id', '=', personId).where('id', 'in', ids).where('read_at', 'is', null).execute();
  }

  /** The applicant hears about the steps that concern them: an in-site message, and an SMS. */
  async notify(e: { caseId: string; number: string; personId: string; action: ActionType; to: string }) {
    // Completion (by any delivery) invites a rating.
    const what = e.to === 'completed' ? NOTIFIED['confirm-delivery'] : NOTIFIED[e.action];
    if (what) await this.tell(e.personId, e.caseId, `您的办件 ${e.number} ${what.zh}。`, `Your case ${e.number} ${what.en}.`);
  }

  async tell(personId: string, caseId: string | null, zh: string, en: string) {
    await this.db.insertInto('cases.message').values({ person_id: personId, case_id: caseId, text_zh: zh, text_en: en }).execute();
    const person = await this.identity.person(personId);
    if (person) await this.p.sms.send({ to: person.mobile, text: `【湖北政务服务】${zh}`, purpose: 'case-progress' });
  }
}

/** The applicant or their enterprise: a person sees the cases they filed for themselves, or those of the enterprise they act for. */
export function ownsCase(principal: Principal, r: Pick<CaseRow, 'person_id' | 'enterprise_id'>): boolean {
  if (principal.kind !== 'person') return false;
  const acting = principal.actingFor?.enterpriseId ?? null;
  return acting ? r.enterprise_id === acting : r.enterprise_id === null && r.person_id === principal.id;
}

/** The parts of an action worth keeping on the timeline (notice texts, reasons, the new step). */
function actionData(a: CaseAction): Record<string, unknown> {
  const { type: _type, ...rest } = a;
  return rest;
}
