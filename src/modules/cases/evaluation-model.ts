/**
 * Evaluation (好差评) of cases and window services: pure rules, no I/O.
 *
 * 《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》(国办发〔2019〕51号) asks for
 * "one rating per case" online (一事一评) and "one rating per visit" at a window (一次一评) on five
 * levels; a poor rating is rectified by the department that handled the service (with a call-back to
 * the rater), after which the rater may rate again; a department may appeal a mistaken or malicious
 * rating (申诉复核), and an upheld appeal takes the rating out of the statistics, which are public.
 */
import type { IsoDate, WorkingCalendar } from '../../core/calendar.ts';
import type { FieldError } from '../../core/errors.ts';
import type { CaseState } from './model.ts';

type Label = { zh: string; en: string };

export const LEVELS = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
} as const satisfies Record<number, Label>;
export type Level = keyof typeof LEVELS;
export const LEVEL_VALUES: readonly Level[] = [5, 4, 3, 2, 1];

/** 不满意 and 非常不满意: a rectification follows. */
export const isPoor = (level: Level) => level <= 2;
/** 基本满意 and better count as satisfied. */
export const isSatisfied = (level: Level) => level >= 3;

/** Where a rating is given: on the platform after a case (一事一评) or at a window after a visit (一次一评). */
export const EVALUATION_CHANNELS = {
  online: { zh: '网上评价', en: 'Online' },
  window: { zh: '现场评价', en: 'At a window' },
} as const satisfies Record<string, Label>;
export type EvaluationChannel = keyof typeof EVALUATION_CHANNELS;

/**
 * The evaluation content (二级指标) of the national 好差评 content standard that accompanies
 * 国办发〔2019〕51号 and that provincial implementing rules reproduce in one table: the first-level
 * indicator is the overall satisfaction (整体满意度, here the level itself); the second-level ones are
 * 办事效率、办事指南精确度、办事便捷度、平台操作性 online and 服务效率、服务水平、服务态度 at a window.
 * GB/T 39735-2020《政务服务评价工作指南》 leaves the content to that standard. A rater ticks the
 * indicators the rating is about.
 */
export const INDICATORS = {
  online: {
    efficiency: { zh: '办事效率', en: 'Speed of handling' },
    guide: { zh: '办事指南精确度', en: 'Accuracy of the service guide' },
    convenience: { zh: '办事便捷度', en: 'Convenience' },
    usability: { zh: '平台操作性', en: 'Ease of use of the platform' },
  },
  window: {
    efficiency: { zh: '服务效率', en: 'Speed of service' },
    competence: { zh: '服务水平', en: 'Competence' },
    attitude: { zh: '服务态度', en: 'Attitude' },
  },
} as const satisfies Record<EvaluationChannel, Record<string, Label>>;
export type OnlineIndicator = keyof typeof INDICATORS.online;
export type WindowIndicator = keyof typeof INDICATORS.window;

export const COMMENT_MAX = 500;

export interface RatingInput {
  level: Level;
  indicators: readonly string[];
  comment: string;
}

/** Field errors of a rating (empty when it may be given): a poor rating says what went wrong, so the department can put it right. */
export function ratingProblems(r: RatingInput, channel: EvaluationChannel): FieldError[] {
  const errors: FieldError[] = [];
  const known: Record<string, Label> = INDICATORS[channel];
  r.indicators.forEach((k, i) => {
    if (!Object.hasOwn(known, k)) errors.push({ field: `indicators/${i}`, rule: 'channel', message: { zh: '该评价指标不适用于此渠道', en: 'this indicator does not apply to this channel' } });
  });
  if (new Set(r.indicators).size !== r.indicators.length) errors.push({ field: 'indicators', rule: 'unique', message: { zh: '评价指标重复', en: 'an indicator is listed twice' } });
  if (isPoor(r.level) && !r.comment.trim()) {
    errors.push({ field: 'comment', rule: 'requiredWhenPoor', message: { zh: '不满意时请写明原因，便于整改', en: 'say what went wrong, so that it can be put right' } });
  }
  return errors;
}

export type Refusal = { ok: false; code: string; zh: string; en: string };
const refuse = (code: string, zh: string, en: string): Refusal => ({ ok: false, code, zh, en });

/** A case is rated once it is over: completed, or refused (不予受理 is a service too). */
export const RATABLE_CASE_STATES: readonly CaseState[] = ['completed', 'refused'];

/** What is rated: a case (with its state) or a window visit. */
export type Subject = { kind: 'case'; state: CaseState } | { kind: 'visit' };

/** An earlier rating of the same case or visit, with the state of the rectification it opened (null: none). */
export interface PriorRating {
  round: 1 | 2;
  rectification: RectificationState | null;
}

/**
 * Whether a rating may be given now, and which: the first, or — once, after a poor first rating
 * whose rectification was closed — the second. Never a third.
 */
export function ratingRound(subject: Subject, prior: readonly PriorRating[]): { ok: true; round: 1 | 2 } | Refusal {
  if (subject.kind === 'case' && !RATABLE_CASE_STATES.includes(subject.state)) {
    return refuse('not-finished', '办件办结或不予受理后才能评价', 'a case is rated once it is completed or refused');
  }
  const last = [...prior].sort((a, b) => b.round - a.round)[0];
  if (!last) return { ok: true, round: 1 };
  if (last.round === 1 && last.rectification === 'closed') return { ok: true, round: 2 };
  if (last.round === 1 && (last.rectification === 'open' || last.rectification === 'called_back')) {
    return refuse('rectifying', '差评正在整改，整改完成后可以再评价一次', 'the poor rating is being rectified; you may rate once more when that is done');
  }
  return refuse('rated', '已经评价过，不能重复评价', 'this has been rated already');
}

/** Which of a subject's ratings the statistics count: the latest one no upheld appeal excluded. */
export function countedRating<T extends { round: number; excluded: boolean }>(ratings: readonly T[]): T | null {
  return ratings.filter((r) => !r.excluded).reduce<T | null>((best, r) => (best === null || r.round > best.round ? r : best), null);
}

export const RECTIFICATION_STATES = {
  open: { zh: '待整改', en: 'To rectify' },
  called_back: { zh: '已回访', en: 'Called back' },
  closed: { zh: '已整改', en: 'Rectified' },
  cancelled: { zh: '已撤销（申诉成立）', en: 'Cancelled (appeal upheld)' },
} as const satisfies Record<string, Label>;
export type RectificationState = keyof typeof RECTIFICATION_STATES;

/** Working days the department has to rectify a poor rating. */
export const RECTIFICATION_DAYS = 5;

/** The day a rectification opened on is due (the opening day not counted). */
export const rectificationDue = (calendar: WorkingCalendar, openedOn: IsoDate): IsoDate => calendar.addWorkingDays(openedOn, RECTIFICATION_DAYS);

/** Still running after its due day. */
export const isOverdue = (r: { state: RectificationState; dueOn: IsoDate }, today: IsoDate) => (r.state === 'open' || r.state === 'called_back') && today > r.dueOn;

export type RectificationAction = 'callback' | 'close' | 'cancel';

/** open → called back (the department called the rater) → closed (with the outcome); an upheld appeal cancels a running one. */
export function rectify(state: RectificationState, action: RectificationAction): { ok: true; next: RectificationState } | Refusal {
  const wrong = () => refuse('state', `整改当前为“${RECTIFICATION_STATES[state].zh}”，不能执行此操作`, `the rectification is ${RECTIFICATION_STATES[state].en.toLowerCase()}; this does not apply now`);
  switch (action) {
    case 'callback':
      return state === 'open' ? { ok: true, next: 'called_back' } : wrong();
    case 'close':
      return state === 'called_back' ? { ok: true, next: 'closed' } : state === 'open' ? refuse('callback-first', '请先回访评价人并记录回访情况', 'call the rater back and record it first') : wrong();
    case 'cancel':
      return state === 'open' || state === 'called_back' ? { ok: true, next: 'cancelled' } : wrong();
  }
}

export const APPEAL_GROUNDS = {
  mistaken: { zh: '误评', en: 'Mistaken rating' },
  malicious: { zh: '恶意差评', en: 'Malicious rating' },
} as const satisfies Record<string, Label>;
export type AppealGround = keyof typeof APPEAL_GROUNDS;

export const APPEAL_STATES = {
  submitted: { zh: '待复核', en: 'Awaiting review' },
  upheld: { zh: '申诉成立', en: 'Upheld' },
  rejected: { zh: '申诉不成立', en: 'Rejected' },
} as const satisfies Record<string, Label>;
export type AppealState = keyof typeof APPEAL_STATES;

/** A department appeals a poor rating once. */
export function mayAppeal(rating: { level: Level; appeal: AppealState | null }): Refusal | null {
  if (!isPoor(rating.level)) return refuse('not-poor', '只能对不满意或非常不满意的评价申诉', 'only a dissatisfied or very dissatisfied rating can be appealed');
  if (rating.appeal) return refuse('appealed', '该评价已经申诉过', 'this rating has been appealed already');
  return null;
}

/** A reviewer of ratings decides a submitted appeal once. */
export function decideAppeal(state: AppealState, uphold: boolean): { ok: true; next: AppealState } | Refusal {
  if (state !== 'submitted') return refuse('decided', '该申诉已经复核', 'this appeal has been decided already');
  return { ok: true, next: uphold ? 'upheld' : 'rejected' };
}

export type LevelCounts = Record<Level, number>;

export interface Tally {
  total: number;
  levels: LevelCounts;
  satisfied: number;
  /** Satisfied (基本满意 and better) over all counted ratings; null when there is none. */
  rate: number | null;
}

/** The tally of counted ratings by level. */
export function tally(counts: Partial<Record<Level, number>>): Tally {
  const levels = Object.fromEntries(LEVEL_VALUES.map((l) => [l, counts[l] ?? 0])) as LevelCounts;
  const total = LEVEL_VALUES.reduce((n, l) => n + levels[l], 0);
  const satisfied = LEVEL_VALUES.filter(isSatisfied).reduce((n, l) => n + levels[l], 0);
  return { total, levels, satisfied, rate: total ? satisfied / total : null };
}
