import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf, sendDownload, type App } from '../../core/http.ts';
import type { PersonPrincipal } from '../../core/permissions.ts';
import { Download, Nullable, Page, Paging } from '../../core/schemas.ts';
import type { Prereviews } from './prereview.ts';
import { Answers, MaterialRefIn, Sha256 } from './schemas.ts';

const PrereviewOut = Type.Object({
  id: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  regionCode: Type.String(),
  answers: Answers,
  materials: Type.Array(Type.Object({ materialId: Type.String(), name: Type.String(), sha256: Type.String(), mediaType: Type.String(), fileName: Type.String() })),
  state: Type.String(),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const Params = Type.Object({ id: Type.String({ maxLength: 40 }) });

export function prereviewRoutes(app: App, pre: Prereviews) {
  const person = { access: { authenticated: true as const, kinds: ['person' as const] } };
  const scope = async (req: FastifyRequest) => pre.scopeOf((req.params as { id: string }).id);

  app.post('/api/my/prereviews', {
    config: person,
    schema: {
      tags: ['cases (applicant)'],
      summary: '网上预审：到窗口前请大厅确认材料是否齐全 / ask the hall whether your materials are complete before you come',
      body: Type.Object({ itemCode: Type.String({ minLength: 12, maxLength: 40 }), answers: Answers, materials: Type.Array(MaterialRefIn, { maxItems: 100 }) }),
      response: { 201: PrereviewOut },
    },
    handler: async (req, reply) => reply.code(201).send(await pre.ask(actorOf(req), req.principal as PersonPrincipal, req.body)),
  });

  app.get('/api/my/prereviews', {
    config: person,
    schema: { tags: ['cases (applicant)'], summary: '我的预审 / my pre-reviews', response: { 200: Type.Object({ items: Type.Array(PrereviewOut) }) } },
    handler: async (req) => ({ items: await pre.mine(req.principal!.id) }),
  });

  app.get('/api/window/prereviews', {
    config: { access: { permission: 'case:intake' } },
    schema: {
      tags: ['cases (window)'],
      summary: '待答复的网上预审（本人受理区划） / online pre-reviews of your regions',
      querystring: Type.Object({ state: Type.Union([Type.Literal('waiting'), Type.Literal('complete'), Type.Literal('incomplete')], { default: 'waiting' }), ...Paging }),
      response: { 200: Page(PrereviewOut) },
    },
    handler: async (req) => pre.queue(req.principal!, req.query.state, req.query.page, req.query.pageSize),
  });

  app.get('/api/window/prereviews/:id/materials/:sha256', {
    config: { access: { permission: 'case:intake', scope } },
    schema: { tags: ['cases (window)'], summary: '查看预审材料 / view a pre-review material', params: Type.Object({ id: Type.String({ maxLength: 40 }), sha256: Sha256 }), response: { 200: Download('application/octet-stream') } },
    handler: async (req, reply) => sendDownload(reply, await pre.file(req.params.id, req.params.sha256), true),
  });

  app.post('/api/window/prereviews/:id', {
    config: { access: { permission: 'case:intake', scope } },
    schema: {
      tags: ['cases (window)'],
      summary: '答复预审：齐全，或写明缺少和需更正的内容 / answer: complete, or what is missing or wrong',
      params: Params,
      body: Type.Object({ complete: Type.Boolean(), answer: Type.String({ maxLength: 2000 }) }),
      response: { 200: PrereviewOut },
    },
    handler: async (req) => pre.answer(actorOf(req), req.params.id, req.body),
  });
}
