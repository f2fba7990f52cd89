/**
 * Publication rules of a service guide, inheritance from the base item, and situations (情形).
 * Pure: every rule names the element it refuses and why, in Chinese and English.
 */
import type { Condition, Guide, Material, Question, When } from './model.ts';

export interface GuideProblem {
  /** Path of the element, e.g. `materials[2].source`. */
  element: string;
  rule: string;
  zh: string;
  en: string;
}

/**
 * 兜底条款: catch-all conditions or materials ("其他材料", "有关部门要求的其他材料" …) that let an
 * office ask for anything. Matched on text with spaces and punctuation removed.
 */
const CATCH_ALL = [
  /其他(相关|有关|必要|必需)?(的)?(材料|资料|文件|证明)/,
  /(有关|相关)部门(认为|要求)(需要|提供)?的/,
  /(法律法规|规章)?规定的其他(条件|材料|情形)/,
  /(认为|视情况)需要(提供|补充)的/,
  /等(相关)?(材料|资料|证明)$/,
];
const squeeze = (s: string) => s.replace(/[\s，。、；：:,.;（）()“”"'《》]/g, '');
export const isCatchAll = (text: string) => CATCH_ALL.some((re) => re.test(squeeze(text)));

const digits = (phone: string) => phone.replace(/\D/g, '');

function problem(element: string, rule: string, zh: string, en: string): GuideProblem {
  return { element, rule, zh, en };
}

/** Everything that keeps a guide from being published (empty = publishable). */
export function publicationProblems(g: Guide): GuideProblem[] {
  const out: GuideProblem[] = [];
  const required = (element: string, value: string | unknown[], zh: string, en: string) => {
    if (typeof value === 'string' ? value.trim() === '' : value.length === 0) out.push(problem(element, 'required', `${zh}不能为空`, `${en} is required`));
  };
  required('summary', g.summary, '事项概述', 'The summary');
  required('materials', g.materials, '申请材料', 'The materials list');
  required('steps', g.steps, '办理流程', 'The process');
  required('handlingForms', g.handlingForms, '办理形式', 'A handling form');
  required('delivery', g.delivery, '送达方式', 'A delivery method');
  required('audience', g.audience, '服务对象', 'The audience');
  required('result.name', g.result.name, '审批结果名称', "The result's name");
  required('hall.address', g.hall.address, '办理地点', 'The hall address');
  required('hall.hours', g.hall.hours, '办理时间', 'The opening hours');
  required('consultPhone', g.consultPhone, '咨询电话', 'The consultation phone');
  required('complaintPhone', g.complaintPhone, '监督投诉电话', 'The complaint phone');

  if (g.visits === 0 && !g.handlingForms.includes('online') && !g.handlingForms.includes('mail')) {
    out.push(problem('visits', 'zero-visits-needs-remote', '到现场次数为 0 时，必须提供网上办理或快递申请', 'Zero on-site visits needs online or mail handling'));
  }
  if (g.visits === 0 && !g.delivery.some((d) => d === 'mail' || d === 'electronic')) {
    out.push(problem('delivery', 'zero-visits-needs-remote', '到现场次数为 0 时，结果须能快递或电子送达', 'Zero on-site visits needs delivery by mail or electronically'));
  }
  g.fees.forEach((f, i) => {
    if (!f.basis.trim()) out.push(problem(`fees[${i}].basis`, 'fee-basis', `收费“${f.name}”缺少收费依据`, `Fee "${f.name}" has no legal basis`));
    if (!f.standard.trim()) out.push(problem(`fees[${i}].standard`, 'fee-standard', `收费“${f.name}”缺少收费标准`, `Fee "${f.name}" has no standard`));
  });
  if (g.promisedDays > g.statutoryDays) {
    out.push(problem('promisedDays', 'promised-over-statutory', `承诺时限（${g.promisedDays} 个工作日）超过法定时限（${g.statutoryDays} 个工作日）`, `The promised limit (${g.promisedDays} working days) is above the statutory one (${g.statutoryDays})`));
  }
  if (g.caseType === 'immediate' && g.promisedDays > 0) {
    out.push(problem('promisedDays', 'immediate-same-day', '即办件的承诺时限应为 0 个工作日（当场办结）', 'An item handled on the spot promises 0 working days'));
  }
  const stepDays = g.steps.reduce((s, x) => s + x.days, 0);
  if (stepDays > g.promisedDays) {
    out.push(problem('steps', 'steps-over-promised', `各环节时限合计 ${stepDays} 个工作日，超过承诺时限 ${g.promisedDays} 个工作日`, `The steps take ${stepDays} working days, above the promised ${g.promisedDays}`));
  }
  for (const name of g.form?.required ?? []) {
    if (!g.form!.properties[name]) out.push(problem('form.required', 'form-required-unknown', `申请表必填项“${name}”不是表中的字段`, `The form requires "${name}", which is not one of its fields`));
  }
  for (const [name, f] of Object.entries(g.form?.properties ?? {})) {
    if (f.pattern !== undefined && !compiles(f.pattern)) out.push(problem(`form.properties.${name}.pattern`, 'form-pattern', `申请表字段“${f.title}”的格式规则不是有效的正则表达式`, `The pattern of form field "${f.title}" is not a valid regular expression`));
  }
  if (g.consultPhone.trim() && digits(g.consultPhone) === digits(g.complaintPhone)) {
    out.push(problem('complaintPhone', 'same-phone', '咨询电话与监督投诉电话不能相同', 'The complaint phone must differ from the consultation phone'));
  }
  g.materials.forEach((m, i) => {
    if (!m.source) out.push(problem(`materials[${i}].source`, 'material-source', `材料“${m.name}”未注明来源`, `Material "${m.name}" has no source`));
    else if ((m.source === 'license' || m.source === 'shared') && !m.sourceRef?.trim()) {
      out.push(problem(`materials[${i}].sourceRef`, 'material-source', `材料“${m.name}”来源于电子证照或共享数据，须注明具体证照或数据`, `Material "${m.name}" comes from a license or shared data: name which`));
    }
    if (!m.basis.trim()) out.push(problem(`materials[${i}].basis`, 'material-basis', `材料“${m.name}”缺少设定依据`, `Material "${m.name}" has no legal basis`));
    if (m.requirement === 'conditional' && !m.conditionNote?.trim() && !m.when?.length) {
      out.push(problem(`materials[${i}].conditionNote`, 'conditional-needs-condition', `容缺或条件性材料“${m.name}”须说明何时需要`, `Conditional material "${m.name}" must say when it is needed`));
    }
    if (isCatchAll(m.name)) out.push(problem(`materials[${i}].name`, 'catch-all', `材料“${m.name}”属于兜底条款，不得列入`, `Material "${m.name}" is a catch-all clause, which is banned`));
  });
  g.conditions.forEach((c, i) => {
    if (isCatchAll(c.text)) out.push(problem(`conditions[${i}].text`, 'catch-all', `条件“${c.text}”属于兜底条款，不得列入`, `Condition "${c.text}" is a catch-all clause, which is banned`));
  });
  out.push(...situationProblems(g));
  return out;
}

/** Situations must refer to questions and options that exist. */
function situationProblems(g: Guide): GuideProblem[] {
  const out: GuideProblem[] = [];
  const options = new Map(g.situations.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
  const check = (element: string, when: When | undefined) => {
    when?.forEach((clause, j) => {
      const known = options.get(clause.question);
      if (!known) out.push(problem(`${element}.when[${j}]`, 'unknown-question', `情形引用了不存在的问题 ${clause.question}`, `The situation refers to unknown question ${clause.question}`));
      else if (clause.anyOf.length === 0 || clause.anyOf.some((o) => !known.has(o))) {
        out.push(problem(`${element}.when[${j}]`, 'unknown-option', `情形引用了问题 ${clause.question} 不存在的选项`, `The situation refers to an unknown option of ${clause.question}`));
      }
    });
  };
  g.materials.forEach((m, i) => check(`materials[${i}]`, m.when));
  g.conditions.forEach((c, i) => check(`conditions[${i}]`, c.when));
  g.situations.forEach((q, i) => {
    if (q.options.length < 2) out.push(problem(`situations[${i}].options`, 'question-options', `问题“${q.text}”至少需要两个选项`, `Question "${q.text}" needs at least two options`));
  });
  return out;
}

/**
 * A local item inherits from its base item and may only tighten: no condition or material the base
 * does not have, a promised limit no longer and visits no more than the base's, the same statutory limit.
 */
export function inheritanceProblems(local: Guide, base: Guide): GuideProblem[] {
  const out: GuideProblem[] = [];
  const baseMaterials = new Set(base.materials.map((m) => m.id));
  const baseConditions = new Set(base.conditions.map((c) => c.id));
  local.materials.forEach((m, i) => {
    if (!m.baseId || !baseMaterials.has(m.baseId)) {
      out.push(problem(`materials[${i}]`, 'not-in-base', `材料“${m.name}”不在基本目录中，实施清单不得增加材料`, `Material "${m.name}" is not in the base item: a local item may not add materials`));
    }
  });
  local.conditions.forEach((c, i) => {
    if (!c.baseId || !baseConditions.has(c.baseId)) {
      out.push(problem(`conditions[${i}]`, 'not-in-base', `条件“${c.text}”不在基本目录中，实施清单不得增加条件`, `Condition "${c.text}" is not in the base item: a local item may not add conditions`));
    }
  });
  if (local.statutoryDays !== base.statutoryDays) {
    out.push(problem('statutoryDays', 'statutory-fixed', `法定时限由法律设定，应与基本目录一致（${base.statutoryDays} 个工作日）`, `The statutory limit is set by law: it must equal the base item's (${base.statutoryDays})`));
  }
  if (local.promisedDays > base.promisedDays) {
    out.push(problem('promisedDays', 'loosens-base', `承诺时限不得长于基本目录（${base.promisedDays} 个工作日）`, `The promised limit may not exceed the base item's (${base.promisedDays} working days)`));
  }
  if (local.visits > base.visits) {
    out.push(problem('visits', 'loosens-base', `到现场次数不得多于基本目录（${base.visits} 次）`, `On-site visits may not exceed the base item's (${base.visits})`));
  }
  return out;
}

/** A local guide as its base item gives it: every element copied, each material and condition linked. */
export function inheritGuide(base: Guide): Guide {
  const copy = structuredClone(base);
  return {
    ...copy,
    materials: copy.materials.map((m) => ({ ...m, baseId: m.id })),
    conditions: copy.conditions.map((c) => ({ ...c, baseId: c.id })),
  };
}

export type Answers = Record<string, string>;

const holds = (when: When | undefined, answers: Answers) =>
  (when ?? []).every((clause) => {
    const a = answers[clause.question];
    return a !== undefined && clause.anyOf.includes(a);
  });

/** Answers that name an unknown question or option. */
export function answerProblems(questions: readonly Question[], answers: Answers): { question: string; rule: string }[] {
  const out: { question: string; rule: string }[] = [];
  for (const [question, option] of Object.entries(answers)) {
    const q = questions.find((x) => x.id === question);
    if (!q) out.push({ question, rule: 'unknown-question' });
    else if (!q.options.some((o) => o.id === option)) out.push({ question, rule: 'unknown-option' });
  }
  return out;
}

/**
 * The conditions and materials that apply to these answers. An element whose clauses are not all
 * answered does not apply: the guide page asks every question before it shows the list.
 */
export function applicable(g: Pick<Guide, 'materials' | 'conditions'>, answers: Answers): { materials: Material[]; conditions: Condition[] } {
  return {
    materials: g.materials.filter((m) => holds(m.when, answers)),
    conditions: g.conditions.filter((c) => holds(c.when, answers)),
  };
}

export interface DiffLine {
  element: string;
  before: unknown;
  after: unknown;
}

/**
 * Element-by-element differences between two guides, for the side-by-side history view. Lists of
 * elements with an id are compared by id, other values as a whole.
 */
export function diffGuides(before: Guide, after: Guide): DiffLine[] {
  const out: DiffLine[] = [];
  const keys = Object.keys(after) as (keyof Guide)[];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((x) => typeof x === 'object' && x !== null && 'id' in x)) {
      const byId = (xs: { id: string }[]) => new Map(xs.map((x) => [x.id, x]));
      const ma = byId(a as { id: string }[]);
      const mb = byId(b as { id: string }[]);
      for (const id of new Set([...ma.keys(), ...mb.keys()])) {
        const x = ma.get(id);
        const y = mb.get(id);
        if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ element: `${key}[${id}]`, before: x ?? null, after: y ?? null });
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({ element: key, before: a ?? null, after: b ?? null });
    }
  }
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
