import { Type } from 'typebox';
import { actorOf, type App } from '../../core/http.ts';
import { HOME_PROVINCE } from '../org/index.ts';
import type { EnterpriseService } from './enterprises.ts';
import { ITEM_TYPES } from './enterprises.ts';
import { NoContent } from './routes.ts';

const tags = ['enterprises'];
const Uuid = Type.String({ format: 'uuid' });
const ItemTypes = Type.Union([Type.Literal('all'), Type.Array(Type.Union(ITEM_TYPES.map((t) => Type.Literal(t))), { minItems: 1 })]);
const ItemTypesOut = Type.Union([Type.Literal('all'), Type.Array(Type.String())]);
const As = Type.Union([Type.Literal('legal_representative'), Type.Literal('agent')]);
export const Enterprise = Type.Object({
  id: Type.String(),
  creditCode: Type.String(),
  name: Type.String(),
  as: As,
  itemTypes: ItemTypesOut,
  expiresAt: Type.Union([Type.String(), Type.Null()]),
});
export const ActingForOut = Type.Union([
  Type.Object({ enterpriseId: Type.String(), creditCode: Type.String(), name: Type.String(), as: As, itemTypes: ItemTypesOut }),
  Type.Null(),
]);
const Agent = Type.Object({
  id: Type.String(),
  personName: Type.String(),
  idNumberMasked: Type.String(),
  itemTypes: ItemTypesOut,
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export function enterpriseRoutes(app: App, enterprises: EnterpriseService, regionOf: (code: string) => string | null) {
  /** A credit code's registration division (positions 3–8), or the province when that is no region here. */
  const regionOfCode = (creditCode: string) => regionOf(creditCode.slice(2, 8).toUpperCase()) ?? HOME_PROVINCE;

  app.post('/api/enterprises', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '法定代表人注册市场主体（须实名 L2） / the legal representative registers an enterprise (real-name level L2 needed)',
      body: Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }), name: Type.String({ minLength: 2, maxLength: 100 }) }),
      response: { 201: Enterprise },
    },
    handler: async (req, reply) => reply.code(201).send(await enterprises.register(actorOf(req), req.body)),
  });

  app.post('/api/credit-code-exceptions', {
    config: {
      access: {
        permission: 'enterprise:accept_code',
        // The code's own division names the region whose administrator may accept it.
        scope: (req) => ({ regionCode: regionOfCode((req.body as { creditCode: string }).creditCode) }),
      },
    },
    schema: {
      tags,
      summary: '认可校验位不符但确已发放的统一社会信用代码（标记并审计） / accept a really issued credit code that fails a check character (flagged, audited)',
      body: Type.Object({ creditCode: Type.String({ minLength: 18, maxLength: 18 }), reason: Type.String({ minLength: 4, maxLength: 300 }) }),
      response: { 201: Type.Object({ creditCode: Type.String(), failed: Type.Array(Type.String()) }) },
    },
    handler: async (req, reply) => reply.code(201).send(await enterprises.acceptCode(actorOf(req), req.body)),
  });

  app.get('/api/enterprises/mine', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '我可以代表的市场主体 / enterprises I may act for', response: { 200: Type.Object({ items: Type.Array(Enterprise) }) } },
    handler: async (req) => ({ items: await enterprises.mine(req.principal!.id) }),
  });

  app.post('/api/persons/me/acting-for', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '选择或切换代办的市场主体（无需重新登录） / choose or switch the enterprise to act for, without logging in again',
      body: Type.Object({ enterpriseId: Type.Union([Uuid, Type.Null()]) }),
      response: { 200: Type.Object({ actingFor: ActingForOut }) },
    },
    handler: async (req) => ({ actingFor: await enterprises.actAs(actorOf(req), req.sessionId!, req.body.enterpriseId) }),
  });

  app.get('/api/enterprises/:id/agents', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '经办人授权列表（法定代表人） / agents’ grants (legal representative)', params: Type.Object({ id: Uuid }), response: { 200: Type.Object({ items: Type.Array(Agent) }) } },
    handler: async (req) => ({ items: await enterprises.agents(actorOf(req), req.params.id) }),
  });

  app.post('/api/enterprises/:id/agents', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: {
      tags,
      summary: '授权经办人（范围与期限） / make a person an agent, with a scope and an expiry',
      params: Type.Object({ id: Uuid }),
      body: Type.Object({
        name: Type.String({ minLength: 2, maxLength: 40 }),
        idNumber: Type.String({ minLength: 15, maxLength: 18 }),
        itemTypes: ItemTypes,
        expiresAt: Type.String({ format: 'date-time' }),
      }),
      response: { 201: Agent },
    },
    handler: async (req, reply) => reply.code(201).send(await enterprises.grantAgent(actorOf(req), req.params.id, req.body)),
  });

  app.delete('/api/enterprises/:id/agents/:grantId', {
    config: { access: { authenticated: true, kinds: ['person'] } },
    schema: { tags, summary: '撤销经办人授权（立即生效） / revoke an agent’s grant, at once', params: Type.Object({ id: Uuid, grantId: Uuid }), response: { 204: NoContent } },
    handler: async (req, reply) => {
      await enterprises.revokeAgent(actorOf(req), req.params.id, req.params.grantId);
      return reply.code(204).send();
    },
  });
}
