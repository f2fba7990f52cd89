import { Type } from 'typebox';
import { fieldError } from '../../core/errors.ts';
import { hit } from '../../core/ratelimit.ts';
import { actorOf, readUpload, sendDownload, type App } from '../../core/http.ts';
import type { PersonPrincipal } from '../../core/permissions.ts';
import { Download, NoContent, Nullable, Page, Paging } from '../../core/schemas.ts';
import type { CaseIntake } from './intake.ts';
import type { CaseQueries } from './queries.ts';
import { ApplicationIn, CaseDetail, CaseOut, MaterialRefIn, QueueRowOut, Sha256 } from './schemas.ts';
import type { CasesService } from './service.ts';

const tags = ['cases (applicant)'];
const person = { access: { authenticated: true as const, kinds: ['person' as const] } };
const CaseParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const ItemParams = Type.Object({ itemCode: Type.String({ minLength: 12, maxLength: 40 }) });
const FileOut = Type.Object({ sha256: Type.String(), size: Type.Integer(), mediaType: Type.String(), fileName: Type.String() });
const IdempotencyKey = Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 100, description: 'one per application attempt: a retry with the same key returns the same case' }) });

const me = (req: { principal: unknown }) => req.principal as PersonPrincipal;

export function applicantRoutes(app: App, s: CasesService, intake: CaseIntake, queries: CaseQueries) {
  app.post('/api/my/files', {
    config: person,
    schema: { tags, summary: '上传申请材料（按内容判断：PDF、JPEG、PNG、OFD） / upload a material; its type is judged by content', consumes: ['multipart/form-data'], response: { 201: FileOut } },
    handler: async (req, reply) => {
      const { data, filename } = await readUpload(req, s.p.config.UPLOAD_MAX_BYTES);
      return reply.code(201).send(await intake.upload(actorOf(req), me(req), data, filename));
    },
  });

  app.get('/api/my/materials', {
    config: person,
    schema: {
      tags,
      summary: '我的材料：曾上传的文件，可在新申请中复用 / my materials: earlier uploads to reuse',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...FileOut.properties, uploadedAt: Type.String(), usedFor: Type.Array(Type.Object({ material: Type.String(), caseNumber: Type.String() })) })) }) },
    },
    handler: async (req) => ({ items: await intake.myMaterials(me(req).id) }),
  });

  app.get('/api/my/files/:sha256', {
    config: person,
    schema: { tags, summary: '下载本人上传的文件 / download a file you uploaded', params: Type.Object({ sha256: Sha256 }), response: { 200: Download('application/octet-stream') } },
    handler: async (req, reply) => sendDownload(reply, await intake.ownUpload(me(req).id, req.params.sha256), true),
  });

  const DraftOut = Type.Object({ itemCode: Type.String(), data: Type.Unknown(), rev: Type.Integer(), updatedAt: Type.String() });
  app.get('/api/my/drafts', {
    config: person,
    schema: { tags, summary: '我的草稿 / my drafts', response: { 200: Type.Object({ items: Type.Array(DraftOut) }) } },
    handler: async (req) => ({ items: await intake.drafts(me(req)) }),
  });
  app.get('/api/my/drafts/:itemCode', {
    config: person,
    schema: { tags, summary: '某事项的草稿 / the draft for an item', params: ItemParams, response: { 200: Type.Object({ draft: Nullable(DraftOut) }) } },
    handler: async (req) => ({ draft: await intake.draft(me(req), req.params.itemCode) }),
  });
  app.put('/api/my/drafts/:itemCode', {
    config: person,
    schema: {
      tags,
      summary: '自动保存草稿（rev 为读到的版本，新草稿为 0） / save a draft; rev is the revision you read (0 for a new one)',
      params: ItemParams,
      body: Type.Object({ rev: Type.Integer({ minimum: 0 }), data: Type.Object({}, { additionalProperties: true, maxProperties: 20 }) }),
      response: { 200: Type.Object({ itemCode: Type.String(), rev: Type.Integer(), updatedAt: Type.String() }) },
    },
    handler: async (req) => {
      if (JSON.stringify(req.body.data).length > 200_000) throw fieldError('data', 'maxSize', '草稿过大', 'the draft is too large');
      return intake.saveDraft(me(req), req.params.itemCode, req.body.data, req.body.rev);
    },
  });
  app.delete('/api/my/drafts/:itemCode', {
    config: person,
    schema: { tags, summary: '删除草稿 / delete a draft', params: ItemParams, response: { 204: NoContent } },
    handler: async (req, reply) => {
      await intake.deleteDraft(me(req), req.params.itemCode);
      return reply.code(204).send();
    },
  });

  app.get('/api/my/apply/:itemCode', {
    config: person,
    schema: {
      tags,
      summary: '网上申请所需信息：情形问题、申请表（含预填）、材料 / what applying online needs: questions, the form with pre-filled facts, materials',
      params: ItemParams,
      response: { 200: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }) },
    },
    handler: async (req) => intake.applyInfo(me(req), req.params.itemCode),
  });

  app.post('/api/my/cases', {
    config: person,
    schema: {
      tags,
      summary: '提交网上申请（Idempotency-Key 防重复提交） / submit an application; the Idempotency-Key makes retries safe',
      headers: IdempotencyKey,
      body: ApplicationIn,
      response: { 200: CaseOut, 201: CaseOut },
    },
    handler: async (req, reply) => {
      const { created, view } = await intake.submitOnline(actorOf(req), me(req), req.body, req.headers['idempotency-key']);
      return reply.code(created ? 201 : 200).send(view);
    },
  });

  app.get('/api/my/cases', {
    config: person,
    schema: { tags, summary: '我的办件 / my cases', querystring: Type.Object(Paging), response: { 200: Page(QueueRowOut) } },
    handler: async (req) => queries.mine(me(req), req.query.page, req.query.pageSize),
  });

  app.get('/api/my/cases/:id', {
    config: person,
    schema: { tags, summary: '办件详情与进度 / a case with its progress', params: CaseParams, response: { 200: CaseDetail } },
    handler: async (req) => {
      const row = await s.ownRow(me(req), req.params.id);
      return { case: s.view(row), materials: await queries.materials(row.id), timeline: await queries.timeline(row.id, true) };
    },
  });

  app.get('/api/my/cases/:id/materials/:sha256', {
    config: person,
    schema: { tags, summary: '查看本办件的材料 / a material of your case', params: Type.Object({ id: Type.String({ maxLength: 40 }), sha256: Sha256 }), response: { 200: Download('application/octet-stream') } },
    handler: async (req, reply) => {
      const row = await s.ownRow(me(req), req.params.id);
      return sendDownload(reply, await queries.materialFile(row.id, req.params.sha256), true);
    },
  });

  app.get('/api/my/cases/:id/result', {
    config: person,
    schema: { tags, summary: '下载结果文书 / download the result document', params: CaseParams, response: { 200: Download('application/pdf') } },
    handler: async (req, reply) => sendDownload(reply, await queries.resultFile(await s.ownRow(me(req), req.params.id))),
  });

  app.post('/api/my/cases/:id/supplement', {
    config: person,
    schema: {
      tags,
      summary: '按补正告知一次性补齐材料 / hand in everything the supplement notice asks for, at once',
      params: CaseParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), materials: Type.Array(MaterialRefIn, { maxItems: 100 }), note: Type.String({ maxLength: 2000 }) }),
      response: { 200: CaseOut },
    },
    handler: async (req) => intake.supplement(actorOf(req), me(req), req.params.id, req.body.version, req.body.materials, req.body.note),
  });

  app.post('/api/my/cases/:id/withdraw', {
    config: person,
    schema: {
      tags,
      summary: '撤回申请（作出决定前） / withdraw the application (before a decision)',
      params: CaseParams,
      body: Type.Object({ version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
      response: { 200: CaseOut },
    },
    handler: async (req) => {
      await s.ownRow(me(req), req.params.id);
      return s.act(actorOf(req), req.params.id, req.body.version, { type: 'withdraw', reason: req.body.reason }, { note: req.body.reason });
    },
  });

  app.post('/api/my/cases/:id/received', {
    config: person,
    schema: { tags, summary: '确认已收到邮寄的结果 / confirm the mailed result arrived', params: CaseParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }) }), response: { 200: CaseOut } },
    handler: async (req) => {
      await s.ownRow(me(req), req.params.id);
      return s.act(actorOf(req), req.params.id, req.body.version, { type: 'confirm-delivery' });
    },
  });

  const MessageOut = Type.Object({ id: Type.Integer(), caseId: Nullable(Type.String()), text: Type.Object({ zh: Type.String(), en: Type.String() }), at: Type.String(), read: Type.Boolean() });
  app.get('/api/my/messages', {
    config: person,
    schema: { tags, summary: '站内消息 / in-site messages', querystring: Type.Object(Paging), response: { 200: Type.Object({ items: Type.Array(MessageOut), total: Type.Integer(), unread: Type.Integer() }) } },
    handler: async (req) => s.messages(me(req).id, req.query.page, req.query.pageSize),
  });
  app.post('/api/my/messages/read', {
    config: person,
    schema: { tags, summary: '标记消息已读 / mark messages read', body: Type.Object({ ids: Type.Array(Type.Integer(), { maxItems: 200 }) }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await s.markRead(me(req).id, req.body.ids);
      return reply.code(204).send();
    },
  });

  app.get('/api/public/progress', {
    config: { access: { public: true } },
    schema: {
      tags: ['cases (public)'],
      summary: '办件进度查询（办件编号 + 查询码，无需登录） / case progress by number and query code, without login',
      querystring: Type.Object({ number: Type.String({ pattern: '^[0-9]{20}$' }), code: Type.String({ pattern: '^[0-9A-Za-z]{8}$' }) }),
      response: { 200: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }) },
    },
    handler: async (req) => {
      // Query codes are guessable only by trying: few tries per address.
      await hit(s.p.db, [{ key: `progress:ip:${req.ip}`, max: 60, windowSeconds: 600 }]);
      return queries.progress(req.query.number, req.query.code);
    },
  });
}
