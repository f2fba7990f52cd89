/**
 * Evaluation (好差评) through the API: a completed case rated once; a poor rating's rectification
 * (5 working days, call-back, outcome) and the one more rating it opens; appeals, an upheld one
 * leaving the public statistics; a window visit rated by its token without login; who may do what.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/core/calendar.ts';
import { act, apply, caseSessions, onlineItem, onlineItemIn, PDF, upload, type CaseOut, type CaseSessions } from '../support/cases.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';
import { registerPerson, type TestPerson } from '../support/persons.ts';

let i: TestInstance;
let s: CaseSessions;
let code: string;
let person: TestPerson;
let supervisor: Session;
let departmentId: string;
let n = 7600;

beforeAll(async () => {
  i = await testInstance();
  s = await caseSessions(i);
  code = await onlineItem(i, s);
  person = await registerPerson(i, n++, '王小明');
  supervisor = await login(i, 'supervisor.wuhan');
  departmentId = (await i.org.departmentOfKind('420100', 'market_supervision'))!.id;
});
afterAll(async () => i?.close());

interface Status {
  ratings: { id: string; round: number; level: number; excluded: boolean }[];
  rectification: { state: string; dueOn: string; outcome: string | null } | null;
  next: { open: boolean; round: number | null };
}
interface Rectification {
  id: string;
  evaluationId: string;
  state: string;
  dueOn: string;
  overdue: boolean;
  contact: { name: string; mobile: string } | null;
  rating: { level: number; comment: string };
  subject: { caseNumber: string | null; windowNumber: number | null };
  appeal: { state: string } | null;
}
interface Summary {
  overall: { total: number; levels: Record<string, number>; satisfied: number; rate: number | null };
  byChannel: { channel: string; total: number }[];
  byDepartment: { departmentId: string; departmentName: string; total: number; rate: number | null }[];
}

/** A case of `who` taken from submission to completion by the 武汉 staff. */
async function completedCase(who: TestPerson = person): Promise<CaseOut> {
  const c = await apply(i, who, code);
  const accepted = await act(i, s.clerk, c, { type: 'accept' });
  const reviewed = await act(i, s.reviewer, accepted, { type: 'advance', opinion: '符合条件' });
  const decided = await act(i, s.head, reviewed, { type: 'decide', grant: true, reasons: '符合规定的条件' });
  const issued = await act(i, s.clerk, decided, { type: 'issue', document: await upload(i, s.clerk, PDF, '/api/files', 'result.pdf') });
  const done = await act(i, s.clerk, issued, { type: 'deliver', method: 'electronic' });
  expect(done.state).toBe('completed');
  return done;
}

const rate = (who: Session, caseId: string, body: Record<string, unknown>) => call(i, who, 'POST', `/api/my/cases/${caseId}/evaluation`, { indicators: [], comment: '', ...body });
const status = async (caseId: string) => (await call(i, person, 'GET', `/api/my/cases/${caseId}/evaluation`)).json() as Status;
const summary = async (query = `departmentId=${departmentId}`) => {
  const res = await call(i, null, 'GET', `/api/public/evaluations/summary?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Summary;
};
const rectifications = async (who: Session, state = 'all') => ((await call(i, who, 'GET', `/api/evaluations/rectifications?state=${state}&pageSize=100`)).json() as { items: Rectification[] }).items;
const events = async (type: string) =>
  (await sql<{ payload: Record<string, unknown> }>`select payload from core.outbox where event_type = ${type} order by id`.execute(i.platform.db)).rows.map((r) => r.payload);

describe('rating a case', () => {
  it('rates a completed case once, not before it is over and not twice', async () => {
    const c = await apply(i, person, code);
    expect((await rate(person, c.id, { level: 5 })).json()).toMatchObject({ status: 409, type: '/problems/evaluation-not-finished' });

    const done = await completedCase();
    expect(await status(done.id)).toMatchObject({ ratings: [], next: { open: true, round: 1 } });
    const bad = await rate(person, done.id, { level: 1, indicators: ['attitude'] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`)).toEqual(['indicators/0:channel', 'comment:requiredWhenPoor']);

    const rated = await rate(person, done.id, { level: 5, indicators: ['efficiency', 'guide'], comment: '办得很快' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ ratings: [{ round: 1, level: 5, excluded: false }], rectification: null, next: { open: false } });
    expect((await rate(person, done.id, { level: 4 })).json()).toMatchObject({ status: 409, type: '/problems/evaluation-rated' });
    expect((await events('evaluation.rated')).at(-1)).toMatchObject({ caseId: done.id, level: 5, round: 1 });

    // Someone else's case does not exist for them.
    const other = await registerPerson(i, n++, '李四');
    expect((await rate(other, done.id, { level: 1, comment: '差' })).statusCode).toBe(404);
    expect((await call(i, other, 'GET', `/api/my/cases/${done.id}/evaluation`)).statusCode).toBe(404);
  });
});

describe('rectification of a poor rating', () => {
  it('opens one due in 5 working days; the department calls back and closes it; the applicant may rate once more', async () => {
    const before = await summary();
    const done = await completedCase();
    const rated = await rate(person, done.id, { level: 1, indicators: ['efficiency'], comment: '等了很久才办结' });
    expect(rated.statusCode, rated.body).toBe(201);
    const due = i.platform.calendar.addWorkingDays(shanghaiDate(), 5);
    expect(rated.json()).toMatchObject({ rectification: { state: 'open', dueOn: due }, next: { open: false } });
    expect((await rate(person, done.id, { level: 5 })).json()).toMatchObject({ status: 409, type: '/problems/evaluation-rectifying' });
    expect((await events('evaluation.rectification.opened')).at(-1)).toMatchObject({ caseId: done.id, departmentId, dueOn: due });

    const task = (await rectifications(s.head, 'running')).find((r) => r.subject.caseNumber === done.number)!;
    expect(task).toMatchObject({ state: 'open', dueOn: due, overdue: false, contact: { name: '王小明', mobile: person.mobile }, rating: { level: 1, comment: '等了很久才办结' } });

    // A reviewer may not handle it; closing needs the call-back first.
    expect((await call(i, s.reviewer, 'POST', `/api/evaluations/rectifications/${task.id}/close`, { outcome: '已整改' })).statusCode).toBe(403);
    expect((await call(i, s.head, 'POST', `/api/evaluations/rectifications/${task.id}/close`, { outcome: '已整改' })).json()).toMatchObject({ status: 409, type: '/problems/rectification-callback-first' });
    const called = await call(i, s.head, 'POST', `/api/evaluations/rectifications/${task.id}/callback`, { record: '电话联系申请人，说明延误原因并致歉', reached: true });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json()).toMatchObject({ state: 'called_back', callback: { reached: true } });
    const closed = await call(i, s.head, 'POST', `/api/evaluations/rectifications/${task.id}/close`, { outcome: '优化审批流程，承诺时限缩短 2 个工作日' });
    expect(closed.json()).toMatchObject({ state: 'closed', outcome: '优化审批流程，承诺时限缩短 2 个工作日' });
    expect((await call(i, s.head, 'POST', `/api/evaluations/rectifications/${task.id}/callback`, { record: '再次回访', reached: true })).statusCode).toBe(409);

    expect(await status(done.id)).toMatchObject({ rectification: { state: 'closed', outcome: '优化审批流程，承诺时限缩短 2 个工作日' }, next: { open: true, round: 2 } });
    await expect
      .poll(async () => ((await call(i, person, 'GET', '/api/my/messages')).json() as { items: { text: { zh: string } }[] }).items.map((m) => m.text.zh).join('\n'))
      .toContain(`您对办件 ${done.number} 的评价已由`);
    const again = await rate(person, done.id, { level: 4, indicators: ['efficiency'] });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ ratings: [{ round: 1, level: 1 }, { round: 2, level: 4 }], next: { open: false } });
    expect((await rate(person, done.id, { level: 5 })).json()).toMatchObject({ status: 409, type: '/problems/evaluation-rated' });

    // The case counts once, by its latest rating.
    const after = await summary();
    expect(after.overall.total).toBe(before.overall.total + 1);
    expect(after.overall.levels['4']).toBe(before.overall.levels['4']! + 1);
    expect(after.overall.levels['1']).toBe(before.overall.levels['1']);
  });

  it('keeps a department head of another region or department out', async () => {
    const huangshi = await onlineItemIn(i, s, '420200');
    const other = await registerPerson(i, n++, '陈红');
    const c = await apply(i, other, huangshi);
    await i.platform.db.updateTable('cases.case' as never).set({ state: 'completed' } as never).where('id' as never, '=', c.id as never).execute();
    expect((await rate(other, c.id, { level: 2, comment: '态度不好' })).statusCode).toBe(201);
    const [theirs] = (await sql<{ id: string }>`select r.id from cases.rectification r join cases.evaluation e on e.id = r.evaluation_id where e.case_id = ${c.id}`.execute(i.platform.db)).rows;
    if (!theirs) throw new Error('no rectification opened');
    expect((await rectifications(s.head)).map((r) => r.id)).not.toContain(theirs.id);
    expect((await call(i, s.head, 'POST', `/api/evaluations/rectifications/${theirs.id}/callback`, { record: '回访', reached: true })).statusCode).toBe(403);
    const province = await login(i, 'department_head.hubei');
    expect((await rectifications(province)).map((r) => r.id)).not.toContain(theirs.id);
    expect((await call(i, province, 'POST', `/api/evaluations/rectifications/${theirs.id}/close`, { outcome: '已整改' })).statusCode).toBe(403);
  });
});

describe('appeals', () => {
  it('lets the department appeal a poor rating once; upheld, it leaves the public statistics and cancels the rectification', async () => {
    const before = await summary();
    const done = await completedCase();
    const rated = (await rate(person, done.id, { level: 1, comment: '恶意刷差评-测试文本' })).json() as Status;
    const evaluationId = rated.ratings[0]!.id;
    const during = await summary();
    expect(during.overall.total).toBe(before.overall.total + 1);
    expect(during.overall.levels['1']).toBe(before.overall.levels['1']! + 1);
    expect(JSON.stringify(during)).not.toContain('恶意刷差评-测试文本');
    expect(JSON.stringify(during)).not.toContain('王小明');

    expect((await call(i, supervisor, 'POST', `/api/evaluations/${evaluationId}/appeal`, { ground: 'malicious', reason: '与事实不符' })).statusCode).toBe(403);
    const appealed = await call(i, s.head, 'POST', `/api/evaluations/${evaluationId}/appeal`, { ground: 'malicious', reason: '申请人当场表示满意，评价与事实不符' });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const appeal = (appealed.json() as { appeal: { id: string; state: string } }).appeal;
    expect(appeal.state).toBe('submitted');
    expect((await call(i, s.head, 'POST', `/api/evaluations/${evaluationId}/appeal`, { ground: 'mistaken', reason: '再次申诉' })).json()).toMatchObject({ status: 409, type: '/problems/appeal-appealed' });

    const waiting = (await call(i, supervisor, 'GET', '/api/evaluations/appeals')).json() as { items: { appeal: { id: string }; rating: { comment: string } }[] };
    expect(waiting.items.find((a) => a.appeal.id === appeal.id)).toMatchObject({ rating: { comment: '恶意刷差评-测试文本' } });
    expect((await call(i, s.head, 'POST', `/api/evaluations/appeals/${appeal.id}/decide`, { uphold: true, decision: '成立' })).statusCode).toBe(403);
    const decided = await call(i, supervisor, 'POST', `/api/evaluations/appeals/${appeal.id}/decide`, { uphold: true, decision: '经调取窗口录像核实，申诉成立' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ appeal: { state: 'upheld', decision: '经调取窗口录像核实，申诉成立' }, rating: { excluded: true } });
    expect((await call(i, supervisor, 'POST', `/api/evaluations/appeals/${appeal.id}/decide`, { uphold: false, decision: '改判' })).json()).toMatchObject({ status: 409, type: '/problems/appeal-decided' });

    const after = await summary();
    expect(after.overall).toEqual(before.overall);
    expect(await status(done.id)).toMatchObject({ ratings: [{ excluded: true }], rectification: { state: 'cancelled' }, next: { open: false } });
    expect((await events('evaluation.appeal.upheld')).at(-1)).toMatchObject({ appealId: appeal.id, evaluationId });
    expect((await rectifications(s.head, 'cancelled')).find((r) => r.evaluationId === evaluationId)).toMatchObject({ appeal: { state: 'upheld' } });
  });

  it('refuses an appeal against a good rating', async () => {
    const done = await completedCase();
    const { ratings } = (await rate(person, done.id, { level: 3 })).json() as Status;
    expect((await call(i, s.head, 'POST', `/api/evaluations/${ratings[0]!.id}/appeal`, { ground: 'mistaken', reason: '误评' })).json()).toMatchObject({ status: 409, type: '/problems/appeal-not-poor' });
  });
});

describe('window visits', () => {
  it('are rated once by their token, without login, and count in the statistics by channel', async () => {
    const halls = (await call(i, s.clerk, 'GET', '/api/halls?regionCode=420100')).json() as { items: { id: string }[] };
    const hallId = halls.items[0]!.id;
    expect((await call(i, person, 'POST', '/api/window/visits', { hallId, windowNumber: 3 })).statusCode).toBe(403);
    expect((await call(i, s.clerk, 'POST', '/api/window/visits', { hallId: '00000000-0000-4000-8000-000000000000', windowNumber: 3 })).json()).toMatchObject({ status: 400, errors: [{ field: 'hallId', rule: 'exists' }] });

    const before = await summary('regionCode=420100');
    const opened = await call(i, s.clerk, 'POST', '/api/window/visits', { hallId, windowNumber: 3 });
    expect(opened.statusCode, opened.body).toBe(201);
    const visit = opened.json() as { token: string; ratingUrl: string; departmentName: string };
    expect(visit.ratingUrl).toBe(`/rate/${visit.token}`);

    const page = await call(i, null, 'GET', `/api/public/visits/${visit.token}`);
    expect(page.json()).toMatchObject({ visit: { windowNumber: 3, departmentName: visit.departmentName }, ratings: [], next: { open: true, round: 1 } });
    expect((await call(i, null, 'POST', `/api/public/visits/${visit.token}/evaluation`, { level: 5, indicators: ['guide'] })).json()).toMatchObject({ status: 400, errors: [{ field: 'indicators/0', rule: 'channel' }] });
    const rated = await call(i, null, 'POST', `/api/public/visits/${visit.token}/evaluation`, { level: 5, indicators: ['attitude', 'efficiency'], comment: '耐心细致' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ ratings: [{ level: 5, round: 1 }], next: { open: false } });
    expect((await call(i, null, 'POST', `/api/public/visits/${visit.token}/evaluation`, { level: 1, comment: '再评' })).json()).toMatchObject({ status: 409, type: '/problems/evaluation-rated' });
    expect((await call(i, null, 'GET', `/api/public/visits/${'x'.repeat(32)}`)).statusCode).toBe(404);

    const after = await summary('regionCode=420100');
    const windowCount = (x: Summary) => x.byChannel.find((c) => c.channel === 'window')?.total ?? 0;
    expect(windowCount(after)).toBe(windowCount(before) + 1);
    expect(after.byDepartment.find((d) => d.departmentName === visit.departmentName)?.total).toBeGreaterThan(0);
  });

  it('answers the department of a case served at the window, and a poor visit rating goes to that department', async () => {
    const done = await completedCase();
    const halls = (await call(i, s.clerk, 'GET', '/api/halls?regionCode=420100')).json() as { items: { id: string }[] };
    const opened = (await call(i, s.clerk, 'POST', '/api/window/visits', { hallId: halls.items[0]!.id, windowNumber: 5, caseId: done.id })).json() as { token: string; departmentName: string };
    const rated = await call(i, null, 'POST', `/api/public/visits/${opened.token}/evaluation`, { level: 2, indicators: ['attitude'], comment: '窗口人员不耐烦' });
    expect(rated.statusCode, rated.body).toBe(201);
    const task = (await rectifications(s.head, 'running')).find((r) => r.rating.comment === '窗口人员不耐烦');
    expect(task).toMatchObject({ subject: { windowNumber: 5 }, contact: { mobile: person.mobile } });
  });

  it('limits ratings per client address', async () => {
    const from = '10.77.0.1';
    await sql`insert into core.rate_limit (key, window_start, count) values (${`visit-rate:ip:${from}`}, now(), 60)`.execute(i.platform.db);
    const res = await call(i, null, 'POST', `/api/public/visits/${'y'.repeat(32)}/evaluation`, { level: 5, indicators: [] }, {}, from);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('public statistics', () => {
  it('checks their filters', async () => {
    expect((await call(i, null, 'GET', '/api/public/evaluations/summary?regionCode=999999')).json()).toMatchObject({ status: 400, errors: [{ field: 'regionCode', rule: 'exists' }] });
    expect((await call(i, null, 'GET', '/api/public/evaluations/summary?from=2026-05-02&to=2026-05-01')).json()).toMatchObject({ status: 400, errors: [{ field: 'to', rule: 'afterFrom' }] });
    const none = await summary('from=2000-01-01&to=2000-01-31');
    expect(none.overall).toEqual({ total: 0, levels: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, satisfied: 0, rate: null });
  });
});

describe('the regions of a window clerk', () => {
  it('refuses a 武汉 clerk a visit for a 黄石 case or department; the province’s clerk may open it', async () => {
    const c = await apply(i, await registerPerson(i, n++, '黄小丽'), await onlineItemIn(i, s, '420200'));
    const huangshi = (await i.org.departmentOfKind('420200', 'market_supervision'))!;
    const hallOf = async (who: Session, regionCode: string) => ((await call(i, who, 'GET', `/api/halls?regionCode=${regionCode}`)).json() as { items: { id: string }[] }).items[0]!.id;
    const wuhanHall = await hallOf(s.clerk, '420100');

    for (const body of [{ caseId: c.id }, { departmentId: huangshi.id }]) {
      const res = await call(i, s.clerk, 'POST', '/api/window/visits', { hallId: wuhanHall, windowNumber: 4, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(res.json()).toMatchObject({ status: 403 });
    }
    const none = await sql<{ n: number }>`select count(*)::int as n from cases.visit where department_id = ${huangshi.id}`.execute(i.platform.db);
    expect(none.rows[0]!.n).toBe(0);

    const province = await login(i, 'window_clerk.hubei');
    const opened = await call(i, province, 'POST', '/api/window/visits', { hallId: await hallOf(province, '420000'), windowNumber: 4, caseId: c.id });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ departmentName: huangshi.name });
  });
});

describe('the regions of a reviewer of appeals', () => {
  it('lists and decides an appeal only within the supervisor’s regions', async () => {
    // A poor rating of a 黄石 case; no demo head is bound to 黄石's bureau, so its appeal is set directly.
    const other = await registerPerson(i, n++, '黄大勇');
    const c = await apply(i, other, await onlineItemIn(i, s, '420200'));
    await i.platform.db.updateTable('cases.case' as never).set({ state: 'completed' } as never).where('id' as never, '=', c.id as never).execute();
    const rated = await rate(other, c.id, { level: 1, comment: '材料被反复退回' });
    expect(rated.statusCode, rated.body).toBe(201);
    const evaluationId = (rated.json() as Status).ratings[0]!.id;
    const [appeal] = (
      await sql<{ id: string }>`
        insert into cases.appeal (evaluation_id, region_code, department_id, ground, reason, submitted_by, submitted_by_name)
        select id, region_code, department_id, 'mistaken', '评价对象有误', 'fixture', '黄石市市场监督管理局' from cases.evaluation where id = ${evaluationId}
        returning id`.execute(i.platform.db)
    ).rows;
    const listed = async (who: Session) => ((await call(i, who, 'GET', '/api/evaluations/appeals?state=all&pageSize=100')).json() as { items: { appeal: { id: string } }[] }).items.map((a) => a.appeal.id);

    expect(await listed(supervisor)).not.toContain(appeal!.id);
    expect((await call(i, supervisor, 'POST', `/api/evaluations/appeals/${appeal!.id}/decide`, { uphold: false, decision: '不成立' })).statusCode).toBe(403);

    const province = await login(i, 'supervisor.hubei');
    expect(await listed(province)).toContain(appeal!.id);
    const decided = await call(i, province, 'POST', `/api/evaluations/appeals/${appeal!.id}/decide`, { uphold: false, decision: '经核实，申诉不成立' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ appeal: { state: 'rejected' }, rating: { regionCode: '420200', excluded: false } });
  });
});
