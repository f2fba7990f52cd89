/**
 * The application form, drawn from its JSON Schema: the applicant's own facts read-only (identity
 * is their one source), the rest as inputs with the schema's rules. Fields live under `form/` in
 * the wizard's antd form, the path the server's problem+json names them by.
 */
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { FormField } from '../../../../src/modules/catalog/model.ts';
import type { ApplyInfo } from '../../cases/types.ts';
import { usePrefs } from '../../prefs.tsx';
import type { Lang } from '../../types.ts';

/** "申请人 / Applicant" → the reader's half; a title in one language stays as it is. */
export function fieldTitle(title: string | undefined, name: string, lang: Lang): string {
  const [zh, en] = (title ?? name).split(' / ');
  return (lang === 'en' ? en : zh) ?? zh ?? name;
}

export const fieldsOf = (info: Pick<ApplyInfo, 'formSchema'>) => Object.entries(info.formSchema.properties) as [string, FormField][];

export function FormFields({ info }: { info: Pick<ApplyInfo, 'formSchema' | 'fixedFields'> }) {
  const { t, lang } = usePrefs();
  const fixed = new Set<string>(info.fixedFields);
  const required = new Set(info.formSchema.required);
  return (
    <>
      {fieldsOf(info).map(([name, f]) => {
        const label = fieldTitle(f.title, name, lang);
        const common = { name: ['form', name], label, extra: f.description };
        if (fixed.has(name)) {
          return (
            <Form.Item key={name} {...common} extra={t('apply.fixedField')}>
              <Input readOnly className="readonly-input" />
            </Form.Item>
          );
        }
        const rules: Rule[] = [];
        if (required.has(name)) rules.push({ required: true, message: t('apply.fieldRequired', { field: label }) });
        if (f.pattern) rules.push({ pattern: new RegExp(f.pattern), message: t('apply.fieldPattern', { field: label }) });
        if (f.maxLength) rules.push({ max: f.maxLength, message: t('apply.fieldMax', { field: label, max: f.maxLength }) });
        if (f.type === 'boolean') {
          return (
            <Form.Item key={name} {...common} label={undefined} valuePropName="checked" rules={rules}>
              <Checkbox>{label}</Checkbox>
            </Form.Item>
          );
        }
        if (f.enum) {
          return (
            <Form.Item key={name} {...common} rules={rules}>
              <Select allowClear options={f.enum.map((v) => ({ value: v, label: v }))} />
            </Form.Item>
          );
        }
        if (f.type === 'integer' || f.type === 'number') {
          return (
            <Form.Item key={name} {...common} rules={rules}>
              <InputNumber min={f.minimum} max={f.maximum} precision={f.type === 'integer' ? 0 : undefined} style={{ width: '100%', maxWidth: 320 }} />
            </Form.Item>
          );
        }
        if (f.format === 'date') {
          return (
            <Form.Item key={name} {...common} rules={rules}>
              <Input type="date" style={{ maxWidth: 320 }} />
            </Form.Item>
          );
        }
        return (
          <Form.Item key={name} {...common} rules={rules}>
            {(f.maxLength ?? 0) > 200 ? <Input.TextArea rows={3} maxLength={f.maxLength} showCount /> : <Input maxLength={f.maxLength} type={f.format === 'email' ? 'email' : 'text'} />}
          </Form.Item>
        );
      })}
    </>
  );
}
