/**
 * The legal working-day calendar: the State Council's yearly holiday notice as data.
 *
 * A day is a working day when it is listed as an adjusted working day (调休), or when it is a
 * Monday to Friday that is not listed as a holiday. Published years come from the npm package
 * `chinese-days`; an administrator may enter a year not yet published; any other year is computed
 * from weekends alone and every explanation that touches it says it is provisional.
 *
 * Dates are ISO `YYYY-MM-DD` strings naming Asia/Shanghai calendar days. Inside, a day is an
 * integer (days since 1970-01-01), and each year is a table of day kinds with running counts of
 * working days, so counting is a subtraction and finding a deadline is a binary search.
 */
import chineseDays from 'chinese-days';
import type { FieldError } from './errors.ts';

export type IsoDate = string;

export interface CalendarYear {
  year: number;
  /** Listed holidays, including those that fall on a weekend. */
  offDays: IsoDate[];
  /** Adjusted working days (调休): weekend days that are worked. */
  workDays: IsoDate[];
  source: 'published' | 'admin';
}

export interface DayExplanation {
  date: IsoDate;
  counted: boolean;
  why: 'workday' | 'weekend' | 'holiday' | 'adjusted-workday' | 'paused';
}

/**
 * A clock pause (暂停计时). Every day d with `from <= d <= to` is paused, both ends included;
 * `to: null` means the pause has not ended and covers every day from `from` on. A paused day never
 * counts, whatever its kind. Overlapping or touching pauses are merged.
 */
export interface Pause {
  from: IsoDate;
  to: IsoDate | null;
}

export type YearSource = 'published' | 'admin' | 'weekends-only';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const WORKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const ADJUSTED = 3;
const WHY = ['workday', 'weekend', 'holiday', 'adjusted-workday'] as const;

interface YearTable {
  year: number;
  source: YearSource;
  /** Day number of 1 January. */
  start: number;
  /** Kind of each day of the year (WORKDAY, WEEKEND, HOLIDAY, ADJUSTED). */
  kinds: Uint8Array;
  /** counts[i] = working days among the first i days of the year; length is days + 1. */
  counts: Int32Array;
}

/** Day number of an ISO date; RangeError when it is not a real calendar date. */
function dayNumber(iso: IsoDate): number {
  const m = ISO_DATE.exec(iso);
  const y = Number(m?.[1]);
  if (!m || y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const ms = Date.UTC(y, Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new RangeError(`no such day: ${iso}`);
  return ms / DAY_MS;
}

function isoOf(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `n` calendar days after `d` (before, for negative n). */
export const addDays = (d: IsoDate, n: number): IsoDate => isoOf(dayNumber(d) + n);

const yearStart = (year: number) => Date.UTC(year, 0, 1) / DAY_MS;
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const isWeekend = (day: number) => {
  const w = weekday(day);
  return w === 0 || w === 6;
};

/** True when the ISO string is a real calendar date. */
export function isIsoDate(s: string): boolean {
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

/** The day of the week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: IsoDate): number {
  return weekday(dayNumber(d));
}

function buildTable(year: number, source: YearSource, offDays: readonly IsoDate[], workDays: readonly IsoDate[]): YearTable {
  const start = yearStart(year);
  const length = yearStart(year + 1) - start;
  const kinds = new Uint8Array(length);
  for (let i = 0; i < length; i++) kinds[i] = isWeekend(start + i) ? WEEKEND : WORKDAY;
  for (const d of offDays) kinds[dayNumber(d) - start] = HOLIDAY;
  for (const d of workDays) kinds[dayNumber(d) - start] = ADJUSTED;
  const counts = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    const k = kinds[i];
    counts[i + 1] = counts[i]! + (k === WORKDAY || k === ADJUSTED ? 1 : 0);
  }
  return { year, source, start, kinds, counts };
}

/** The scan of chinese-days runs from this year (its data begins in 2004) to two years after this one. */
const FIRST_PUBLISHED_SCAN = 2000;
const WEEKDAY_NAMES = new Set(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
let published: Map<number, CalendarYear> | undefined;

/**
 * The years chinese-days holds, read once per process. It answers one day at a time
 * (`getDayDetail`), and a day it does not list comes back named after its weekday; a year is
 * published when it lists at least one day. Passing ISO strings keeps its answers right in every
 * server time zone (its ranges shift by a day west of UTC).
 */
function publishedYears(): Map<number, CalendarYear> {
  if (published) return published;
  const years = new Map<number, CalendarYear>();
  const last = Number(shanghaiDate().slice(0, 4)) + 2;
  for (let day = yearStart(FIRST_PUBLISHED_SCAN); day < yearStart(last + 1); day++) {
    const iso = isoOf(day);
    const detail = chineseDays.getDayDetail(iso);
    if (WEEKDAY_NAMES.has(detail.name)) continue;
    const year = Number(iso.slice(0, 4));
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, offDays: [], workDays: [], source: 'published' }));
    (detail.work ? y.workDays : y.offDays).push(iso);
  }
  published = years;
  return years;
}

const shanghaiFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar date of an instant (now by default). */
export function shanghaiDate(instant: Date = new Date()): IsoDate {
  return shanghaiFormat.format(instant);
}

/** Pauses as sorted, disjoint, inclusive day ranges; an open end is Infinity. */
function mergePauses(paused: readonly Pause[] | undefined): Array<[number, number]> {
  if (!paused?.length) return [];
  const ranges = paused.map((p): [number, number] => {
    const from = dayNumber(p.from);
    const to = p.to === null ? Infinity : dayNumber(p.to);
    if (to < from) throw new RangeError(`pause ends (${p.to}) before it starts (${p.from})`);
    return [from, to];
  });
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [ranges[0]!];
  for (const r of ranges.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/** Field errors of a year an administrator enters (empty when it is acceptable). */
export function checkCalendarYear(y: { year: number; offDays: readonly string[]; workDays: readonly string[] }): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, rule: string, zh: string, en: string) => errors.push({ field, rule, message: { zh, en } });
  if (!Number.isInteger(y.year) || y.year < MIN_YEAR || y.year > MAX_YEAR) {
    bad('year', 'range', `年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
    return errors;
  }
  const seen = new Map<string, 'offDays' | 'workDays'>();
  for (const list of ['offDays', 'workDays'] as const) {
    y[list].forEach((d, i) => {
      const field = `${list}/${i}`;
      if (!isIsoDate(d)) return bad(field, 'format', `${d} 不是 YYYY-MM-DD 格式的日期`, `${d} is not a date in YYYY-MM-DD form`);
      if (Number(d.slice(0, 4)) !== y.year) return bad(field, 'year', `${d} 不在 ${y.year} 年内`, `${d} is not in ${y.year}`);
      const other = seen.get(d);
      if (other === list) return bad(field, 'unique', `${d} 重复`, `${d} is listed twice`);
      if (other) return bad(field, 'exclusive', `${d} 不能既是放假日又是调休上班日`, `${d} cannot be both a day off and an adjusted working day`);
      seen.set(d, list);
      const weekend = isWeekend(dayNumber(d));
      if (list === 'workDays' && !weekend) bad(field, 'weekend', `调休上班日须为周六或周日，${d} 不是`, `an adjusted working day must be a Saturday or Sunday; ${d} is not`);
      if (list === 'offDays' && weekend) bad(field, 'weekday', `放假日须为周一至周五，${d} 是周末`, `a day off must be a weekday (Monday–Friday); ${d} is a weekend day`);
    });
  }
  return errors;
}

export class WorkingCalendar {
  private readonly entered = new Map<number, CalendarYear>();
  private readonly tables = new Map<number, YearTable>();

  /** Published years from chinese-days; an admin year replaces a published one of the same year. */
  constructor(adminYears: CalendarYear[] = []) {
    for (const y of adminYears) this.setYear(y);
  }

  /** Enter or replace a year in memory (RangeError when a date is not a date of that year). */
  setYear(y: CalendarYear): void {
    for (const d of [...y.offDays, ...y.workDays]) {
      if (Number(d.slice(0, 4)) !== y.year) throw new RangeError(`${d} is not in ${y.year}`);
    }
    const table = buildTable(y.year, y.source, y.offDays, y.workDays);
    this.entered.set(y.year, { ...y, offDays: [...y.offDays].sort(), workDays: [...y.workDays].sort() });
    this.tables.set(y.year, table);
  }

  /** The off days and adjusted working days of a year, or undefined for a weekends-only year. */
  year(year: number): CalendarYear | undefined {
    return this.entered.get(year) ?? publishedYears().get(year);
  }

  private table(year: number): YearTable {
    let t = this.tables.get(year);
    if (!t) {
      if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
      const y = this.year(year);
      t = y ? buildTable(year, y.source, y.offDays, y.workDays) : buildTable(year, 'weekends-only', [], []);
      this.tables.set(year, t);
    }
    return t;
  }

  private kind(day: number): number {
    const t = this.table(yearOfDay(day));
    return t.kinds[day - t.start]!;
  }

  isWorkingDay(d: IsoDate): boolean {
    const k = this.kind(dayNumber(d));
    return k === WORKDAY || k === ADJUSTED;
  }

  /** Working days d with a < d <= b (day numbers). */
  private count(a: number, b: number): number {
    let total = 0;
    for (let d = a + 1; d <= b; ) {
      const t = this.table(yearOfDay(d));
      const last = Math.min(b, t.start + t.kinds.length - 1);
      total += t.counts[last - t.start + 1]! - t.counts[d - t.start]!;
      d = last + 1;
    }
    return total;
  }

  /**
   * The date n working days after `from` (from itself not counted); n = 0 returns from.
   * With pauses, paused days are skipped, so the answer is a working day outside every pause and
   * `workingDaysBetween(from, answer, paused) === n`. RangeError when n is not a whole number ≥ 0,
   * or when an open-ended pause begins before n working days have passed (the deadline is not
   * known until the pause ends).
   */
  addWorkingDays(from: IsoDate, n: number, paused?: Pause[]): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, not ${n}`);
    const start = dayNumber(from);
    if (n === 0) return from;
    const pauses = mergePauses(paused);
    let p = 0;
    let remaining = n;
    let d = start + 1;
    for (;;) {
      while (p < pauses.length && pauses[p]![1] < d) p++;
      const pause = pauses[p];
      if (pause && pause[0] <= d) {
        if (pause[1] === Infinity) throw new RangeError(`the clock is paused from ${isoOf(pause[0])} with no end`);
        d = pause[1] + 1;
        continue;
      }
      const t = this.table(yearOfDay(d));
      const last = Math.min(t.start + t.kinds.length - 1, pause ? pause[0] - 1 : Infinity);
      const base = t.counts[d - t.start]!;
      const available = t.counts[last - t.start + 1]! - base;
      if (available >= remaining) {
        // Smallest i with counts[i] >= base + remaining: day i - 1 of the year is the answer.
        const goal = base + remaining;
        let lo = d - t.start + 1;
        let hi = last - t.start + 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (t.counts[mid]! >= goal) hi = mid;
          else lo = mid + 1;
        }
        return isoOf(t.start + lo - 1);
      }
      remaining -= available;
      d = last + 1;
    }
  }

  /** Working days after `from` up to and including `to` (0 when to <= from), minus days inside paused ranges. */
  workingDaysBetween(from: IsoDate, to: IsoDate, paused?: Pause[]): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (b <= a) return 0;
    let total = this.count(a, b);
    for (const [s, e] of mergePauses(paused)) {
      const lo = Math.max(s, a + 1);
      const hi = Math.min(e, b);
      if (lo <= hi) total -= this.count(lo - 1, hi);
    }
    return total;
  }

  /**
   * Day-by-day explanation of (from, to]: which days counted and why not. A day inside a pause is
   * 'paused' whatever its kind. `provisionalYears` lists the years of the range that neither
   * chinese-days nor an administrator holds: they are counted by weekends alone.
   */
  explain(from: IsoDate, to: IsoDate, paused?: Pause[]): { days: DayExplanation[]; provisional: boolean; provisionalYears: number[] } {
    const a = dayNumber(from);
    const b = dayNumber(to);
    const pauses = mergePauses(paused);
    const days: DayExplanation[] = [];
    const provisionalYears: number[] = [];
    let p = 0;
    for (let d = a + 1; d <= b; d++) {
      const t = this.table(yearOfDay(d));
      if (t.source === 'weekends-only' && provisionalYears.at(-1) !== t.year) provisionalYears.push(t.year);
      while (p < pauses.length && pauses[p]![1] < d) p++;
      const k = t.kinds[d - t.start]!;
      if (pauses[p] && pauses[p]![0] <= d) days.push({ date: isoOf(d), counted: false, why: 'paused' });
      else days.push({ date: isoOf(d), counted: k === WORKDAY || k === ADJUSTED, why: WHY[k]! });
    }
    return { days, provisional: provisionalYears.length > 0, provisionalYears };
  }

  /**
   * The known years with their source: every published or entered year, and each year from the
   * first of them to next year (Asia/Shanghai) that neither holds, as 'weekends-only'.
   */
  years(): Array<{ year: number; source: YearSource }> {
    const known = new Map<number, YearSource>();
    for (const y of publishedYears().keys()) known.set(y, 'published');
    for (const y of this.entered.values()) known.set(y.year, y.source);
    const next = Number(shanghaiDate().slice(0, 4)) + 1;
    const first = Math.min(next, ...known.keys());
    for (let y = first; y <= next; y++) if (!known.has(y)) known.set(y, 'weekends-only');
    return [...known].map(([year, source]) => ({ year, source })).sort((x, y) => x.year - y.year);
  }
}

/** The default instance: published years only. Platform.calendar also holds the admin-entered years. */
export const calendar = new WorkingCalendar();

/** n working days after fromDate on the default instance (published years only). */
export function addWorkingDays(fromDate: IsoDate, n: number): IsoDate {
  return calendar.addWorkingDays(fromDate, n);
}

/** Working days in (fromDate, toDate] on the default instance (published years only). */
export function workingDaysBetween(fromDate: IsoDate, toDate: IsoDate): number {
  return calendar.workingDaysBetween(fromDate, toDate);
}
