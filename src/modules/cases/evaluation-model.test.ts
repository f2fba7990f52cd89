import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../core/calendar.ts';
import {
  countedRating,
  decideAppeal,
  INDICATORS,
  isOverdue,
  LEVEL_VALUES,
  mayAppeal,
  ratingProblems,
  ratingRound,
  rectificationDue,
  rectify,
  tally,
  type AppealState,
  type Level,
  type PriorRating,
  type RectificationAction,
  type RectificationState,
} from './evaluation-model.ts';
import { CASE_STATES, type CaseState } from './model.ts';

const cal = new WorkingCalendar();
const level = fc.constantFrom<Level>(...LEVEL_VALUES);
const rectState = fc.constantFrom<RectificationState>('open', 'called_back', 'closed', 'cancelled');

/** Ratings of several subjects, each with rounds 1 (and maybe 2), some excluded by upheld appeals. */
const ratings = fc.array(
  fc.record({ subject: fc.integer({ min: 0, max: 20 }), level, second: fc.option(level, { nil: null }), excluded1: fc.boolean(), excluded2: fc.boolean() }),
  { maxLength: 40 },
).map((subjects) => {
  const bySubject = new Map(subjects.map((s) => [s.subject, s]));
  return [...bySubject.values()].flatMap((s) => [
    { subject: s.subject, round: 1, level: s.level, excluded: s.excluded1 },
    ...(s.second === null ? [] : [{ subject: s.subject, round: 2, level: s.second, excluded: s.excluded2 }]),
  ]);
});
type Rating = { subject: number; round: number; level: Level; excluded: boolean };

/** The statistics as the service keeps them: per subject the counted rating, tallied by level. */
function statistics(rs: readonly Rating[]) {
  const subjects = new Map<number, Rating[]>();
  for (const r of rs) subjects.set(r.subject, [...(subjects.get(r.subject) ?? []), r]);
  const counted = [...subjects.values()].map((list) => countedRating(list)).filter((r): r is Rating => r !== null);
  const counts: Partial<Record<Level, number>> = {};
  for (const r of counted) counts[r.level] = (counts[r.level] ?? 0) + 1;
  return { counted, tally: tally(counts) };
}

describe('who may rate what when', () => {
  it('rates a case only once it is completed or refused, and a visit at any time', () => {
    for (const state of Object.keys(CASE_STATES) as CaseState[]) {
      expect(ratingRound({ kind: 'case', state }, []).ok, state).toBe(state === 'completed' || state === 'refused');
    }
    expect(ratingRound({ kind: 'visit' }, [])).toEqual({ ok: true, round: 1 });
  });

  it('allows a second rating only after the first rating’s rectification was closed, and never a third', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ round: fc.constantFrom<1 | 2>(1, 2), rectification: fc.option(rectState, { nil: null }) }), { maxLength: 2 }), (prior: PriorRating[]) => {
        const out = ratingRound({ kind: 'visit' }, prior);
        const latest = [...prior].sort((a, b) => b.round - a.round)[0];
        if (!latest) expect(out).toEqual({ ok: true, round: 1 });
        else if (out.ok) {
          expect(out.round).toBe(2);
          expect(latest).toEqual({ round: 1, rectification: 'closed' });
        } else {
          expect(latest.round === 2 || latest.rectification !== 'closed').toBe(true);
        }
      }),
    );
    expect(ratingRound({ kind: 'visit' }, [{ round: 1, rectification: 'open' }])).toMatchObject({ ok: false, code: 'rectifying' });
    expect(ratingRound({ kind: 'visit' }, [{ round: 1, rectification: null }])).toMatchObject({ ok: false, code: 'rated' });
    expect(ratingRound({ kind: 'visit' }, [{ round: 1, rectification: 'cancelled' }])).toMatchObject({ ok: false, code: 'rated' });
  });

  it('asks a poor rating for its reason, and takes only the indicators of its channel, once each', () => {
    expect(ratingProblems({ level: 2, indicators: [], comment: '  ' }, 'online').map((e) => `${e.field}:${e.rule}`)).toEqual(['comment:requiredWhenPoor']);
    expect(ratingProblems({ level: 3, indicators: [], comment: '' }, 'online')).toEqual([]);
    expect(ratingProblems({ level: 5, indicators: ['attitude', 'guide', 'guide'], comment: '' }, 'online').map((e) => `${e.field}:${e.rule}`)).toEqual(['indicators/0:channel', 'indicators:unique']);
    fc.assert(
      fc.property(level, fc.constantFrom('online' as const, 'window' as const), fc.string({ maxLength: 5 }), (l, channel, comment) => {
        const all = Object.keys(INDICATORS[channel]);
        expect(ratingProblems({ level: l, indicators: all, comment: comment.trim() || 'x' }, channel)).toEqual([]);
      }),
    );
  });
});

describe('rectification', () => {
  it('runs open → called back → closed, and only a running one is cancelled or overdue', () => {
    const actions: RectificationAction[] = ['callback', 'close', 'cancel'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 8 }), (steps) => {
        let state: RectificationState = 'open';
        const seen: RectificationState[] = [state];
        for (const a of steps) {
          const out = rectify(state, a);
          if (out.ok) seen.push((state = out.next));
        }
        const order = ['open', 'called_back', 'closed'];
        const forward = seen.filter((s) => s !== 'cancelled');
        expect(forward.map((s) => order.indexOf(s))).toEqual([...forward.map((s) => order.indexOf(s))].sort());
        if (seen.includes('closed')) expect(seen).toContain('called_back');
        expect(seen.includes('closed') && seen.includes('cancelled')).toBe(false);
      }),
    );
    expect(rectify('open', 'close')).toMatchObject({ ok: false, code: 'callback-first' });
  });

  it('is due 5 working days after it opened, the opening day not counted, across 国庆 2026', () => {
    expect(rectificationDue(cal, '2026-03-02')).toBe('2026-03-09');
    // From Wednesday 2026-09-30: 1–7 October are holidays; 8, 9, 10 (an adjusted Saturday), 12 and 13 October count.
    expect(rectificationDue(cal, '2026-09-30')).toBe('2026-10-13');
    expect(isOverdue({ state: 'open', dueOn: '2026-03-09' }, '2026-03-09')).toBe(false);
    expect(isOverdue({ state: 'called_back', dueOn: '2026-03-09' }, '2026-03-10')).toBe(true);
    expect(isOverdue({ state: 'closed', dueOn: '2026-03-09' }, '2026-03-10')).toBe(false);
  });
});

describe('appeals', () => {
  it('are made once, against poor ratings only, and decided once', () => {
    fc.assert(
      fc.property(level, fc.option(fc.constantFrom<AppealState>('submitted', 'upheld', 'rejected'), { nil: null }), (l, appeal) => {
        expect(mayAppeal({ level: l, appeal }) === null).toBe(l <= 2 && appeal === null);
      }),
    );
    expect(decideAppeal('submitted', true)).toEqual({ ok: true, next: 'upheld' });
    expect(decideAppeal('submitted', false)).toEqual({ ok: true, next: 'rejected' });
    expect(decideAppeal('upheld', false)).toMatchObject({ ok: false, code: 'decided' });
  });
});

describe('statistics', () => {
  it('never count a rating an upheld appeal excluded, and count each case or visit at most once', () => {
    fc.assert(
      fc.property(ratings, (rs) => {
        const { counted, tally: t } = statistics(rs);
        expect(counted.every((r) => !r.excluded)).toBe(true);
        expect(new Set(counted.map((r) => r.subject)).size).toBe(counted.length);
        expect(t.total).toBe(counted.length);
        expect(t.total).toBe(new Set(rs.filter((r) => !r.excluded).map((r) => r.subject)).size);
      }),
    );
  });

  it('count the latest rating that stands: the second, unless an appeal took it out', () => {
    const first = { round: 1, excluded: false };
    expect(countedRating([first, { round: 2, excluded: false }])?.round).toBe(2);
    expect(countedRating([first, { round: 2, excluded: true }])).toBe(first);
    expect(countedRating([{ round: 1, excluded: true }])).toBeNull();
  });

  it('keep the satisfaction rate within [0, 1], satisfied = 基本满意 and better', () => {
    fc.assert(
      fc.property(ratings, (rs) => {
        const { tally: t } = statistics(rs);
        if (t.total === 0) expect(t.rate).toBeNull();
        else expect(t.rate! >= 0 && t.rate! <= 1).toBe(true);
        expect(t.satisfied).toBe(t.levels[3] + t.levels[4] + t.levels[5]);
        expect(Object.values(t.levels).reduce((a, b) => a + b, 0)).toBe(t.total);
      }),
    );
  });

  it('never lower the satisfaction rate when a new good rating comes in, nor raise it with a poor one', () => {
    fc.assert(
      fc.property(ratings, level, (rs, l) => {
        const before = statistics(rs).tally.rate ?? 0;
        const after = statistics([...rs, { subject: 1000, round: 1, level: l, excluded: false }]).tally.rate!;
        if (l >= 3) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });
});
