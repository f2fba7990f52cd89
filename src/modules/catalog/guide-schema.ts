import { Type, type TSchema } from 'typebox';
import {
  APPLICATION_KINDS,
  AUDIENCES,
  CASE_TYPES,
  DELIVERY_METHODS,
  HANDLING_FORMS,
  HANDLING_SCOPES,
  MATERIAL_FORMS,
  MATERIAL_SOURCES,
  ONLINE_DEPTHS,
  STEP_ROLES,
  THEMES,
} from './model.ts';

/** The request/response schema of a service guide: the shape of model.ts's Guide, with limits. */
/** One of the keys of a code table, typed as those keys. */
export const OneOf = <T extends Record<string, unknown>>(table: T) => Type.Unsafe<keyof T & string>(Type.Union(Object.keys(table).map((k) => Type.Literal(k))));
const Text = (maxLength: number, minLength = 0) => Type.String({ maxLength, minLength });
const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });
const List = <T extends TSchema>(t: T, maxItems: number) => Type.Array(t, { maxItems });
const Days = Type.Integer({ minimum: 0, maximum: 3650 });
const Sha = Type.String({ pattern: '^[0-9a-f]{64}$' });
const FileRef = Type.Object({ sha256: Sha, filename: Text(200, 1) });
const When = Type.Optional(List(Type.Object({ question: Id, anyOf: List(Id, 20) }), 10));

export const ConditionSchema = Type.Object({ id: Id, kind: OneOf(APPLICATION_KINDS), text: Text(1000, 1), when: When, baseId: Type.Optional(Id) });

export const MaterialSchema = Type.Object({
  id: Id,
  name: Text(200, 1),
  requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')]),
  conditionNote: Type.Optional(Text(500)),
  originals: Type.Integer({ minimum: 0, maximum: 20 }),
  copies: Type.Integer({ minimum: 0, maximum: 20 }),
  form: OneOf(MATERIAL_FORMS),
  source: OneOf(MATERIAL_SOURCES),
  sourceRef: Type.Optional(Text(200)),
  basis: Text(1000),
  template: Type.Optional(FileRef),
  sample: Type.Optional(FileRef),
  notes: Type.Optional(Text(1000)),
  when: When,
  checkpoints: List(Text(500, 1), 30),
  baseId: Type.Optional(Id),
});

export const StepSchema = Type.Object({ id: Id, name: Text(100, 1), role: OneOf(STEP_ROLES), days: Days, standard: Text(2000), checkpoints: List(Text(500, 1), 30) });

export const QuestionSchema = Type.Object({ id: Id, text: Text(200, 1), options: List(Type.Object({ id: Id, label: Text(100, 1) }), 20) });

const FormFieldSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('string'), Type.Literal('integer'), Type.Literal('number'), Type.Literal('boolean')]),
    title: Text(100, 1),
    description: Type.Optional(Text(500)),
    enum: Type.Optional(List(Text(100, 1), 50)),
    format: Type.Optional(Type.Union([Type.Literal('date'), Type.Literal('email')])),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 4000 })),
    pattern: Type.Optional(Text(200)),
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

/** An item's application form: a JSON Schema object whose properties are flat fields. */
export const FormSchema = Type.Object(
  {
    type: Type.Literal('object'),
    properties: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), FormFieldSchema, { maxProperties: 60 }),
    required: List(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }), 60),
  },
  { additionalProperties: false },
);

export const GuideSchema = Type.Object({
  summary: Text(4000),
  legalBasis: List(Type.Object({ law: Text(200, 1), article: Text(200) }), 30),
  conditions: List(ConditionSchema, 60),
  prohibitedRequirements: List(Text(500, 1), 30),
  materials: List(MaterialSchema, 80),
  steps: List(StepSchema, 20),
  statutoryDays: Days,
  promisedDays: Days,
  limitNote: Text(1000),
  caseType: OneOf(CASE_TYPES),
  handlingForms: List(OneOf(HANDLING_FORMS), 3),
  onlineDepth: List(OneOf(ONLINE_DEPTHS), 7),
  visits: Type.Integer({ minimum: 0, maximum: 10 }),
  fees: List(Type.Object({ name: Text(200, 1), standard: Text(500), basis: Text(500), waivable: Type.Boolean() }), 20),
  result: Type.Object({ name: Text(200), kind: Text(50), sample: Type.Optional(FileRef), licenseType: Type.Optional(Text(100)) }),
  delivery: List(OneOf(DELIVERY_METHODS), 3),
  audience: List(OneOf(AUDIENCES), 2),
  themes: List(OneOf(THEMES), 10),
  hall: Type.Object({ address: Text(300), hours: Text(300) }),
  consultPhone: Text(60),
  complaintPhone: Text(60),
  faq: List(Type.Object({ q: Text(300, 1), a: Text(2000, 1) }), 30),
  oneVisit: Type.Boolean(),
  scope: OneOf(HANDLING_SCOPES),
  intermediaries: List(Type.Object({ name: Text(200, 1), required: Type.Boolean(), basis: Text(500) }), 10),
  situations: List(QuestionSchema, 10),
  form: Type.Optional(FormSchema),
});
