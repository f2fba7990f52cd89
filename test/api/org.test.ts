import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

let i: TestInstance;
let admin: Session;
let wuhanAdmin: Session;

beforeAll(async () => {
  i = await testInstance();
  admin = await login(i, 'platform_admin.hubei');
  wuhanAdmin = await login(i, 'platform_admin.wuhan');
});
afterAll(() => i.close());

describe('regions', () => {
  it('lists the whole tree publicly and the children of a region with counts for staff', async () => {
    const all = (await call(i, null, 'GET', '/api/regions')).json() as unknown[];
    expect(all).toHaveLength(117);
    const res = await call(i, admin, 'GET', '/api/regions/420000/children');
    expect(res.statusCode).toBe(200);
    const kids = res.json() as { code: string; departmentCount: number; childCount: number }[];
    expect(kids).toHaveLength(17);
    expect(kids.find((k) => k.code === '420100')).toMatchObject({ childCount: 13, departmentCount: 7 });
  });
});

describe('departments', () => {
  it('creates a department with the name that follows the level, audited, with an event in the outbox', async () => {
    const res = await call(i, wuhanAdmin, 'POST', '/api/departments', { regionCode: '420102', kind: 'education', phone: '027-12345678' });
    expect(res.statusCode).toBe(201);
    const dep = res.json() as { id: string; name: string; version: number };
    expect(dep).toMatchObject({ name: '江岸区教育局', version: 1 });
    const entries = (await call(i, await login(i, 'auditor.hubei'), 'GET', `/api/audit?targetId=${dep.id}`)).json() as { items: { action: string; actorRole: string }[] };
    expect(entries.items).toEqual([expect.objectContaining({ action: 'department.create', actorRole: 'platform_admin' })]);
    const events = await i.platform.db
      .selectFrom('core.outbox' as never)
      .select(['event_type' as never])
      .where('aggregate_id' as never, '=', dep.id as never)
      .execute();
    expect(events).toEqual([{ event_type: 'org.department.created' }]);
  });

  it('names every bad field in one problem+json, in the language asked for', async () => {
    const res = await call(i, admin, 'POST', '/api/departments', { regionCode: '4201', kind: 'nope', phone: 'call me' }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { errors: { field: string; rule: string; message: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(expect.arrayContaining(['kind', 'phone', 'regionCode']));
    expect(body.errors.find((e) => e.field === 'regionCode')).toMatchObject({ rule: 'pattern', message: 'has the wrong format' });
  });

  it('rejects a credit code with a wrong check character and keeps nothing', async () => {
    const before = (await call(i, admin, 'GET', '/api/departments?regionCode=420103')).json() as { total: number };
    const res = await call(i, admin, 'POST', '/api/departments', { regionCode: '420103', kind: 'transport', creditCode: '91350100M000100Y44' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'creditCode', rule: 'checksum' }] });
    const after = (await call(i, admin, 'GET', '/api/departments?regionCode=420103')).json() as { total: number };
    expect(after.total).toBe(before.total);
  });

  it('fails a stale edit with 409 and the current state', async () => {
    const created = (await call(i, admin, 'POST', '/api/departments', { regionCode: '420104', kind: 'commerce' })).json() as { id: string };
    const first = await call(i, admin, 'PATCH', `/api/departments/${created.id}`, { version: 1, phone: '027-1' });
    expect(first.statusCode).toBe(200);
    const second = await call(i, wuhanAdmin, 'PATCH', `/api/departments/${created.id}`, { version: 1, phone: '027-2' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ current: { version: 2, phone: '027-1' } });
  });

  it('keeps a city administrator out of another city', async () => {
    const res = await call(i, wuhanAdmin, 'POST', '/api/departments', { regionCode: '420200', kind: 'education' });
    expect(res.statusCode).toBe(403);
    expect((await call(i, wuhanAdmin, 'GET', '/api/departments?regionCode=420200')).statusCode).toBe(403);
  });
});

describe('halls and windows', () => {
  it('numbers new windows after the highest', async () => {
    const hall = (await call(i, wuhanAdmin, 'POST', '/api/halls', { regionCode: '420103', name: '江汉区政务服务中心', address: '江汉区', hours: '9:00-17:00' })).json() as { id: string };
    const w1 = (await call(i, wuhanAdmin, 'POST', `/api/halls/${hall.id}/windows`, { name: '综合窗口', kind: 'comprehensive' })).json() as { number: number };
    const w2 = (await call(i, wuhanAdmin, 'POST', `/api/halls/${hall.id}/windows`, { name: '综合窗口', kind: 'comprehensive' })).json() as { number: number };
    expect([w1.number, w2.number]).toEqual([1, 2]);
    const pub = (await call(i, null, 'GET', '/api/public/halls?regionCode=420103')).json() as { items: { name: string; windowCount: number }[] };
    expect(pub.items).toEqual([expect.objectContaining({ name: '江汉区政务服务中心', windowCount: 2 })]);
  });
});
