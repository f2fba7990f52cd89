import { Type } from 'typebox';
import { fieldError, notFound } from '../../core/errors.ts';
import { actorOf, type App } from '../../core/http.ts';
import { IdParam, LabelText, Nullable, Page, Paging, RegionCode, Version } from '../../core/schemas.ts';
import { DEPARTMENT_KINDS, departmentName, isDepartmentKind } from './model.ts';
import type { OrgService } from './service.ts';

const tags = ['org'];
const Level = Type.Union([Type.Literal('province'), Type.Literal('prefecture'), Type.Literal('county')]);
const RegionOut = Type.Object({ code: Type.String(), name: Type.String(), level: Level, parentCode: Nullable(Type.String()), type: Type.String() });
const Kind = Type.Union(Object.keys(DEPARTMENT_KINDS).map((k) => Type.Literal(k)));
const Phone = Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' });
const Department = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  active: Type.Boolean(),
  version: Type.Integer(),
});
const WindowKind = Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')]);
const WindowOut = Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), kind: WindowKind, active: Type.Boolean(), version: Type.Integer() });
const HallFields = {
  id: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  name: Type.String(),
  address: Type.String(),
  hours: Type.String(),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  version: Type.Integer(),
};
const Hall = Type.Object({ ...HallFields, windows: Type.Array(WindowOut) });
const RegionQuery = Type.Object({ regionCode: RegionCode });

export function orgRoutes(app: App, org: OrgService) {
  const regions = org.regions;
  const regionScope = (code: string) => (regions.get(code) ? { regionCode: code } : null);
  /** A region named in a request body must exist: a bad one is the client's field error. */
  const bodyRegion = (code: string) => ({ regionCode: regions.require(code).code });

  app.get('/api/regions', {
    config: { access: { public: true } },
    schema: { tags, summary: '行政区划树（全部，平铺） / the whole region tree, flat', response: { 200: Type.Array(RegionOut) } },
    handler: async () => regions.all(),
  });

  app.get('/api/regions/:code/children', {
    config: { access: { permission: 'org:read', scope: (req) => regionScope((req.params as { code: string }).code) } },
    schema: {
      tags,
      summary: '下级区划及其部门、大厅数 / child regions with their department and hall counts',
      params: Type.Object({ code: RegionCode }),
      response: {
        200: Type.Array(
          Type.Object({ code: Type.String(), name: Type.String(), level: Level, type: Type.String(), childCount: Type.Integer(), departmentCount: Type.Integer(), hallCount: Type.Integer() }),
        ),
      },
    },
    handler: async (req) => org.regionChildren(req.params.code),
  });

  app.get('/api/department-kinds', {
    config: { access: { permission: 'org:read' } },
    schema: { tags, summary: '部门类别 / kinds of department', response: { 200: Type.Array(Type.Object({ kind: Type.String(), label: LabelText })) } },
    handler: async () => Object.entries(DEPARTMENT_KINDS).map(([kind, k]) => ({ kind, label: { zh: k.zh, en: k.en } })),
  });

  app.get('/api/department-kinds/:kind/name', {
    config: { access: { permission: 'org:read', scope: (req) => regionScope((req.query as { regionCode: string }).regionCode) } },
    schema: {
      tags,
      summary: '按层级生成的部门名称 / the usual name of this kind of department in a region',
      params: Type.Object({ kind: Kind }),
      querystring: RegionQuery,
      response: { 200: Type.Object({ name: Type.String() }) },
    },
    handler: async (req) => {
      const kind = req.params.kind;
      if (!isDepartmentKind(kind)) throw fieldError('kind', 'enum', '部门类别不存在', 'unknown kind of department');
      return { name: departmentName(kind, regions.require(req.query.regionCode)) };
    },
  });

  app.get('/api/departments', {
    config: { access: { permission: 'org:read', scope: (req) => regionScope((req.query as { regionCode: string }).regionCode) } },
    schema: {
      tags,
      summary: '部门列表 / departments of a region (and below)',
      querystring: Type.Object({ regionCode: RegionCode, q: Type.Optional(Type.String({ maxLength: 60 })), includeSubregions: Type.Boolean({ default: false }), ...Paging }),
      response: { 200: Page(Department) },
    },
    handler: async (req) => {
      const { regionCode, q, includeSubregions, page, pageSize } = req.query;
      return org.listDepartments({ regionCodes: includeSubregions ? regions.subtree(regionCode) : [regionCode], text: q, page, pageSize });
    },
  });

  app.post('/api/departments', {
    config: { access: { permission: 'org:manage', scope: (req) => bodyRegion((req.body as { regionCode: string }).regionCode) } },
    schema: {
      tags,
      summary: '新建部门 / create a department',
      body: Type.Object({
        regionCode: RegionCode,
        kind: Kind,
        name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
        creditCode: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
        phone: Type.Optional(Nullable(Phone)),
        address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      }),
      response: { 201: Department },
    },
    handler: async (req, reply) => {
      const kind = req.body.kind;
      if (!isDepartmentKind(kind)) throw fieldError('kind', 'enum', '部门类别不存在', 'unknown kind of department');
      return reply.code(201).send(await org.createDepartment(actorOf(req), { ...req.body, kind }));
    },
  });

  const departmentScope = async (id: string) => {
    const d = await org.getDepartment(id);
    return d ? { regionCode: d.regionCode, departmentId: d.id } : null;
  };

  app.get('/api/departments/:id', {
    config: { access: { permission: 'org:read', scope: (req) => departmentScope((req.params as { id: string }).id) } },
    schema: { tags, summary: '部门详情 / one department', params: IdParam, response: { 200: Department } },
    handler: async (req) => {
      const d = await org.getDepartment(req.params.id);
      if (!d) throw notFound('部门', 'department');
      return d;
    },
  });

  app.patch('/api/departments/:id', {
    config: { access: { permission: 'org:manage', scope: (req) => departmentScope((req.params as { id: string }).id) } },
    schema: {
      tags,
      summary: '修改部门 / change a department',
      params: IdParam,
      body: Type.Object({
        version: Version,
        name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
        creditCode: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
        phone: Type.Optional(Nullable(Phone)),
        address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        active: Type.Optional(Type.Boolean()),
      }),
      response: { 200: Department },
    },
    handler: async (req) => org.updateDepartment(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/halls', {
    config: { access: { permission: 'org:read', scope: (req) => regionScope((req.query as { regionCode: string }).regionCode) } },
    schema: { tags, summary: '政务服务大厅及窗口 / service halls of a region with their windows', querystring: RegionQuery, response: { 200: Type.Object({ items: Type.Array(Hall) }) } },
    handler: async (req) => ({ items: await org.listHalls([req.query.regionCode]) }),
  });

  const HallBody = {
    name: Type.String({ minLength: 2, maxLength: 60 }),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    hours: Type.String({ minLength: 2, maxLength: 200 }),
    phone: Type.Optional(Nullable(Phone)),
  };

  app.post('/api/halls', {
    config: { access: { permission: 'org:manage', scope: (req) => bodyRegion((req.body as { regionCode: string }).regionCode) } },
    schema: { tags, summary: '新建大厅 / create a service hall', body: Type.Object({ regionCode: RegionCode, ...HallBody }), response: { 201: Hall } },
    handler: async (req, reply) => reply.code(201).send(await org.createHall(actorOf(req), req.body)),
  });

  const hallScope = async (id: string) => {
    const code = await org.hallRegion(id);
    return code ? { regionCode: code } : null;
  };

  app.patch('/api/halls/:id', {
    config: { access: { permission: 'org:manage', scope: (req) => hallScope((req.params as { id: string }).id) } },
    schema: {
      tags,
      summary: '修改大厅 / change a service hall',
      params: IdParam,
      body: Type.Object({ version: Version, ...Type.Partial(Type.Object(HallBody)).properties, active: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object(HallFields) },
    },
    handler: async (req) => org.updateHall(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/halls/:id/windows', {
    config: { access: { permission: 'org:manage', scope: (req) => hallScope((req.params as { id: string }).id) } },
    schema: {
      tags,
      summary: '新增窗口（自动编号） / add a window (numbered next)',
      params: IdParam,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), kind: WindowKind }),
      response: { 201: WindowOut },
    },
    handler: async (req, reply) => reply.code(201).send(await org.addWindow(actorOf(req), req.params.id, req.body)),
  });

  app.patch('/api/windows/:id', {
    config: {
      access: {
        permission: 'org:manage',
        scope: async (req) => {
          const code = await org.windowRegion((req.params as { id: string }).id);
          return code ? { regionCode: code } : null;
        },
      },
    },
    schema: {
      tags,
      summary: '修改窗口 / change a window',
      params: IdParam,
      body: Type.Object({ version: Version, name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), kind: Type.Optional(WindowKind), active: Type.Optional(Type.Boolean()) }),
      response: { 200: WindowOut },
    },
    handler: async (req) => org.updateWindow(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/public/departments', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: '公开：区划内的部门 / public: active departments of a region',
      querystring: RegionQuery,
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), creditCode: Nullable(Type.String()), phone: Nullable(Type.String()), address: Nullable(Type.String()) })),
        }),
      },
    },
    handler: async (req) => {
      const { items } = await org.listDepartments({ regionCodes: [req.query.regionCode], activeOnly: true, page: 1, pageSize: 100 });
      return { items };
    },
  });

  app.get('/api/public/halls', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: '公开：区划内的大厅 / public: service halls of a region',
      querystring: RegionQuery,
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), address: Type.String(), hours: Type.String(), phone: Nullable(Type.String()), windowCount: Type.Integer() })),
        }),
      },
    },
    handler: async (req) => {
      const halls = await org.listHalls([req.query.regionCode]);
      return { items: halls.filter((h) => h.active).map((h) => ({ ...h, windowCount: h.windows.filter((w) => w.active).length })) };
    },
  });
}
