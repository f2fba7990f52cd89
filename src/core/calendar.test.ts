import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendar,
  checkCalendarYear,
  shanghaiDate,
  WorkingCalendar,
  workingDaysBetween,
  type IsoDate,
  type Pause,
} from './calendar.ts';

const shared = (f: string) =>
  JSON.parse(readFileSync(new URL(`../../../shared/data/${f}`, import.meta.url), 'utf8')) as { offDays: string[]; adjustedWorkdays: string[] };

const DAY = 86_400_000;
const plus = (d: IsoDate, days: number) => new Date(Date.parse(d) + days * DAY).toISOString().slice(0, 10);

/** Dates over published years (2024–2026) and a weekends-only one (2027). */
const date = fc.integer({ min: 0, max: 4 * 365 }).map((i) => plus('2024-01-01', i));
/** Closed pauses near `from`, possibly overlapping, touching or around it. */
const pausesNear = (from: IsoDate) =>
  fc.array(
    fc.tuple(fc.integer({ min: -10, max: 200 }), fc.integer({ min: 0, max: 25 })).map(([start, length]): Pause => ({ from: plus(from, start), to: plus(from, start + length) })),
    { maxLength: 3 },
  );
const inPause = (d: IsoDate, pauses: Pause[]) => pauses.some((p) => p.from <= d && (p.to === null || d <= p.to));

describe('published years', () => {
  it.each([2025, 2026])('agree exactly with ../shared/data/holidays-%i.json', (year) => {
    const data = shared(`holidays-${year}.json`);
    const y = calendar.year(year);
    expect(y?.source).toBe('published');
    expect(y?.offDays).toEqual([...data.offDays].sort());
    expect(y?.workDays).toEqual([...data.adjustedWorkdays].sort());
  });

  it('are listed with their source; next year, if unpublished, as weekends-only', () => {
    const years = calendar.years();
    expect(years).toContainEqual({ year: 2025, source: 'published' });
    expect(years).toContainEqual({ year: 2026, source: 'published' });
    const next = Number(shanghaiDate().slice(0, 4)) + 1;
    expect(years.find((y) => y.year === next)?.source).toMatch(/published|weekends-only/);
  });
});

describe('the 2026 calendar', () => {
  it('crosses 国庆 with its adjusted days (Sun 9/20 and Sat 10/10 are worked)', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(workingDaysBetween('2026-09-24', '2026-10-12')).toBe(7);
  });

  it('crosses 春节 (Sat 2/14 is worked, 2/15–2/23 are off)', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
  });

  it('counts an adjusted working Saturday and not a holiday Saturday', () => {
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-21')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false);
    expect(workingDaysBetween('2026-02-27', '2026-03-02')).toBe(2);
  });

  it('crosses the new year: 2025-12-31 + 3 skips 元旦 and counts Sun 1/4', () => {
    expect(addWorkingDays('2025-12-31', 3)).toBe('2026-01-06');
    expect(workingDaysBetween('2025-12-31', '2026-01-06')).toBe(3);
  });

  it('has n = 0 return the start day, and counts nothing backwards', () => {
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
    expect(workingDaysBetween('2026-10-09', '2026-10-09')).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-10-01')).toBe(0);
  });

  it('explains each day of (from, to]', () => {
    const { days, provisional } = calendar.explain('2026-09-30', '2026-10-10', [{ from: '2026-10-09', to: '2026-10-09' }]);
    expect(provisional).toBe(false);
    expect(days[0]).toEqual({ date: '2026-10-01', counted: false, why: 'holiday' });
    expect(days.at(-3)).toEqual({ date: '2026-10-08', counted: true, why: 'workday' });
    expect(days.at(-2)).toEqual({ date: '2026-10-09', counted: false, why: 'paused' });
    expect(days.at(-1)).toEqual({ date: '2026-10-10', counted: true, why: 'adjusted-workday' });
    expect(calendar.explain('2026-03-06', '2026-03-07').days).toEqual([{ date: '2026-03-07', counted: false, why: 'weekend' }]);
  });
});

describe('years nobody published', () => {
  it('are counted by weekends and make the answer provisional', () => {
    const c = new WorkingCalendar();
    expect(c.addWorkingDays('2098-12-31', 1)).toBe('2099-01-01');
    const r = c.explain('2098-12-30', '2100-01-04');
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2098, 2099, 2100]);
    expect(c.explain('2026-12-01', '2026-12-31').provisional).toBe(false);
  });

  it('stop being provisional once an administrator enters them; entering again replaces the year', () => {
    const c = new WorkingCalendar([{ year: 2099, offDays: ['2099-01-01', '2099-01-02'], workDays: [], source: 'admin' }]);
    expect(c.explain('2098-12-31', '2099-01-31').provisional).toBe(false);
    expect(c.addWorkingDays('2098-12-31', 1)).toBe('2099-01-05');
    expect(c.years()).toContainEqual({ year: 2099, source: 'admin' });
    c.setYear({ year: 2099, offDays: [], workDays: ['2099-01-03'], source: 'admin' });
    expect(c.addWorkingDays('2098-12-31', 3)).toBe('2099-01-03');
    expect(c.year(2099)?.workDays).toEqual(['2099-01-03']);
  });

  it('refuses a year whose dates lie outside it', () => {
    expect(() => new WorkingCalendar([{ year: 2099, offDays: ['2098-12-31'], workDays: [], source: 'admin' }])).toThrow(RangeError);
  });
});

describe('pauses', () => {
  it('include both ends and an open end covers every later day', () => {
    const p: Pause[] = [{ from: '2026-03-03', to: '2026-03-04' }];
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-06', p)).toBe(2);
    expect(calendar.addWorkingDays('2026-03-02', 1, p)).toBe('2026-03-05');
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-31', [{ from: '2026-03-05', to: null }])).toBe(2);
  });

  it('make a deadline unknowable while an open pause stands in the way', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', 5, [{ from: '2026-03-04', to: null }])).toThrow(/no end/);
    expect(calendar.addWorkingDays('2026-03-02', 1, [{ from: '2026-03-04', to: null }])).toBe('2026-03-03');
  });

  it('refuse bad input', () => {
    expect(() => calendar.workingDaysBetween('2026-03-02', '2026-03-06', [{ from: '2026-03-05', to: '2026-03-04' }])).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('addWorkingDays is the inverse of workingDaysBetween and lands on a working, unpaused day', () => {
    fc.assert(
      fc.property(
        date.chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 1, max: 300 }), pausesNear(from))),
        ([from, n, p]) => {
          const to = calendar.addWorkingDays(from, n, p);
          expect(calendar.workingDaysBetween(from, to, p)).toBe(n);
          expect(calendar.isWorkingDay(to)).toBe(true);
          expect(inPause(to, p)).toBe(false);
        },
      ),
    );
  });

  it('one more working day gives a later date', () => {
    fc.assert(
      fc.property(
        date.chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 0, max: 300 }), pausesNear(from))),
        ([from, n, p]) => {
          expect(calendar.addWorkingDays(from, n + 1, p) > calendar.addWorkingDays(from, n, p)).toBe(true);
        },
      ),
    );
  });

  it('workingDaysBetween is additive over a middle date', () => {
    fc.assert(
      fc.property(
        fc.array(date, { minLength: 3, maxLength: 3 }).map((ds) => ds.sort()),
        date.chain(pausesNear),
        ([a, b, c], p) => {
          expect(calendar.workingDaysBetween(a!, c!, p)).toBe(calendar.workingDaysBetween(a!, b!, p) + calendar.workingDaysBetween(b!, c!, p));
        },
      ),
    );
  });

  it('workingDaysBetween agrees with counting day by day, open pauses included', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), date.chain(pausesNear), fc.option(date), (from, span, p, open) => {
        const pauses = open ? [...p, { from: open, to: null }] : p;
        let expected = 0;
        for (let i = 1; i <= span; i++) {
          const d = plus(from, i);
          if (calendar.isWorkingDay(d) && !inPause(d, pauses)) expected++;
        }
        expect(calendar.workingDaysBetween(from, plus(from, span), pauses)).toBe(expected);
      }),
    );
  });

  it('no result is an off day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (from, n) => {
        expect(calendar.isWorkingDay(addWorkingDays(from, n))).toBe(true);
      }),
    );
  });
});

describe('checkCalendarYear', () => {
  it('accepts a well-formed year and names each bad field with its rule', () => {
    expect(checkCalendarYear({ year: 2099, offDays: ['2099-01-01'], workDays: ['2099-01-03'] })).toEqual([]);
    const rules = checkCalendarYear({
      year: 2099,
      offDays: ['2098-12-31', '2099-01-02', '2099-01-03', '2099-13-01', '2099-01-02'],
      workDays: ['2099-01-02', '2099-01-05'],
    }).map((e) => `${e.field} ${e.rule}`);
    expect(rules).toEqual(['offDays/0 year', 'offDays/2 weekday', 'offDays/3 format', 'offDays/4 unique', 'workDays/0 exclusive', 'workDays/1 weekend']);
  });
});

describe('shanghaiDate', () => {
  it('is the calendar day in UTC+8', () => {
    expect(shanghaiDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
});
