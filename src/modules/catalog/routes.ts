import { Type } from 'typebox';
import { actorOf, sendDownload, type App } from '../../core/http.ts';
import { Download, Nullable, Page, Paging, RegionCode, Uuid } from '../../core/schemas.ts';
import { UUID, type OrgApi } from '../org/index.ts';
import { GuideSchema, OneOf } from './guide-schema.ts';
import { ITEM_TYPES, LEVELS } from './model.ts';
import type { CatalogOperations } from './operations.ts';
import type { CatalogService } from './service.ts';

const tags = ['catalog'];

const VersionStatus = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('approved'), Type.Literal('published'), Type.Literal('superseded')]);
export const ItemOut = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('base'), Type.Literal('local')]),
  code: Type.String(),
  baseCode: Type.String(),
  baseId: Nullable(Type.String()),
  implementationCode: Nullable(Type.String()),
  name: Type.String(),
  type: Type.String(),
  levels: Type.Array(Type.String()),
  level: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  entrustedDepartmentId: Nullable(Type.String()),
  entrustedDepartmentName: Nullable(Type.String()),
  status: Type.String(),
  publishedVersion: Nullable(Type.Integer()),
  version: Type.Integer(),
});
const At = Nullable(Type.String());
const VersionSummary = Type.Object({
  number: Type.Integer(),
  status: VersionStatus,
  changeNote: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  submittedAt: At,
  approvedAt: At,
  publishedAt: At,
  returnedReason: At,
});
export const VersionOut = Type.Object({
  itemId: Type.String(),
  number: Type.Integer(),
  status: VersionStatus,
  guide: GuideSchema,
  rev: Type.Integer(),
  changeNote: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  submittedBy: At,
  submittedAt: At,
  approvedBy: At,
  approvedAt: At,
  publishedBy: At,
  publishedAt: At,
  returnedReason: At,
});
const ProblemOut = Type.Object({ element: Type.String(), rule: Type.String(), zh: Type.String(), en: Type.String() });
const OperationOut = Type.Object({ id: Type.String(), op: Type.String(), reason: Type.String(), sources: Type.Array(Type.String()), targets: Type.Array(Type.String()), actorName: Type.String(), at: Type.String() });
const ItemParams = Type.Object({ id: Uuid });
const VersionParams = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1 }) });
const Reason = Type.String({ minLength: 2, maxLength: 1000 });
const ItemDetail = Type.Object({ item: ItemOut, versions: Type.Array(VersionSummary) });

export function catalogRoutes(app: App, catalog: CatalogService, ops: CatalogOperations, org: OrgApi) {
  const itemScope = async (req: { params: unknown }) => {
    const { id } = req.params as { id: string };
    return UUID.test(id) ? catalog.scopeOf(id) : null;
  };
  const read = { access: { permission: 'catalog:read' as const, scope: itemScope } };
  const edit = { access: { permission: 'catalog:edit' as const, scope: itemScope } };
  const detail = async (id: string) => ({ item: await catalog.getItem(id), versions: await catalog.versions(id) });

  app.get('/api/catalog/items', {
    config: { access: { permission: 'catalog:read', scope: (req) => (org.region((req.query as { regionCode: string }).regionCode) ? { regionCode: (req.query as { regionCode: string }).regionCode } : null) } },
    schema: {
      tags,
      summary: '事项管理列表（含草稿） / items of a region, drafts included',
      querystring: Type.Object({
        regionCode: RegionCode,
        kind: Type.Optional(Type.Union([Type.Literal('base'), Type.Literal('local')])),
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('cancelled')])),
        stage: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('approved')])),
        departmentId: Type.Optional(Uuid),
        q: Type.Optional(Type.String({ maxLength: 100 })),
        ...Paging,
      }),
      response: { 200: Page(Type.Object({ ...ItemOut.properties, openVersion: Nullable(Type.Object({ number: Type.Integer(), status: VersionStatus })) })) },
    },
    handler: async (req) => catalog.list({ ...req.query, regionCodes: org.subtree(req.query.regionCode), departmentId: req.grant?.departmentId ?? req.query.departmentId }),
  });

  app.post('/api/catalog/base-items', {
    config: { access: { permission: 'catalog:edit', scope: (req) => ({ regionCode: '420000', departmentId: (req.body as { departmentId: string | null }).departmentId }) } },
    schema: {
      tags,
      summary: '新增基本目录事项 / add a base item (province)',
      body: Type.Object({
        code: Type.String({ pattern: '^[0-9A-Za-z]{12}$' }),
        name: Type.String({ minLength: 2, maxLength: 200 }),
        type: OneOf(ITEM_TYPES),
        departmentId: Nullable(Uuid),
        levels: Type.Array(OneOf(LEVELS), { minItems: 1, maxItems: 6, uniqueItems: true }),
      }),
      response: { 201: ItemOut },
    },
    handler: async (req, reply) => reply.code(201).send(await catalog.createBase(actorOf(req), req.body as never)),
  });

  app.post('/api/catalog/local-items', {
    config: { access: { permission: 'catalog:edit', scope: (req) => { const b = req.body as { regionCode: string; departmentId: string }; return org.region(b.regionCode) ? { regionCode: b.regionCode, departmentId: b.departmentId } : null; } } },
    schema: {
      tags,
      summary: '新增实施清单事项（业务办理项） / add a local item of a base item in a region and agency',
      body: Type.Object({
        baseId: Uuid,
        regionCode: RegionCode,
        departmentId: Uuid,
        entrustedDepartmentId: Type.Optional(Nullable(Uuid)),
        name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
      }),
      response: { 201: ItemOut },
    },
    handler: async (req, reply) => reply.code(201).send(await catalog.createLocal(actorOf(req), req.body)),
  });

  app.get('/api/catalog/items/:id', {
    config: read,
    schema: { tags, summary: '事项及其版本 / an item and its versions', params: ItemParams, response: { 200: ItemDetail } },
    handler: async (req) => detail(req.params.id),
  });

  app.get('/api/catalog/items/:id/versions/:number', {
    config: read,
    schema: { tags, summary: '事项的一个版本（办事指南） / one version of an item, with its guide', params: VersionParams, response: { 200: VersionOut } },
    handler: async (req) => catalog.getVersion(req.params.id, req.params.number),
  });

  app.put('/api/catalog/items/:id/versions/:number', {
    config: edit,
    schema: {
      tags,
      summary: '保存草稿 / save a draft (rev must be the one you read)',
      params: VersionParams,
      body: Type.Object({ guide: GuideSchema, rev: Type.Integer({ minimum: 1 }), changeNote: Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: { 200: VersionOut },
    },
    handler: async (req) => catalog.saveDraft(actorOf(req), req.params.id, req.params.number, req.body as never),
  });

  app.get('/api/catalog/items/:id/versions/:number/problems', {
    config: read,
    schema: { tags, summary: '发布规则检查 / what keeps this version from being published', params: VersionParams, response: { 200: Type.Array(ProblemOut) } },
    handler: async (req) => catalog.problems(req.params.id, req.params.number),
  });

  const step = (path: string, permission: 'catalog:edit' | 'catalog:approve' | 'catalog:publish', summary: string, run: (req: { params: { id: string; number: number } }, a: ReturnType<typeof actorOf>) => Promise<unknown>) =>
    app.post(`/api/catalog/items/:id/versions/:number/${path}`, {
      config: { access: { permission, scope: itemScope } },
      schema: { tags, summary, params: VersionParams, response: { 200: VersionOut } },
      handler: async (req) => run(req, actorOf(req)) as never,
    });
  step('submit', 'catalog:edit', '提交审核 / submit for approval (refused with every broken rule)', (req, a) => catalog.submit(a, req.params.id, req.params.number));
  step('approve', 'catalog:approve', '审核通过 / approve (not by the one who submitted)', (req, a) => catalog.approve(a, req.params.id, req.params.number));
  step('publish', 'catalog:publish', '发布 / publish an approved version', (req, a) => catalog.publish(a, req.params.id, req.params.number));

  app.post('/api/catalog/items/:id/versions/:number/return', {
    config: { access: { permission: 'catalog:approve', scope: itemScope } },
    schema: { tags, summary: '退回修改 / return to draft with a reason', params: VersionParams, body: Type.Object({ reason: Reason }), response: { 200: VersionOut } },
    handler: async (req) => catalog.returnToDraft(actorOf(req), req.params.id, req.params.number, req.body.reason),
  });

  app.post('/api/catalog/items/:id/versions', {
    config: edit,
    schema: { tags, summary: '由最新版本生成新草稿 / a new draft from the newest version', params: ItemParams, body: Type.Object({ changeNote: Type.String({ minLength: 2, maxLength: 1000 }) }), response: { 201: VersionOut } },
    handler: async (req, reply) => reply.code(201).send(await catalog.newVersion(actorOf(req), req.params.id, req.body.changeNote)),
  });

  app.get('/api/catalog/items/:id/files/:sha256', {
    config: read,
    schema: { tags, summary: '事项各版本中的空白表格和示范文本 / a template or sample any version of the item names', params: Type.Object({ id: Uuid, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }), response: { 200: Download('application/octet-stream') } },
    handler: async (req, reply) => sendDownload(reply, await catalog.itemFile(req.params.id, req.params.sha256)),
  });

  app.get('/api/catalog/items/:id/diff', {
    config: read,
    schema: {
      tags,
      summary: '两个版本逐项对比 / element-by-element differences of two versions',
      params: ItemParams,
      querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Array(Type.Object({ element: Type.String(), before: Type.Unknown(), after: Type.Unknown() })) },
    },
    handler: async (req) => catalog.diff(req.params.id, req.query.from, req.query.to),
  });

  app.get('/api/catalog/items/:id/operations', {
    config: read,
    schema: { tags, summary: '事项操作记录（增改拆并停废） / the national operations on an item', params: ItemParams, response: { 200: Type.Array(OperationOut) } },
    handler: async (req) => catalog.operations(req.params.id),
  });

  app.post('/api/catalog/items/:id/status', {
    config: { access: { permission: 'catalog:publish', scope: itemScope } },
    schema: {
      tags,
      summary: '暂停、恢复、取消事项 / suspend, resume or cancel an item (a base item takes its local items along)',
      params: ItemParams,
      body: Type.Object({ op: Type.Union([Type.Literal('suspend'), Type.Literal('resume'), Type.Literal('cancel')]), reason: Reason }),
      response: { 200: ItemOut },
    },
    handler: async (req) => ops.changeStatus(actorOf(req), req.params.id, req.body.op, req.body.reason),
  });

  app.post('/api/catalog/restructure', {
    config: { access: { permission: 'catalog:publish', scope: async (req) => { const id = (req.body as { sources: string[] }).sources[0] ?? ''; return UUID.test(id) ? catalog.scopeOf(id) : null; } } },
    schema: {
      tags,
      summary: '拆分或合并事项 / split one item into several, or merge several into one',
      body: Type.Object({
        op: Type.Union([Type.Literal('split'), Type.Literal('merge')]),
        sources: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
        targets: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
        reason: Reason,
      }),
      response: { 200: Type.Object({ op: Type.String(), sources: Type.Array(Type.String()), targets: Type.Array(Type.String()), reason: Type.String() }) },
    },
    handler: async (req) => ops.restructure(actorOf(req), req.body.op, req.body.sources, req.body.targets, req.body.reason),
  });
}
