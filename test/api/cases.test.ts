import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';
import { act, apply, caseSessions, onlineItem, onlineItemIn, PDF, PNG, upload, verifyInPerson, type CaseOut, type CaseSessions } from '../support/cases.ts';
import { registerPerson, type TestPerson } from '../support/persons.ts';

let i: TestInstance;
let s: CaseSessions;
let code: string;
let person: TestPerson;
let n = 7100;

beforeAll(async () => {
  i = await testInstance();
  s = await caseSessions(i);
  code = await onlineItem(i, s);
  person = await registerPerson(i, n++, '王小明');
});
afterAll(async () => i?.close());

const detail = async (who: Session, id: string, mine = false) => {
  const res = await call(i, who, 'GET', mine ? `/api/my/cases/${id}` : `/api/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { case: CaseOut; materials: { materialId: string; round: number }[]; timeline: { action: string; note: string | null; actorName: string | null }[] };
};

describe('applying online', () => {
  it('runs a case from submission to completion, each step by its role', async () => {
    const c = await apply(i, person, code);
    expect(c).toMatchObject({ state: 'submitted', queue: 'to_accept', step: { index: 0, role: 'window_clerk' } });
    expect(c.number).toMatch(/^420100\d{8}\d{6}$/);
    expect(c.deadlines.acceptanceDue).not.toBeNull();

    // The reviewer cannot accept: acceptance belongs to the window.
    expect((await call(i, s.reviewer, 'POST', `/api/cases/${c.id}/actions`, { version: c.version, action: { type: 'accept' } })).statusCode).toBe(403);
    const accepted = await act(i, s.clerk, c, { type: 'accept' });
    expect(accepted).toMatchObject({ state: 'reviewing', queue: 'to_review', step: { role: 'reviewer' } });
    expect(accepted.deadlines.promisedDue).not.toBeNull();

    const reviewed = await act(i, s.reviewer, accepted, { type: 'advance', opinion: '材料齐全，符合条件' });
    expect(reviewed).toMatchObject({ queue: 'to_decide', step: { role: 'department_head' } });
    const decided = await act(i, s.head, reviewed, { type: 'decide', grant: true, reasons: '符合《行政许可法》规定的条件' });
    expect(decided).toMatchObject({ state: 'decided', queue: 'to_issue' });

    const document = await upload(i, s.clerk, PDF, '/api/files', 'result.pdf');
    const issued = await act(i, s.clerk, decided, { type: 'issue', document });
    const done = await act(i, s.clerk, issued, { type: 'deliver', method: 'electronic' });
    expect(done).toMatchObject({ state: 'completed', queue: null });

    const mine = await detail(person, c.id, true);
    expect(mine.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'advance', 'decide', 'issue', 'deliver']);
    expect(mine.timeline.every((e) => e.actorName === null || !e.actorName.includes('演示'))).toBe(true);
    await expect.poll(async () => ((await call(i, person, 'GET', '/api/my/messages')).json() as { items: { text: { zh: string } }[] }).items.map((m) => m.text.zh).join('\n')).toContain(`${c.number} 已办结，欢迎评价`);
    const result = await call(i, person, 'GET', `/api/my/cases/${c.id}/result`);
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toContain('application/pdf');
  });

  it('returns the same case for a repeated idempotency key, and refuses what the item does not ask for', async () => {
    const key = `same-${Date.now()}`;
    const first = await apply(i, person, code, key);
    const sha = await upload(i, person);
    const again = await call(i, person, 'POST', '/api/my/cases', { itemCode: code, answers: { kind: 'new', agent: 'no' }, form: { mobile: '13900000000' }, materials: [{ materialId: 'form', sha256: sha }] }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect((again.json() as CaseOut).id).toBe(first.id);

    const bad = await call(i, person, 'POST', '/api/my/cases', { itemCode: code, answers: { kind: 'change' }, form: { mobile: '123' }, materials: [{ materialId: 'idcard', sha256: sha }] }, { 'idempotency-key': `bad-${Date.now()}` });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['answers/agent:required', 'form/mobile:pattern', 'materials/0/materialId:held', 'materials/form:required', 'materials/change-proof:required']));
  });

  it('asks for a supplement once, pauses the clock, and takes the fix in one go', async () => {
    const c = await apply(i, person, code);
    const asked = await act(i, s.clerk, c, { type: 'request-supplement', deficiencies: [{ materialId: 'form', text: '申请书缺少签字' }, { text: '请补充经营场所照片' }] });
    expect(asked).toMatchObject({ state: 'supplement', queue: 'paused' });
    const sha = await upload(i, person, PDF, '/api/my/files', 'signed.pdf');
    const fixed = await call(i, person, 'POST', `/api/my/cases/${c.id}/supplement`, { version: asked.version, materials: [{ materialId: 'form', sha256: sha }], note: '已签字' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ state: 'submitted', queue: 'to_accept' });
    const d = await detail(s.clerk, c.id);
    expect(d.materials.map((m) => m.round)).toEqual([0, 1]);

    // A second request needs a written justification and is flagged on the timeline.
    const second = await call(i, s.clerk, 'POST', `/api/cases/${c.id}/actions`, { version: (fixed.json() as CaseOut).version, action: { type: 'request-supplement', deficiencies: [{ text: '照片不清晰' }] } });
    expect(second.json()).toMatchObject({ status: 409, type: '/problems/case-justification' });
  });

  it('lets one of two staff acting at once win; the other gets 409 with the current case', async () => {
    const c = await apply(i, person, code);
    const [a, b] = await Promise.all([
      call(i, s.clerk, 'POST', `/api/cases/${c.id}/actions`, { version: c.version, action: { type: 'accept' } }),
      call(i, s.clerk, 'POST', `/api/cases/${c.id}/actions`, { version: c.version, action: { type: 'refuse', reason: '不属于本机关职权范围', basis: '《行政许可法》第三十二条', remedies: '可依法申请行政复议或者提起行政诉讼' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = (a.statusCode === 409 ? a : b).json() as { current: CaseOut };
    expect(loser.current.version).toBe(c.version + 1);
  });

  it('shows progress publicly by number and query code, with a masked name', async () => {
    const c = await apply(i, person, code);
    const res = await call(i, null, 'GET', `/api/public/progress?number=${c.number}&code=${c.queryCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ number: c.number, applicantName: '王*明', state: 'submitted' });
    expect((await call(i, null, 'GET', `/api/public/progress?number=${c.number}&code=AAAAAAAA`)).statusCode).toBe(404);
  });

  it('lets the applicant withdraw before a decision and tells them about each step', async () => {
    const c = await apply(i, person, code);
    const accepted = await act(i, s.clerk, c, { type: 'accept' });
    const w = await call(i, person, 'POST', `/api/my/cases/${c.id}/withdraw`, { version: accepted.version, reason: '不再需要' });
    expect(w.json()).toMatchObject({ state: 'withdrawn' });
    await expect.poll(async () => ((await call(i, person, 'GET', '/api/my/messages')).json() as { items: { text: { zh: string } }[] }).items.map((m) => m.text.zh).join('\n')).toContain(`${c.number} 已受理`);
  });

  it('keeps other people out of a case', async () => {
    const c = await apply(i, person, code);
    const other = await registerPerson(i, n++, '李四');
    expect((await call(i, other, 'GET', `/api/my/cases/${c.id}`)).statusCode).toBe(404);
    const outside = await login(i, 'reviewer.hubei');
    expect((await call(i, outside, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
  });
});

describe('at the window', () => {
  it('takes in an application for a person checked in person, accepting it at once', async () => {
    const walkIn = await registerPerson(i, n++, '赵六');
    const scan = await upload(i, s.clerk, PNG, '/api/files', 'scan.png');
    const body = { itemCode: code, personId: walkIn.id, answers: { kind: 'new', agent: 'no' }, form: { mobile: '13900000001' }, materials: [{ materialId: 'form', sha256: scan }], acceptNow: true, key: `w-${Date.now()}` };
    const notYet = await call(i, s.clerk, 'POST', '/api/window/cases', body);
    expect(notYet.json()).toMatchObject({ status: 403, type: '/problems/level-required' });
    await verifyInPerson(i, s.clerk, walkIn);
    const res = await call(i, s.clerk, 'POST', '/api/window/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'window', state: 'reviewing' });
  });
});

describe('deemed acceptance', () => {
  it('accepts a case nobody answered within 5 working days, as of the day it was received', async () => {
    const c = await apply(i, person, code);
    const core = { ...c.core, receivedOn: '2026-03-02', acceptanceStart: '2026-03-02' };
    await i.platform.db.updateTable('cases.case' as never).set({ core: JSON.stringify(core), due_on: '2026-03-09' } as never).where('id' as never, '=', c.id as never).execute();
    expect(await i.cases.sweep()).toBeGreaterThanOrEqual(1);
    const d = await detail(s.clerk, c.id);
    expect(d.case).toMatchObject({ state: 'reviewing', core: { deemedAccepted: true, acceptedOn: '2026-03-02' } });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'deem-accept' });
  });
});

describe('online pre-review', () => {
  it('lets a hall clerk tell an applicant before they come whether the materials are complete', async () => {
    const sha = await upload(i, person);
    const asked = await call(i, person, 'POST', '/api/my/prereviews', { itemCode: code, answers: { kind: 'new', agent: 'no' }, materials: [{ materialId: 'form', sha256: sha }] });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id } = asked.json() as { id: string };
    const waiting = (await call(i, s.clerk, 'GET', '/api/window/prereviews')).json() as { items: { id: string }[] };
    expect(waiting.items.map((p) => p.id)).toContain(id);
    expect((await call(i, s.clerk, 'GET', `/api/window/prereviews/${id}/materials/${sha}`)).statusCode).toBe(200);
    expect((await call(i, s.clerk, 'POST', `/api/window/prereviews/${id}`, { complete: false, answer: '' })).statusCode).toBe(400);
    const answered = await call(i, s.clerk, 'POST', `/api/window/prereviews/${id}`, { complete: true, answer: '材料齐全' });
    expect(answered.json()).toMatchObject({ state: 'complete', answer: '材料齐全' });
    expect((await call(i, s.clerk, 'POST', `/api/window/prereviews/${id}`, { complete: false, answer: '再看看' })).statusCode).toBe(409);
    const mine = (await call(i, person, 'GET', '/api/my/prereviews')).json() as { items: { id: string; state: string }[] };
    expect(mine.items.find((p) => p.id === id)).toMatchObject({ state: 'complete' });
  });
});

// What the permission table's model cannot say: a department-bound grant that still reaches a case
// (the window's), and a region check made by the service rather than the route's declared access.
describe('who reaches a case', () => {
  it('lets 武汉’s window clerk act on a case of another 武汉 department, but not that department’s outsiders', async () => {
    const healthItem = await onlineItemIn(i, s, '420100', 'health', s.wuhan.editor);
    const c = await apply(i, person, healthItem);
    const [supervisor, auditor] = await Promise.all([login(i, 'supervisor.wuhan'), login(i, 'auditor.wuhan')]);
    // The market supervision bureau's reviewer and head are bound to their own department.
    for (const bound of [s.reviewer, s.head]) {
      expect((await call(i, bound, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
      expect((await call(i, bound, 'POST', `/api/cases/${c.id}/actions`, { version: c.version, action: { type: 'open' } })).statusCode).toBe(403);
      const queue = (await call(i, bound, 'GET', '/api/cases?queue=all&pageSize=100')).json() as { items: { id: string }[] };
      expect(queue.items.map((r) => r.id)).not.toContain(c.id);
    }
    // Grants without a department read it.
    for (const reader of [supervisor, auditor]) expect((await call(i, reader, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    // The window clerk is bound to the government services office, yet takes in for every department (一窗受理).
    expect((await call(i, s.clerk, 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    const queue = (await call(i, s.clerk, 'GET', '/api/cases?queue=to_accept&pageSize=100')).json() as { items: { id: string }[] };
    expect(queue.items.map((r) => r.id)).toContain(c.id);
    await act(i, s.clerk, c, { type: 'accept' });
  });

  it('refuses a window intake of an item outside the clerk’s regions', async () => {
    const huangshi = await onlineItemIn(i, s, '420200');
    const walkIn = await registerPerson(i, n++, '钱七');
    await verifyInPerson(i, s.clerk, walkIn);
    const scan = await upload(i, s.clerk, PNG, '/api/files', 'scan.png');
    const body = (key: string, sha256 = scan) => ({ itemCode: huangshi, personId: walkIn.id, answers: { kind: 'new', agent: 'no' }, form: { mobile: '13900000003' }, materials: [{ materialId: 'form', sha256 }], acceptNow: false, key });
    const wuhan = await call(i, s.clerk, 'POST', '/api/window/cases', body(`hs-wuhan-${Date.now()}`));
    expect(wuhan.statusCode, wuhan.body).toBe(403);
    expect(wuhan.json()).toMatchObject({ type: '/problems/forbidden' });
    const hubei = await login(i, 'window_clerk.hubei');
    // Another clerk's scan cannot be handed in by its hash: a clerk hands in what they scanned.
    const borrowed = await call(i, hubei, 'POST', '/api/window/cases', body(`hs-borrowed-${Date.now()}`));
    expect((borrowed.json() as { errors: { field: string; rule: string }[] }).errors[0]).toMatchObject({ field: 'materials/0/sha256', rule: 'exists' });
    const own = await upload(i, hubei, PNG, '/api/files', 'scan-hubei.png');
    const province = await call(i, hubei, 'POST', '/api/window/cases', body(`hs-hubei-${Date.now()}`, own));
    expect(province.statusCode, province.body).toBe(201);
    expect(province.json()).toMatchObject({ regionCode: '420200', channel: 'window', state: 'submitted' });
  });
});
