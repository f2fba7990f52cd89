import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar, type IsoDate } from '../../core/calendar.ts';
import {
  ACCEPTANCE_DAYS,
  CASE_NUMBER,
  CASE_STATES,
  FINAL_STATES,
  MAX_EXTENSION_DAYS,
  QUERY_CODE,
  caseNumber,
  deadlines,
  extensionDays,
  lightOf,
  newCase,
  newQueryCode,
  pauseRange,
  pauseRanges,
  processOf,
  queueOf,
  signsAgreed,
  signsFinished,
  transition,
  type ActionType,
  type ActorRole,
  type CaseAction,
  type CaseCore,
  type CasePause,
  type CaseState,
  type Context,
  type DeliveryMethod,
  type ProcedureKind,
  type ProcessStep,
} from './model.ts';

/** The real calendar: published years (2025, 2026) from chinese-days, later years by weekends alone. */
const cal = new WorkingCalendar();
const DAY = 86_400_000;
const plus = (d: IsoDate, days: number): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const WARN = 2;

const holidays2026 = JSON.parse(readFileSync(new URL('../../../../shared/data/holidays-2026.json', import.meta.url), 'utf8')) as { offDays: string[]; adjustedWorkdays: string[] };

// ---------------------------------------------------------------------------------------------
// The machine, written down independently of model.ts: which state each action may move a case
// from and to, and who may perform it.

const ACTION_TYPES: ActionType[] = [
  'accept',
  'refuse',
  'request-supplement',
  'supplement',
  'open',
  'advance',
  'return',
  'take-back',
  'countersign',
  'sign',
  'pause',
  'resume',
  'request-extension',
  'answer-extension',
  'decide',
  'issue',
  'deliver',
  'confirm-delivery',
  'withdraw',
  'deem-accept',
];
const ALL_STATES = Object.keys(CASE_STATES) as CaseState[];
const ROLES: ActorRole[] = ['applicant', 'window_clerk', 'reviewer', 'department_head', 'system'];
const STAFF: ActorRole[] = ['window_clerk', 'reviewer', 'department_head'];
const CLOSED: CaseState[] = ['refused', 'withdrawn', 'completed'];
const ACCEPTED_STATES: CaseState[] = ['reviewing', 'decided', 'issued', 'delivering', 'completed'];
const DECIDED_STATES: CaseState[] = ['decided', 'issued', 'delivering', 'completed'];

type Edge = `${CaseState}>${CaseState}`;
const stay = (...s: CaseState[]) => s.map((x): Edge => `${x}>${x}`);
const ALLOWED: Record<ActionType, readonly Edge[]> = {
  accept: ['submitted>reviewing'],
  'deem-accept': ['submitted>reviewing'],
  refuse: ['submitted>refused'],
  'request-supplement': ['submitted>supplement', 'reviewing>supplement'],
  supplement: ['supplement>submitted', 'supplement>reviewing'],
  open: stay('submitted', 'supplement', 'reviewing', 'decided', 'issued', 'delivering'),
  advance: stay('reviewing'),
  return: stay('reviewing'),
  'take-back': ['reviewing>reviewing', 'reviewing>submitted'],
  countersign: stay('reviewing'),
  sign: stay('reviewing'),
  pause: stay('reviewing'),
  resume: stay('reviewing'),
  'request-extension': stay('reviewing'),
  'answer-extension': stay('reviewing'),
  decide: ['reviewing>decided'],
  issue: ['decided>issued'],
  deliver: ['issued>delivering', 'issued>completed'],
  'confirm-delivery': ['delivering>completed'],
  withdraw: ['submitted>withdrawn', 'supplement>withdrawn', 'reviewing>withdrawn'],
};
const MAY_ACT: Record<ActionType, readonly ActorRole[]> = {
  accept: ['window_clerk'],
  refuse: ['window_clerk'],
  'deem-accept': ['system'],
  'request-supplement': STAFF,
  supplement: ['applicant'],
  open: STAFF,
  advance: STAFF,
  return: STAFF,
  'take-back': STAFF,
  countersign: STAFF,
  sign: STAFF,
  pause: STAFF,
  resume: STAFF,
  'request-extension': STAFF,
  'answer-extension': ['department_head'],
  decide: STAFF,
  issue: STAFF,
  deliver: STAFF,
  'confirm-delivery': [...STAFF, 'applicant'],
  withdraw: ['applicant'],
};
/** Actions done by whoever the current review step names (a department head may stand in for a reviewer). */
const AT_STEP = new Set<ActionType>(['advance', 'return', 'countersign', 'pause', 'request-extension', 'decide']);
const actsAt = (c: CaseCore, role: ActorRole) => {
  const need = c.steps[c.step]?.role;
  return need === role || (need === 'reviewer' && role === 'department_head');
};
const openPauses = (c: CaseCore) => c.pauses.filter((p) => p.to === null);

/** What must hold of every case the machine can produce. */
function checkInvariants(c: CaseCore, today: IsoDate) {
  expect(Number.isInteger(c.step) && c.step >= 0 && c.step < c.steps.length, `step ${c.step} of ${c.steps.length}`).toBe(true);
  const open = openPauses(c);
  expect(open.length).toBeLessThanOrEqual(1);
  expect(open.some((p) => p.kind === 'supplement'), `open supplement pause iff state supplement (${c.state})`).toBe(c.state === 'supplement');
  if (open.length) expect(['supplement', 'reviewing']).toContain(c.state);
  // Pauses in order, never overlapping, never ending before they start or after today.
  c.pauses.forEach((p, i) => {
    if (p.to !== null) expect(p.to >= p.from && p.to <= today).toBe(true);
    const prev = c.pauses[i - 1];
    if (prev) expect(prev.to !== null && prev.to <= p.from).toBe(true);
  });
  expect(c.supplementRequests).toBe(c.pauses.filter((p) => p.kind === 'supplement').length);

  if (ACCEPTED_STATES.includes(c.state)) expect(c.acceptedOn).not.toBeNull();
  if (c.state === 'submitted' || c.state === 'refused') expect(c.acceptedOn).toBeNull();
  expect(c.step === 0, 'step 0 iff not accepted').toBe(c.acceptedOn === null);
  if (c.acceptedOn !== null) expect(c.acceptedOn >= c.receivedOn && c.acceptedOn <= today).toBe(true);
  expect(c.acceptanceStart >= c.receivedOn && c.acceptanceStart <= today).toBe(true);
  if (c.deemedAccepted) expect(c.acceptedOn).toBe(c.acceptanceStart);

  if (c.extension) {
    expect(Number.isInteger(c.extension.days) && c.extension.days >= 1 && c.extension.days <= MAX_EXTENSION_DAYS).toBe(true);
    expect(c.extension.reason.trim()).not.toBe('');
  }
  if (c.signs) {
    expect(c.state).toBe('reviewing');
    expect(c.signs.step, 'a sign round belongs to the step the case is at').toBe(c.step);
    expect(new Set(c.signs.departments.map((d) => d.id)).size).toBe(c.signs.departments.length);
    expect(c.signs.departments.length).toBeGreaterThan(0);
  }
  expect(c.decision !== null).toBe(DECIDED_STATES.includes(c.state));
  expect(c.delivery !== null).toBe(c.state === 'delivering' || c.state === 'completed');
  if (c.state === 'delivering') expect(c.delivery?.method === 'mail' && !!c.delivery.tracking?.trim()).toBe(true);
  if (c.delivery?.method === 'mail') expect(c.delivery.tracking?.trim()).toBeTruthy();
  if (c.lastAdvance) expect(c.state).toBe('reviewing');
  expect(queueOf(c) === null, `queue of a ${c.state} case`).toBe(CLOSED.includes(c.state));
  if (open.length) expect(queueOf(c)).toBe('paused');
}

/** What must hold between a case and the case an accepted action made of it. */
function checkStep(prev: CaseCore, a: CaseAction, ctx: Context, next: CaseCore, flagged: string | undefined) {
  expect(CLOSED.includes(prev.state), `${prev.state} accepts no action, not even ${a.type}`).toBe(false);
  expect(ALLOWED[a.type], `${a.type}: ${prev.state} → ${next.state}`).toContain(`${prev.state}>${next.state}`);
  expect(MAY_ACT[a.type], `${a.type} by ${ctx.role}`).toContain(ctx.role);
  if (AT_STEP.has(a.type) || (a.type === 'request-supplement' && prev.state === 'reviewing')) expect(actsAt(prev, ctx.role), `${a.type} by ${ctx.role} at a ${prev.steps[prev.step]?.role} step`).toBe(true);

  // What never changes, and what only grows.
  expect(next.steps).toEqual(prev.steps);
  expect([next.receivedOn, next.promisedDays, next.statutoryDays]).toEqual([prev.receivedOn, prev.promisedDays, prev.statutoryDays]);
  expect(next.supplementRequests).toBeGreaterThanOrEqual(prev.supplementRequests);
  expect(next.pauses.length).toBeGreaterThanOrEqual(prev.pauses.length);
  prev.pauses.forEach((p, i) => expect(next.pauses[i]).toEqual(p.to === null ? { ...p, to: next.pauses[i]!.to } : p));
  if (prev.extension) {
    expect(next.extension, 'an extension is asked for once').toEqual({ ...prev.extension, approved: next.extension?.approved ?? null });
    if (prev.extension.approved !== null) expect(next.extension?.approved).toBe(prev.extension.approved);
  }
  if (prev.acceptedOn !== null && next.acceptedOn !== null) expect(next.acceptedOn).toBe(prev.acceptedOn);
  if (prev.deemedAccepted) expect(next.deemedAccepted).toBe(true);
  if (prev.decision) expect(next.decision).toEqual(prev.decision);

  switch (a.type) {
    case 'accept': {
      const due = cal.addWorkingDays(prev.acceptanceStart, ACCEPTANCE_DAYS);
      // Accepted in time: as of today. Too late: the law has accepted it already, as of the acceptance start.
      expect(next.acceptedOn).toBe(ctx.today <= due ? ctx.today : prev.acceptanceStart);
      expect(next.deemedAccepted).toBe(ctx.today > due);
      break;
    }
    case 'deem-accept':
      expect(ctx.today > cal.addWorkingDays(prev.acceptanceStart, ACCEPTANCE_DAYS)).toBe(true);
      expect([next.acceptedOn, next.deemedAccepted]).toEqual([prev.acceptanceStart, true]);
      break;
    case 'refuse':
      expect([a.reason, a.basis, a.remedies].every((s) => s.trim())).toBe(true);
      expect(ctx.today <= cal.addWorkingDays(prev.acceptanceStart, ACCEPTANCE_DAYS)).toBe(true);
      break;
    case 'request-supplement':
      expect(a.deficiencies.length > 0 && a.deficiencies.every((d) => d.text.trim())).toBe(true);
      expect(next.supplementRequests).toBe(prev.supplementRequests + 1);
      expect(flagged).toBe(prev.supplementRequests > 0 ? 'repeated-supplement' : undefined);
      if (prev.supplementRequests > 0) expect(a.justification?.trim()).toBeTruthy();
      if (prev.state === 'submitted') expect(ctx.today <= cal.addWorkingDays(prev.acceptanceStart, ACCEPTANCE_DAYS)).toBe(true);
      expect(openPauses(prev)).toEqual([]);
      break;
    case 'supplement':
      expect(openPauses(next)).toEqual([]);
      expect(next.acceptanceStart).toBe(prev.acceptedOn === null ? ctx.today : prev.acceptanceStart);
      break;
    case 'advance':
      expect(next.step).toBe(prev.step + 1);
      expect(next.step).toBeLessThan(prev.steps.length);
      expect(openPauses(prev)).toEqual([]);
      expect(prev.signs === null || signsAgreed(prev.signs)).toBe(true);
      expect(a.opinion.trim()).not.toBe('');
      break;
    case 'return':
      expect(next.step >= 1 && next.step < prev.step && next.step === a.toStep).toBe(true);
      expect(a.reason.trim()).not.toBe('');
      break;
    case 'take-back':
      expect(prev.lastAdvance?.by).toBe(ctx.actorId);
      expect(prev.stepOpened).toBe(false);
      expect([next.state, next.step]).toEqual([prev.lastAdvance!.fromState, prev.lastAdvance!.fromStep]);
      break;
    case 'pause':
    case 'resume':
      expect(openPauses(next).length).toBe(a.type === 'pause' ? 1 : 0);
      break;
    case 'request-extension':
      expect(prev.extension).toBeNull();
      expect(next.extension).toEqual({ days: a.days, reason: a.reason, requestedBy: ctx.actorId, approved: null });
      break;
    case 'answer-extension':
      expect(prev.extension?.approved).toBeNull();
      expect(prev.extension?.requestedBy).not.toBe(ctx.actorId);
      expect(next.extension?.approved).toBe(a.approve);
      break;
    case 'decide':
      expect(prev.step).toBe(prev.steps.length - 1);
      expect(openPauses(prev)).toEqual([]);
      // A grant needs the round's agreement; a denial only a finished round; no extension may wait.
      expect(prev.signs === null || (a.grant ? signsAgreed(prev.signs) : signsFinished(prev.signs))).toBe(true);
      expect(prev.extension?.approved).not.toBeNull();
      expect(next.decision).toEqual({ grant: a.grant, reasons: a.reasons });
      break;
    case 'deliver':
      expect(next.state).toBe(a.method === 'mail' ? 'delivering' : 'completed');
      break;
    case 'withdraw':
      expect(openPauses(next)).toEqual([]);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Random walks: each step is a seed that becomes an action against the case as it is then —
// mostly one that could apply, sometimes any action at all; mostly by the role that acts, sometimes
// by anyone; mostly with a sensible payload, sometimes with an empty, duplicate or out-of-range one.

const PLAUSIBLE: Record<CaseState, readonly ActionType[]> = {
  submitted: ['accept', 'accept', 'accept', 'accept', 'refuse', 'request-supplement', 'request-supplement', 'deem-accept', 'deem-accept', 'open'],
  supplement: ['supplement', 'supplement', 'supplement', 'open'],
  reviewing: [
    ...['advance', 'advance', 'advance', 'advance', 'advance', 'decide', 'decide', 'decide', 'return', 'take-back', 'take-back', 'open'],
    ...['countersign', 'sign', 'sign', 'sign', 'pause', 'resume', 'resume', 'request-extension', 'answer-extension', 'answer-extension', 'request-supplement'],
  ] as ActionType[],
  decided: ['issue', 'issue', 'open'],
  issued: ['deliver', 'deliver', 'open'],
  delivering: ['confirm-delivery', 'confirm-delivery', 'open'],
  // Withdrawal comes only from "any action" seeds, so that walks live long enough to get somewhere.
  refused: ACTION_TYPES,
  withdrawn: ACTION_TYPES,
  completed: ACTION_TYPES,
};
const PROCEDURES: ProcedureKind[] = ['hearing', 'expert', 'inspection', 'public_notice'];
const METHODS: DeliveryMethod[] = ['window', 'mail', 'electronic'];
const ACTORS = ['u1', 'u2', 'u3'] as const;

const seedArb = fc.record({
  /** null: an action that could apply now; else any action at all. */
  anyType: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...ACTION_TYPES), weight: 1 }),
  pick: fc.nat({ max: 10_000 }),
  role: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom(...ROLES), weight: 1 }),
  actor: fc.constantFrom(...ACTORS),
  /** Calendar days today moves on before this action. */
  days: fc.integer({ min: 0, max: 3 }),
  /** 0: an implausible payload. */
  good: fc.integer({ min: 0, max: 5 }),
  n: fc.integer({ min: -2, max: 14 }),
  flag: fc.boolean(),
  k: fc.integer({ min: 0, max: 3 }),
  text: fc.constantFrom('', '  ', '材料不全'),
});
type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;

function actionOf(c: CaseCore, s: Seed): { action: CaseAction; role: ActorRole; actorId: string } {
  const plausible = PLAUSIBLE[c.state];
  const type = s.anyType ?? plausible[s.pick % plausible.length]!;
  const good = s.good > 0;
  const text = good ? '依据充分' : s.text;
  const stepRole = c.steps[c.step]?.role ?? 'reviewer';
  let role: ActorRole = stepRole;
  let actorId: string = s.actor;
  let action: CaseAction;
  switch (type) {
    case 'accept':
    case 'deem-accept':
    case 'open':
    case 'issue':
    case 'resume':
      action = { type };
      role = type === 'accept' ? 'window_clerk' : type === 'deem-accept' ? 'system' : stepRole;
      break;
    case 'supplement':
      action = { type };
      role = 'applicant';
      break;
    case 'refuse':
      action = { type, reason: text, basis: good || s.flag ? '《行政许可法》第三十二条' : '', remedies: good ? '可申请行政复议或提起行政诉讼' : s.text };
      role = 'window_clerk';
      break;
    case 'request-supplement':
      action = {
        type,
        deficiencies: good ? Array.from({ length: s.k + 1 }, (_, i) => ({ materialId: `m${i}`, text: `第${i + 1}项材料缺少签章` })) : s.k === 0 ? [] : [{ text: '缺少签章' }, { text: s.text }],
        justification: s.flag ? text : undefined,
      };
      role = c.state === 'submitted' ? 'window_clerk' : stepRole;
      break;
    case 'advance':
      action = { type, opinion: text };
      break;
    case 'return':
      action = { type, toStep: good && c.step > 1 ? 1 + (s.pick % (c.step - 1)) : s.n, reason: text };
      break;
    case 'take-back':
      action = { type };
      if (s.flag && c.lastAdvance) actorId = c.lastAdvance.by;
      break;
    case 'countersign': {
      const ids = good ? Array.from({ length: s.k + 1 }, (_, i) => `d${i}`) : s.k === 0 ? [] : ['d0', 'd0'];
      action = { type, mode: s.flag ? 'all' : 'any', departments: ids.map((id) => ({ id, name: `部门${id}` })) };
      break;
    }
    case 'sign': {
      const ds = c.signs?.departments ?? [];
      action = { type, departmentId: good && ds.length ? ds[s.pick % ds.length]!.id : `d${s.k}`, agree: s.good > 1 || s.flag, opinion: text };
      break;
    }
    case 'pause':
      action = { type, kind: PROCEDURES[s.pick % PROCEDURES.length]!, reason: text };
      break;
    case 'request-extension':
      action = { type, days: good ? 1 + (s.pick % MAX_EXTENSION_DAYS) : s.flag ? s.n : s.n + 0.5, reason: text };
      break;
    case 'answer-extension':
      action = { type, approve: s.flag };
      role = 'department_head';
      break;
    case 'decide':
      action = { type, grant: s.flag, reasons: text };
      break;
    case 'deliver': {
      const method = METHODS[s.pick % METHODS.length]!;
      action = { type, method, tracking: good ? 'SF1234567890' : s.flag ? ' ' : undefined };
      break;
    }
    case 'confirm-delivery':
      action = { type };
      role = s.flag ? 'applicant' : 'window_clerk';
      break;
    case 'withdraw':
      action = { type, reason: text };
      role = 'applicant';
      break;
  }
  return { action, role: s.role ?? role, actorId };
}

const guideArb = fc.array(
  fc.record({ name: fc.constantFrom('初审', '复审', '实地核查', '决定'), role: fc.constantFrom<ProcessStep['role']>('window_clerk', 'reviewer', 'department_head'), days: fc.integer({ min: 0, max: 5 }) }),
  { maxLength: 4 },
);
const caseArb = fc.record({
  /** 2025-01-01 … 2026-12-31 */
  start: fc.integer({ min: 0, max: 729 }).map((i) => plus('2025-01-01', i)),
  guide: guideArb,
  promised: fc.integer({ min: 1, max: 20 }),
  more: fc.integer({ min: 0, max: 40 }),
});
const walkArb = fc.record({ setup: caseArb, seeds: fc.array(seedArb, { minLength: 1, maxLength: 40, size: 'max' }) });

/** Plays a walk; calls `each` after every action (accepted or not) with the case as the caller keeps it. */
function walk({ setup, seeds }: Walk, each: (c: CaseCore, today: IsoDate, a: CaseAction, accepted: boolean) => void) {
  let today = setup.start;
  let c = newCase(processOf(setup.guide), today, { promisedDays: setup.promised, statutoryDays: setup.promised + setup.more });
  for (const s of seeds) {
    today = plus(today, s.days);
    const { action, role, actorId } = actionOf(c, s);
    const ctx: Context = { role, actorId, today, calendar: cal };
    const before = structuredClone(c);
    const out = transition(c, action, ctx);
    expect(c, 'transition never changes the case it is given').toEqual(before);
    if (out.ok) {
      checkStep(c, action, ctx, out.next, out.flagged);
      checkInvariants(out.next, today);
      c = out.next;
    } else {
      expect(Object.keys(out).sort()).toEqual(['code', 'en', 'ok', 'zh']);
      expect(out.code && out.zh && out.en).toBeTruthy();
    }
    each(c, today, action, out.ok);
  }
}
type Walk = typeof walkArb extends fc.Arbitrary<infer T> ? T : never;

describe('the state machine, on random walks', () => {
  it('never reaches a state the machine forbids', () => {
    const reached = new Set<CaseState>();
    const applied = new Set<ActionType>();
    fc.assert(
      fc.property(walkArb, (w) => {
        walk(w, (c, _today, a, ok) => {
          reached.add(c.state);
          if (ok) applied.add(a.type);
        });
      }),
      { numRuns: 1000 },
    );
    // The walks are worth something only if they go everywhere.
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
    expect([...applied].sort()).toEqual([...ACTION_TYPES].sort());
  });

  it('never moves a deadline backwards, and every deadline counts exactly its working days', () => {
    fc.assert(
      fc.property(walkArb, (w) => {
        let last: { c: CaseCore; d: ReturnType<typeof deadlines> } | null = null;
        walk(w, (c, today) => {
          const d = deadlines(c, cal, today, WARN);
          const paused = pauseRanges(c, today);
          if (last) {
            const p = last.d;
            if (p.promisedDue && d.promisedDue) expect(d.promisedDue >= p.promisedDue, `promised ${p.promisedDue} → ${d.promisedDue}`).toBe(true);
            if (p.statutoryDue && d.statutoryDue) expect(d.statutoryDue >= p.statutoryDue, `statutory ${p.statutoryDue} → ${d.statutoryDue}`).toBe(true);
            if (p.acceptanceDue && d.acceptanceDue && last.c.acceptedOn === null && c.acceptedOn === null) expect(d.acceptanceDue >= p.acceptanceDue).toBe(true);
            expect(d.pausedDays).toBeGreaterThanOrEqual(p.pausedDays);
          }
          if (c.acceptedOn !== null) {
            expect(cal.workingDaysBetween(c.acceptedOn, d.promisedDue!, paused)).toBe(c.promisedDays);
            expect(cal.workingDaysBetween(c.acceptedOn, d.statutoryDue!, paused)).toBe(c.statutoryDays + extensionDays(c));
            expect(d.acceptanceDue).toBeNull();
          } else {
            expect(d.promisedDue).toBeNull();
            expect(d.acceptanceDue !== null).toBe(c.state === 'submitted');
          }
          const running = ['submitted', 'supplement', 'reviewing'].includes(c.state);
          expect(d.light).toBe(running && d.daysLeft !== null ? lightOf(d.daysLeft, WARN) : null);
          last = { c, d };
        });
      }),
      { numRuns: 600 },
    );
  });
});

describe('pause ranges', () => {
  const dateArb = fc.integer({ min: 0, max: 729 }).map((i) => plus('2025-01-01', i));
  const kindArb = fc.constantFrom<CasePause['kind']>('supplement', ...PROCEDURES);

  it('a pause ended the day it began costs nothing', () => {
    fc.assert(
      fc.property(dateArb, kindArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 }), (from, kind, later, n) => {
        const p: CasePause = { kind, from, to: from, reason: '当日结束' };
        expect(pauseRange(p, plus(from, later))).toBeNull();
        expect(pauseRanges({ ...newCase(processOf([]), from, { promisedDays: 1, statutoryDays: 1 }), pauses: [p] }, plus(from, later))).toEqual([]);
        expect(cal.addWorkingDays(plus(from, -3), n, [])).toBe(cal.addWorkingDays(plus(from, -3), n));
      }),
    );
  });

  it('an open pause runs (from, today] and grows with today; closing it freezes that range', () => {
    fc.assert(
      fc.property(dateArb, kindArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (from, kind, a, b) => {
        const [t1, t2] = [plus(from, Math.min(a, b)), plus(from, Math.max(a, b))];
        const p: CasePause = { kind, from, to: null, reason: '听证' };
        const r1 = pauseRange(p, t1);
        const r2 = pauseRange(p, t2);
        if (t1 === from) expect(r1).toBeNull();
        else expect(r1).toEqual({ from: plus(from, 1), to: t1 });
        if (t2 !== from) expect(r2).toEqual({ from: plus(from, 1), to: t2 });
        const cost = (r: typeof r1) => (r ? cal.workingDaysBetween(from, r.to!) : 0);
        expect(cost(r2)).toBeGreaterThanOrEqual(cost(r1));
        // Closed on t1 it costs, forever after, what it cost open on t1.
        expect(pauseRange({ ...p, to: t1 }, t2)).toEqual(r1);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Examples on the real 2026 calendar.

const GUIDE: ProcessStep[] = [
  { name: '初审', role: 'reviewer', days: 5 },
  { name: '复审', role: 'reviewer', days: 3 },
  { name: '决定', role: 'department_head', days: 2 },
];
const STEPS = processOf(GUIDE); // 受理 (clerk) · 初审 · 复审 · 决定 (head)

const who = {
  clerk: ['window_clerk', 'clerk-1'],
  clerk2: ['window_clerk', 'clerk-2'],
  reviewer: ['reviewer', 'rev-1'],
  reviewer2: ['reviewer', 'rev-2'],
  head: ['department_head', 'head-1'],
  head2: ['department_head', 'head-2'],
  applicant: ['applicant', 'person-1'],
  system: ['system', 'clock'],
} as const satisfies Record<string, readonly [ActorRole, string]>;
type Who = keyof typeof who;

const ctxOf = (by: Who, today: IsoDate): Context => ({ role: who[by][0], actorId: who[by][1], today, calendar: cal });
/** Applies an action that must be accepted. */
function act(c: CaseCore, a: CaseAction, by: Who, today: IsoDate): CaseCore {
  const out = transition(c, a, ctxOf(by, today));
  if (!out.ok) throw new Error(`${a.type} by ${by} on ${today} refused: ${out.code} (${out.en})`);
  return out.next;
}
/** The code of a refusal that must happen. */
function refused(c: CaseCore, a: CaseAction, by: Who, today: IsoDate): string {
  const out = transition(c, a, ctxOf(by, today));
  expect(out.ok, `${a.type} by ${by} should be refused`).toBe(false);
  return out.ok ? '' : out.code;
}
const received = (on: IsoDate, promisedDays = 20, statutoryDays = 20) => newCase(STEPS, on, { promisedDays, statutoryDays });
const accepted = (on: IsoDate, promisedDays = 20, statutoryDays = 20) => act(received(on, promisedDays, statutoryDays), { type: 'accept' }, 'clerk', on);
const advance = (c: CaseCore, by: Who, today: IsoDate) => act(c, { type: 'advance', opinion: '同意' }, by, today);
const decide = (c: CaseCore, today: IsoDate) => act(c, { type: 'decide', grant: true, reasons: '符合法定条件' }, 'head', today);
const ask = (text = '营业执照复印件未加盖公章'): CaseAction => ({ type: 'request-supplement', deficiencies: [{ materialId: 'm1', text }] });

describe('the legal clock on the 2026 calendar', () => {
  it('the calendar agrees with ../shared/data/holidays-2026.json on the days used below', () => {
    for (const d of holidays2026.offDays) expect(cal.isWorkingDay(d), d).toBe(false);
    for (const d of holidays2026.adjustedWorkdays) expect(cal.isWorkingDay(d), d).toBe(true);
  });

  it('counts 20 promised days across 国庆 with its adjusted Saturday', () => {
    // Accepted Mon 2026-09-28 (the day itself does not count). Counted: 9/29 (1), 9/30 (2);
    // 10/1–10/7 are 国庆 holidays; 10/8 Thu (3), 10/9 Fri (4), Sat 10/10 adjusted working day (5),
    // Sun 10/11 off; 10/12–10/16 (6–10), 10/19–10/23 (11–15), 10/26–10/30 (16–20) → Fri 2026-10-30.
    const c = accepted('2026-09-28');
    const d = deadlines(c, cal, '2026-09-28', WARN);
    expect(d.promisedDue).toBe('2026-10-30');
    expect(d.statutoryDue).toBe('2026-10-30');
    expect(d.provisional).toBe(false);
    const days = cal.explain(c.acceptedOn!, d.promisedDue!).days;
    expect(days.filter((x) => x.counted)).toHaveLength(20);
    expect(days.find((x) => x.date === '2026-10-10')).toEqual({ date: '2026-10-10', counted: true, why: 'adjusted-workday' });
    for (let i = 1; i <= 7; i++) expect(days.find((x) => x.date === `2026-10-0${i}`)).toMatchObject({ counted: false, why: 'holiday' });
  });

  it('counts 10 promised days across 春节, ending on an adjusted Saturday', () => {
    // Accepted Mon 2026-02-09. Counted: 2/10–2/13 (1–4), Sat 2/14 adjusted (5); 2/15–2/23 春节 off;
    // 2/24 Tue – 2/27 Fri (6–9), Sat 2/28 adjusted (10) → 2026-02-28.
    const c = accepted('2026-02-09', 10, 20);
    expect(deadlines(c, cal, '2026-02-09', WARN).promisedDue).toBe('2026-02-28');
    const days = cal.explain('2026-02-09', '2026-02-28').days;
    expect(days.filter((x) => x.why === 'holiday').map((x) => x.date)).toEqual(holidays2026.offDays.filter((x) => x >= '2026-02-10' && x <= '2026-02-28'));
  });

  it('pauses for a supplement during review and moves the deadline by exactly the paused working days', () => {
    // Accepted Mon 3/2 with 10 promised days → Mon 3/16. A supplement asked Wed 3/4 and answered
    // Tue 3/10 pauses (3/4, 3/10]: 3/5, 3/6, 3/9, 3/10 = 4 working days → 3/16 + 4 = Fri 3/20.
    let c = accepted('2026-03-02', 10, 20);
    expect(deadlines(c, cal, '2026-03-02', WARN).promisedDue).toBe('2026-03-16');
    c = act(c, ask(), 'reviewer', '2026-03-04');
    expect([c.state, queueOf(c)]).toEqual(['supplement', 'paused']);
    expect(deadlines(c, cal, '2026-03-04', WARN).promisedDue).toBe('2026-03-16'); // the request day still counts
    expect(deadlines(c, cal, '2026-03-06', WARN)).toMatchObject({ promisedDue: '2026-03-18', pausedDays: 2 }); // open: runs through today
    expect(refused(c, { type: 'resume' }, 'reviewer', '2026-03-06')).toBe('state'); // only the applicant ends a supplement pause
    expect(refused(c, { type: 'supplement' }, 'reviewer', '2026-03-06')).toBe('role');
    c = act(c, { type: 'supplement' }, 'applicant', '2026-03-10');
    expect([c.state, c.step, c.acceptanceStart]).toEqual(['reviewing', 1, '2026-03-02']);
    for (const today of ['2026-03-10', '2026-03-11', '2026-04-30']) expect(deadlines(c, cal, today, WARN)).toMatchObject({ promisedDue: '2026-03-20', statutoryDue: '2026-04-03', pausedDays: 4 });
    expect(cal.explain('2026-03-02', '2026-03-20', pauseRanges(c, '2026-03-20')).days.filter((x) => x.why === 'paused').map((x) => x.date)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('pauses for a special procedure (a hearing across 清明) with start, end and reason', () => {
    // Accepted Mon 3/30, 10 promised days → Tue 4/14 (4/4–4/6 清明 off). A hearing from Wed 4/1 to
    // Fri 4/10 pauses (4/1, 4/10]: 4/2, 4/3, 4/7, 4/8, 4/9, 4/10 = 6 working days → 4/22.
    let c = accepted('2026-03-30', 10, 20);
    expect(deadlines(c, cal, '2026-03-30', WARN).promisedDue).toBe('2026-04-14');
    expect(refused(c, { type: 'pause', kind: 'hearing', reason: ' ' }, 'reviewer', '2026-04-01')).toBe('reason');
    expect(refused(c, { type: 'pause', kind: 'hearing', reason: '申请人申请听证' }, 'applicant', '2026-04-01')).toBe('role');
    c = act(c, { type: 'pause', kind: 'hearing', reason: '申请人申请听证' }, 'reviewer', '2026-04-01');
    expect(c.pauses).toEqual([{ kind: 'hearing', from: '2026-04-01', to: null, reason: '申请人申请听证' }]);
    expect(queueOf(c)).toBe('paused');
    expect(refused(c, { type: 'pause', kind: 'expert', reason: '专家评审' }, 'reviewer', '2026-04-02')).toBe('paused');
    expect(refused(c, { type: 'advance', opinion: '同意' }, 'reviewer', '2026-04-02')).toBe('paused');
    expect(refused(c, ask(), 'reviewer', '2026-04-02')).toBe('paused');
    expect(refused(c, { type: 'resume' }, 'applicant', '2026-04-10')).toBe('role');
    c = act(c, { type: 'resume' }, 'reviewer', '2026-04-10');
    expect(c.pauses[0]!.to).toBe('2026-04-10');
    expect(deadlines(c, cal, '2026-04-13', WARN)).toMatchObject({ promisedDue: '2026-04-22', pausedDays: 6 });
    expect(refused(c, { type: 'resume' }, 'reviewer', '2026-04-13')).toBe('state');
  });

  it('extends the statutory limit by 10 working days once, approved by a department head who did not ask', () => {
    let c = accepted('2026-03-02', 15, 20);
    const before = deadlines(c, cal, '2026-03-02', WARN);
    expect(before.statutoryDue).toBe(cal.addWorkingDays('2026-03-02', 20));
    const ext = (days: number): CaseAction => ({ type: 'request-extension', days, reason: '需组织专家论证' });
    expect(refused(c, ext(11), 'reviewer', '2026-03-20')).toBe('days');
    expect(refused(c, ext(0), 'reviewer', '2026-03-20')).toBe('days');
    expect(refused(c, ext(2.5), 'reviewer', '2026-03-20')).toBe('days');
    expect(refused(c, { type: 'request-extension', days: 10, reason: ' ' }, 'reviewer', '2026-03-20')).toBe('reason');
    c = act(c, ext(10), 'reviewer', '2026-03-20');
    expect(queueOf(c)).toBe('to_decide');
    expect(refused(c, { type: 'answer-extension', approve: true }, 'reviewer2', '2026-03-20')).toBe('role');
    expect(extensionDays(c)).toBe(0);
    c = act(c, { type: 'answer-extension', approve: true }, 'head', '2026-03-23');
    expect(extensionDays(c)).toBe(10);
    const after = deadlines(c, cal, '2026-03-23', WARN);
    expect(after.statutoryDue).toBe(cal.addWorkingDays('2026-03-02', 30));
    expect(after.promisedDue).toBe(before.promisedDue);
    expect(refused(c, { type: 'answer-extension', approve: false }, 'head2', '2026-03-23')).toBe('extension');
    expect(refused(c, ext(5), 'reviewer', '2026-03-24')).toBe('extension-once');

    // A head asking at the decision step cannot approve the request himself.
    let d = advance(advance(accepted('2026-03-02'), 'reviewer', '2026-03-03'), 'reviewer2', '2026-03-04');
    d = act(d, ext(10), 'head', '2026-03-05');
    expect(refused(d, { type: 'answer-extension', approve: true }, 'head', '2026-03-05')).toBe('own-request');
    d = act(d, { type: 'answer-extension', approve: false }, 'head2', '2026-03-05');
    expect(extensionDays(d)).toBe(0);
    expect(refused(d, ext(3), 'head', '2026-03-06')).toBe('extension-once');
  });

  it('deems a case accepted, as of receipt, only after 5 working days without an answer', () => {
    // Received Mon 9/28: 9/29 (1), 9/30 (2), [国庆], 10/8 (3), 10/9 (4), Sat 10/10 (5) → due 10/10.
    const c = received('2026-09-28');
    expect(deadlines(c, cal, '2026-09-28', WARN).acceptanceDue).toBe('2026-10-10');
    for (const today of ['2026-09-30', '2026-10-07', '2026-10-10']) expect(refused(c, { type: 'deem-accept' }, 'system', today)).toBe('not-due');
    expect(refused(c, { type: 'deem-accept' }, 'clerk', '2026-10-11')).toBe('role');
    const d = act(c, { type: 'deem-accept' }, 'system', '2026-10-11');
    expect(d).toMatchObject({ state: 'reviewing', step: 1, acceptedOn: '2026-09-28', deemedAccepted: true, lastAdvance: null });
    expect(deadlines(d, cal, '2026-10-11', WARN).promisedDue).toBe('2026-10-30');
  });

  it('counts a late acceptance as deemed: as of receipt, and no late refusal or supplement notice', () => {
    const c = received('2026-09-28');
    expect(act(c, { type: 'accept' }, 'clerk', '2026-10-10')).toMatchObject({ acceptedOn: '2026-10-10', deemedAccepted: false });
    const late = act(c, { type: 'accept' }, 'clerk', '2026-10-12');
    expect(late).toMatchObject({ state: 'reviewing', acceptedOn: '2026-09-28', deemedAccepted: true });
    expect(deadlines(late, cal, '2026-10-12', WARN).promisedDue).toBe('2026-10-30');
    expect(refused(c, ask(), 'clerk', '2026-10-12')).toBe('late');
    expect(refused(c, { type: 'refuse', reason: '不属于本机关职权范围', basis: '第三十二条', remedies: '复议' }, 'clerk', '2026-10-12')).toBe('late');
  });

  it('restarts the acceptance period from the day a pre-acceptance supplement came in', () => {
    // Received Mon 3/2, notice Wed 3/4, supplement in Tue 3/10 → 5 working days from 3/10:
    // 3/11, 3/12, 3/13, 3/16, 3/17 → due Tue 3/17; deemed from Wed 3/18, as of 3/10.
    let c = received('2026-03-02');
    expect(refused(c, ask(), 'reviewer', '2026-03-04')).toBe('role');
    expect(refused(c, { type: 'request-supplement', deficiencies: [] }, 'clerk', '2026-03-04')).toBe('deficiencies');
    expect(refused(c, ask(' '), 'clerk', '2026-03-04')).toBe('deficiencies');
    c = act(c, { type: 'request-supplement', deficiencies: [{ materialId: 'm1', text: '缺少身份证明' }, { materialId: 'm3', text: '申请表未签字' }] }, 'clerk', '2026-03-04');
    expect(c.pauses[0]).toEqual({ kind: 'supplement', from: '2026-03-04', to: null, reason: '缺少身份证明；申请表未签字' });
    expect(deadlines(c, cal, '2026-03-09', WARN)).toMatchObject({ acceptanceDue: null, light: null });
    expect(refused(c, { type: 'deem-accept' }, 'system', '2026-03-20')).toBe('state');
    c = act(c, { type: 'supplement' }, 'applicant', '2026-03-10');
    expect([c.state, c.acceptanceStart, c.acceptedOn]).toEqual(['submitted', '2026-03-10', null]);
    expect(deadlines(c, cal, '2026-03-10', WARN).acceptanceDue).toBe('2026-03-17');
    expect(refused(c, { type: 'deem-accept' }, 'system', '2026-03-17')).toBe('not-due');
    expect(act(c, { type: 'deem-accept' }, 'system', '2026-03-18')).toMatchObject({ acceptedOn: '2026-03-10', deemedAccepted: true });
  });

  it('asks a second supplement only with a written justification, and flags it', () => {
    let c = act(received('2026-03-02'), ask(), 'clerk', '2026-03-03');
    c = act(c, { type: 'supplement' }, 'applicant', '2026-03-05');
    c = act(c, { type: 'accept' }, 'clerk', '2026-03-06');
    expect(refused(c, ask('现场核查发现面积不符'), 'reviewer', '2026-03-09')).toBe('justification');
    expect(refused(c, { ...ask('现场核查发现面积不符'), justification: '  ' } as CaseAction, 'reviewer', '2026-03-09')).toBe('justification');
    const out = transition(c, { ...ask('现场核查发现面积不符'), justification: '核查中发现新的事实' } as CaseAction, ctxOf('reviewer', '2026-03-09'));
    expect(out.ok && out.flagged).toBe('repeated-supplement');
    expect(out.ok && out.next.supplementRequests).toBe(2);
    const first = transition(received('2026-03-02'), ask(), ctxOf('clerk', '2026-03-03'));
    expect(first.ok && first.flagged).toBeUndefined();
  });

  it('shows green, then yellow with 2 working days left, then red when overdue', () => {
    // Promised due Fri 10/30 (see 国庆 above).
    const c = accepted('2026-09-28');
    const at = (today: IsoDate) => deadlines(c, cal, today, WARN);
    expect(at('2026-10-27')).toMatchObject({ daysLeft: 3, light: 'green' });
    expect(at('2026-10-28')).toMatchObject({ daysLeft: 2, light: 'yellow' });
    expect(at('2026-10-30')).toMatchObject({ daysLeft: 0, light: 'yellow' });
    expect(at('2026-11-02')).toMatchObject({ daysLeft: -1, light: 'red' });
    expect(at('2026-10-01')).toMatchObject({ daysLeft: 18, light: 'green' }); // holidays are not days left
    expect(lightOf(3, 2)).toBe('green');
    expect(lightOf(2, 2)).toBe('yellow');
    expect(lightOf(0, 2)).toBe('yellow');
    expect(lightOf(-1, 2)).toBe('red');
    expect(lightOf(3, 5)).toBe('yellow');
    // Closed cases have no light.
    const w = act(c, { type: 'withdraw', reason: '不再需要' }, 'applicant', '2026-10-12');
    expect(deadlines(w, cal, '2026-11-30', WARN).light).toBeNull();
  });
});

describe('review', () => {
  const reviewing = () => accepted('2026-03-02');

  it('countersign (all) blocks the advance until every department agrees', () => {
    let c = reviewing();
    const round: CaseAction = { type: 'countersign', mode: 'all', departments: [{ id: 'd1', name: '自然资源局' }, { id: 'd2', name: '住建局' }] };
    expect(refused(c, { ...round, departments: [] } as CaseAction, 'reviewer', '2026-03-03')).toBe('departments');
    expect(refused(c, { ...round, departments: [{ id: 'd1', name: 'a' }, { id: 'd1', name: 'b' }] } as CaseAction, 'reviewer', '2026-03-03')).toBe('departments');
    c = act(c, round, 'reviewer', '2026-03-03');
    expect(refused(c, round, 'reviewer', '2026-03-03')).toBe('signatures');
    expect(refused(c, { type: 'advance', opinion: '同意' }, 'reviewer', '2026-03-03')).toBe('signatures');
    c = act(c, { type: 'sign', departmentId: 'd1', agree: true, opinion: '同意' }, 'reviewer2', '2026-03-04');
    expect(refused(c, { type: 'sign', departmentId: 'd1', agree: false, opinion: '改主意' }, 'reviewer2', '2026-03-04')).toBe('signed');
    expect(refused(c, { type: 'sign', departmentId: 'd9', agree: true, opinion: '同意' }, 'reviewer2', '2026-03-04')).toBe('department');
    expect(refused(c, { type: 'advance', opinion: '同意' }, 'reviewer', '2026-03-04')).toBe('signatures');
    c = act(c, { type: 'sign', departmentId: 'd2', agree: true, opinion: '同意' }, 'reviewer2', '2026-03-05');
    expect(signsAgreed(c.signs!)).toBe(true);
    c = advance(c, 'reviewer', '2026-03-05');
    expect([c.step, c.signs]).toEqual([2, null]);

    let no = act(reviewing(), round, 'reviewer', '2026-03-03');
    no = act(no, { type: 'sign', departmentId: 'd1', agree: true, opinion: '同意' }, 'reviewer2', '2026-03-04');
    no = act(no, { type: 'sign', departmentId: 'd2', agree: false, opinion: '不符合规划' }, 'reviewer2', '2026-03-04');
    expect(signsAgreed(no.signs!)).toBe(false);
    expect(refused(no, { type: 'advance', opinion: '同意' }, 'reviewer', '2026-03-05')).toBe('signatures');
    // A round that did not agree is finished: a new round may replace it.
    const again = act(no, { ...round, departments: [{ id: 'd2', name: '住建局' }] } as CaseAction, 'reviewer', '2026-03-06');
    expect(again.signs!.departments.map((d) => [d.id, d.decision])).toEqual([['d2', null]]);
  });

  it('lets the head deny after a round that did not agree, but not grant, and not while an extension waits', () => {
    let c = advance(advance(reviewing(), 'reviewer', '2026-03-03'), 'reviewer', '2026-03-03');
    c = act(c, { type: 'countersign', mode: 'all', departments: [{ id: 'd1', name: '自然资源局' }] }, 'head', '2026-03-04');
    expect(refused(c, { type: 'decide', grant: false, reasons: '不符合规划' }, 'head', '2026-03-04')).toBe('signatures');
    c = act(c, { type: 'sign', departmentId: 'd1', agree: false, opinion: '不符合规划' }, 'reviewer2', '2026-03-05');
    expect(refused(c, { type: 'decide', grant: true, reasons: '同意' }, 'head', '2026-03-05')).toBe('signatures');
    const pending = act(c, { type: 'request-extension', days: 5, reason: '需专家论证' }, 'head', '2026-03-05');
    expect(refused(pending, { type: 'decide', grant: false, reasons: '不符合规划' }, 'head', '2026-03-05')).toBe('extension-pending');
    expect(act(c, { type: 'decide', grant: false, reasons: '会签部门认为不符合规划' }, 'head', '2026-03-05').state).toBe('decided');
  });

  it('or-sign (any) passes with one agreement', () => {
    let c = act(reviewing(), { type: 'countersign', mode: 'any', departments: [{ id: 'd1', name: '甲' }, { id: 'd2', name: '乙' }, { id: 'd3', name: '丙' }] }, 'reviewer', '2026-03-03');
    c = act(c, { type: 'sign', departmentId: 'd3', agree: false, opinion: '不同意' }, 'reviewer2', '2026-03-04');
    expect(refused(c, { type: 'advance', opinion: '同意' }, 'reviewer', '2026-03-04')).toBe('signatures');
    c = act(c, { type: 'sign', departmentId: 'd2', agree: true, opinion: '同意' }, 'reviewer2', '2026-03-04');
    expect(advance(c, 'reviewer', '2026-03-04').step).toBe(2);
  });

  it('lets an actor take back an advance until the next step is opened', () => {
    const c = advance(reviewing(), 'reviewer', '2026-03-03');
    expect(refused(c, { type: 'take-back' }, 'reviewer2', '2026-03-03')).toBe('take-back');
    const back = act(c, { type: 'take-back' }, 'reviewer', '2026-03-03');
    expect([back.state, back.step, back.lastAdvance]).toEqual(['reviewing', 1, null]);
    expect(refused(back, { type: 'take-back' }, 'reviewer', '2026-03-03')).toBe('take-back');

    const opened = act(c, { type: 'open' }, 'reviewer2', '2026-03-04');
    expect(refused(opened, { type: 'take-back' }, 'reviewer', '2026-03-04')).toBe('opened');

    // Acting at the next step opens it too: a pause, a countersign round or an extension request
    // must not be carried back to the step before (or, for an acceptance, to a case not accepted).
    const acts: CaseAction[] = [
      { type: 'pause', kind: 'expert', reason: '专家评审' },
      { type: 'countersign', mode: 'all', departments: [{ id: 'd1', name: '甲' }] },
      { type: 'request-extension', days: 5, reason: '情况复杂' },
    ];
    for (const a of acts) {
      expect(refused(act(c, a, 'reviewer2', '2026-03-04'), { type: 'take-back' }, 'reviewer', '2026-03-04')).toBe('opened');
      expect(refused(act(reviewing(), a, 'reviewer', '2026-03-03'), { type: 'take-back' }, 'clerk', '2026-03-03')).toBe('opened');
    }

    // An acceptance taken back leaves the case unaccepted.
    const un = act(reviewing(), { type: 'take-back' }, 'clerk', '2026-03-02');
    expect([un.state, un.step, un.acceptedOn]).toEqual(['submitted', 0, null]);
    expect(deadlines(un, cal, '2026-03-02', WARN)).toMatchObject({ acceptanceDue: '2026-03-09', promisedDue: null });
  });

  it('returns only to an earlier review step, with a reason', () => {
    let c = advance(advance(reviewing(), 'reviewer', '2026-03-03'), 'reviewer2', '2026-03-04');
    expect(c.step).toBe(3);
    expect(refused(c, { type: 'return', toStep: 0, reason: '材料需重新受理' }, 'head', '2026-03-05')).toBe('to-step');
    expect(refused(c, { type: 'return', toStep: 3, reason: '重审' }, 'head', '2026-03-05')).toBe('to-step');
    expect(refused(c, { type: 'return', toStep: 1.5, reason: '重审' }, 'head', '2026-03-05')).toBe('to-step');
    expect(refused(c, { type: 'return', toStep: 1, reason: ' ' }, 'head', '2026-03-05')).toBe('reason');
    expect(refused(c, { type: 'return', toStep: 1, reason: '初审意见不完整' }, 'reviewer', '2026-03-05')).toBe('role');
    c = act(c, { type: 'return', toStep: 1, reason: '初审意见不完整' }, 'head', '2026-03-05');
    expect([c.state, c.step, c.lastAdvance]).toEqual(['reviewing', 1, null]);
    expect(refused(c, { type: 'return', toStep: 1, reason: '再退' }, 'reviewer', '2026-03-05')).toBe('to-step');
  });

  it('decides only at the decision step, by its role', () => {
    let c = reviewing();
    expect(refused(c, { type: 'decide', grant: true, reasons: '符合' }, 'reviewer', '2026-03-03')).toBe('not-decision-step');
    c = advance(advance(c, 'reviewer', '2026-03-03'), 'reviewer', '2026-03-04');
    expect(refused(c, { type: 'advance', opinion: '同意' }, 'head', '2026-03-05')).toBe('last-step');
    expect(refused(c, { type: 'decide', grant: true, reasons: '符合' }, 'reviewer', '2026-03-05')).toBe('role');
    expect(refused(c, { type: 'decide', grant: false, reasons: ' ' }, 'head', '2026-03-05')).toBe('reasons');
    expect(queueOf(c)).toBe('to_decide');
    c = decide(c, '2026-03-05');
    expect([c.state, c.decision, queueOf(c)]).toEqual(['decided', { grant: true, reasons: '符合法定条件' }, 'to_issue']);
  });

  it('lets the applicant withdraw before a decision only', () => {
    const c = received('2026-03-02');
    expect(refused(c, { type: 'withdraw', reason: '不办了' }, 'clerk', '2026-03-02')).toBe('role');
    expect(act(c, { type: 'withdraw', reason: '不办了' }, 'applicant', '2026-03-02').state).toBe('withdrawn');
    const s = act(c, ask(), 'clerk', '2026-03-03');
    const ws = act(s, { type: 'withdraw', reason: '不办了' }, 'applicant', '2026-03-05');
    expect([ws.state, ws.pauses[0]!.to]).toEqual(['withdrawn', '2026-03-05']);
    const r = act(reviewing(), { type: 'pause', kind: 'inspection', reason: '检测' }, 'reviewer', '2026-03-03');
    const wr = act(r, { type: 'withdraw', reason: '不办了' }, 'applicant', '2026-03-04');
    expect([wr.state, wr.acceptedOn, wr.pauses[0]!.to]).toEqual(['withdrawn', '2026-03-02', '2026-03-04']);
    const d = decide(advance(advance(reviewing(), 'reviewer', '2026-03-03'), 'reviewer', '2026-03-04'), '2026-03-05');
    expect(refused(d, { type: 'withdraw', reason: '不办了' }, 'applicant', '2026-03-06')).toBe('decided');
  });

  it('refuses acceptance only with reason, legal basis and remedies', () => {
    const c = received('2026-03-02');
    const r: CaseAction = { type: 'refuse', reason: '不属于本机关职权范围', basis: '《行政许可法》第三十二条第一款第二项', remedies: '可于六十日内申请行政复议' };
    expect(refused(c, { ...r, basis: '' } as CaseAction, 'clerk', '2026-03-02')).toBe('incomplete');
    expect(refused(c, r, 'reviewer', '2026-03-02')).toBe('role');
    expect(act(c, r, 'clerk', '2026-03-03').state).toBe('refused');
  });

  it('delivers by mail only with a tracking number, through "delivering"', () => {
    const issued = act(decide(advance(advance(reviewing(), 'reviewer', '2026-03-03'), 'reviewer', '2026-03-04'), '2026-03-05'), { type: 'issue' }, 'clerk', '2026-03-06');
    expect(queueOf(issued)).toBe('to_deliver');
    expect(refused(issued, { type: 'deliver', method: 'mail' }, 'clerk', '2026-03-06')).toBe('tracking');
    expect(refused(issued, { type: 'deliver', method: 'mail', tracking: '  ' }, 'clerk', '2026-03-06')).toBe('tracking');
    const m = act(issued, { type: 'deliver', method: 'mail', tracking: ' SF1234567890 ' }, 'clerk', '2026-03-06');
    expect([m.state, m.delivery]).toEqual(['delivering', { method: 'mail', tracking: 'SF1234567890' }]);
    expect(refused(m, { type: 'confirm-delivery' }, 'system', '2026-03-08')).toBe('role');
    expect(act(m, { type: 'confirm-delivery' }, 'applicant', '2026-03-08').state).toBe('completed');
    expect(act(issued, { type: 'deliver', method: 'window' }, 'clerk', '2026-03-06').state).toBe('completed');
    expect(act(issued, { type: 'deliver', method: 'electronic' }, 'clerk', '2026-03-06')).toMatchObject({ state: 'completed', delivery: { method: 'electronic', tracking: null } });
  });

  it('accepts nothing more once refused, withdrawn or completed', () => {
    const base = reviewing();
    for (const state of CLOSED) {
      const c = { ...base, state };
      for (const type of ACTION_TYPES) {
        for (const [role, actorId] of Object.values(who)) {
          const s = { anyType: type, pick: 0, role, actor: 'u1' as const, days: 0, good: 1, n: 1, flag: true, k: 1, text: '材料不全' as const };
          const { action } = actionOf(c, s);
          expect(transition(c, action, { role, actorId, today: '2026-03-10', calendar: cal }).ok, `${type} by ${role} on a ${state} case`).toBe(false);
        }
      }
    }
    expect(FINAL_STATES.slice().sort()).toEqual(CLOSED.slice().sort());
  });
});

describe('processes, numbers and codes', () => {
  it('processOf starts with acceptance by a clerk and ends with a decision by a head', () => {
    fc.assert(
      fc.property(guideArb, (guide) => {
        const p = processOf(guide);
        expect(p.length).toBeGreaterThanOrEqual(2);
        expect(p[0]!.role).toBe('window_clerk');
        expect(p.at(-1)!.role).toBe('department_head');
        // The guide's steps, in order, inside.
        const start = guide[0]?.role === 'window_clerk' ? 0 : 1;
        expect(p.slice(start, start + guide.length)).toEqual(guide);
      }),
    );
    expect(processOf([]).map((s) => s.role)).toEqual(['window_clerk', 'department_head']);
    expect(STEPS.map((s) => s.name)).toEqual(['受理', '初审', '复审', '决定']);
  });

  it('numbers a case by region, date and sequence, and makes readable query codes', () => {
    expect(caseNumber('420100', '2026-09-28', 42)).toBe('42010020260928000042');
    expect(caseNumber('420100', '2026-09-28', 42)).toMatch(CASE_NUMBER);
    for (let i = 0; i < 200; i++) {
      const q = newQueryCode();
      expect(q).toMatch(QUERY_CODE);
      expect(q).not.toMatch(/[01OIL]/);
    }
    expect(new Set(Array.from({ length: 200 }, newQueryCode)).size).toBe(200);
  });
});
