import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { IsoDate } from '../../core/calendar.ts';
import { fieldError, notFound } from '../../core/errors.ts';
import { roleAllows, type Permission, type Principal } from '../../core/permissions.ts';
import type { OrgApi } from '../org/index.ts';
import {
  APPEAL_GROUNDS,
  APPEAL_STATES,
  EVALUATION_CHANNELS,
  isOverdue,
  LEVELS,
  RECTIFICATION_STATES,
  ratingRound,
  tally,
  type AppealState,
  type EvaluationChannel,
  type Level,
  type RectificationState,
  type Subject,
  type Tally,
} from './evaluation-model.ts';
import type { EvaluationTable, EvaluationTables } from './evaluation-schema.ts';
import type { CasesTables } from './schema.ts';
import type { CasesService } from './service.ts';

export type EvaluationDb = Kysely<CasesTables & EvaluationTables>;
export const evaluationDb = (db: Kysely<unknown>) => db as EvaluationDb;

/** A rated case or visit: the column of cases.evaluation that names it, and its id. */
export interface SubjectKey {
  column: 'case_id' | 'visit_id';
  id: string;
}

export const RECTIFICATION_FILTERS = ['running', 'overdue', 'open', 'called_back', 'closed', 'cancelled', 'all'] as const;
export type RectificationFilter = (typeof RECTIFICATION_FILTERS)[number];
export const APPEAL_FILTERS = ['submitted', 'upheld', 'rejected', 'all'] as const;
export type AppealFilter = (typeof APPEAL_FILTERS)[number];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** A `date` column as its ISO text: drivers would make a Date of it at some time zone's midnight. */
const dateText = (column: string) => sql<string>`${sql.ref(column)}::text`;

export function ratingView(e: Selectable<EvaluationTable>) {
  return {
    id: e.id,
    round: e.round,
    channel: e.channel,
    level: e.level,
    levelLabel: LEVELS[e.level],
    indicators: e.indicators,
    comment: e.comment,
    ratedAt: iso(e.rated_at)!,
    excluded: e.excluded,
  };
}

type DetailRow = Awaited<ReturnType<ReturnType<EvaluationQueries['details']>['executeTakeFirstOrThrow']>>;

/** The staff reads of evaluations (each within the caller's regions and department) and the public statistics. */
export class EvaluationQueries {
  constructor(
    private readonly s: CasesService,
    private readonly org: OrgApi,
  ) {}

  private get db() {
    return evaluationDb(this.s.p.db);
  }

  /** What the rater sees: their ratings, the rectification of the latest, and whether (and which) rating is open now. */
  async status(subject: Subject, key: SubjectKey) {
    const rows = await this.db
      .selectFrom('cases.evaluation as e')
      .leftJoin('cases.rectification as r', 'r.evaluation_id', 'e.id')
      .selectAll('e')
      .select(['r.state as r_state', dateText('r.due_on').as('r_due_on'), 'r.outcome as r_outcome', 'r.closed_at as r_closed_at', 'r.department_name as r_department'])
      .where(`e.${key.column}`, '=', key.id)
      .orderBy('e.round')
      .execute();
    const next = ratingRound(subject, rows.map((r) => ({ round: r.round, rectification: r.r_state })));
    const last = rows.at(-1);
    return {
      ratings: rows.map(ratingView),
      rectification: last?.r_state
        ? { state: last.r_state, stateLabel: RECTIFICATION_STATES[last.r_state], department: last.r_department!, dueOn: last.r_due_on, outcome: last.r_outcome, closedAt: iso(last.r_closed_at) }
        : null,
      next: next.ok ? { open: true, round: next.round, reason: null } : { open: false, round: null, reason: { zh: next.zh, en: next.en } },
    };
  }

  /** Rows whose region lies under one of the caller's grants holding `permission` (and in its department, when the grant names one). */
  private reach(principal: Principal, permission: Permission, region: string, department: string): RawBuilder<SqlBool> {
    const ors = principal.grants
      .filter((g) => roleAllows(g.role, permission))
      .map((g) => {
        const inRegion = sql`${sql.ref(region)} in (${sql.join(this.org.subtree(g.regionCode).concat(''))})`;
        return g.departmentId === null ? inRegion : sql`(${inRegion} and ${sql.ref(department)} = ${g.departmentId})`;
      });
    return ors.length ? sql<SqlBool>`(${sql.join(ors, sql` or `)})` : sql<SqlBool>`false`;
  }

  private details() {
    return this.db
      .selectFrom('cases.evaluation as e')
      .leftJoin('cases.case as c', 'c.id', 'e.case_id')
      .leftJoin('cases.visit as v', 'v.id', 'e.visit_id')
      .leftJoin('cases.appeal as a', 'a.evaluation_id', 'e.id')
      .selectAll('e')
      .select([
        'c.number as case_number',
        'c.item_name as case_item',
        'c.person_id as case_person',
        'v.window_number',
        'v.item_name as visit_item',
        'v.person_id as visit_person',
        'a.id as a_id',
        'a.state as a_state',
        'a.ground as a_ground',
        'a.reason as a_reason',
        'a.submitted_by_name as a_by',
        'a.submitted_at as a_at',
        'a.decision as a_decision',
        'a.decided_by_name as a_decided_by',
        'a.decided_at as a_decided_at',
      ]);
  }

  private subjectOf(r: DetailRow) {
    return {
      rating: { ...ratingView(r), channelLabel: EVALUATION_CHANNELS[r.channel], departmentId: r.department_id, departmentName: r.department_name, regionCode: r.region_code },
      subject: r.case_id
        ? { kind: 'case' as const, caseId: r.case_id, caseNumber: r.case_number, itemName: r.case_item, windowNumber: null }
        : { kind: 'visit' as const, caseId: null, caseNumber: null, itemName: r.visit_item, windowNumber: r.window_number },
      appeal: r.a_id
        ? {
            id: r.a_id,
            state: r.a_state!,
            stateLabel: APPEAL_STATES[r.a_state!],
            ground: r.a_ground!,
            groundLabel: APPEAL_GROUNDS[r.a_ground!],
            reason: r.a_reason!,
            submittedBy: r.a_by!,
            submittedAt: iso(r.a_at)!,
            decision: r.a_decision,
            decidedBy: r.a_decided_by,
            decidedAt: iso(r.a_decided_at),
          }
        : null,
    };
  }

  /** The handling department's rectifications: the rating, whom to call back, the call-back, the outcome, any appeal. */
  async rectifications(principal: Principal, q: { state: RectificationFilter; page: number; pageSize: number }) {
    const today = this.s.today();
    let base = this.db.selectFrom('cases.rectification as r').where(this.reach(principal, 'evaluation:rectify', 'r.region_code', 'r.department_id'));
    if (q.state === 'running' || q.state === 'overdue') base = base.where('r.state', 'in', ['open', 'called_back']);
    else if (q.state !== 'all') base = base.where('r.state', '=', q.state);
    if (q.state === 'overdue') base = base.where('r.due_on', '<', today);
    const [rows, total] = await Promise.all([
      base.select('r.id').orderBy('r.due_on', q.state === 'closed' || q.state === 'cancelled' ? 'desc' : 'asc').orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await Promise.all(rows.map((r) => this.rectification(r.id))), total: Number(total.n) };
  }

  async rectification(id: string) {
    const r = await this.db
      .selectFrom('cases.rectification')
      .select(['id', 'evaluation_id', 'state', 'department_name', 'callback_record', 'callback_reached', 'called_back_by', 'called_back_at', 'outcome', 'closed_by', 'closed_at'])
      .select([dateText('opened_on').as('opened_on'), dateText('due_on').as('due_on')])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('整改任务', 'rectification');
    const e = await this.details().where('e.id', '=', r.evaluation_id).executeTakeFirstOrThrow();
    const personId = e.person_id ?? e.case_person ?? e.visit_person;
    const contact = personId ? await this.s.identity.person(personId) : null;
    const dueOn = r.due_on;
    return {
      id: r.id,
      evaluationId: r.evaluation_id,
      state: r.state as RectificationState,
      stateLabel: RECTIFICATION_STATES[r.state as RectificationState],
      departmentName: r.department_name,
      openedOn: r.opened_on,
      dueOn,
      overdue: isOverdue({ state: r.state as RectificationState, dueOn }, this.s.today()),
      contact: contact ? { name: contact.name, mobile: contact.mobile } : null,
      callback: r.called_back_at ? { record: r.callback_record!, reached: r.callback_reached!, by: r.called_back_by!, at: iso(r.called_back_at)! } : null,
      outcome: r.outcome,
      closedBy: r.closed_by,
      closedAt: iso(r.closed_at),
      ...this.subjectOf(e),
    };
  }

  /** Appeals for a reviewer of ratings, oldest waiting first. */
  async appeals(principal: Principal, q: { state: AppealFilter; page: number; pageSize: number }) {
    let base = this.details()
      .where('a.id', 'is not', null)
      .where(this.reach(principal, 'evaluation:appeal', 'a.region_code', 'a.department_id'));
    if (q.state !== 'all') base = base.where('a.state', '=', q.state as AppealState);
    const [rows, total] = await Promise.all([
      base.orderBy('a.submitted_at', q.state === 'submitted' ? 'asc' : 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.appealView(r)), total: Number(total.n) };
  }

  async appeal(id: string) {
    const r = await this.details().where('a.id', '=', id).executeTakeFirst();
    if (!r) throw notFound('申诉', 'appeal');
    return this.appealView(r);
  }

  private appealView(r: DetailRow) {
    const v = this.subjectOf(r);
    return { ...v, appeal: v.appeal! };
  }

  /** Where a rectification, a rating or an appeal lies, for the route guards; null when there is none. */
  async scopeOf(table: 'cases.rectification' | 'cases.evaluation' | 'cases.appeal', id: string): Promise<{ regionCode: string; departmentId: string } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const r = await this.db.selectFrom(table).select(['region_code', 'department_id']).where('id', '=', id).executeTakeFirst();
    return r ? { regionCode: r.region_code, departmentId: r.department_id } : null;
  }

  /**
   * The public statistics: counted ratings (each case or visit once, appeals upheld left out) by
   * level, with the satisfaction rate, in all and by channel, region and department. No person,
   * no comment.
   */
  async summary(q: { regionCode?: string; departmentId?: string; from?: IsoDate; to?: IsoDate }) {
    if (q.regionCode && !this.org.region(q.regionCode)) throw fieldError('regionCode', 'exists', '没有这个行政区划', 'no such region');
    if (q.from && q.to && q.from > q.to) throw fieldError('to', 'afterFrom', '结束日期不能早于开始日期', 'the end date is before the start date');
    let base = this.db.selectFrom('cases.evaluation').where('counted', '=', true);
    if (q.regionCode) base = base.where('region_code', 'in', this.org.subtree(q.regionCode));
    if (q.departmentId) base = base.where('department_id', '=', q.departmentId);
    if (q.from) base = base.where('rated_on', '>=', q.from);
    if (q.to) base = base.where('rated_on', '<=', q.to);
    const rows = await base
      .select(['channel', 'region_code', 'department_id', 'level', sql<string>`max(department_name)`.as('department_name'), sql<number>`count(*)::int`.as('n')])
      .groupBy(['channel', 'region_code', 'department_id', 'level'])
      .execute();
    const groups = <K extends string>(keyOf: (r: (typeof rows)[number]) => K) => {
      const out = new Map<K, Partial<Record<Level, number>>>();
      for (const r of rows) {
        const counts = out.get(keyOf(r)) ?? {};
        counts[r.level] = (counts[r.level] ?? 0) + Number(r.n);
        out.set(keyOf(r), counts);
      }
      return [...out].map(([key, counts]) => ({ key, ...tally(counts) })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
    };
    const names = new Map(rows.map((r) => [r.department_id, { name: r.department_name, regionCode: r.region_code }]));
    const strip = ({ key: _key, ...t }: Tally & { key: string }) => t;
    const [all] = groups(() => 'all');
    return {
      period: { from: q.from ?? null, to: q.to ?? null },
      overall: all ? strip(all) : tally({}),
      byChannel: groups((r) => r.channel).map((g) => ({ channel: g.key as EvaluationChannel, channelLabel: EVALUATION_CHANNELS[g.key as EvaluationChannel], ...strip(g) })),
      byRegion: groups((r) => r.region_code).map((g) => ({ regionCode: g.key, regionName: this.org.region(g.key)?.name ?? g.key, ...strip(g) })),
      byDepartment: groups((r) => r.department_id).map((g) => ({ departmentId: g.key, departmentName: names.get(g.key)!.name, regionCode: names.get(g.key)!.regionCode, ...strip(g) })),
    };
  }
}
