/**
 * HTTP for the working-day calendar: the known years (public), one year's days (public), a day-by-day
 * explanation of a range (public), and an administrator entering a year not yet published.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { auditedTx } from './audit.ts';
import { calendar as publishedCalendar, checkCalendarYear, isIsoDate, type CalendarYear } from './calendar.ts';
import { conflict, fieldError, invalid } from './errors.ts';
import { actorOf, type App } from './http.ts';
import type { Platform } from './platform.ts';
import type { CoreTables } from './schema.ts';
import { Nullable } from './schemas.ts';

/** The longest range /api/calendar/explain answers day by day (about three years). */
const EXPLAIN_MAX_DAYS = 1100;

const YearParam = Type.Object({ year: Type.Integer({ minimum: 1000, maximum: 9999 }) });
const Source = Type.Union([Type.Literal('published'), Type.Literal('admin'), Type.Literal('weekends-only')]);
const IsoDate = Type.String({ pattern: '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, an Asia/Shanghai calendar day' });
const YearView = Type.Object({
  year: Type.Integer(),
  source: Source,
  offDays: Type.Array(Type.String()),
  workDays: Type.Array(Type.String()),
  enteredBy: Nullable(Type.String()),
  enteredAt: Nullable(Type.String({ format: 'date-time' })),
});
const Dates = Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 });

export function calendarRoutes(app: App, p: Platform) {
  const db = p.db as Kysely<CoreTables>;
  /** Entering a year acts on the whole province: only a grant at its top reaches it. */
  const provinceScope = () => {
    const code = [...p.regionParents].find(([, parent]) => parent === null)?.[0];
    return code ? { regionCode: code } : null;
  };

  async function yearView(year: number) {
    const y = p.calendar.year(year);
    const row = y?.source === 'admin' ? await db.selectFrom('core.calendar_year').select(['entered_by', 'entered_at']).where('year', '=', year).executeTakeFirst() : undefined;
    return {
      year,
      source: y?.source ?? ('weekends-only' as const),
      offDays: y?.offDays ?? [],
      workDays: y?.workDays ?? [],
      enteredBy: row?.entered_by ?? null,
      enteredAt: row ? new Date(row.entered_at).toISOString() : null,
    };
  }

  app.get('/api/calendar/years', {
    config: { access: { public: true } },
    schema: {
      tags: ['calendar'],
      summary: '工作日历的年份及来源（已发布 / 管理员录入 / 仅按周末推算） / the calendar years and where each comes from',
      response: { 200: Type.Array(Type.Object({ year: Type.Integer(), source: Source })) },
    },
    handler: async () => p.calendar.years(),
  });

  app.get('/api/calendar/years/:year', {
    config: { access: { public: true } },
    schema: {
      tags: ['calendar'],
      summary: '某年的放假日与调休上班日 / the days off and adjusted working days of a year',
      params: YearParam,
      response: { 200: YearView },
    },
    handler: async (req) => yearView(req.params.year),
  });

  app.put('/api/calendar/years/:year', {
    config: { access: { permission: 'calendar:manage', scope: provinceScope } },
    schema: {
      tags: ['calendar'],
      summary: '录入尚未发布的年度节假日安排（全省范围的授权） / enter a year the holiday package has not published (province-wide grants)',
      params: YearParam,
      body: Type.Object({ offDays: Dates, workDays: Dates }, { additionalProperties: false }),
      response: { 200: YearView },
    },
    handler: async (req) => {
      const { year } = req.params;
      if (publishedCalendar.year(year)) {
        throw conflict(`${year} 年的节假日安排已发布，不能录入`, `the holiday calendar of ${year} is published and cannot be entered`, [
          { field: 'year', rule: 'published', message: { zh: '已发布的年份不能录入', en: 'a published year cannot be entered' } },
        ]);
      }
      const errors = checkCalendarYear({ year, ...req.body });
      if (errors.length) throw invalid(errors);
      const entered: CalendarYear = { year, offDays: [...req.body.offDays].sort(), workDays: [...req.body.workDays].sort(), source: 'admin' };
      const actor = actorOf(req);
      await auditedTx(p.db, actor, async (tx) => {
        const t = tx as unknown as Kysely<CoreTables>;
        const before = await t.selectFrom('core.calendar_year').select(['off_days', 'work_days']).where('year', '=', year).forUpdate().executeTakeFirst();
        const values = { off_days: JSON.stringify(entered.offDays), work_days: JSON.stringify(entered.workDays), entered_by: actor.principal?.name ?? 'system', entered_at: new Date() };
        await t
          .insertInto('core.calendar_year')
          .values({ year, ...values })
          .onConflict((oc) => oc.column('year').doUpdateSet(values))
          .execute();
        await p.outbox.append(tx, { aggregateType: 'calendar-year', aggregateId: String(year), type: 'calendar.year.entered', payload: { year, offDays: entered.offDays, workDays: entered.workDays } });
        return {
          result: undefined,
          change: {
            action: 'calendar.year.enter',
            targetType: 'calendar-year',
            targetId: String(year),
            before: before && { offDays: before.off_days, workDays: before.work_days },
            after: { offDays: entered.offDays, workDays: entered.workDays },
          },
        };
      });
      p.calendar.setYear(entered);
      return yearView(year);
    },
  });

  app.get('/api/calendar/explain', {
    config: { access: { public: true } },
    schema: {
      tags: ['calendar'],
      summary: '逐日说明 (from, to] 中哪些日子计入工作日及原因 / which days of (from, to] count as working days, and why not',
      querystring: Type.Object({ from: IsoDate, to: IsoDate }),
      response: {
        200: Type.Object({
          from: Type.String(),
          to: Type.String(),
          workingDays: Type.Integer(),
          provisional: Type.Boolean({ description: 'a year of the range is counted by weekends alone: nobody has published or entered it' }),
          provisionalYears: Type.Array(Type.Integer()),
          days: Type.Array(
            Type.Object({
              date: Type.String(),
              counted: Type.Boolean(),
              why: Type.Union([Type.Literal('workday'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('adjusted-workday'), Type.Literal('paused')]),
            }),
          ),
        }),
      },
    },
    handler: async (req) => {
      const { from, to } = req.query;
      for (const [field, d] of [['from', from], ['to', to]] as const) {
        if (!isIsoDate(d)) throw fieldError(field, 'format', `${d} 不是有效日期`, `${d} is not a real date`);
      }
      if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > EXPLAIN_MAX_DAYS) {
        throw fieldError('to', 'maxRange', `区间不能超过 ${EXPLAIN_MAX_DAYS} 天`, `the range may span at most ${EXPLAIN_MAX_DAYS} days`);
      }
      const r = p.calendar.explain(from, to);
      return { from, to, workingDays: r.days.filter((d) => d.counted).length, ...r };
    },
  });
}
