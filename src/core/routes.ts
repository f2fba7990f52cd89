import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import { verifyAudit } from './audit.ts';
import { storeUpload } from './blobs.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { actorOf, readUpload, type App } from './http.ts';
import { maskPersonalNumbers } from './mask.ts';
import { DevMailbox } from './notify.ts';
import { isWithin, regionsWith } from './permissions.ts';
import type { Module, Platform } from './platform.ts';
import { Nullable, Page, Paging } from './schemas.ts';
import type { CoreTables } from './schema.ts';

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorKind: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  regionCode: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  clientIp: Nullable(Type.String()),
});

/** Regions (and, for a grant at a root, entries without a region) an auditor may read. */
function auditRegions(p: Platform, roots: string[]) {
  const parentOf = (c: string) => p.regionParents.get(c);
  const codes = [...p.regionParents.keys()].filter((c) => roots.some((r) => isWithin(parentOf, c, r)));
  return { codes, includeUnregioned: roots.some((r) => !parentOf(r)) };
}

function coreRoutes(app: App, p: Platform) {
  const db = p.db as Kysely<CoreTables>;

  app.get('/api/audit', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: '审计日志（本人管辖区划） / the audit trail within your regions',
      querystring: Type.Object({
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
        action: Type.Optional(Type.String({ maxLength: 60 })),
        actorId: Type.Optional(Type.String({ maxLength: 80 })),
        targetType: Type.Optional(Type.String({ maxLength: 40 })),
        targetId: Type.Optional(Type.String({ maxLength: 80 })),
        ...Paging,
      }),
      response: { 200: Page(AuditEntry) },
    },
    handler: async (req) => {
      const q = req.query;
      const { codes, includeUnregioned } = auditRegions(p, regionsWith(req.principal!.grants, 'audit:read'));
      let query = db.selectFrom('core.audit_log').where((eb) =>
        includeUnregioned ? eb.or([eb('region_code', 'is', null), eb('region_code', 'in', codes)]) : eb('region_code', 'in', codes),
      );
      if (q.from) query = query.where('at', '>=', new Date(q.from));
      if (q.to) query = query.where('at', '<', new Date(q.to));
      if (q.action) query = query.where('action', 'like', `${q.action}%`);
      if (q.actorId) query = query.where('actor_id', '=', q.actorId);
      if (q.targetType) query = query.where('target_type', '=', q.targetType);
      if (q.targetId) query = query.where('target_id', '=', q.targetId);
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('seq', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        total: Number(total.n),
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: new Date(r.at).toISOString(),
          actorKind: r.actor_kind,
          actorId: r.actor_id,
          actorName: r.actor_name,
          actorRole: r.actor_role,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          regionCode: r.region_code,
          requestId: r.request_id,
          clientIp: r.client_ip,
        })),
      };
    },
  });

  app.get('/api/audit/verify', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: '校验整条审计哈希链 / verify the whole hash chain',
      response: {
        200: Type.Object({ ok: Type.Boolean(), entries: Type.Integer(), seq: Type.Optional(Type.Integer()), problem: Type.Optional(Type.String()) }),
      },
    },
    handler: async () => verifyAudit(p.db),
  });

  if (p.sms instanceof DevMailbox) {
    const mailbox = p.sms;
    app.get('/api/dev/mailbox', {
      config: { access: { public: true } },
      schema: {
        tags: ['dev'],
        summary: '开发信箱：本应发出的短信（仅非生产环境） / dev mailbox: the SMS that would have been sent (never in production)',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            notice: Type.String(),
            items: Type.Array(Type.Object({ id: Type.Integer(), channel: Type.String(), recipient: Type.String(), text: Type.String(), purpose: Type.String(), createdAt: Type.String() })),
          }),
        },
      },
      handler: async (req) => ({
        notice: '开发环境：短信未真正发出，只保存在这里 / development: no SMS was really sent; messages are only kept here',
        items: (await mailbox.list(req.query.limit)).map((m) => ({ ...m, recipient: maskPersonalNumbers(m.recipient) })),
      }),
    });
  }

  calendarRoutes(app, p);

  app.post('/api/files', {
    config: { access: { permission: 'file:upload' } },
    schema: {
      tags: ['files'],
      summary: '上传文件（按内容判断类型：PDF、JPEG、PNG、OFD、XLSX） / upload a file; its type is judged by content',
      consumes: ['multipart/form-data'],
      response: { 201: Type.Object({ sha256: Type.String(), size: Type.Integer(), mediaType: Type.String(), fileName: Type.String() }) },
    },
    handler: async (req, reply) => {
      const { data, filename } = await readUpload(req, p.config.UPLOAD_MAX_BYTES);
      return reply.code(201).send(await storeUpload(p, actorOf(req), data, filename));
    },
  });
}

/** Core's own routes: the audit trail, the working-day calendar and file uploads. */
export const coreModule: Module = { name: 'core', routes: coreRoutes };
