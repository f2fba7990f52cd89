import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { isWithin, roleAllows, type Principal } from '../../core/permissions.ts';
import { notFound } from '../../core/errors.ts';
import { CASE_STATES, FINAL_STATES } from './model.ts';
import type { CasesTables, Queue } from './schema.ts';
import { ownsCase, type CaseRow, type CasesService } from './service.ts';

export const QUEUES = ['to_accept', 'to_review', 'to_decide', 'paused', 'to_issue', 'to_deliver', 'overdue', 'mine', 'all'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface QueueQuery {
  queue: QueueName;
  /** Case number (prefix), applicant name, or item name/code. */
  q?: string;
  page: number;
  pageSize: number;
}

export interface QueueRow {
  id: string;
  number: string;
  itemCode: string;
  itemName: string;
  applicantName: string;
  applicantKind: string;
  channel: string;
  state: string;
  stateLabel: { zh: string; en: string };
  queue: string | null;
  departmentName: string;
  dueOn: string | null;
  light: 'green' | 'yellow' | 'red' | null;
  assignee: string | null;
  receivedAt: string;
}

type Eb = ExpressionBuilder<CasesTables, 'cases.case'>;

/** Timeline entries of the back office's own work: applicants and the public page never see them (nor the staff names they carry). */
const STAFF_ONLY = ['comment', 'open', 'checklist', 'assign', 'claim', 'transfer'];

/** The staff reads of cases: queues, search and detail, each limited to the caller's regions and departments. */
export class CaseQueries {
  constructor(private readonly s: CasesService) {}

  /**
   * Cases the principal may read: window clerks every case in their regions (一窗受理), others the
   * cases of their department (or all departments, for a grant without one) in their regions.
   */
  private visible(principal: Principal, eb: Eb): Expression<SqlBool> {
    const parentOf = (c: string) => this.s.p.regionParents.get(c);
    const ors = principal.grants
      .filter((g) => roleAllows(g.role, 'case:read'))
      .map((g) => {
        const regions = [...this.s.p.regionParents.keys()].filter((c) => isWithin(parentOf, c, g.regionCode));
        const inRegion = eb('region_code', 'in', regions.length ? regions : ['']);
        return g.role === 'window_clerk' || g.departmentId === null ? inRegion : eb.and([inRegion, eb('department_id', '=', g.departmentId)]);
      });
    return ors.length ? eb.or(ors) : eb.val(false);
  }

  async queue(principal: Principal, q: QueueQuery): Promise<{ items: QueueRow[]; total: number; counts: Record<string, number> }> {
    const today = this.s.today();
    let query = this.s.db.selectFrom('cases.case').where((eb) => this.visible(principal, eb));
    if (q.queue === 'overdue') query = query.where('queue', 'in', ['to_accept', 'to_review', 'to_decide']).where('due_on', '<', today);
    else if (q.queue === 'mine') query = query.where('assignee_id', '=', principal.id).where('queue', 'is not', null);
    else if (q.queue !== 'all') query = query.where('queue', '=', q.queue as Queue);
    const text = q.q?.trim();
    if (text) {
      query = /^[0-9]{4,20}$/.test(text)
        ? query.where('number', 'like', `${text}%`)
        : query.where((eb) => eb.or([eb('applicant_name', 'like', `%${text}%`), eb('item_name', 'like', `%${text}%`), eb('item_code', '=', text.toUpperCase())]));
    }
    const order = q.queue === 'all' ? sql`received_at desc` : sql`due_on`;
    // The page's ids first: sorting the queue's index entries, not its whole rows, then 20 rows by id.
    const page = query.select('id').orderBy(order).orderBy('number').limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const [rows, total, counts] = await Promise.all([
      this.s.db.selectFrom('cases.case').selectAll().where('id', 'in', page).orderBy(order).orderBy('number').execute(),
      // Without a search, a queue's total is its tab's count.
      text || q.queue === 'all' ? query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() : null,
      this.counts(principal),
    ]);
    return { items: rows.map((r) => this.queueRow(r, today)), total: total ? Number(total.n) : counts[q.queue]!, counts };
  }

  /** How many cases wait in each queue (for the tabs). */
  async counts(principal: Principal): Promise<Record<string, number>> {
    const today = this.s.today();
    const rows = await this.s.db
      .selectFrom('cases.case')
      .where((eb) => this.visible(principal, eb))
      .where('queue', 'is not', null)
      .select((eb) => [
        'queue',
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) filter (where ${eb.ref('due_on')} < ${today} and ${eb.ref('queue')} in ('to_accept', 'to_review', 'to_decide'))::int`.as('late'),
        sql<number>`count(*) filter (where ${eb.ref('assignee_id')} = ${principal.id})::int`.as('mine'),
      ])
      .groupBy('queue')
      .execute();
    const out: Record<string, number> = { to_accept: 0, to_review: 0, to_decide: 0, paused: 0, to_issue: 0, to_deliver: 0, overdue: 0, mine: 0 };
    for (const r of rows) {
      out[r.queue!] = Number(r.n);
      out.overdue! += Number(r.late);
      out.mine! += Number(r.mine);
    }
    return out;
  }

  queueRow(r: CaseRow, today = this.s.today()): QueueRow {
    const v = this.s.view(r, today);
    return {
      id: r.id,
      number: r.number,
      itemCode: r.item_code,
      itemName: r.item_name,
      applicantName: r.applicant_name,
      applicantKind: r.applicant_kind,
      channel: r.channel,
      state: r.state,
      stateLabel: CASE_STATES[r.state],
      queue: r.queue,
      departmentName: r.department_name,
      dueOn: v.deadlines.promisedDue ?? v.deadlines.acceptanceDue,
      light: v.deadlines.light,
      assignee: r.assignee_name,
      receivedAt: new Date(r.received_at).toISOString(),
    };
  }

  async materials(caseId: string) {
    const rows = await this.s.db.selectFrom('cases.case_material').selectAll().where('case_id', '=', caseId).orderBy('round').orderBy('added_at').execute();
    return rows.map((m) => ({ materialId: m.material_id, name: m.name, sha256: m.sha256, mediaType: m.media_type, size: m.size, fileName: m.file_name, source: m.source, round: m.round, addedAt: new Date(m.added_at).toISOString() }));
  }

  async timeline(caseId: string, forApplicant = false) {
    const rows = await this.s.db.selectFrom('cases.case_event').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
    return rows
      .filter((e) => !forApplicant || !STAFF_ONLY.includes(e.action))
      .map((e) => ({
        seq: e.seq,
        at: new Date(e.at).toISOString(),
        actorKind: e.actor_kind,
        actorName: forApplicant && e.actor_kind === 'staff' ? null : e.actor_name,
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        step: e.step,
        note: e.note,
        data: (e.data ?? null) as Record<string, unknown> | null,
      }));
  }

  /** A material file of a case: only files handed in for it (staff viewer and the applicant). */
  async materialFile(caseId: string, sha256: string) {
    const m = await this.s.db.selectFrom('cases.case_material').select(['file_name', 'media_type']).where('case_id', '=', caseId).where('sha256', '=', sha256).executeTakeFirst();
    const bytes = m ? await this.s.p.blobs.get(sha256) : null;
    if (!m || !bytes) throw notFound('文件', 'file');
    return { filename: m.file_name, bytes, type: m.media_type };
  }

  async resultFile(row: CaseRow) {
    const bytes = row.result_sha256 ? await this.s.p.blobs.get(row.result_sha256) : null;
    if (!bytes) throw notFound('结果文书', 'result document');
    return { filename: `${row.number}-result.pdf`, bytes, type: 'application/pdf' };
  }

  /** The applicant's cases (their own, or their enterprise's when acting for one). */
  async mine(principal: Principal, page: number, pageSize: number) {
    if (principal.kind !== 'person') return { items: [], total: 0 };
    const acting = principal.actingFor?.enterpriseId ?? null;
    const base = this.s.db
      .selectFrom('cases.case')
      .where((eb) => (acting ? eb('enterprise_id', '=', acting) : eb.and([eb('person_id', '=', principal.id), eb('enterprise_id', 'is', null)])));
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('received_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    const today = this.s.today();
    return { items: rows.filter((r) => ownsCase(principal, r)).map((r) => this.queueRow(r, today)), total: Number(total.n) };
  }

  /** The public progress page: by case number and query code, without login; no personal data beyond a masked name. */
  async progress(number: string, queryCode: string) {
    const r = await this.s.db.selectFrom('cases.case').selectAll().where('number', '=', number).executeTakeFirst();
    if (!r || r.query_code !== queryCode.toUpperCase()) throw notFound('办件（请核对办件编号和查询码）', 'case (check the number and the query code)');
    const v = this.s.view(r);
    const timeline = await this.timeline(r.id, true);
    return {
      number: r.number,
      itemName: r.item_name,
      departmentName: r.department_name,
      applicantName: maskName(r.applicant_name, r.applicant_kind),
      state: r.state,
      stateLabel: CASE_STATES[r.state],
      final: FINAL_STATES.includes(r.state),
      step: v.step,
      receivedAt: v.receivedAt,
      completedAt: v.completedAt,
      deadlines: { acceptanceDue: v.deadlines.acceptanceDue, promisedDue: v.deadlines.promisedDue, light: v.deadlines.light },
      timeline: timeline.map((e) => ({ at: e.at, action: e.action, toState: e.toState, stateLabel: CASE_STATES[e.toState as keyof typeof CASE_STATES] ?? null })),
    };
  }
}

/** 张三丰 → 张*丰, 李四 → 李*; an enterprise's name is public. */
export function maskName(name: string, kind: string): string {
  if (kind === 'enterprise') return name;
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
