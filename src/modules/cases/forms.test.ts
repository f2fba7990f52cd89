import { describe, expect, it } from 'vitest';
import { formProblems, formSchema } from './forms.ts';

const itemForm = {
  type: 'object' as const,
  properties: {
    premises: { type: 'string' as const, title: '经营场所', maxLength: 20 },
    area: { type: 'number' as const, title: '面积（平方米）', minimum: 1 },
    opening: { type: 'string' as const, title: '开业日期', format: 'date' as const },
    mobile: { type: 'integer' as const, title: '冒名字段' },
  },
  required: ['premises'],
};

describe('application form', () => {
  it('puts the applicant’s own fields first; an item field cannot replace one', () => {
    const schema = formSchema(itemForm, false);
    expect(Object.keys(schema.properties)).toEqual(['applicantName', 'idNumberMasked', 'mobile', 'address', 'premises', 'area', 'opening']);
    expect(schema.properties.mobile).toMatchObject({ type: 'string', pattern: '^1[3-9][0-9]{9}$' });
    expect(schema.required).toEqual(['applicantName', 'mobile', 'premises']);
    expect(formSchema(undefined, true).required).toEqual(['applicantName', 'mobile', 'enterpriseName', 'creditCode']);
  });

  it('names every problem at its field, in both languages', () => {
    const problems = formProblems(formSchema(itemForm, false), { applicantName: '张三', mobile: '12', area: 0, opening: '2026-13-40', extra: 'x' });
    expect(problems.map((p) => `${p.field}:${p.rule}`).sort()).toEqual(['form/area:minimum', 'form/extra:additionalProperties', 'form/mobile:pattern', 'form/opening:format', 'form/premises:required']);
    expect(problems.find((p) => p.field === 'form/premises')!.message).toEqual({ zh: '请填写“经营场所”', en: 'premises is required' });
  });

  it('accepts a complete form', () => {
    expect(formProblems(formSchema(itemForm, false), { applicantName: '张三', mobile: '13800000001', premises: '江岸区沿江大道 1 号', area: 35.5, opening: '2026-12-01' })).toEqual([]);
  });
});
