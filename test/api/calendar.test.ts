import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeModules } from '../../src/app.ts';
import { createPlatform } from '../../src/core/platform.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';

let i: TestInstance;
let admin: Session;

interface YearView {
  year: number;
  source: string;
  offDays: string[];
  workDays: string[];
  enteredBy: string | null;
  enteredAt: string | null;
}

beforeAll(async () => {
  i = await testInstance();
  admin = await login(i, 'platform_admin.hubei');
});
afterAll(() => i.close());

describe('reading the calendar (public)', () => {
  it('lists the years with their source', async () => {
    const res = await call(i, null, 'GET', '/api/calendar/years');
    expect(res.statusCode).toBe(200);
    const years = res.json() as { year: number; source: string }[];
    expect(years).toContainEqual({ year: 2025, source: 'published' });
    expect(years).toContainEqual({ year: 2026, source: 'published' });
  });

  it('gives the days off and adjusted working days of a published year, and empty lists for an unknown one', async () => {
    const y = (await call(i, null, 'GET', '/api/calendar/years/2026')).json() as YearView;
    expect(y).toMatchObject({ year: 2026, source: 'published', enteredBy: null });
    expect(y.offDays).toHaveLength(33);
    expect(y.workDays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect((await call(i, null, 'GET', '/api/calendar/years/2097')).json()).toEqual({ year: 2097, source: 'weekends-only', offDays: [], workDays: [], enteredBy: null, enteredAt: null });
    expect((await call(i, null, 'GET', '/api/calendar/years/99999')).statusCode).toBe(400);
  });

  it('explains a range day by day: 国庆 2026 with its adjusted Saturday', async () => {
    const res = await call(i, null, 'GET', '/api/calendar/explain?from=2026-09-30&to=2026-10-10');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { workingDays: number; provisional: boolean; days: { date: string; counted: boolean; why: string }[] };
    expect(body).toMatchObject({ workingDays: 3, provisional: false, provisionalYears: [] });
    expect(body.days).toHaveLength(10);
    expect(body.days[0]).toEqual({ date: '2026-10-01', counted: false, why: 'holiday' });
    expect(body.days.at(-1)).toEqual({ date: '2026-10-10', counted: true, why: 'adjusted-workday' });
  });

  it('says when a range reaches a year nobody published or entered', async () => {
    const body = (await call(i, null, 'GET', '/api/calendar/explain?from=2096-12-30&to=2097-01-04')).json() as { provisional: boolean; provisionalYears: number[]; workingDays: number };
    expect(body).toMatchObject({ provisional: true, provisionalYears: [2096, 2097], workingDays: 5 });
  });

  it('names a bad date and a range that is too long', async () => {
    const bad = await call(i, null, 'GET', '/api/calendar/explain?from=2026-02-30&to=2026-03-02', undefined, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'from', rule: 'format' }] });
    const long = await call(i, null, 'GET', '/api/calendar/explain?from=2020-01-01&to=2026-01-01');
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ errors: [{ field: 'to', rule: 'maxRange', message: expect.stringContaining('1100') }] });
  });
});

describe('entering a year', () => {
  it('stores it, audits it, emits an event, and counts with it at once and after a restart', async () => {
    const before = (await call(i, null, 'GET', '/api/calendar/explain?from=2098-12-31&to=2099-01-05')).json() as { workingDays: number; provisionalYears: number[] };
    expect(before).toMatchObject({ workingDays: 3, provisionalYears: [2099] });

    const res = await call(i, admin, 'PUT', '/api/calendar/years/2099', { offDays: ['2099-01-02', '2099-01-01'], workDays: ['2099-01-04'] });
    expect(res.statusCode, res.body).toBe(200);
    const y = res.json() as YearView;
    expect(y).toMatchObject({ year: 2099, source: 'admin', offDays: ['2099-01-01', '2099-01-02'], workDays: ['2099-01-04'] });
    expect(y.enteredBy).toBeTruthy();
    expect(y.enteredAt).toMatch(/^\d{4}-/);

    expect((await call(i, null, 'GET', '/api/calendar/years')).json()).toContainEqual({ year: 2099, source: 'admin' });
    const after = (await call(i, null, 'GET', '/api/calendar/explain?from=2098-12-31&to=2099-01-05')).json() as { workingDays: number; provisionalYears: number[] };
    expect(after).toMatchObject({ workingDays: 2, provisionalYears: [] });
    expect(i.platform.calendar.addWorkingDays('2098-12-31', 1)).toBe('2099-01-04');

    const audit = (await call(i, await login(i, 'auditor.hubei'), 'GET', '/api/audit?targetId=2099')).json() as { items: { action: string; actorRole: string }[] };
    expect(audit.items).toEqual([expect.objectContaining({ action: 'calendar.year.enter', actorRole: 'platform_admin' })]);
    const events = await i.platform.db.selectFrom('core.outbox' as never).select(['event_type' as never]).where('aggregate_id' as never, '=', '2099' as never).execute();
    expect(events).toEqual([{ event_type: 'calendar.year.entered' }]);

    const restarted = await createPlatform(i.platform.config, i.platform.database, composeModules().modules);
    expect(restarted.calendar.year(2099)).toEqual({ year: 2099, offDays: ['2099-01-01', '2099-01-02'], workDays: ['2099-01-04'], source: 'admin' });
  });

  it('replaces a year entered before', async () => {
    await call(i, admin, 'PUT', '/api/calendar/years/2095', { offDays: ['2095-01-03'], workDays: [] });
    const res = await call(i, admin, 'PUT', '/api/calendar/years/2095', { offDays: [], workDays: [] });
    expect(res.statusCode).toBe(200);
    expect((res.json() as YearView).offDays).toEqual([]);
    expect(i.platform.calendar.isWorkingDay('2095-01-03')).toBe(true);
  });

  it('names each bad date with its rule, in both languages, and keeps nothing', async () => {
    const payload = { offDays: ['2098-01-01', '2098-01-04', '2097-12-31', 'soon'], workDays: ['2098-01-01', '2098-01-03'] };
    const res = await call(i, admin, 'PUT', '/api/calendar/years/2098', payload, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = (res.json() as { errors: { field: string; rule: string; message: string }[] }).errors;
    expect(errors.map((e) => `${e.field} ${e.rule}`)).toEqual(['offDays/1 weekday', 'offDays/2 year', 'offDays/3 format', 'workDays/0 exclusive', 'workDays/1 weekend']);
    expect(errors[0]!.message).toMatch(/weekday/);
    const zh = (await call(i, admin, 'PUT', '/api/calendar/years/2098', payload, { 'accept-language': 'zh-CN' })).json() as { errors: { message: string }[] };
    expect(zh.errors[4]!.message).toContain('调休上班日须为周六或周日');
    expect((await call(i, null, 'GET', '/api/calendar/years/2098')).json()).toMatchObject({ source: 'weekends-only' });
  });

  it('refuses a year the holiday package publishes (409)', async () => {
    const res = await call(i, admin, 'PUT', '/api/calendar/years/2026', { offDays: [], workDays: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ errors: [{ field: 'year', rule: 'published' }] });
    expect((await call(i, null, 'GET', '/api/calendar/years/2026')).json()).toMatchObject({ source: 'published' });
  });

  it('is for a province-wide platform admin only', async () => {
    const body = { offDays: [], workDays: [] };
    expect((await call(i, null, 'PUT', '/api/calendar/years/2094', body)).statusCode).toBe(401);
    expect((await call(i, await login(i, 'platform_admin.wuhan'), 'PUT', '/api/calendar/years/2094', body)).statusCode).toBe(403);
    expect((await call(i, await login(i, 'catalog_admin.hubei'), 'PUT', '/api/calendar/years/2094', body)).statusCode).toBe(403);
  });
});
