import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../core/errors.ts';
import { actorOf, attachment, type App } from '../../core/http.ts';
import { Download, Nullable, Page, Paging, RegionCode } from '../../core/schemas.ts';
import { HOME_PROVINCE, UUID, type OrgApi } from '../org/index.ts';
import { EXPORT_TYPES, type CatalogExport, type ExportFormat, type ExportQuery } from './transfer-export.ts';
import { XLSX } from '../../core/xlsx.ts';
import { templateWorkbook } from './transfer-excel.ts';
import type { CatalogImports } from './transfer-import.ts';
import { TRANSFER_KINDS, type TransferKind } from './transfer-columns.ts';

const tags = ['catalog'];
const Kind = Type.Union([Type.Literal('base'), Type.Literal('local'), Type.Literal('materials')]);
const Problem = Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), field: Nullable(Type.String()), problem: Type.Object({ zh: Type.String(), en: Type.String() }) });
const JobState = Type.Union([
  Type.Literal('queued'),
  Type.Literal('reading'),
  Type.Literal('checking'),
  Type.Literal('importing'),
  Type.Literal('done'),
  Type.Literal('rejected'),
  Type.Literal('failed'),
]);
const JobOut = Type.Object({
  id: Type.String(),
  kind: Kind,
  regionCode: Type.String(),
  state: JobState,
  done: Type.Integer({ description: 'rows checked so far' }),
  total: Type.Integer({ description: 'data rows of the file' }),
  imported: Type.Integer({ description: 'items or materials written (0 until the job is done)' }),
  invalidRows: Type.Integer(),
  problemCount: Type.Integer({ description: 'all problems; the report holds the first 1000' }),
  report: Type.Array(Problem),
  importValid: Type.Boolean(),
  fileName: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});


export function transferRoutes(app: App, imports: CatalogImports, exporter: CatalogExport, org: OrgApi) {
  const regionScope = (code: string | undefined) => (code && org.region(code) ? { regionCode: code } : null);
  const provinceRegions = () => org.subtree(HOME_PROVINCE).map((code) => ({ code, name: org.region(code)!.name }));

  app.get('/api/catalog/templates/:kind', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '导入模板（.xlsx：中英文列名、下拉列表、示例行、填写说明） / the Excel import template of base items, local items or materials',
      params: Type.Object({ kind: Kind }),
      produces: [XLSX],
      response: { 200: Download(XLSX) },
    },
    handler: async (req, reply) => {
      const kind: TransferKind = req.params.kind;
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`catalog-${kind}-template.xlsx`, `${TRANSFER_KINDS[kind].zh}导入模板.xlsx`))
        .send(await templateWorkbook(kind, provinceRegions()));
    },
  });

  app.post('/api/catalog/imports', {
    config: {
      access: {
        permission: 'catalog:edit',
        // Base items are kept by the province: importing them needs a grant there.
        scope: (req) => {
          const b = req.body as { kind: TransferKind; regionCode: string };
          return regionScope(b.kind === 'base' ? HOME_PROVINCE : b.regionCode);
        },
      },
    },
    schema: {
      tags,
      summary: '导入 Excel（先经 POST /api/files 上传）：逐行检查后整体导入，进度见任务 / import an uploaded .xlsx as a job: every row is checked first, then all is written at once',
      body: Type.Object({
        kind: Kind,
        regionCode: RegionCode,
        file: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the file uploaded with POST /api/files' }),
        fileName: Type.Optional(Type.String({ maxLength: 200 })),
        importValid: Type.Boolean({ default: false, description: 'with problems in some rows, import the valid rows (otherwise nothing is imported)' }),
      }),
      response: { 202: JobOut },
    },
    handler: async (req, reply) => {
      const regionCode = req.body.kind === 'base' ? HOME_PROVINCE : req.body.regionCode;
      const job = await imports.start(actorOf(req), { ...req.body, regionCode });
      return reply.code(202).header('location', `/api/catalog/imports/${job.id}`).send(job);
    },
  });

  app.get('/api/catalog/imports', {
    config: { access: { permission: 'catalog:edit', scope: (req) => regionScope((req.query as { regionCode: string }).regionCode) } },
    schema: {
      tags,
      summary: '区划内的导入任务（不含报告） / import jobs of a region subtree, newest first (without their reports)',
      querystring: Type.Object({ regionCode: RegionCode, ...Paging }),
      response: { 200: Page(JobOut) },
    },
    handler: async (req) => imports.list(org.subtree(req.query.regionCode), req.query.page, req.query.pageSize),
  });

  app.get('/api/catalog/imports/:id', {
    config: { access: { permission: 'catalog:edit', scope: async (req) => { const { id } = req.params as { id: string }; return UUID.test(id) ? imports.scopeOf(id) : null; } } },
    schema: { tags, summary: '导入任务的进度和报告 / an import job: state, progress and the report of problems', params: Type.Object({ id: Type.String() }), response: { 200: JobOut } },
    handler: async (req) => imports.get(req.params.id),
  });

  const send = (reply: FastifyReply, format: ExportFormat, q: ExportQuery, regionCode: string, name: string) =>
    reply
      .type(EXPORT_TYPES[format])
      .header('content-disposition', attachment(`${name}.${format}`, `${name}.${format}`))
      .send(exporter.stream(format, q, regionCode));

  for (const format of Object.keys(EXPORT_TYPES) as ExportFormat[]) {
    app.get(`/api/catalog/export.${format}`, {
      config: { access: { permission: 'catalog:read', scope: (req) => regionScope((req.query as { regionCode: string }).regionCode) } },
      schema: {
        tags,
        summary: `导出区划内的事项（含草稿信息，${format.toUpperCase()}） / export a region's items with their drafts' metadata as ${format.toUpperCase()}`,
        querystring: Type.Object({ regionCode: RegionCode }),
        produces: [EXPORT_TYPES[format]],
        response: { 200: Download(EXPORT_TYPES[format]) },
      },
      handler: async (req, reply) => {
        const { regionCode } = req.query;
        const q = { regionCodes: org.subtree(regionCode), departmentId: req.grant?.departmentId ?? null, publishedOnly: false };
        return send(reply, format, q, regionCode, `catalog-${regionCode}-${new Date().toISOString().slice(0, 10)}`);
      },
    });

    app.get(`/api/open/catalog.${format}`, {
      config: { access: { public: true } },
      schema: {
        tags: ['open data'],
        summary: `开放数据：已发布的政务服务事项目录（${format.toUpperCase()}） / open data: the published catalog as ${format.toUpperCase()}`,
        querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }),
        produces: [EXPORT_TYPES[format]],
        response: { 200: Download(EXPORT_TYPES[format]) },
      },
      handler: async (req, reply) => {
        const regionCode = req.query.regionCode ?? HOME_PROVINCE;
        if (!org.region(regionCode)) throw notFound('行政区划', 'region');
        reply.header('cache-control', 'public, max-age=300');
        return send(reply, format, { regionCodes: org.subtree(regionCode), departmentId: null, publishedOnly: true }, regionCode, `hubei-catalog-${regionCode}`);
      },
    });
  }
}
