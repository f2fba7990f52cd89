import { Type } from 'typebox';
import type { App } from '../../core/http.ts';
import { ConditionSchema, GuideSchema, MaterialSchema } from './guide-schema.ts';
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

const tags = ['portal'];
const Code = Type.Object({ code: Type.String({ pattern: '^[0-9A-Za-z]{12,33}$', description: 'base code, or handling item code' }) });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Table = Type.Record(Type.String(), Label);

export function portalRoutes(app: App, portal: CatalogPortal) {
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
