import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validGuide } from '../../../test/support/catalog.ts';
import { implementationCode, parseItemCode, type Guide, type Material, type Question } from './model.ts';
import { applicable, diffGuides, inheritanceProblems, inheritGuide, isCatchAll, publicationProblems } from './rules.ts';

const rulesOf = (g: Guide) => publicationProblems(g).map((p) => `${p.element}:${p.rule}`);

describe('publication rules', () => {
  it('passes a complete guide', () => {
    expect(publicationProblems(validGuide())).toEqual([]);
  });

  it('refuses zero visits without online handling or mail, naming visits', () => {
    expect(rulesOf(validGuide({ visits: 0, handlingForms: ['window'], delivery: ['window'] }))).toEqual(['visits:zero-visits-needs-remote', 'delivery:zero-visits-needs-remote']);
    expect(rulesOf(validGuide({ visits: 0, handlingForms: ['mail'], delivery: ['mail'] }))).toEqual([]);
  });

  it('refuses a fee without basis or standard', () => {
    const g = validGuide({ fees: [{ name: '工本费', standard: '', basis: '', waivable: false }, { name: '检测费', standard: '每次 100 元', basis: '鄂价费〔2020〕1号', waivable: true }] });
    expect(rulesOf(g)).toEqual(['fees[0].basis:fee-basis', 'fees[0].standard:fee-standard']);
  });

  it('refuses a promised limit above the statutory one, and steps that do not fit the promise', () => {
    expect(rulesOf(validGuide({ promisedDays: 25 }))).toEqual(['promisedDays:promised-over-statutory']);
    expect(rulesOf(validGuide({ promisedDays: 5 }))).toEqual(['steps:steps-over-promised']);
  });

  it('refuses the same phone for consultation and complaints, however it is written', () => {
    expect(rulesOf(validGuide({ consultPhone: '027-8500 0000', complaintPhone: '(027) 85000000' }))).toEqual(['complaintPhone:same-phone']);
  });

  it('refuses a material without a source, and a license source that does not say which license', () => {
    const m = validGuide().materials;
    const g = validGuide({ materials: [{ ...m[0]!, source: '' as never }, { ...m[1]!, sourceRef: ' ' }] });
    expect(rulesOf(g)).toEqual(['materials[0].source:material-source', 'materials[1].sourceRef:material-source']);
  });

  it.each(['其他材料', '其他相关材料', '有关部门要求的其他材料', '法律法规规定的其他材料', '审批机关认为需要提供的其他证明', '身份证明等材料', '其 他 有 关 资 料'])('bans the catch-all "%s"', (name) => {
    expect(isCatchAll(name)).toBe(true);
    const g = validGuide();
    g.materials.push({ ...g.materials[0]!, id: 'x', name });
    expect(rulesOf(g)).toContain('materials[4].name:catch-all');
  });

  it.each(['营业执照', '其他股东的身份证明', '法定代表人身份证明', '卫生检测报告'])('does not take "%s" for a catch-all', (name) => {
    expect(isCatchAll(name)).toBe(false);
  });

  it('bans catch-all conditions', () => {
    const g = validGuide();
    g.conditions.push({ id: 'c9', kind: 'any', text: '法律、法规规定的其他条件' });
    expect(rulesOf(g)).toEqual(['conditions[2].text:catch-all']);
  });

  it('refuses situations that name unknown questions or options', () => {
    const g = validGuide();
    g.materials[2]!.when = [{ question: 'nope', anyOf: ['yes'] }];
    g.materials[3]!.when = [{ question: 'kind', anyOf: ['renew'] }];
    expect(rulesOf(g)).toEqual(['materials[2].when[0]:unknown-question', 'materials[3].when[0]:unknown-option']);
  });

  it('refuses an application form that requires an unknown field or has a broken pattern', () => {
    const form = { type: 'object' as const, properties: { premises: { type: 'string' as const, title: '经营场所', pattern: '[0-9' } }, required: ['premises', 'area'] };
    expect(rulesOf(validGuide({ form }))).toEqual(['form.required:form-required-unknown', 'form.properties.premises.pattern:form-pattern']);
    expect(rulesOf(validGuide({ form: { ...form, properties: { premises: { type: 'string', title: '经营场所' } }, required: ['premises'] } }))).toEqual([]);
  });

  it('names each missing required element', () => {
    const g = validGuide({ summary: ' ', materials: [], audience: [] });
    expect(rulesOf(g)).toEqual(expect.arrayContaining(['summary:required', 'materials:required', 'audience:required']));
  });
});

describe('inheritance', () => {
  const base = validGuide();
  it('a local item copied from its base breaks nothing', () => {
    expect(inheritanceProblems(inheritGuide(base), base)).toEqual([]);
  });

  it('refuses added materials and conditions', () => {
    const local = inheritGuide(base);
    local.materials.push({ ...local.materials[0]!, id: 'extra', name: '房屋产权证明', baseId: undefined });
    local.conditions.push({ id: 'c3', kind: 'new', text: '本地户籍' });
    expect(inheritanceProblems(local, base).map((p) => `${p.element}:${p.rule}`)).toEqual(['materials[4]:not-in-base', 'conditions[2]:not-in-base']);
  });

  it('may only tighten: shorter promise and fewer visits pass, longer or more are refused, the statutory limit is fixed', () => {
    const tight = { ...inheritGuide(base), promisedDays: 8, visits: 0 };
    expect(inheritanceProblems(tight, base)).toEqual([]);
    const loose = { ...inheritGuide(base), promisedDays: 15, visits: 2, statutoryDays: 30 };
    expect(inheritanceProblems(loose, base).map((p) => `${p.element}:${p.rule}`)).toEqual(['statutoryDays:statutory-fixed', 'promisedDays:loosens-base', 'visits:loosens-base']);
  });

  it('a local item may drop a material of its base (fewer is tighter)', () => {
    const local = inheritGuide(base);
    local.materials = local.materials.slice(1);
    expect(inheritanceProblems(local, base)).toEqual([]);
  });
});

const arbQuestions: fc.Arbitrary<Question[]> = fc
  .uniqueArray(fc.constantFrom('q1', 'q2', 'q3', 'q4'), { minLength: 0, maxLength: 4 })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => fc.integer({ min: 2, max: 4 }).map((n): Question => ({ id, text: id, options: Array.from({ length: n }, (_, k) => ({ id: `o${k}`, label: `o${k}` })) })))),
  )
  .map((qs) => qs as Question[]);

const arbGuide = arbQuestions.chain((questions) => {
  const when = questions.length
    ? fc.option(
        fc.array(
          fc.constantFrom(...questions).chain((q) => fc.subarray(q.options.map((o) => o.id), { minLength: 1 }).map((anyOf) => ({ question: q.id, anyOf }))),
          { minLength: 1, maxLength: 3 },
        ),
        { nil: undefined },
      )
    : fc.constant(undefined);
  const material = fc.record({ id: fc.uuid(), when }).map(({ id, when: w }): Material => ({ ...validGuide().materials[0]!, id, ...(w && { when: w }) }));
  return fc.record({ questions: fc.constant(questions), materials: fc.array(material, { maxLength: 12 }) });
});

const arbAnswers = (questions: Question[]) =>
  fc.tuple(...questions.map((q) => fc.option(fc.constantFrom(...q.options.map((o) => o.id)), { nil: undefined }))).map((picked) => {
    const answers: Record<string, string> = {};
    questions.forEach((q, k) => {
      if (picked[k] !== undefined) answers[q.id] = picked[k];
    });
    return answers;
  });

describe('situations', () => {
  it('for any answers, the list is a subset of the materials and holds every unconditional one', () => {
    fc.assert(
      fc.property(
        arbGuide.chain((g) => fc.tuple(fc.constant(g), arbAnswers(g.questions))),
        ([g, answers]) => {
          const got = applicable({ materials: g.materials, conditions: [] }, answers).materials;
          expect(got.every((m) => g.materials.includes(m))).toBe(true);
          for (const m of g.materials.filter((x) => !x.when?.length)) expect(got).toContain(m);
          for (const m of got) for (const c of m.when ?? []) expect(c.anyOf).toContain(answers[c.question]);
        },
      ),
    );
  });

  it('shows the proxy letter only to someone sending an agent, and change proofs only for a change', () => {
    const g = validGuide();
    const names = (a: Record<string, string>) => applicable(g, a).materials.map((m) => m.id);
    expect(names({ kind: 'new', agent: 'no' })).toEqual(['form', 'idcard']);
    expect(names({ kind: 'change', agent: 'yes' })).toEqual(['form', 'idcard', 'proxy', 'change-proof']);
    expect(applicable(g, { kind: 'new' }).conditions.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('codes', () => {
  it('builds and parses implementation and handling item codes as the real catalog writes them', () => {
    expect(implementationCode('11420000011043372A', '2', '422023073W00')).toBe('11420000011043372A2422023073W00');
    expect(parseItemCode('11420000011043372A2422023073W0001')).toEqual({ ok: true, parts: { creditCode: '11420000011043372A', level: '2', baseCode: '422023073W00', seq: '01' } });
    expect(parseItemCode('11420000011043372B2422023073W0001')).toEqual({ ok: false, problem: 'credit-code' });
    expect(parseItemCode('11420000011043372A9422023073W00')).toEqual({ ok: false, problem: 'level' });
    expect(parseItemCode('11420000011043372A2422023073W0')).toEqual({ ok: false, problem: 'length' });
  });
});

describe('diff', () => {
  it('lists changed elements, materials by id', () => {
    const a = validGuide();
    const b = validGuide({ promisedDays: 8 });
    b.materials = b.materials.filter((m) => m.id !== 'proxy');
    b.materials[0] = { ...b.materials[0]!, copies: 2 };
    const d = diffGuides(a, b);
    expect(d.map((x) => x.element)).toEqual(['materials[form]', 'materials[proxy]', 'promisedDays']);
    expect(d[1]).toMatchObject({ after: null });
  });
});
