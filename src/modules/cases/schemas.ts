/** Request and response schemas of the cases routes (OpenAPI is generated from them). */
import { Type, type TSchema } from 'typebox';
import { LabelText, Nullable } from '../../core/schemas.ts';
import { DELIVERY_METHODS, PAUSE_KINDS } from './model.ts';

const Loose = <T>(description: string) => Type.Unsafe<T>({ type: 'object', additionalProperties: true, description });
const Date_ = Type.String({ format: 'date' });
const Light = Nullable(Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]));
const Keys = <T extends Record<string, unknown>>(table: T) => Type.Unsafe<keyof T & string>(Type.Union(Object.keys(table).map((k) => Type.Literal(k))));

export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const MaterialRefIn = Type.Object({ materialId: Type.String({ minLength: 1, maxLength: 40 }), sha256: Sha256 });
export const Answers = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 40 }), { maxProperties: 20 });
export const FormData = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Number(), Type.Boolean()]), { maxProperties: 80 });

export const ApplicationIn = Type.Object({
  itemCode: Type.String({ minLength: 12, maxLength: 40 }),
  answers: Answers,
  form: FormData,
  materials: Type.Array(MaterialRefIn, { maxItems: 200 }),
});

export const DeadlinesOut = Type.Object({
  acceptanceDue: Nullable(Date_),
  promisedDue: Nullable(Date_),
  statutoryDue: Nullable(Date_),
  pausedDays: Type.Integer(),
  daysLeft: Nullable(Type.Integer()),
  light: Light,
  provisional: Type.Boolean(),
});

export const CaseOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  queryCode: Type.String({ description: 'with the number, opens the public progress page' }),
  channel: Type.String(),
  item: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), version: Type.Integer(), type: Type.String() }),
  regionCode: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  hallId: Nullable(Type.String()),
  applicant: Type.Object({ kind: Type.String(), name: Type.String(), number: Type.String(), agentName: Nullable(Type.String()) }),
  state: Type.String(),
  stateLabel: LabelText,
  queue: Nullable(Type.String()),
  step: Type.Object({ index: Type.Integer(), name: Type.String(), role: Type.String() }),
  core: Loose('the state machine: steps, pauses, extension, signatures, decision, delivery'),
  deadlines: DeadlinesOut,
  assignee: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  answers: Loose('situation answers'),
  form: Loose('the application form'),
  snapshot: Loose('the materials and steps with checkpoints of the item version'),
  checks: Loose('review checklist ticks'),
  resultAvailable: Type.Boolean(),
  receivedAt: Type.String(),
  completedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

export const MaterialOut = Type.Object({
  materialId: Type.String(),
  name: Type.String(),
  sha256: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  fileName: Type.String(),
  source: Type.String(),
  round: Type.Integer(),
  addedAt: Type.String(),
});

export const EventOut = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorKind: Type.String(),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Type.String(),
  step: Type.Integer(),
  note: Nullable(Type.String()),
  data: Nullable(Loose('what the action said: notice texts, reasons')),
});

export const CaseDetail = Type.Object({ case: CaseOut, materials: Type.Array(MaterialOut), timeline: Type.Array(EventOut) });

export const QueueRowOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  applicantName: Type.String(),
  applicantKind: Type.String(),
  channel: Type.String(),
  state: Type.String(),
  stateLabel: LabelText,
  queue: Nullable(Type.String()),
  departmentName: Type.String(),
  dueOn: Nullable(Date_),
  light: Light,
  assignee: Nullable(Type.String()),
  receivedAt: Type.String(),
});

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Deficiency = Type.Object({ materialId: Type.Optional(Type.String({ maxLength: 40 })), text: Text(500) });
const act = <K extends string, T extends Record<string, TSchema>>(type: K, props: T) => Type.Object({ type: Type.Literal(type), ...props });

/** Staff actions of the state machine (the applicant's have their own routes). */
export const StaffAction = Type.Union([
  act('accept', {}),
  act('refuse', { reason: Text(2000), basis: Text(1000), remedies: Text(1000) }),
  act('request-supplement', { deficiencies: Type.Array(Deficiency, { minItems: 1, maxItems: 50 }), justification: Type.Optional(Text(2000, 0)) }),
  act('open', {}),
  act('advance', { opinion: Text(2000) }),
  act('return', { toStep: Type.Integer({ minimum: 0, maximum: 30 }), reason: Text(2000) }),
  act('take-back', {}),
  act('countersign', { mode: Type.Union([Type.Literal('all'), Type.Literal('any')]), departments: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Text(200) }), { minItems: 1, maxItems: 20 }) }),
  act('sign', { departmentId: Type.String({ format: 'uuid' }), agree: Type.Boolean(), opinion: Text(2000, 0) }),
  act('pause', { kind: Keys(Object.fromEntries(Object.entries(PAUSE_KINDS).filter(([k]) => k !== 'supplement')) as Omit<typeof PAUSE_KINDS, 'supplement'>), reason: Text(2000) }),
  act('resume', {}),
  act('request-extension', { days: Type.Integer({ minimum: 1, maximum: 10 }), reason: Text(2000) }),
  act('answer-extension', { approve: Type.Boolean() }),
  act('decide', { grant: Type.Boolean(), reasons: Text(4000) }),
  act('issue', { document: Sha256 }),
  act('deliver', { method: Keys(DELIVERY_METHODS), tracking: Type.Optional(Text(60, 0)) }),
  act('confirm-delivery', {}),
]);

export const ActionIn = Type.Object({ version: Type.Integer({ minimum: 1 }), action: StaffAction, note: Type.Optional(Text(2000, 0)) });
