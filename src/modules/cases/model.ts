/**
 * The case state machine and its legal clocks: pure rules, no I/O.
 *
 * A case follows the process template of the item version it was submitted on (the guide's steps:
 * acceptance by a window clerk, review steps, the decision). `transition` is the one place that
 * says which action may happen in which state, by whom and with what effect; the service only
 * loads, calls it and stores. Deadlines are computed from the case, never stored as the truth, so
 * they can explain themselves.
 */
import { randomInt } from 'node:crypto';
import { addDays, type IsoDate, type Pause, type WorkingCalendar } from '../../core/calendar.ts';
import { DELIVERY_METHODS, type DeliveryMethod } from '../catalog/index.ts';

type Label = { zh: string; en: string };

export const CASE_STATES = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  supplement: { zh: '待补正', en: 'Awaiting supplement' },
  refused: { zh: '不予受理', en: 'Refused' },
  reviewing: { zh: '审查中', en: 'Under review' },
  decided: { zh: '已决定', en: 'Decided' },
  issued: { zh: '已制证', en: 'Result issued' },
  delivering: { zh: '送达中', en: 'Being delivered' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Record<string, Label>;
export type CaseState = keyof typeof CASE_STATES;
export const FINAL_STATES: readonly CaseState[] = ['refused', 'completed', 'withdrawn'];

export const CHANNELS = {
  online: { zh: '网上申请', en: 'Online' },
  window: { zh: '窗口受理', en: 'At a window' },
} as const satisfies Record<string, Label>;
export type Channel = keyof typeof CHANNELS;

/** Special procedures (特别程序) whose time is not counted, and the supplement wait. */
export const PAUSE_KINDS = {
  supplement: { zh: '补正', en: 'Supplement' },
  hearing: { zh: '听证', en: 'Hearing' },
  expert: { zh: '专家评审', en: 'Expert review' },
  inspection: { zh: '检验检测检疫', en: 'Inspection or testing' },
  public_notice: { zh: '公示', en: 'Public notice' },
} as const satisfies Record<string, Label>;
export type PauseKind = keyof typeof PAUSE_KINDS;
export type ProcedureKind = Exclude<PauseKind, 'supplement'>;

/** Delivery methods are the catalog's: a case is delivered as its guide offers. */
export { DELIVERY_METHODS, type DeliveryMethod };

/** Who acts: the applicant (or the agent for an enterprise), staff by role, or the platform's clock. */
export type ActorRole = 'applicant' | 'window_clerk' | 'reviewer' | 'department_head' | 'system';

export interface ProcessStep {
  name: string;
  role: 'window_clerk' | 'reviewer' | 'department_head';
  days: number;
}

export interface CasePause {
  kind: PauseKind;
  /** Days the clock does not count, inclusive; `to` null while the pause lasts. See `pauseRange`. */
  from: IsoDate;
  to: IsoDate | null;
  reason: string;
}

export interface SignRound {
  mode: 'all' | 'any';
  /** The step that asked for the signatures. */
  step: number;
  departments: { id: string; name: string; decision: 'agree' | 'disagree' | null; opinion: string | null }[];
}

export interface Extension {
  days: number;
  reason: string;
  requestedBy: string;
  /** Null while the department head has not answered. */
  approved: boolean | null;
}

/** Everything the machine needs to decide the next step; the service stores it with the case row. */
export interface CaseCore {
  state: CaseState;
  steps: ProcessStep[];
  /** Index into `steps` (see `processOf`: 0 is acceptance, the last is the decision) of the step the case is at. */
  step: number;
  /** Someone opened the current step, or acted at it (countersign, pause, extension): the previous actor can no longer take back. */
  stepOpened: boolean;
  receivedOn: IsoDate;
  /** Where the 5-working-day acceptance period starts: receipt, or the day a supplement came in. */
  acceptanceStart: IsoDate;
  acceptedOn: IsoDate | null;
  /** Accepted by law because nobody answered within 5 working days (《行政许可法》第三十二条). */
  deemedAccepted: boolean;
  supplementRequests: number;
  pauses: CasePause[];
  extension: Extension | null;
  signs: SignRound | null;
  /** The last forward move, which its actor may take back while the next step is unopened. */
  lastAdvance: { by: string; fromStep: number; fromState: CaseState } | null;
  decision: { grant: boolean; reasons: string } | null;
  delivery: { method: DeliveryMethod; tracking: string | null } | null;
  promisedDays: number;
  statutoryDays: number;
}

export interface Deficiency {
  /** The material concerned, if the deficiency is about one. */
  materialId?: string;
  text: string;
}

export type CaseAction =
  | { type: 'accept' }
  | { type: 'refuse'; reason: string; basis: string; remedies: string }
  | { type: 'request-supplement'; deficiencies: Deficiency[]; justification?: string }
  | { type: 'supplement' }
  | { type: 'open' }
  | { type: 'advance'; opinion: string }
  | { type: 'return'; toStep: number; reason: string }
  | { type: 'take-back' }
  | { type: 'countersign'; mode: 'all' | 'any'; departments: { id: string; name: string }[] }
  | { type: 'sign'; departmentId: string; agree: boolean; opinion: string }
  | { type: 'pause'; kind: ProcedureKind; reason: string }
  | { type: 'resume' }
  | { type: 'request-extension'; days: number; reason: string }
  | { type: 'answer-extension'; approve: boolean }
  | { type: 'decide'; grant: boolean; reasons: string }
  | { type: 'issue' }
  | { type: 'deliver'; method: DeliveryMethod; tracking?: string }
  | { type: 'confirm-delivery' }
  | { type: 'withdraw'; reason: string }
  | { type: 'deem-accept' };
export type ActionType = CaseAction['type'];

export interface Context {
  role: ActorRole;
  /** The staff member or person acting (take-back compares it). */
  actorId: string;
  /** Today in Asia/Shanghai. */
  today: IsoDate;
  calendar: WorkingCalendar;
}

export type Refusal = { ok: false; code: string; zh: string; en: string };
export type Outcome = { ok: true; next: CaseCore; flagged?: string } | Refusal;

const refuse = (code: string, zh: string, en: string): Refusal => ({ ok: false, code, zh, en });

/** Most a department head may extend the statutory limit, once (《行政许可法》第四十二条). */
export const MAX_EXTENSION_DAYS = 10;
/** Working days to accept or ask for a supplement before acceptance is deemed (第三十二条). */
export const ACCEPTANCE_DAYS = 5;


/**
 * The uncounted days of a pause started (requested) on `from` and ended on `to`: the request day
 * still counts (staff worked on it) and, as with any start day, the day the clock restarts does
 * not — so the range is (from, to]; a pause ended the day it began costs nothing. An open pause
 * runs through `today`.
 */
export function pauseRange(p: CasePause, today: IsoDate): Pause | null {
  const end = p.to ?? today;
  const start = addDays(p.from, 1);
  return start <= end ? { from: start, to: end } : null;
}

const openPause = (c: CaseCore) => c.pauses.find((p) => p.to === null) ?? null;
export const isPaused = (c: CaseCore) => openPause(c) !== null;

/** Who may act at the current step: its role, except that a department head may also act for a reviewer. */
const actsAtStep = (c: CaseCore, role: ActorRole) => {
  const need = c.steps[c.step]?.role;
  return need === role || (need === 'reviewer' && role === 'department_head');
};

const closePause = (c: CaseCore, today: IsoDate): CasePause[] => c.pauses.map((p) => (p.to === null ? { ...p, to: today } : p));

/** What each action needs before it may apply, and what it changes. */
export function transition(c: CaseCore, a: CaseAction, ctx: Context): Outcome {
  const { role, today } = ctx;
  const staff = role === 'window_clerk' || role === 'reviewer' || role === 'department_head';
  const forward = (next: CaseCore): Outcome => ({ ok: true, next: { ...next, lastAdvance: { by: ctx.actorId, fromStep: c.step, fromState: c.state }, stepOpened: false } });
  const wrongState = () =>
    refuse('state', `办件当前状态为“${CASE_STATES[c.state].zh}”，不能执行此操作`, `the case is ${CASE_STATES[c.state].en.toLowerCase()}; this action does not apply now`);
  const wrongRole = () => refuse('role', '当前环节不由您的岗位办理', 'your role does not act at this step');
  /** The 5 working days to accept, refuse or ask for a supplement have passed. */
  const acceptanceOver = () => today > ctx.calendar.addWorkingDays(c.acceptanceStart, ACCEPTANCE_DAYS);
  const late = () => refuse('late', '受理期限已届满，依法视为受理', 'the acceptance period has ended: the case is accepted by law');

  switch (a.type) {
    case 'accept': {
      if (c.state !== 'submitted') return wrongState();
      if (role !== 'window_clerk') return wrongRole();
      // Past the acceptance period the law has accepted the case already, as of its start (第三十二条).
      if (acceptanceOver()) return { ok: true, next: { ...c, state: 'reviewing', step: 1, acceptedOn: c.acceptanceStart, deemedAccepted: true, signs: null, stepOpened: false, lastAdvance: null } };
      return forward({ ...c, state: 'reviewing', step: 1, acceptedOn: today, signs: null });
    }
    case 'deem-accept': {
      if (c.state !== 'submitted') return wrongState();
      if (role !== 'system') return wrongRole();
      if (!acceptanceOver()) return refuse('not-due', '受理期限尚未届满', 'the acceptance period has not ended');
      return { ok: true, next: { ...c, state: 'reviewing', step: 1, acceptedOn: c.acceptanceStart, deemedAccepted: true, stepOpened: false, lastAdvance: null } };
    }
    case 'refuse': {
      if (c.state !== 'submitted') return wrongState();
      if (role !== 'window_clerk') return wrongRole();
      if (acceptanceOver()) return late();
      if (!a.reason.trim() || !a.basis.trim() || !a.remedies.trim()) return refuse('incomplete', '不予受理决定须写明理由、依据和救济途径', 'a refusal states its reason, legal basis and remedies');
      return { ok: true, next: { ...c, state: 'refused', lastAdvance: null } };
    }
    case 'request-supplement': {
      if (c.state !== 'submitted' && c.state !== 'reviewing') return wrongState();
      if (c.state === 'submitted' ? role !== 'window_clerk' : !actsAtStep(c, role)) return wrongRole();
      if (c.state === 'submitted' && acceptanceOver()) return late();
      if (c.state === 'reviewing' && isPaused(c)) return refuse('paused', '计时已暂停，请先结束特别程序', 'the clock is paused; end the special procedure first');
      if (a.deficiencies.length === 0 || a.deficiencies.some((d) => !d.text.trim())) return refuse('deficiencies', '补正告知须一次性列明全部问题', 'a supplement notice lists every deficiency at once');
      const again = c.supplementRequests > 0;
      if (again && !a.justification?.trim()) return refuse('justification', '再次要求补正须书面说明理由', 'a second supplement request needs a written justification');
      return {
        ok: true,
        next: { ...c, state: 'supplement', supplementRequests: c.supplementRequests + 1, pauses: [...c.pauses, { kind: 'supplement', from: today, to: null, reason: a.deficiencies.map((d) => d.text).join('；') }], lastAdvance: null, signs: null },
        flagged: again ? 'repeated-supplement' : undefined,
      };
    }
    case 'supplement': {
      if (c.state !== 'supplement') return wrongState();
      if (role !== 'applicant') return wrongRole();
      const beforeAcceptance = c.acceptedOn === null;
      return {
        ok: true,
        next: {
          ...c,
          state: beforeAcceptance ? 'submitted' : 'reviewing',
          pauses: closePause(c, today),
          acceptanceStart: beforeAcceptance ? today : c.acceptanceStart,
          stepOpened: false,
          lastAdvance: null,
        },
      };
    }
    case 'open': {
      if (!staff) return wrongRole();
      if (FINAL_STATES.includes(c.state)) return wrongState();
      return { ok: true, next: { ...c, stepOpened: true } };
    }
    case 'advance': {
      if (c.state !== 'reviewing') return wrongState();
      if (!actsAtStep(c, role)) return wrongRole();
      if (c.step >= c.steps.length - 1) return refuse('last-step', '这是决定环节，请作出决定', 'this is the decision step: decide');
      if (isPaused(c)) return refuse('paused', '计时已暂停，请先结束特别程序', 'the clock is paused; end the special procedure first');
      if (c.signs && !signsAgreed(c.signs)) return refuse('signatures', '会签/或签尚未完成', 'the countersignature round is not complete');
      if (!a.opinion.trim()) return refuse('opinion', '请填写审查意见', 'write the review opinion');
      return forward({ ...c, step: c.step + 1, signs: null });
    }
    case 'return': {
      if (c.state !== 'reviewing') return wrongState();
      if (!actsAtStep(c, role)) return wrongRole();
      if (!Number.isInteger(a.toStep) || a.toStep < 1 || a.toStep >= c.step) return refuse('to-step', '只能退回到此前已办理的审查环节', 'return only to an earlier review step');
      if (!a.reason.trim()) return refuse('reason', '退回须说明理由', 'a return states its reason');
      return { ok: true, next: { ...c, step: a.toStep, stepOpened: false, signs: null, lastAdvance: null } };
    }
    case 'take-back': {
      const last = c.lastAdvance;
      if (!last || last.by !== ctx.actorId || !staff) return refuse('take-back', '没有可撤回的操作', 'there is no action of yours to take back');
      if (c.stepOpened) return refuse('opened', '下一环节已开始办理，不能撤回', 'the next step has been opened; it cannot be taken back');
      if (c.state !== 'reviewing') return wrongState();
      const acceptance = last.fromState === 'submitted';
      return { ok: true, next: { ...c, state: last.fromState, step: last.fromStep, acceptedOn: acceptance ? null : c.acceptedOn, stepOpened: true, lastAdvance: null } };
    }
    case 'countersign': {
      if (c.state !== 'reviewing') return wrongState();
      if (!actsAtStep(c, role)) return wrongRole();
      if (c.signs && !signsFinished(c.signs)) return refuse('signatures', '已有进行中的会签', 'a countersignature round is already open');
      const ids = new Set(a.departments.map((d) => d.id));
      if (ids.size === 0 || ids.size !== a.departments.length) return refuse('departments', '请选择不重复的会签部门', 'choose distinct departments to sign');
      return { ok: true, next: { ...c, stepOpened: true, signs: { mode: a.mode, step: c.step, departments: a.departments.map((d) => ({ ...d, decision: null, opinion: null })) } } };
    }
    case 'sign': {
      if (c.state !== 'reviewing' || !c.signs) return wrongState();
      if (!staff) return wrongRole();
      const d = c.signs.departments.find((x) => x.id === a.departmentId);
      if (!d) return refuse('department', '该部门不在会签名单中', 'this department is not asked to sign');
      if (d.decision) return refuse('signed', '该部门已签署意见', 'this department has already signed');
      const departments = c.signs.departments.map((x) => (x === d ? { ...x, decision: a.agree ? ('agree' as const) : ('disagree' as const), opinion: a.opinion } : x));
      return { ok: true, next: { ...c, signs: { ...c.signs, departments } } };
    }
    case 'pause': {
      if (c.state !== 'reviewing') return wrongState();
      if (!actsAtStep(c, role)) return wrongRole();
      if (isPaused(c)) return refuse('paused', '计时已暂停', 'the clock is already paused');
      if (!a.reason.trim()) return refuse('reason', '特别程序须说明理由', 'a special procedure states its reason');
      return { ok: true, next: { ...c, stepOpened: true, pauses: [...c.pauses, { kind: a.kind, from: today, to: null, reason: a.reason }] } };
    }
    case 'resume': {
      const p = openPause(c);
      if (c.state !== 'reviewing' || !p || p.kind === 'supplement') return wrongState();
      if (!staff) return wrongRole();
      return { ok: true, next: { ...c, pauses: closePause(c, today) } };
    }
    case 'request-extension': {
      if (c.state !== 'reviewing') return wrongState();
      if (!actsAtStep(c, role)) return wrongRole();
      if (c.extension) return refuse('extension-once', '延期只能申请一次', 'an extension may be asked for once');
      if (!Number.isInteger(a.days) || a.days < 1 || a.days > MAX_EXTENSION_DAYS) return refuse('days', `延期为 1 至 ${MAX_EXTENSION_DAYS} 个工作日`, `an extension is 1 to ${MAX_EXTENSION_DAYS} working days`);
      if (!a.reason.trim()) return refuse('reason', '延期须说明理由', 'an extension states its reason');
      return { ok: true, next: { ...c, stepOpened: true, extension: { days: a.days, reason: a.reason, requestedBy: ctx.actorId, approved: null } } };
    }
    case 'answer-extension': {
      if (c.state !== 'reviewing') return wrongState();
      if (role !== 'department_head') return refuse('role', '延期须由部门负责人批准', 'only a department head approves an extension');
      if (!c.extension || c.extension.approved !== null) return refuse('extension', '没有待批准的延期申请', 'there is no extension request to answer');
      if (c.extension.requestedBy === ctx.actorId) return refuse('own-request', '不能批准本人提出的延期', 'you cannot answer your own extension request');
      return { ok: true, next: { ...c, extension: { ...c.extension, approved: a.approve } } };
    }
    case 'decide': {
      if (c.state !== 'reviewing') return wrongState();
      if (c.step !== c.steps.length - 1) return refuse('not-decision-step', '尚未到决定环节', 'the case has not reached the decision step');
      if (!actsAtStep(c, role)) return wrongRole();
      if (isPaused(c)) return refuse('paused', '计时已暂停，请先结束特别程序', 'the clock is paused; end the special procedure first');
      // A denial may follow a round that did not agree; a grant needs the departments' agreement.
      if (c.signs && (a.grant ? !signsAgreed(c.signs) : !signsFinished(c.signs))) return refuse('signatures', '会签/或签尚未完成', 'the countersignature round is not complete');
      if (c.extension?.approved === null) return refuse('extension-pending', '延期申请尚未批复', 'the extension request has not been answered');
      if (!a.reasons.trim()) return refuse('reasons', '决定须说明理由', 'a decision states its reasons');
      return { ok: true, next: { ...c, state: 'decided', decision: { grant: a.grant, reasons: a.reasons }, signs: null, lastAdvance: null, stepOpened: false } };
    }
    case 'issue': {
      if (c.state !== 'decided') return wrongState();
      if (!staff) return wrongRole();
      return { ok: true, next: { ...c, state: 'issued' } };
    }
    case 'deliver': {
      if (c.state !== 'issued') return wrongState();
      if (!staff) return wrongRole();
      if (a.method === 'mail' && !a.tracking?.trim()) return refuse('tracking', '快递送达须填写运单号', 'delivery by mail needs a tracking number');
      return { ok: true, next: { ...c, state: a.method === 'mail' ? 'delivering' : 'completed', delivery: { method: a.method, tracking: a.tracking?.trim() || null } } };
    }
    case 'confirm-delivery': {
      if (c.state !== 'delivering') return wrongState();
      if (!staff && role !== 'applicant') return wrongRole();
      return { ok: true, next: { ...c, state: 'completed', lastAdvance: null } };
    }
    case 'withdraw': {
      if (!['submitted', 'supplement', 'reviewing'].includes(c.state)) return refuse('decided', '已作出决定或已终结的办件不能撤回', 'a case that is decided or closed cannot be withdrawn');
      if (role !== 'applicant') return wrongRole();
      return { ok: true, next: { ...c, state: 'withdrawn', pauses: closePause(c, today), lastAdvance: null, signs: null } };
    }
  }
}

/** Every department has answered, or (or-sign) one agreed: a new round may replace it. */
export function signsFinished(s: SignRound): boolean {
  return signsAgreed(s) || s.departments.every((d) => d.decision !== null);
}

/** A countersignature round is through: all agreed, or (or-sign) any one agreed. */
export function signsAgreed(s: SignRound): boolean {
  return s.mode === 'all' ? s.departments.every((d) => d.decision === 'agree') : s.departments.some((d) => d.decision === 'agree');
}

/** Which role acts next, for the queues. */
export function queueOf(c: CaseCore): 'to_accept' | 'to_review' | 'to_decide' | 'paused' | 'to_issue' | 'to_deliver' | null {
  if (c.state === 'submitted') return 'to_accept';
  if (c.state === 'supplement' || (c.state === 'reviewing' && isPaused(c))) return 'paused';
  if (c.state === 'reviewing') return c.steps[c.step]?.role === 'department_head' || (c.extension?.approved === null) ? 'to_decide' : 'to_review';
  if (c.state === 'decided') return 'to_issue';
  if (c.state === 'issued' || c.state === 'delivering') return 'to_deliver';
  return null;
}

export type Light = 'green' | 'yellow' | 'red';

export interface Deadlines {
  /** The last day to accept or ask for a supplement (before acceptance). */
  acceptanceDue: IsoDate | null;
  promisedDue: IsoDate | null;
  statutoryDue: IsoDate | null;
  /** Working days not counted so far. */
  pausedDays: number;
  /** Working days left to the promised deadline (negative when overdue). */
  daysLeft: number | null;
  light: Light | null;
  /** Some day involved lies in a year whose holiday notice is not known yet. */
  provisional: boolean;
}

/** Uncounted ranges as of `today` (an open pause runs through today, so no deadline ever moves back). */
export const pauseRanges = (c: CaseCore, today: IsoDate): Pause[] => c.pauses.flatMap((p) => pauseRange(p, today) ?? []);

export function extensionDays(c: CaseCore): number {
  return c.extension?.approved ? c.extension.days : 0;
}

/** Working days left from today to `due`: positive before, 0 on the day, negative after. */
function daysLeft(cal: WorkingCalendar, today: IsoDate, due: IsoDate, paused: Pause[]) {
  return today <= due ? cal.workingDaysBetween(today, due, paused) : -cal.workingDaysBetween(due, today, paused);
}

/**
 * The case's deadlines as of `today`. Running cases get a light: red when overdue, yellow when
 * `warnDays` or fewer working days are left, green otherwise; closed cases get none.
 */
export function deadlines(c: CaseCore, cal: WorkingCalendar, today: IsoDate, warnDays: number): Deadlines {
  const paused = pauseRanges(c, today);
  const running = !FINAL_STATES.includes(c.state) && c.state !== 'decided' && c.state !== 'issued' && c.state !== 'delivering';
  const years = new Set<number>();
  const add = (from: IsoDate, n: number) => {
    const due = cal.addWorkingDays(from, n, paused);
    for (const y of cal.explain(from, due, paused).provisionalYears) years.add(y);
    return due;
  };
  if (c.acceptedOn === null) {
    const acceptanceDue = c.state === 'submitted' ? add(c.acceptanceStart, ACCEPTANCE_DAYS) : null;
    const left = acceptanceDue ? daysLeft(cal, today, acceptanceDue, paused) : null;
    return {
      acceptanceDue,
      promisedDue: null,
      statutoryDue: null,
      pausedDays: pausedWorkingDays(cal, c, today),
      daysLeft: left,
      light: running && left !== null ? lightOf(left, warnDays) : null,
      provisional: years.size > 0,
    };
  }
  const promisedDue = add(c.acceptedOn, c.promisedDays);
  const statutoryDue = add(c.acceptedOn, c.statutoryDays + extensionDays(c));
  const left = daysLeft(cal, today, promisedDue, paused);
  return {
    acceptanceDue: null,
    promisedDue,
    statutoryDue,
    pausedDays: pausedWorkingDays(cal, c, today),
    daysLeft: left,
    light: running ? lightOf(left, warnDays) : null,
    provisional: years.size > 0,
  };
}

export const lightOf = (left: number, warnDays: number): Light => (left < 0 ? 'red' : left <= warnDays ? 'yellow' : 'green');

function pausedWorkingDays(cal: WorkingCalendar, c: CaseCore, today: IsoDate): number {
  return pauseRanges(c, today).reduce((n, r) => n + cal.workingDaysBetween(addDays(r.from, -1), r.to!), 0);
}


/** The machine state of a new case. */
export function newCase(steps: ProcessStep[], receivedOn: IsoDate, limits: { promisedDays: number; statutoryDays: number }): CaseCore {
  return {
    state: 'submitted',
    steps,
    step: 0,
    stepOpened: false,
    receivedOn,
    acceptanceStart: receivedOn,
    acceptedOn: null,
    deemedAccepted: false,
    supplementRequests: 0,
    pauses: [],
    extension: null,
    signs: null,
    lastAdvance: null,
    decision: null,
    delivery: null,
    promisedDays: limits.promisedDays,
    statutoryDays: limits.statutoryDays,
  };
}

/**
 * The process a case runs: the guide's steps, with an acceptance step first and a decision step
 * last if the guide lacks them (an item whose guide names only review steps still gets accepted
 * and decided by the right roles).
 */
export function processOf(steps: readonly ProcessStep[]): ProcessStep[] {
  const out = steps.map((s) => ({ name: s.name, role: s.role, days: s.days }));
  if (out[0]?.role !== 'window_clerk') out.unshift({ name: '受理', role: 'window_clerk', days: 0 });
  if (out.length < 2 || out.at(-1)!.role !== 'department_head') out.push({ name: '决定', role: 'department_head', days: 0 });
  return out;
}

/** Case number: region code, the date received and the region's sequence of that day (20 digits). */
export const caseNumber = (regionCode: string, receivedOn: IsoDate, seq: number) => `${regionCode}${receivedOn.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
export const CASE_NUMBER = /^[0-9]{6}[0-9]{8}[0-9]{6}$/;

/** Query-code alphabet: no 0/O, 1/I/L, so it reads back over the phone. */
const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QUERY_CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
export const newQueryCode = () => Array.from({ length: 8 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join('');
