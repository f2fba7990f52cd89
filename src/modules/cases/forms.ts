/**
 * The application form of a case: the applicant's own facts (pre-filled from identity, never typed
 * twice) beside the fields the item version defines as a JSON Schema. Checked with Ajv against the
 * one schema both parts make.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../../core/errors.ts';
import type { Guide } from '../catalog/index.ts';

type ItemForm = NonNullable<Guide['form']>;

/** Fields every application has; they come from the applicant's identity and are shown read-only, except the contact ones. */
export const APPLICANT_FIELDS = {
  applicantName: { type: 'string', title: '申请人 / Applicant', maxLength: 100 },
  idNumberMasked: { type: 'string', title: '身份证号码 / ID number', maxLength: 18 },
  mobile: { type: 'string', title: '联系电话 / Mobile', pattern: '^1[3-9][0-9]{9}$' },
  address: { type: 'string', title: '联系地址 / Address', maxLength: 200 },
} as const;

export const ENTERPRISE_FIELDS = {
  enterpriseName: { type: 'string', title: '单位名称 / Enterprise', maxLength: 200 },
  creditCode: { type: 'string', title: '统一社会信用代码 / Credit code', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' },
} as const;

/** Pre-filled and not editable: identity is the one source of these. */
export const FIXED_FIELDS = ['applicantName', 'idNumberMasked', 'enterpriseName', 'creditCode'] as const;

export interface FormSchemaObject {
  type: 'object';
  properties: Record<string, { title?: string }>;
  required: string[];
  additionalProperties: false;
}

/** The whole form of an item for a person or an enterprise: the applicant's part, then the item's own fields. */
export function formSchema(itemForm: ItemForm | undefined, forEnterprise: boolean): FormSchemaObject {
  const own: Record<string, { title?: string }> = forEnterprise ? { ...APPLICANT_FIELDS, ...ENTERPRISE_FIELDS } : { ...APPLICANT_FIELDS };
  // The applicant's fields first; an item field of the same name cannot replace one.
  const properties = { ...own, ...Object.fromEntries(Object.entries(itemForm?.properties ?? {}).filter(([k]) => !(k in own))) };
  const required = [...new Set(['applicantName', 'mobile', ...(forEnterprise ? ['enterpriseName', 'creditCode'] : []), ...(itemForm?.required ?? [])])];
  return { type: 'object', properties, required, additionalProperties: false };
}

const ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }), ['date', 'email']);
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Every problem of `data` against `schema`, as field errors under `form/`. */
export function formProblems(schema: FormSchemaObject, data: Record<string, unknown>): FieldError[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => fieldErrorOf(schema, e));
}

function fieldErrorOf(schema: FormSchemaObject, e: ErrorObject): FieldError {
  const name = e.keyword === 'required' ? String(e.params.missingProperty) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : e.instancePath.slice(1);
  const title = String(schema.properties[name]?.title ?? name).split(' / ')[0];
  const text: Record<string, { zh: string; en: string }> = {
    required: { zh: `请填写“${title}”`, en: `${name} is required` },
    additionalProperties: { zh: `表单没有“${name}”这一项`, en: `the form has no field ${name}` },
    pattern: { zh: `“${title}”的格式不正确`, en: `${name} has the wrong format` },
    format: { zh: `“${title}”不是有效的${e.params.format === 'date' ? '日期' : '邮箱'}`, en: `${name} is not a valid ${String(e.params.format)}` },
    maxLength: { zh: `“${title}”最多 ${String(e.params.limit)} 个字符`, en: `${name} has at most ${String(e.params.limit)} characters` },
    minimum: { zh: `“${title}”不能小于 ${String(e.params.limit)}`, en: `${name} is at least ${String(e.params.limit)}` },
    maximum: { zh: `“${title}”不能大于 ${String(e.params.limit)}`, en: `${name} is at most ${String(e.params.limit)}` },
    enum: { zh: `“${title}”只能从列表中选择`, en: `${name} must be one of the listed values` },
    type: { zh: `“${title}”的类型不正确`, en: `${name} must be of type ${String(e.params.type)}` },
  };
  return { field: `form/${name}`, rule: e.keyword, message: text[e.keyword] ?? { zh: `“${title}”不符合要求`, en: `${name}: ${e.message ?? 'is invalid'}` } };
}
