import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/core/notify.ts';
import { HttpMarketRegistry } from '../../src/modules/identity/registry.ts';
import { call, login, testInstance, type TestInstance } from '../support/instance.ts';
import { creditCode, registerPerson, withBadCheck, type TestPerson } from '../support/persons.ts';

let i: TestInstance;
let seq = 0;
const next = () => 300_000 + ++seq;

async function verifiedPerson(name = '钱一') {
  const p = await registerPerson(i, next(), name);
  expect((await call(i, p, 'POST', '/api/persons/me/verify')).statusCode).toBe(200);
  return p;
}

async function enterpriseOf(rep: TestPerson, name = '武汉示例科技有限公司') {
  const res = await call(i, rep, 'POST', '/api/enterprises', { creditCode: creditCode(next()), name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; creditCode: string; name: string };
}

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

beforeAll(async () => {
  i = await testInstance();
});
afterAll(() => i?.close());

describe('enterprise registration', () => {
  it('needs the legal representative at real-name level L2 or above', async () => {
    const l1 = await registerPerson(i, next());
    const res = await call(i, l1, 'POST', '/api/enterprises', { creditCode: creditCode(next()), name: '武汉一号有限公司' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: '/problems/level-required' });
  });

  it('registers a valid code with the person as legal representative, once', async () => {
    const rep = await verifiedPerson();
    const e = await enterpriseOf(rep);
    const mine = (await call(i, rep, 'GET', '/api/enterprises/mine')).json() as { items: { id: string; as: string }[] };
    expect(mine.items).toEqual([expect.objectContaining({ id: e.id, as: 'legal_representative' })]);
    const other = await verifiedPerson('孙二');
    const again = await call(i, other, 'POST', '/api/enterprises', { creditCode: e.creditCode, name: '另一家公司' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ errors: [{ field: 'creditCode', rule: 'unique' }] });
  });

  it('refuses a code that fails its check characters, naming each problem', async () => {
    const rep = await verifiedPerson();
    const good = creditCode(next());
    const res = await call(i, rep, 'POST', '/api/enterprises', { creditCode: `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`, name: '校验失败有限公司' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'creditCode', rule: 'checksum' }] });
  });
});

describe('a really issued code that fails its check character', () => {
  it('is refused by default and accepted only after an administrator’s audited exception, flagged', async () => {
    const rep = await verifiedPerson('严法人');
    const code = withBadCheck(creditCode(next()));
    const refused = await call(i, rep, 'POST', '/api/enterprises', { creditCode: code, name: '校验位例外有限公司' });
    expect(refused.json()).toMatchObject({ errors: [{ field: 'creditCode', rule: 'checksum' }] });
    const admin = await login(i, 'platform_admin.wuhan');
    const accepted = await call(i, admin, 'POST', '/api/credit-code-exceptions', { creditCode: code, reason: '营业执照原件核实，代码确已发放' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toEqual({ creditCode: code, failed: ['checksum'] });
    expect((await call(i, admin, 'POST', '/api/credit-code-exceptions', { creditCode: code, reason: '再次认可' })).statusCode).toBe(409);
    const registered = await call(i, rep, 'POST', '/api/enterprises', { creditCode: code, name: '校验位例外有限公司' });
    expect(registered.statusCode, registered.body).toBe(201);
    const row = (await i.platform.db
      .selectFrom('core.audit_log' as never)
      .select(['detail' as never])
      .where('action' as never, '=', 'enterprise.register' as never)
      .where('target_id' as never, '=', (registered.json() as { id: string }).id as never)
      .executeTakeFirstOrThrow()) as { detail: { checksumException?: { acceptedBy: string } } };
    expect(row.detail.checksumException?.acceptedBy).toBe(admin.userId);
  });

  it('accepts no other problem, no valid code, and only within the administrator’s region', async () => {
    const admin = await login(i, 'platform_admin.wuhan');
    const valid = await call(i, admin, 'POST', '/api/credit-code-exceptions', { creditCode: creditCode(next()), reason: '无需认可的代码' });
    expect(valid.json()).toMatchObject({ errors: [{ field: 'creditCode', rule: 'valid' }] });
    const good = creditCode(next());
    const wrongType = `9Z${good.slice(2)}`;
    expect((await call(i, admin, 'POST', '/api/credit-code-exceptions', { creditCode: wrongType, reason: '类别代码错误' })).statusCode).toBe(400);
    const elsewhere = withBadCheck(creditCode(next(), '420200'));
    expect((await call(i, admin, 'POST', '/api/credit-code-exceptions', { creditCode: elsewhere, reason: '黄石市的代码' })).statusCode).toBe(403);
  });
});

describe('agents', () => {
  it('a legal representative grants an agent with scope and expiry; the agent acts for the enterprise and both are recorded', async () => {
    const rep = await verifiedPerson('吴法人');
    const e = await enterpriseOf(rep);
    const agent = await registerPerson(i, next(), '郑经办');
    const granted = await call(i, rep, 'POST', `/api/enterprises/${e.id}/agents`, { name: '郑经办', idNumber: agent.idNumber, itemTypes: ['01', '20'], expiresAt: inAYear() });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ personName: '郑经办', itemTypes: ['01', '20'] });
    expect(JSON.stringify(granted.json())).not.toContain(agent.idNumber);

    const mine = (await call(i, agent, 'GET', '/api/enterprises/mine')).json() as { items: { id: string; as: string; itemTypes: string[] }[] };
    expect(mine.items).toEqual([expect.objectContaining({ id: e.id, as: 'agent', itemTypes: ['01', '20'] })]);
    const acting = await call(i, agent, 'POST', '/api/persons/me/acting-for', { enterpriseId: e.id });
    expect(acting.json()).toMatchObject({ actingFor: { enterpriseId: e.id, creditCode: e.creditCode, as: 'agent' } });
    const me = (await call(i, agent, 'GET', '/api/persons/me')).json() as { actingFor: { creditCode: string } };
    expect(me.actingFor.creditCode).toBe(e.creditCode);

    // What the agent does now records the person and the enterprise.
    expect((await call(i, agent, 'POST', '/api/persons/me/password', { currentPassword: agent.password, newPassword: 'Agent-Pass-2026' })).statusCode).toBe(204);
    const entries = (await call(i, await login(i, 'auditor.hubei'), 'GET', `/api/audit?action=person.password_set&targetId=${agent.id}`)).json() as { items: { actorId: string }[] };
    expect(entries.items).toEqual([expect.objectContaining({ actorId: agent.id })]);
    const row = (await i.platform.db
      .selectFrom('core.audit_log' as never)
      .select(['detail' as never])
      .where('action' as never, '=', 'person.password_set' as never)
      .where('target_id' as never, '=', agent.id as never)
      .executeTakeFirstOrThrow()) as { detail: { actingFor: { creditCode: string; as: string } } };
    expect(row.detail.actingFor).toEqual({ creditCode: e.creditCode, name: e.name, as: 'agent' });
  });

  it('revoking takes effect at once, also in the agent’s live session', async () => {
    const rep = await verifiedPerson('冯法人');
    const e = await enterpriseOf(rep);
    const agent = await registerPerson(i, next(), '陈经办');
    const g = (await call(i, rep, 'POST', `/api/enterprises/${e.id}/agents`, { name: '陈经办', idNumber: agent.idNumber, itemTypes: 'all', expiresAt: inAYear() })).json() as { id: string };
    await call(i, agent, 'POST', '/api/persons/me/acting-for', { enterpriseId: e.id });
    expect((await call(i, rep, 'DELETE', `/api/enterprises/${e.id}/agents/${g.id}`)).statusCode).toBe(204);
    expect(((await call(i, agent, 'GET', '/api/persons/me')).json() as { actingFor: unknown }).actingFor).toBeNull();
    expect(((await call(i, agent, 'GET', '/api/enterprises/mine')).json() as { items: unknown[] }).items).toEqual([]);
    const retry = await call(i, agent, 'POST', '/api/persons/me/acting-for', { enterpriseId: e.id });
    expect(retry.statusCode).toBe(400);
    const list = (await call(i, rep, 'GET', `/api/enterprises/${e.id}/agents`)).json() as { items: { revokedAt: string | null }[] };
    expect(list.items[0]!.revokedAt).not.toBeNull();
  });

  it('only the legal representative manages agents; a wrong name and ID pair reveals nothing; expiry is bounded', async () => {
    const rep = await verifiedPerson('褚法人');
    const e = await enterpriseOf(rep);
    const stranger = await registerPerson(i, next(), '卫路人');
    expect((await call(i, stranger, 'GET', `/api/enterprises/${e.id}/agents`)).statusCode).toBe(403);
    const wrongName = await call(i, rep, 'POST', `/api/enterprises/${e.id}/agents`, { name: '别的名字', idNumber: stranger.idNumber, itemTypes: 'all', expiresAt: inAYear() });
    const unknown = await call(i, rep, 'POST', `/api/enterprises/${e.id}/agents`, { name: '卫路人', idNumber: (await registerPerson(i, next())).idNumber.replace(/^4201/, '4201'), itemTypes: 'all', expiresAt: inAYear() });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json()).toMatchObject({ errors: [{ field: 'idNumber', rule: 'registered' }] });
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'idNumber', rule: 'registered' }] });
    const tooLong = await call(i, rep, 'POST', `/api/enterprises/${e.id}/agents`, { name: '卫路人', idNumber: stranger.idNumber, itemTypes: 'all', expiresAt: new Date(Date.now() + 4 * 366 * 86_400_000).toISOString() });
    expect(tooLong.json()).toMatchObject({ errors: [{ field: 'expiresAt', rule: 'range' }] });
  });

  it('a person who acts for several enterprises switches without logging in again', async () => {
    const rep = await verifiedPerson('蒋法人');
    const a = await enterpriseOf(rep, '甲公司');
    const b = await enterpriseOf(rep, '乙公司');
    expect(((await call(i, rep, 'POST', '/api/persons/me/acting-for', { enterpriseId: a.id })).json() as { actingFor: { name: string } }).actingFor.name).toBe('甲公司');
    expect(((await call(i, rep, 'POST', '/api/persons/me/acting-for', { enterpriseId: b.id })).json() as { actingFor: { name: string } }).actingFor.name).toBe('乙公司');
    expect(((await call(i, rep, 'POST', '/api/persons/me/acting-for', { enterpriseId: null })).json() as { actingFor: unknown }).actingFor).toBeNull();
  });
});

describe('market registry adapter', () => {
  it('speaks the documented contract and rejects a malformed answer', async () => {
    const app = Fastify();
    const seen: unknown[] = [];
    app.post('/ok', async (req) => {
      seen.push({ auth: req.headers.authorization, body: req.body });
      return { found: true, status: 'active', name: '武汉示例有限公司', legalRepIdNumber: '11010519491231002X', reference: 'SC-1' };
    });
    app.post('/missing', async () => ({ found: false, reference: 'SC-2' }));
    app.post('/bad', async () => ({ found: true, reference: 'SC-3' }));
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const code = creditCode(1);
    expect(await new HttpMarketRegistry(`${base}/ok`, 'tok').lookup(code)).toEqual({ found: true, status: 'active', name: '武汉示例有限公司', legalRepIdNumber: '11010519491231002X', reference: 'SC-1' });
    expect(seen).toEqual([{ auth: 'Bearer tok', body: { creditCode: code } }]);
    expect((await new HttpMarketRegistry(`${base}/missing`, 'tok').lookup(code)).found).toBe(false);
    await expect(new HttpMarketRegistry(`${base}/bad`, 'tok').lookup(code)).rejects.toBeInstanceOf(GatewayError);
    await app.close();
  });
});
