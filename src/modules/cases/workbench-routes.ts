import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachment, actorOf, sendDownload, type App } from '../../core/http.ts';
import { isWithin } from '../../core/permissions.ts';
import { Download, Page, Paging } from '../../core/schemas.ts';
import { writeXlsx, XLSX } from '../../core/xlsx.ts';
import type { CaseIntake } from './intake.ts';
import { QUEUES, type CaseQueries } from './queries.ts';
import { ActionIn, ApplicationIn, CaseDetail, CaseOut, QueueRowOut, Sha256 } from './schemas.ts';
import type { CaseWork } from './work.ts';
import type { CasesService } from './service.ts';

const tags = ['cases (workbench)'];
const CaseParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const QueueQuery = Type.Object({
  queue: Type.Union(QUEUES.map((q) => Type.Literal(q)), { default: 'to_accept' }),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...Paging,
});

const EXPORT_COLUMNS = [
  { key: 'number', zh: '办件编号', en: 'Case number', width: 24, code: true },
  { key: 'itemName', zh: '事项名称', en: 'Item', width: 36 },
  { key: 'applicantName', zh: '申请人', en: 'Applicant', width: 20 },
  { key: 'channel', zh: '渠道', en: 'Channel', width: 10 },
  { key: 'state', zh: '状态', en: 'State', width: 12 },
  { key: 'departmentName', zh: '实施机关', en: 'Agency', width: 28 },
  { key: 'receivedAt', zh: '收件时间', en: 'Received', width: 22 },
  { key: 'dueOn', zh: '承诺办结日', en: 'Due', width: 12 },
  { key: 'light', zh: '预警', en: 'Light', width: 8 },
  { key: 'assignee', zh: '经办人', en: 'Assignee', width: 16 },
];

export function workbenchRoutes(app: App, s: CasesService, intake: CaseIntake, queries: CaseQueries, work: CaseWork) {
  const parentOf = (c: string) => s.p.regionParents.get(c);
  /** A case's region and department; a window clerk's grant reaches every case of its regions (一窗受理). */
  const caseScope = async (req: FastifyRequest) => {
    const sc = await s.scopeOf((req.params as { id: string }).id);
    if (!sc) return null;
    const clerk = req.principal?.grants.some((g) => g.role === 'window_clerk' && isWithin(parentOf, sc.regionCode, g.regionCode));
    return clerk ? { regionCode: sc.regionCode } : sc;
  };
  const read = { access: { permission: 'case:read' as const, scope: caseScope } };
  const handle = { access: { permission: 'case:handle' as const, scope: caseScope } };

  app.get('/api/cases', {
    config: { access: { permission: 'case:read' } },
    schema: {
      tags,
      summary: '工作台队列：待受理、待审查、待决定、暂停、待制证、待送达、超期、我的；按编号、申请人或事项搜索 / workbench queues, searchable by number, applicant or item',
      querystring: QueueQuery,
      response: { 200: Type.Object({ ...Page(QueueRowOut).properties, counts: Type.Record(Type.String(), Type.Integer()) }) },
    },
    handler: async (req) => queries.queue(req.principal!, req.query),
  });

  app.get('/api/cases/export.xlsx', {
    config: { access: { permission: 'case:read' } },
    schema: { tags, summary: '导出当前队列为 Excel / export a queue as Excel', querystring: Type.Object({ queue: QueueQuery.properties.queue, q: QueueQuery.properties.q }), response: { 200: Download(XLSX) } },
    handler: async (req, reply) => {
      const principal = req.principal!;
      const out = new PassThrough();
      const rows = async function* () {
        for (let page = 1; ; page++) {
          const { items } = await queries.queue(principal, { queue: req.query.queue, q: req.query.q, page, pageSize: 500 });
          for (const r of items) yield { ...r, state: r.stateLabel.zh } as Record<string, unknown>;
          if (items.length < 500) break;
        }
      };
      writeXlsx(out, '办件队列', EXPORT_COLUMNS, rows()).catch((e: unknown) => out.destroy(e as Error));
      return reply.type(XLSX).header('content-disposition', attachment(`cases-${req.query.queue}.xlsx`, `办件-${req.query.queue}.xlsx`)).send(out);
    },
  });

  app.get('/api/cases/:id', {
    config: read,
    schema: { tags, summary: '办件详情：材料、时间线、审查要点 / a case with its materials, timeline and checklist', params: CaseParams, response: { 200: CaseDetail } },
    handler: async (req) => {
      const row = await s.row(req.params.id);
      return { case: s.view(row), materials: await queries.materials(row.id), timeline: await queries.timeline(row.id) };
    },
  });

  app.get('/api/cases/:id/deadline', {
    config: read,
    schema: {
      tags,
      summary: '时限说明：逐日列出计入和不计入的日子 / the deadline explained day by day',
      params: CaseParams,
      response: { 200: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }) },
    },
    handler: async (req) => work.explain(await s.row(req.params.id)),
  });

  app.get('/api/cases/:id/materials/:sha256', {
    config: read,
    schema: { tags, summary: '在线查看材料（图片、PDF） / view a material inline', params: Type.Object({ id: Type.String({ maxLength: 40 }), sha256: Sha256 }), response: { 200: Download('application/octet-stream') } },
    handler: async (req, reply) => sendDownload(reply, await queries.materialFile(req.params.id, req.params.sha256), true),
  });

  app.get('/api/cases/:id/result', {
    config: read,
    schema: { tags, summary: '结果文书 / the result document', params: CaseParams, response: { 200: Download('application/pdf') } },
    handler: async (req, reply) => sendDownload(reply, await queries.resultFile(await s.row(req.params.id))),
  });

  app.post('/api/cases/:id/actions', {
    config: handle,
    schema: {
      tags,
      summary: '办理动作（受理、不予受理、补正、审查、退回、撤回、会签、暂停、延期、决定、制证、送达）；version 不符返回 409 / act on a case; a stale version gets 409 with the current case',
      params: CaseParams,
      body: ActionIn,
      response: { 200: CaseOut },
    },
    handler: async (req) => work.act(actorOf(req), req.params.id, req.body.version, req.body.action, req.body.note ?? null),
  });

  app.post('/api/cases/:id/assignee', {
    config: handle,
    schema: {
      tags,
      summary: '认领（staffId 为本人）、分派（部门负责人）或转办给同事（当前经办人） / claim, assign (department head) or transfer (current assignee)',
      params: CaseParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), staffId: Type.String({ maxLength: 80 }), reason: Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: { 200: CaseOut },
    },
    handler: async (req) => work.assign(actorOf(req), req.params.id, req.body.version, req.body.staffId, req.body.reason ?? ''),
  });

  app.post('/api/cases/:id/comments', {
    config: handle,
    schema: { tags, summary: '内部意见（申请人不可见） / an internal comment (applicants do not see it)', params: CaseParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }), response: { 201: Type.Object({ ok: Type.Boolean() }) } },
    handler: async (req, reply) => {
      await work.comment(actorOf(req), req.params.id, req.body.text);
      return reply.code(201).send({ ok: true });
    },
  });

  app.post('/api/cases/:id/checks', {
    config: handle,
    schema: {
      tags,
      summary: '勾选审查要点 / tick a review checkpoint',
      params: CaseParams,
      body: Type.Object({ key: Type.String({ pattern: '^[ms]:[A-Za-z0-9_-]{1,40}:[0-9]{1,2}$' }), ok: Type.Boolean(), note: Type.String({ maxLength: 500 }) }),
      response: { 200: CaseOut },
    },
    handler: async (req) => work.check(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/window/cases', {
    config: { access: { permission: 'case:intake', scope: (req) => work.itemScope((req.body as { itemCode: string }).itemCode) } },
    schema: {
      tags: ['cases (window)'],
      summary: '窗口收件：为到场申请人（实名 L3）创建办件，扫描件先经 POST /api/files 上传；可当场受理 / take in an application at a window for a person present',
      body: Type.Object({
        ...ApplicationIn.properties,
        personId: Type.String({ format: 'uuid' }),
        enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
        hallId: Type.Optional(Type.String({ format: 'uuid' })),
        acceptNow: Type.Boolean({ default: true }),
        key: Type.String({ minLength: 8, maxLength: 100, description: 'idempotency key of this intake' }),
      }),
      response: { 200: CaseOut, 201: CaseOut },
    },
    handler: async (req, reply) => {
      const { created, view } = await intake.submitAtWindow(actorOf(req), { ...req.body, enterpriseId: req.body.enterpriseId ?? null, hallId: req.body.hallId ?? null });
      return reply.code(created ? 201 : 200).send(view);
    },
  });
}
