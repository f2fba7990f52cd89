import type { FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import { Type, type TSchema } from 'typebox';
import { actorOf, type App } from '../../core/http.ts';
import type { PersonPrincipal } from '../../core/permissions.ts';
import { LabelText, Nullable, Page, Paging, RegionCode, Uuid } from '../../core/schemas.ts';
import type { Evaluations } from './evaluation.ts';
import { APPEAL_FILTERS, RECTIFICATION_FILTERS, type EvaluationQueries } from './evaluation-queries.ts';
import { APPEAL_GROUNDS, COMMENT_MAX, type Level } from './evaluation-model.ts';
import type { VisitTable } from './evaluation-schema.ts';
import type { CasesService } from './service.ts';

const Literals = <T extends string>(values: readonly T[], options: { default?: T } = {}) => Type.Union(values.map((v) => Type.Literal(v)), options);
const Day = Type.String({ format: 'date' });
const Stamp = Type.String({ format: 'date-time' });

const RatingIn = Type.Object({
  level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意' }),
  indicators: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, default: [], description: 'the national indicators the rating is about (online: efficiency, guide, convenience, usability; at a window: efficiency, competence, attitude)' }),
  comment: Type.String({ maxLength: COMMENT_MAX, default: '' }),
});
const RatingOut = Type.Object({
  id: Type.String(),
  round: Type.Integer(),
  channel: Type.String(),
  level: Type.Integer(),
  levelLabel: LabelText,
  indicators: Type.Array(Type.String()),
  comment: Type.String(),
  ratedAt: Stamp,
  excluded: Type.Boolean({ description: 'an upheld appeal took it out of the statistics' }),
});
const StatusOut = Type.Object({
  ratings: Type.Array(RatingOut),
  rectification: Nullable(Type.Object({ state: Type.String(), stateLabel: LabelText, department: Type.String(), dueOn: Day, outcome: Nullable(Type.String()), closedAt: Nullable(Stamp) })),
  next: Type.Object({ open: Type.Boolean(), round: Nullable(Type.Integer()), reason: Nullable(LabelText) }),
});
const VisitStatusOut = Type.Object({
  visit: Type.Object({ windowNumber: Type.Integer(), departmentName: Type.String(), itemName: Nullable(Type.String()), openedAt: Stamp }),
  ...StatusOut.properties,
});
const Evaluated = {
  rating: Type.Object({ ...RatingOut.properties, channelLabel: LabelText, departmentId: Type.String(), departmentName: Type.String(), regionCode: Type.String() }),
  subject: Type.Object({ kind: Type.String(), caseId: Nullable(Type.String()), caseNumber: Nullable(Type.String()), itemName: Nullable(Type.String()), windowNumber: Nullable(Type.Integer()) }),
};
const AppealOut = Type.Object({
  id: Type.String(),
  state: Type.String(),
  stateLabel: LabelText,
  ground: Type.String(),
  groundLabel: LabelText,
  reason: Type.String(),
  submittedBy: Type.String(),
  submittedAt: Stamp,
  decision: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Stamp),
});
const RectificationOut = Type.Object({
  id: Type.String(),
  evaluationId: Type.String(),
  state: Type.String(),
  stateLabel: LabelText,
  departmentName: Type.String(),
  openedOn: Day,
  dueOn: Day,
  overdue: Type.Boolean(),
  contact: Nullable(Type.Object({ name: Type.String(), mobile: Type.String() }, { description: 'whom to call back (the rater, when known)' })),
  callback: Nullable(Type.Object({ record: Type.String(), reached: Type.Boolean(), by: Type.String(), at: Stamp })),
  outcome: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  closedAt: Nullable(Stamp),
  ...Evaluated,
  appeal: Nullable(AppealOut),
});
const AppealCaseOut = Type.Object({ ...Evaluated, appeal: AppealOut });
const Levels = Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() });
const TallyOut = { total: Type.Integer(), levels: Levels, satisfied: Type.Integer(), rate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'satisfied (基本满意 or better) over all counted ratings' })) };
const tallied = <T extends Record<string, TSchema>>(props: T) => Type.Array(Type.Object({ ...props, ...TallyOut }));
const SummaryOut = Type.Object({
  period: Type.Object({ from: Nullable(Day), to: Nullable(Day) }),
  overall: Type.Object(TallyOut),
  byChannel: tallied({ channel: Type.String(), channelLabel: LabelText }),
  byRegion: tallied({ regionCode: Type.String(), regionName: Type.String() }),
  byDepartment: tallied({ departmentId: Type.String(), departmentName: Type.String(), regionCode: Type.String() }),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' }) });
const rating = (b: { level: number; indicators?: string[]; comment?: string }) => ({ level: b.level as Level, indicators: b.indicators ?? [], comment: b.comment ?? '' });

export function evaluationRoutes(app: App, s: CasesService, ev: Evaluations, q: EvaluationQueries) {
  const person = { access: { authenticated: true as const, kinds: ['person' as const] } };
  const scoped = (table: 'cases.rectification' | 'cases.evaluation' | 'cases.appeal') => async (req: FastifyRequest) => q.scopeOf(table, (req.params as { id: string }).id);
  const caseStatus = async (req: FastifyRequest & { params: { id: string } }) => {
    const row = await s.ownRow(req.principal, req.params.id);
    return q.status({ kind: 'case', state: row.state }, { column: 'case_id', id: row.id });
  };
  const visitStatus = async (v: Selectable<VisitTable>) => ({
    visit: { windowNumber: v.window_number, departmentName: v.department_name, itemName: v.item_name, openedAt: new Date(v.opened_at).toISOString() },
    ...(await q.status({ kind: 'visit' }, { column: 'visit_id', id: v.id })),
  });

  app.get('/api/my/cases/:id/evaluation', {
    config: person,
    schema: { tags: ['evaluation'], summary: '我对办件的评价，以及现在能否评价 / my rating of a case, and whether I may rate now', params: IdParams, response: { 200: StatusOut } },
    handler: async (req) => caseStatus(req),
  });

  app.post('/api/my/cases/:id/evaluation', {
    config: person,
    schema: {
      tags: ['evaluation'],
      summary: '评价已办结或不予受理的办件（一事一评；差评整改完成后可再评一次） / rate a completed or refused case, once (once more after a poor rating was rectified)',
      params: IdParams,
      body: RatingIn,
      response: { 201: StatusOut },
    },
    handler: async (req, reply) => {
      await ev.rateCase(actorOf(req), req.principal as PersonPrincipal, req.params.id, rating(req.body));
      return reply.code(201).send(await caseStatus(req));
    },
  });

  app.post('/api/window/visits', {
    config: { access: { permission: 'case:intake' } },
    schema: {
      tags: ['evaluation'],
      summary: '窗口服务登记：返回免登录评价链接 /rate/:token（评价器或二维码，一次一评） / open a window visit: returns the rating link for the pad or a QR code',
      body: Type.Object({
        hallId: Uuid,
        windowNumber: Type.Integer({ minimum: 1, maximum: 999 }),
        caseId: Type.Optional(Uuid),
        personId: Type.Optional(Uuid),
        departmentId: Type.Optional({ ...Uuid, description: 'the department that served, when there is no case; default the clerk’s own' }),
      }),
      response: { 201: Type.Object({ id: Type.String(), token: Type.String(), ratingUrl: Type.String(), windowNumber: Type.Integer(), departmentName: Type.String(), itemName: Nullable(Type.String()), openedAt: Stamp }) },
    },
    handler: async (req, reply) => reply.code(201).send(await ev.openVisit(actorOf(req), req.body)),
  });

  app.get('/api/public/visits/:token', {
    config: { access: { public: true } },
    schema: { tags: ['evaluation'], summary: '窗口服务评价页（凭链接，无需登录） / a window visit to rate, by its link, without login', params: TokenParams, response: { 200: VisitStatusOut } },
    handler: async (req) => visitStatus(await ev.visitByToken(req.ip, req.params.token)),
  });

  app.post('/api/public/visits/:token/evaluation', {
    config: { access: { public: true } },
    schema: {
      tags: ['evaluation'],
      summary: '评价窗口服务（一次一评，按来源地址限流） / rate a window visit, once; limited per client address',
      params: TokenParams,
      body: RatingIn,
      response: { 201: VisitStatusOut },
    },
    handler: async (req, reply) => {
      // Anonymous by design: a session cookie sent along (without a CSRF token) must not make it anyone's.
      const visit = await ev.rateVisit({ ...actorOf(req), principal: null, grant: null }, req.params.token, rating(req.body));
      return reply.code(201).send(await visitStatus(visit));
    },
  });

  app.get('/api/evaluations/rectifications', {
    config: { access: { permission: 'evaluation:rectify' } },
    schema: {
      tags: ['evaluation'],
      summary: '差评整改任务（本部门、本人管辖区划） / rectifications of poor ratings for your department and regions',
      querystring: Type.Object({ state: Literals(RECTIFICATION_FILTERS, { default: 'running' }), ...Paging }),
      response: { 200: Page(RectificationOut) },
    },
    handler: async (req) => q.rectifications(req.principal!, req.query),
  });

  app.post('/api/evaluations/rectifications/:id/callback', {
    config: { access: { permission: 'evaluation:rectify', scope: scoped('cases.rectification') } },
    schema: {
      tags: ['evaluation'],
      summary: '记录回访 / record the call-back to the rater',
      params: IdParams,
      body: Type.Object({ record: Type.String({ minLength: 1, maxLength: 2000 }), reached: Type.Boolean() }),
      response: { 200: RectificationOut },
    },
    handler: async (req) => q.rectification(await ev.callback(actorOf(req), req.params.id, req.body)),
  });

  app.post('/api/evaluations/rectifications/:id/close', {
    config: { access: { permission: 'evaluation:rectify', scope: scoped('cases.rectification') } },
    schema: {
      tags: ['evaluation'],
      summary: '整改完成：记录整改结果（之后评价人可再评一次） / close with the outcome; the rater may then rate once more',
      params: IdParams,
      body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 2000 }) }),
      response: { 200: RectificationOut },
    },
    handler: async (req) => q.rectification(await ev.close(actorOf(req), req.params.id, req.body.outcome)),
  });

  app.post('/api/evaluations/:id/appeal', {
    config: { access: { permission: 'evaluation:rectify', scope: scoped('cases.evaluation') } },
    schema: {
      tags: ['evaluation'],
      summary: '对误评或恶意差评提出申诉 / appeal a mistaken or malicious poor rating',
      params: IdParams,
      body: Type.Object({ ground: Literals(Object.keys(APPEAL_GROUNDS) as (keyof typeof APPEAL_GROUNDS)[]), reason: Type.String({ minLength: 1, maxLength: 2000 }) }),
      response: { 201: AppealCaseOut },
    },
    handler: async (req, reply) => reply.code(201).send(await q.appeal(await ev.appeal(actorOf(req), req.params.id, req.body))),
  });

  app.get('/api/evaluations/appeals', {
    config: { access: { permission: 'evaluation:appeal' } },
    schema: {
      tags: ['evaluation'],
      summary: '待复核的差评申诉（本人管辖区划） / appeals against ratings in your regions',
      querystring: Type.Object({ state: Literals(APPEAL_FILTERS, { default: 'submitted' }), ...Paging }),
      response: { 200: Page(AppealCaseOut) },
    },
    handler: async (req) => q.appeals(req.principal!, req.query),
  });

  app.post('/api/evaluations/appeals/:id/decide', {
    config: { access: { permission: 'evaluation:appeal', scope: scoped('cases.appeal') } },
    schema: {
      tags: ['evaluation'],
      summary: '复核申诉：成立则该评价不计入统计 / decide an appeal; an upheld one takes the rating out of the statistics',
      params: IdParams,
      body: Type.Object({ uphold: Type.Boolean(), decision: Type.String({ minLength: 1, maxLength: 2000 }) }),
      response: { 200: AppealCaseOut },
    },
    handler: async (req) => q.appeal(await ev.decide(actorOf(req), req.params.id, req.body)),
  });

  app.get('/api/public/evaluations/summary', {
    config: { access: { public: true } },
    schema: {
      tags: ['evaluation'],
      summary: '好差评公开统计：各等级数量、满意率，按渠道、区划、部门（不含个人信息和评价内容） / public statistics of ratings by level, channel, region and department',
      querystring: Type.Object({ regionCode: Type.Optional(RegionCode), departmentId: Type.Optional(Uuid), from: Type.Optional(Day), to: Type.Optional(Day) }),
      response: { 200: SummaryOut },
    },
    handler: async (req) => q.summary(req.query),
  });
}
