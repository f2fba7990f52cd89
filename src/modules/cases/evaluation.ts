import { randomBytes } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import { auditedTx, type Actor } from '../../core/audit.ts';
import type { Tx } from '../../core/db.ts';
import { sha256Hex } from '../../core/digest.ts';
import { fieldError, forbidden, invalid, notFound, Problem } from '../../core/errors.ts';
import { authorizingGrant, roleAllows, type PersonPrincipal } from '../../core/permissions.ts';
import { hit } from '../../core/ratelimit.ts';
import type { OrgApi } from '../org/index.ts';
import {
  countedRating,
  decideAppeal,
  isPoor,
  mayAppeal,
  ratingProblems,
  ratingRound,
  rectificationDue,
  rectify,
  type AppealGround,
  type EvaluationChannel,
  type RatingInput,
  type RectificationAction,
  type Refusal,
  type Subject,
} from './evaluation-model.ts';
import { evaluationDb, type EvaluationDb, type SubjectKey } from './evaluation-queries.ts';
import type { RectificationTable, VisitTable } from './evaluation-schema.ts';
import type { CasesService } from './service.ts';

/** Ratings at a window pad come from the hall's own address: generous, yet a limit on scripted ones. */
export const VISIT_LIMITS = {
  read: { max: 300, windowSeconds: 600 },
  rate: { max: 60, windowSeconds: 600 },
};

/** What a rating is about: the case or visit, whom it concerns and the department that answers for it. */
interface Target {
  key: SubjectKey;
  subject: Subject;
  personId: string | null;
  regionCode: string;
  departmentId: string;
  departmentName: string;
}

const refused = (r: Refusal, prefix: string) => new Problem(409, `${prefix}-${r.code}`, { zh: r.zh, en: r.en });

/**
 * The changes of evaluation (好差评): ratings of cases and window visits, the rectification of poor
 * ratings and appeals against them. Each is one transaction with its audit entry and an
 * `evaluation.*` event.
 */
export class Evaluations {
  constructor(
    private readonly s: CasesService,
    private readonly org: OrgApi,
  ) {}

  private get db(): EvaluationDb {
    return evaluationDb(this.s.p.db);
  }

  /** The rater hears when the rectification of their poor rating is done, and that they may rate once more. */
  subscribe() {
    this.s.p.outbox.subscribe({
      name: 'cases.evaluation-rectified',
      types: ['evaluation.rectification.closed'],
      handle: async (e) => {
        const r = e.payload as { personId: string | null; caseId: string | null; caseNumber: string | null; departmentName: string };
        if (!r.personId) return;
        const what = r.caseNumber ? { zh: `办件 ${r.caseNumber} `, en: `case ${r.caseNumber}` } : { zh: '窗口服务', en: 'the window service' };
        await this.s.tell(
          r.personId,
          r.caseId,
          `您对${what.zh}的评价已由${r.departmentName}完成整改，欢迎查看整改结果并再次评价。`,
          `${r.departmentName} has rectified what you rated about ${what.en}: see the outcome, and rate once more if you wish.`,
        );
      },
    });
  }

  /** The applicant rates their completed or refused case (一事一评). */
  async rateCase(actor: Actor, person: PersonPrincipal, caseId: string, input: RatingInput) {
    const row = await this.s.ownRow(person, caseId);
    return this.rate(actor, 'online', input, async (tx) => {
      const locked = await tx.selectFrom('cases.case').select('state').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
      return {
        key: { column: 'case_id', id: row.id },
        subject: { kind: 'case', state: locked.state },
        personId: person.id,
        regionCode: row.region_code,
        departmentId: row.department_id,
        departmentName: row.department_name,
      };
    });
  }

  /**
   * A window clerk opens a visit: the service of one person at one window, answerable to the case's
   * department or, for a service without a case, to the clerk's own (or the named) department.
   * Returns the token that rates it, once, without logging in.
   */
  async openVisit(actor: Actor, input: { hallId: string; windowNumber: number; caseId?: string; personId?: string; departmentId?: string }) {
    const me = actor.principal!;
    const intakeIn = (regionCode: string) => {
      if (!authorizingGrant(me.grants, 'case:intake', { regionCode }, (c) => this.s.p.regionParents.get(c))) {
        throw forbidden({ zh: '该服务不在您所在大厅的受理范围内', en: 'this service is outside the regions your hall serves' });
      }
    };
    let served: { regionCode: string; departmentId: string; departmentName: string; caseId: string | null; personId: string | null; itemName: string | null };
    if (input.caseId) {
      const c = await this.db.selectFrom('cases.case').selectAll().where('id', '=', input.caseId).executeTakeFirst();
      if (!c) throw fieldError('caseId', 'exists', '没有这个办件', 'no such case');
      intakeIn(c.region_code);
      served = { regionCode: c.region_code, departmentId: c.department_id, departmentName: c.department_name, caseId: c.id, personId: c.person_id, itemName: c.item_name };
    } else {
      const departmentId = input.departmentId ?? me.grants.find((g) => roleAllows(g.role, 'case:intake') && g.departmentId)?.departmentId;
      if (!departmentId) throw fieldError('departmentId', 'required', '请选择提供服务的部门', 'name the department that served');
      const d = await this.org.department(departmentId);
      if (!d) throw fieldError('departmentId', 'exists', '没有这个部门', 'no such department');
      intakeIn(d.regionCode);
      served = { regionCode: d.regionCode, departmentId: d.id, departmentName: d.name, caseId: null, personId: null, itemName: null };
    }
    const personId = input.personId ?? served.personId;
    if (input.personId && !(await this.s.identity.person(input.personId))) throw fieldError('personId', 'exists', '找不到该自然人', 'no such person');
    const token = randomBytes(24).toString('base64url');
    try {
      return await auditedTx(this.s.p.db, actor, async (t) => {
        const v = await evaluationDb(t)
          .insertInto('cases.visit')
          .values({
            token_sha256: sha256Hex(token),
            hall_id: input.hallId,
            window_number: input.windowNumber,
            clerk_id: me.id,
            clerk_name: me.name,
            case_id: served.caseId,
            person_id: personId,
            region_code: served.regionCode,
            department_id: served.departmentId,
            department_name: served.departmentName,
            item_name: served.itemName,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id: v.id, token, ratingUrl: `/rate/${token}`, windowNumber: v.window_number, departmentName: v.department_name, itemName: v.item_name, openedAt: new Date(v.opened_at).toISOString() },
          change: { action: 'evaluation.visit.open', targetType: 'visit', targetId: v.id, regionCode: v.region_code, after: { hallId: v.hall_id, windowNumber: v.window_number, caseId: v.case_id } },
        };
      });
    } catch (e) {
      if ((e as { code?: string; constraint?: string }).constraint === 'visit_hall_id_fkey') throw fieldError('hallId', 'exists', '没有这个大厅', 'no such hall');
      throw e;
    }
  }

  /** A visit by its token (the rating page), or 404; each look-up counts against the caller's address. */
  async visitByToken(ip: string, token: string) {
    await hit(this.s.p.db, [{ key: `visit-read:ip:${ip}`, ...VISIT_LIMITS.read }]);
    const v = await this.db.selectFrom('cases.visit').selectAll().where('token_sha256', '=', sha256Hex(token)).executeTakeFirst();
    if (!v) throw notFound('评价链接（可能已失效）', 'rating link (it may have expired)');
    return v;
  }

  /** The rating of a window visit (一次一评), by whoever holds its token; no login. Returns the visit. */
  async rateVisit(actor: Actor, token: string, input: RatingInput) {
    await hit(this.s.p.db, [{ key: `visit-rate:ip:${actor.ip ?? 'unknown'}`, ...VISIT_LIMITS.rate }]);
    const hash = sha256Hex(token);
    let visit: Selectable<VisitTable> | undefined;
    await this.rate(actor, 'window', input, async (tx) => {
      const v = (visit = await tx.selectFrom('cases.visit').selectAll().where('token_sha256', '=', hash).forUpdate().executeTakeFirst());
      if (!v) throw notFound('评价链接（可能已失效）', 'rating link (it may have expired)');
      return {
        key: { column: 'visit_id', id: v.id },
        subject: { kind: 'visit' },
        personId: v.person_id,
        regionCode: v.region_code,
        departmentId: v.department_id,
        departmentName: v.department_name,
      };
    });
    return visit!;
  }

  /**
   * One rating: the subject is locked (by `lock`, which names it), the rules say whether a first or
   * a second rating is open, the statistics' counted rating is settled, and a poor rating opens its
   * rectification for the department, due in 5 working days.
   */
  private async rate(actor: Actor, channel: EvaluationChannel, input: RatingInput, lock: (tx: EvaluationDb) => Promise<Target>) {
    const errors = ratingProblems(input, channel);
    if (errors.length) throw invalid(errors);
    return auditedTx(this.s.p.db, actor, async (t) => {
      const tx = evaluationDb(t);
      const target = await lock(tx);
      const prior = await tx
        .selectFrom('cases.evaluation as e')
        .leftJoin('cases.rectification as r', 'r.evaluation_id', 'e.id')
        .select(['e.round', 'r.state'])
        .where(`e.${target.key.column}`, '=', target.key.id)
        .execute();
      const round = ratingRound(target.subject, prior.map((p) => ({ round: p.round, rectification: p.state })));
      if (!round.ok) throw refused(round, 'evaluation');
      const today = this.s.today();
      const e = await tx
        .insertInto('cases.evaluation')
        .values({
          case_id: target.key.column === 'case_id' ? target.key.id : null,
          visit_id: target.key.column === 'visit_id' ? target.key.id : null,
          round: round.round,
          channel,
          level: input.level,
          indicators: [...input.indicators],
          comment: input.comment.trim(),
          person_id: target.personId,
          region_code: target.regionCode,
          department_id: target.departmentId,
          department_name: target.departmentName,
          rated_on: today,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.recount(tx, target.key);
      const event = { evaluationId: e.id, [target.key.column === 'case_id' ? 'caseId' : 'visitId']: target.key.id, channel: e.channel, level: e.level, round: e.round, regionCode: e.region_code, departmentId: e.department_id };
      await this.s.p.outbox.append(t, { aggregateType: 'evaluation', aggregateId: e.id, type: 'evaluation.rated', payload: event });
      if (isPoor(input.level)) {
        const dueOn = rectificationDue(this.s.p.calendar, today);
        const r = await tx
          .insertInto('cases.rectification')
          .values({ evaluation_id: e.id, region_code: e.region_code, department_id: e.department_id, department_name: e.department_name, opened_on: today, due_on: dueOn })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.s.p.outbox.append(t, { aggregateType: 'evaluation', aggregateId: e.id, type: 'evaluation.rectification.opened', payload: { ...event, rectificationId: r.id, departmentName: e.department_name, dueOn } });
      }
      return {
        result: e.id,
        change: { action: 'evaluation.rate', targetType: 'evaluation', targetId: e.id, regionCode: e.region_code, after: { level: e.level, round: e.round }, detail: { [target.key.column]: target.key.id, channel: e.channel } },
      };
    });
  }

  /** Marks the one rating of the subject that the statistics count (`countedRating`). */
  private async recount(tx: EvaluationDb, key: SubjectKey) {
    const ratings = await tx.selectFrom('cases.evaluation').select(['id', 'round', 'excluded']).where(key.column, '=', key.id).execute();
    const counted = countedRating(ratings);
    const others = tx.updateTable('cases.evaluation').set({ counted: false }).where(key.column, '=', key.id);
    await (counted ? others.where('id', '!=', counted.id) : others).execute();
    if (counted) await tx.updateTable('cases.evaluation').set({ counted: true }).where('id', '=', counted.id).execute();
  }

  /** The department records its call-back to the rater (reached or not, and what was said). */
  callback(actor: Actor, id: string, input: { record: string; reached: boolean }) {
    const by = actor.principal!.name;
    return this.rectification(actor, id, 'callback', { callback_record: input.record.trim(), callback_reached: input.reached, called_back_by: by, called_back_at: new Date() });
  }

  /** The department closes the rectification with its outcome; the rater may then rate once more. */
  close(actor: Actor, id: string, outcome: string) {
    return this.rectification(actor, id, 'close', { outcome: outcome.trim(), closed_by: actor.principal!.name, closed_at: new Date() });
  }

  private async rectification(actor: Actor, id: string, action: RectificationAction, set: Updateable<RectificationTable>) {
    return auditedTx(this.s.p.db, actor, async (t) => {
      const tx = evaluationDb(t);
      const r = await tx.selectFrom('cases.rectification').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!r) throw notFound('整改任务', 'rectification');
      const out = rectify(r.state, action);
      if (!out.ok) throw refused(out, 'rectification');
      await tx.updateTable('cases.rectification').set({ ...set, state: out.next }).where('id', '=', id).execute();
      await this.rectificationEvent(tx, t, r, out.next);
      return { result: id, change: { action: `evaluation.rectification.${action}`, targetType: 'rectification', targetId: id, regionCode: r.region_code, before: { state: r.state }, after: { state: out.next } } };
    });
  }

  /** `evaluation.rectification.<called-back|closed|cancelled>`, with whom to tell about it. */
  private async rectificationEvent(tx: EvaluationDb, t: Tx<unknown>, r: Pick<RectificationTable, 'evaluation_id' | 'department_name'> & { id: string }, state: string) {
    const e = await tx
      .selectFrom('cases.evaluation as e')
      .leftJoin('cases.case as c', 'c.id', 'e.case_id')
      .select(['e.case_id', 'e.visit_id', 'e.person_id', 'c.number'])
      .where('e.id', '=', r.evaluation_id)
      .executeTakeFirstOrThrow();
    await this.s.p.outbox.append(t, {
      aggregateType: 'evaluation',
      aggregateId: r.evaluation_id,
      type: `evaluation.rectification.${state.replace('_', '-')}`,
      payload: { rectificationId: r.id, evaluationId: r.evaluation_id, caseId: e.case_id, visitId: e.visit_id, caseNumber: e.number, personId: e.person_id, departmentName: r.department_name },
    });
  }

  /** The handling department appeals a poor rating as mistaken or malicious (申诉), once. */
  async appeal(actor: Actor, evaluationId: string, input: { ground: AppealGround; reason: string }) {
    const me = actor.principal!;
    return auditedTx(this.s.p.db, actor, async (t) => {
      const tx = evaluationDb(t);
      const e = await tx.selectFrom('cases.evaluation').select(['id', 'level', 'region_code', 'department_id']).where('id', '=', evaluationId).forUpdate().executeTakeFirst();
      if (!e) throw notFound('评价', 'rating');
      const earlier = await tx.selectFrom('cases.appeal').select('state').where('evaluation_id', '=', e.id).executeTakeFirst();
      const no = mayAppeal({ level: e.level, appeal: earlier?.state ?? null });
      if (no) throw refused(no, 'appeal');
      const a = await tx
        .insertInto('cases.appeal')
        .values({ evaluation_id: e.id, region_code: e.region_code, department_id: e.department_id, ground: input.ground, reason: input.reason.trim(), submitted_by: me.id, submitted_by_name: me.name })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.s.p.outbox.append(t, { aggregateType: 'evaluation', aggregateId: e.id, type: 'evaluation.appeal.submitted', payload: { appealId: a.id, evaluationId: e.id, regionCode: e.region_code, departmentId: e.department_id, ground: input.ground } });
      return { result: a.id, change: { action: 'evaluation.appeal.submit', targetType: 'appeal', targetId: a.id, regionCode: e.region_code, after: { state: 'submitted', ground: input.ground }, detail: { evaluationId: e.id } } };
    });
  }

  /**
   * A reviewer of ratings decides an appeal. Upheld: the rating leaves the statistics (the subject's
   * earlier rating counts again, if there is one) and a running rectification is cancelled.
   */
  async decide(actor: Actor, appealId: string, input: { uphold: boolean; decision: string }) {
    const me = actor.principal!;
    return auditedTx(this.s.p.db, actor, async (t) => {
      const tx = evaluationDb(t);
      const a = await tx.selectFrom('cases.appeal').selectAll().where('id', '=', appealId).forUpdate().executeTakeFirst();
      if (!a) throw notFound('申诉', 'appeal');
      const out = decideAppeal(a.state, input.uphold);
      if (!out.ok) throw refused(out, 'appeal');
      await tx.updateTable('cases.appeal').set({ state: out.next, decision: input.decision.trim(), decided_by: me.id, decided_by_name: me.name, decided_at: new Date() }).where('id', '=', a.id).execute();
      if (out.next === 'upheld') {
        const e = await tx.updateTable('cases.evaluation').set({ excluded: true }).where('id', '=', a.evaluation_id).returning(['case_id', 'visit_id']).executeTakeFirstOrThrow();
        await this.recount(tx, e.case_id ? { column: 'case_id', id: e.case_id } : { column: 'visit_id', id: e.visit_id! });
        const r = await tx.selectFrom('cases.rectification').selectAll().where('evaluation_id', '=', a.evaluation_id).forUpdate().executeTakeFirst();
        const cancel = r && rectify(r.state, 'cancel');
        if (r && cancel?.ok) {
          await tx.updateTable('cases.rectification').set({ state: cancel.next }).where('id', '=', r.id).execute();
          await this.rectificationEvent(tx, t, r, cancel.next);
        }
      }
      await this.s.p.outbox.append(t, { aggregateType: 'evaluation', aggregateId: a.evaluation_id, type: `evaluation.appeal.${out.next}`, payload: { appealId: a.id, evaluationId: a.evaluation_id, regionCode: a.region_code, departmentId: a.department_id } });
      return { result: a.id, change: { action: 'evaluation.appeal.decide', targetType: 'appeal', targetId: a.id, regionCode: a.region_code, before: { state: a.state }, after: { state: out.next } } };
    });
  }
}
