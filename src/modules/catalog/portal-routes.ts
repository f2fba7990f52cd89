import { Type } from 'typebox';
import { sendDownload, type App } from '../../core/http.ts';
import { Download } from '../../core/schemas.ts';
import { Nullable, Page, Paging, RegionCode, Uuid } from '../../core/schemas.ts';
import { ConditionSchema, GuideSchema, MaterialSchema, OneOf } from './guide-schema.ts';
import {
  APPLICATION_KINDS,
  AUDIENCES,
  CASE_TYPES,
  DELIVERY_METHODS,
  HANDLING_FORMS,
  HANDLING_SCOPES,
  ITEM_TYPES,
  LEVELS,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  ONLINE_DEPTHS,
  OPERATIONS,
  STEP_ROLES,
  THEMES,
} from './model.ts';
import type { CatalogPortal } from './portal.ts';
import { ItemOut } from './routes.ts';
import type { CatalogSearch } from './search.ts';

const tags = ['portal'];
const Code = Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z]{12,33}$', description: 'base code, or handling item code' }) });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Table = Type.Record(Type.String(), Label);
const Query = Type.String({ maxLength: 100, description: 'Chinese (substring or words), pinyin (full or initials), or an item, implementation or base code (prefix)' });
const Highlights = Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), { description: '[start, end) offsets into the name (UTF-16 code units) of what matched' });
const SearchHit = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  level: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  audience: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  canApplyOnline: Type.Boolean(),
  highlights: Highlights,
});

export function portalRoutes(app: App, portal: CatalogPortal, search: CatalogSearch) {
  app.get('/api/portal/search', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '搜索已发布的事项（中文、拼音、首字母、编码） / search published items (Chinese, pinyin, initials, codes)',
      querystring: Type.Object({
        q: Type.Optional(Query),
        regionCode: Type.Optional(RegionCode),
        departmentId: Type.Optional(Uuid),
        type: Type.Optional(OneOf(ITEM_TYPES)),
        audience: Type.Optional(OneOf(AUDIENCES)),
        theme: Type.Optional(OneOf(THEMES)),
        level: Type.Optional(OneOf(LEVELS)),
        ...Paging,
      }),
      response: { 200: Page(SearchHit) },
    },
    handler: async (req) => search.search(req.query),
  });

  app.get('/api/portal/suggest', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '输入时的事项建议（最多 8 条） / suggestions while typing (at most 8)',
      querystring: Type.Object({ q: Query, regionCode: Type.Optional(RegionCode) }),
      response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), regionName: Type.String(), highlights: Highlights })) },
    },
    handler: async (req) => search.suggest(req.query.q, req.query.regionCode),
  });

  app.get('/api/catalog/dictionaries', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '事项要素代码表 / the code tables of item elements',
      response: {
        200: Type.Object({
          itemTypes: Table,
          levels: Table,
          applicationKinds: Table,
          onlineDepths: Table,
          handlingForms: Table,
          deliveryMethods: Table,
          caseTypes: Table,
          audiences: Table,
          handlingScopes: Table,
          materialSources: Table,
          materialForms: Table,
          stepRoles: Table,
          operations: Table,
          themes: Type.Record(Type.String(), Type.Object({ zh: Type.String(), en: Type.String(), audience: Type.String() })),
        }),
      },
    },
    handler: async () => ({
      itemTypes: ITEM_TYPES,
      levels: LEVELS,
      applicationKinds: APPLICATION_KINDS,
      onlineDepths: ONLINE_DEPTHS,
      handlingForms: HANDLING_FORMS,
      deliveryMethods: DELIVERY_METHODS,
      caseTypes: CASE_TYPES,
      audiences: AUDIENCES,
      handlingScopes: HANDLING_SCOPES,
      materialSources: MATERIAL_SOURCES,
      materialForms: MATERIAL_FORMS,
      stepRoles: STEP_ROLES,
      operations: OPERATIONS,
      themes: THEMES,
    }),
  });

  app.get('/api/portal/items/:code', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '已发布的办事指南 / the published guide of an item',
      params: Code,
      response: { 200: Type.Object({ item: ItemOut, version: Type.Integer(), publishedAt: Type.String(), guide: GuideSchema, canApplyOnline: Type.Boolean() }) },
    },
    handler: async (req) => portal.published(req.params.code),
  });

  app.get('/api/portal/items/:code/files/:sha256', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '办事指南中的空白表格和示范文本 / a blank template or filled sample the published guide names',
      params: Type.Object({ ...Code.properties, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      response: { 200: Download('application/octet-stream') },
    },
    handler: async (req, reply) => sendDownload(reply, await portal.file(req.params.code, req.params.sha256)),
  });

  app.post('/api/portal/items/:code/applicable', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: '按情形回答给出适用的条件和材料 / the conditions and materials that apply to situation answers',
      params: Code,
      body: Type.Object({ answers: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 }), { maxProperties: 20 }) }),
      response: { 200: Type.Object({ materials: Type.Array(MaterialSchema), conditions: Type.Array(ConditionSchema), unanswered: Type.Array(Type.String()) }) },
    },
    handler: async (req) => portal.applicable(req.params.code, req.body.answers),
  });
}
