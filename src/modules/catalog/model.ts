/**
 * Items as the national standards define them (《行政许可标准化指引（2016版）》, the national item
 * catalog standards): codes, kinds, and the service guide of one item version. Pure: no I/O.
 */
import { creditCodeChecksOut } from '../../core/codes.ts';

type Label = { zh: string; en: string };

/** National item type codes (事项类型). */
export const ITEM_TYPES = {
  '01': { zh: '行政许可', en: 'Administrative licensing' },
  '02': { zh: '行政处罚', en: 'Administrative penalty' },
  '03': { zh: '行政强制', en: 'Administrative coercion' },
  '04': { zh: '行政征收', en: 'Administrative levy' },
  '05': { zh: '行政给付', en: 'Administrative payment' },
  '06': { zh: '行政检查', en: 'Administrative inspection' },
  '07': { zh: '行政确认', en: 'Administrative confirmation' },
  '08': { zh: '行政奖励', en: 'Administrative reward' },
  '09': { zh: '行政裁决', en: 'Administrative adjudication' },
  '10': { zh: '其他行政权力', en: 'Other administrative power' },
  '20': { zh: '公共服务', en: 'Public service' },
} as const satisfies Record<string, Label>;
export type ItemType = keyof typeof ITEM_TYPES;
export const isItemType = (t: string): t is ItemType => Object.hasOwn(ITEM_TYPES, t);

/** 行使层级: the digit inside an implementation code. */
export const LEVELS = {
  '1': { zh: '国家级', en: 'National' },
  '2': { zh: '省级', en: 'Province' },
  '3': { zh: '市级', en: 'City' },
  '4': { zh: '县级', en: 'County' },
  '5': { zh: '乡镇（街道）级', en: 'Township' },
  '6': { zh: '村（社区）级', en: 'Village' },
} as const satisfies Record<string, Label>;
export type LevelDigit = keyof typeof LEVELS;
export const isLevelDigit = (d: string): d is LevelDigit => Object.hasOwn(LEVELS, d);

/** The level digit of a platform region level. */
export const LEVEL_OF_REGION: Record<'province' | 'prefecture' | 'county', LevelDigit> = { province: '2', prefecture: '3', county: '4' };

export const BASE_CODE = /^[0-9A-Z]{12}$/;
export const HANDLING_SEQ = /^[0-9]{2}$/;

export interface ImplementationCodeParts {
  creditCode: string;
  level: LevelDigit;
  baseCode: string;
  /** Present in a 33-character handling item code (业务办理项编码). */
  seq: string | null;
}

/** Problems of a 31-character implementation code or a 33-character handling item code, or its parts. */
export function parseItemCode(code: string): { ok: true; parts: ImplementationCodeParts } | { ok: false; problem: string } {
  if (code.length !== 31 && code.length !== 33) return { ok: false, problem: 'length' };
  const creditCode = code.slice(0, 18);
  const level = code[18] ?? '';
  const baseCode = code.slice(19, 31);
  const seq = code.length === 33 ? code.slice(31) : null;
  if (!creditCodeChecksOut(creditCode)) return { ok: false, problem: 'credit-code' };
  if (!isLevelDigit(level)) return { ok: false, problem: 'level' };
  if (!BASE_CODE.test(baseCode)) return { ok: false, problem: 'base-code' };
  if (seq !== null && !HANDLING_SEQ.test(seq)) return { ok: false, problem: 'handling-seq' };
  return { ok: true, parts: { creditCode, level, baseCode, seq } };
}

export const implementationCode = (creditCode: string, level: LevelDigit, baseCode: string) => `${creditCode}${level}${baseCode}`;

/** The lowest free two-digit handling item suffix (01–99), or null when all are taken. */
export function nextHandlingSeq(taken: readonly string[]): string | null {
  const used = new Set(taken);
  for (let n = 1; n <= 99; n++) {
    const s = String(n).padStart(2, '0');
    if (!used.has(s)) return s;
  }
  return null;
}

/** Kinds of application a condition applies to. */
export const APPLICATION_KINDS = {
  new: { zh: '新办', en: 'New' },
  change: { zh: '变更', en: 'Change' },
  renewal: { zh: '延续', en: 'Renewal' },
  cancellation: { zh: '注销', en: 'Cancellation' },
  replacement: { zh: '补办', en: 'Replacement' },
  any: { zh: '通用', en: 'All' },
} as const satisfies Record<string, Label>;
export type ApplicationKind = keyof typeof APPLICATION_KINDS;

/** 网上办理深度: several may apply. */
export const ONLINE_DEPTHS = {
  consult: { zh: '互联网咨询', en: 'Online consultation' },
  receive: { zh: '互联网收件', en: 'Online submission' },
  prereview: { zh: '互联网预审', en: 'Online pre-review' },
  accept: { zh: '互联网受理', en: 'Online acceptance' },
  handle: { zh: '互联网办理', en: 'Online handling' },
  result: { zh: '互联网办理结果信息反馈', en: 'Online result notice' },
  elicense: { zh: '电子证照反馈', en: 'E-license result' },
} as const satisfies Record<string, Label>;
export type OnlineDepth = keyof typeof ONLINE_DEPTHS;

/** The depths at which an applicant can start a case online ("apply online"). */
export const canApplyOnline = (depths: readonly OnlineDepth[]) => depths.includes('receive') || depths.includes('accept') || depths.includes('handle');

export const HANDLING_FORMS = {
  window: { zh: '窗口办理', en: 'At a window' },
  online: { zh: '网上办理', en: 'Online' },
  mail: { zh: '快递申请', en: 'By mail' },
} as const satisfies Record<string, Label>;
export type HandlingForm = keyof typeof HANDLING_FORMS;

export const DELIVERY_METHODS = {
  window: { zh: '窗口领取', en: 'Pickup at a window' },
  mail: { zh: '快递送达', en: 'By mail' },
  electronic: { zh: '电子送达', en: 'Electronic' },
} as const satisfies Record<string, Label>;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

export const CASE_TYPES = {
  immediate: { zh: '即办件', en: 'Handled on the spot' },
  promised: { zh: '承诺件', en: 'Handled within a promised time' },
} as const satisfies Record<string, Label>;
export type CaseType = keyof typeof CASE_TYPES;

export const AUDIENCES = {
  person: { zh: '自然人', en: 'Persons' },
  enterprise: { zh: '法人', en: 'Enterprises' },
} as const satisfies Record<string, Label>;
export type Audience = keyof typeof AUDIENCES;

/** 通办范围: where the item can be handled. */
export const HANDLING_SCOPES = {
  local: { zh: '本级办理', en: 'In this region only' },
  city: { zh: '全市通办', en: 'Anywhere in the city' },
  province: { zh: '全省通办', en: 'Anywhere in the province' },
  nationwide: { zh: '跨省通办', en: 'Across provinces' },
} as const satisfies Record<string, Label>;
export type HandlingScope = keyof typeof HANDLING_SCOPES;

/** Material sources: the applicant hands it in, an e-license replaces it, or shared data does. */
export const MATERIAL_SOURCES = {
  applicant: { zh: '申请人自备', en: 'From the applicant' },
  license: { zh: '电子证照', en: 'An e-license' },
  shared: { zh: '部门共享', en: 'Shared data' },
  government: { zh: '政府部门核发', en: 'Issued by a government body' },
} as const satisfies Record<string, Label>;
export type MaterialSource = keyof typeof MATERIAL_SOURCES;

export const MATERIAL_FORMS = {
  paper: { zh: '纸质', en: 'Paper' },
  electronic: { zh: '电子', en: 'Electronic' },
  both: { zh: '纸质或电子', en: 'Paper or electronic' },
} as const satisfies Record<string, Label>;
export type MaterialForm = keyof typeof MATERIAL_FORMS;

/** Roles that run a step of the process template (the cases module assigns them). */
export const STEP_ROLES = {
  window_clerk: { zh: '受理', en: 'Acceptance' },
  reviewer: { zh: '审查', en: 'Review' },
  department_head: { zh: '决定', en: 'Decision' },
} as const satisfies Record<string, Label>;
export type StepRole = keyof typeof STEP_ROLES;

/** Themes (主题) as the national portal groups services: life events for persons, stages for enterprises. */
export const THEMES = {
  birth_adoption: { audience: 'person', zh: '生育收养', en: 'Birth and adoption' },
  household: { audience: 'person', zh: '户籍办理', en: 'Household registration' },
  identity_documents: { audience: 'person', zh: '证件办理', en: 'Identity documents' },
  education: { audience: 'person', zh: '教育科研', en: 'Education' },
  employment: { audience: 'person', zh: '就业创业', en: 'Employment and starting a business' },
  marriage: { audience: 'person', zh: '婚姻登记', en: 'Marriage' },
  social_security: { audience: 'person', zh: '社会保障', en: 'Social security' },
  medical: { audience: 'person', zh: '医疗卫生', en: 'Health care' },
  housing: { audience: 'person', zh: '住房保障', en: 'Housing' },
  transport: { audience: 'person', zh: '交通出行', en: 'Transport' },
  qualification: { audience: 'person', zh: '职业资格', en: 'Professional qualifications' },
  retirement_death: { audience: 'person', zh: '离退休及死亡殡葬', en: 'Retirement and funerals' },
  establishment: { audience: 'enterprise', zh: '设立变更', en: 'Setting up and changes' },
  permits: { audience: 'enterprise', zh: '准营准办', en: 'Permits to operate' },
  construction: { audience: 'enterprise', zh: '规划建设', en: 'Planning and construction' },
  safety: { audience: 'enterprise', zh: '安全生产', en: 'Work safety' },
  environment: { audience: 'enterprise', zh: '环保绿化', en: 'Environment' },
  qualification_enterprise: { audience: 'enterprise', zh: '资质认证', en: 'Certifications' },
  trade: { audience: 'enterprise', zh: '商务贸易', en: 'Commerce and trade' },
  dissolution: { audience: 'enterprise', zh: '法人注销', en: 'Closing down' },
} as const satisfies Record<string, Label & { audience: Audience }>;
export type Theme = keyof typeof THEMES;

/** National operations on the catalog (事项的增、改、拆、并、暂停、取消), each recorded with a reason. */
export const OPERATIONS = {
  add: { zh: '新增', en: 'Add' },
  change: { zh: '变更', en: 'Change' },
  split: { zh: '拆分', en: 'Split' },
  merge: { zh: '合并', en: 'Merge' },
  suspend: { zh: '暂停', en: 'Suspend' },
  resume: { zh: '恢复', en: 'Resume' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const satisfies Record<string, Label>;
export type Operation = keyof typeof OPERATIONS;

export type ItemStatus = 'active' | 'suspended' | 'cancelled';
export type VersionStatus = 'draft' | 'submitted' | 'approved' | 'published' | 'superseded';

/** A question of the situation guide (情形引导) and its options. */
export interface Question {
  id: string;
  text: string;
  options: { id: string; label: string }[];
}

/**
 * When an element applies: every clause must hold; a clause holds when the answer to its question is
 * one of its options. No clauses = always.
 */
export type When = { question: string; anyOf: string[] }[];

export interface Condition {
  id: string;
  kind: ApplicationKind;
  text: string;
  when?: When;
  /** For a local item: the base item's condition it restates (tightening only). */
  baseId?: string;
}

export interface FileRef {
  sha256: string;
  filename: string;
}

export interface Material {
  id: string;
  name: string;
  requirement: 'required' | 'conditional';
  /** For a conditional material: when it is needed, in words. */
  conditionNote?: string;
  originals: number;
  copies: number;
  form: MaterialForm;
  source: MaterialSource;
  /** For a license or shared-data source: which license type or data. */
  sourceRef?: string;
  basis: string;
  template?: FileRef;
  sample?: FileRef;
  notes?: string;
  when?: When;
  /** Review checkpoints (审查细则) a reviewer ticks for this material. */
  checkpoints: string[];
  baseId?: string;
}

export interface Step {
  id: string;
  name: string;
  role: StepRole;
  days: number;
  standard: string;
  checkpoints: string[];
}

/** A field of an item's application form: one property of a JSON Schema (draft 2020-12 subset). */
export interface FormField {
  type: 'string' | 'integer' | 'number' | 'boolean';
  title: string;
  description?: string;
  enum?: string[];
  format?: 'date' | 'email';
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface ItemForm {
  type: 'object';
  properties: Record<string, FormField>;
  required: string[];
}

export interface Fee {
  name: string;
  standard: string;
  basis: string;
  waivable: boolean;
}

export interface LegalBasis {
  law: string;
  article: string;
}

/** The service guide (办事指南) of one item version: every element of the standard. */
export interface Guide {
  summary: string;
  legalBasis: LegalBasis[];
  conditions: Condition[];
  prohibitedRequirements: string[];
  materials: Material[];
  steps: Step[];
  statutoryDays: number;
  promisedDays: number;
  limitNote: string;
  caseType: CaseType;
  handlingForms: HandlingForm[];
  onlineDepth: OnlineDepth[];
  visits: number;
  fees: Fee[];
  result: { name: string; kind: string; sample?: FileRef; licenseType?: string };
  delivery: DeliveryMethod[];
  audience: Audience[];
  themes: Theme[];
  hall: { address: string; hours: string };
  consultPhone: string;
  complaintPhone: string;
  faq: { q: string; a: string }[];
  oneVisit: boolean;
  scope: HandlingScope;
  intermediaries: { name: string; required: boolean; basis: string }[];
  situations: Question[];
  /** The application form of this item (a JSON Schema subset); the applicant's own facts come pre-filled beside it. */
  form?: ItemForm;
}

/** The empty guide a new item starts from. */
export const emptyGuide = (): Guide => ({
  summary: '',
  legalBasis: [],
  conditions: [],
  prohibitedRequirements: [],
  materials: [],
  steps: [],
  statutoryDays: 20,
  promisedDays: 20,
  limitNote: '',
  caseType: 'promised',
  handlingForms: ['window'],
  onlineDepth: [],
  visits: 1,
  fees: [],
  result: { name: '', kind: '' },
  delivery: ['window'],
  audience: [],
  themes: [],
  hall: { address: '', hours: '' },
  consultPhone: '',
  complaintPhone: '',
  faq: [],
  oneVisit: false,
  scope: 'local',
  intermediaries: [],
  situations: [],
});

/** The stored files a guide names: material templates and samples, and the result's sample. */
export const guideFiles = (g: Guide): FileRef[] =>
  [...g.materials.flatMap((m) => [m.template, m.sample]), g.result.sample].filter((f): f is FileRef => f !== undefined);
