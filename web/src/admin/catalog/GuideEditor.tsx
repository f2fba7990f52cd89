/**
 * The guide editor: a structured form for every element of a service guide, section by section.
 * Code-table elements are chosen from the dictionaries, lists are edited in place, materials and
 * conditions pick the situation answers they apply to, and every field shows the rule problems
 * at its element.
 */
import { Card, Checkbox, Form, Input, InputNumber, Radio, Select, Switch, type FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import type { Guide, Question } from '../../catalog/types.ts';
import type { MessageKey } from '../../i18n.ts';
import { useT } from '../../prefs.tsx';
import { ElementProblems, FileInput, GField, ListEditor, newId, StringListInput, WhenInput } from './editorInputs.tsx';

export type EditorValues = Guide & { changeNote: string };

/** The editor's sections, in order: their anchors and headings. */
export const EDITOR_SECTIONS = [
  ['basic', 'guide.section.basic'],
  ['situations', 'editor.section.situations'],
  ['conditions', 'guide.section.conditions'],
  ['materials', 'guide.section.materials'],
  ['process', 'guide.section.process'],
  ['limits', 'guide.section.limits'],
  ['fees', 'guide.section.fees'],
  ['result', 'editor.section.result'],
  ['hall', 'editor.section.hall'],
  ['faq', 'guide.section.faq'],
  ['intermediaries', 'guide.section.intermediaries'],
  ['prohibited', 'guide.section.prohibited'],
  ['legal', 'guide.section.legal'],
] as const satisfies [string, MessageKey][];

type SectionId = (typeof EDITOR_SECTIONS)[number][0];

export const sectionAnchor = (id: string) => `editor-${id}`;

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const t = useT();
  const key = EDITOR_SECTIONS.find(([s]) => s === id)?.[1] ?? 'guide.section.basic';
  return (
    <Card id={sectionAnchor(id)} title={<h2 className="card-title">{t(key)}</h2>} className="editor-section">
      {children}
    </Card>
  );
}

const days = <InputNumber min={0} max={3650} precision={0} />;

export function GuideEditor({ form, initial, onChange }: { form: FormInstance<EditorValues>; initial: EditorValues; onChange: () => void }) {
  const t = useT();
  const dict = useDictionaries();
  // preserve: the store's values, also of list elements that are folded (their fields unmounted).
  const audience = (Form.useWatch('audience', { form, preserve: true }) as string[] | undefined) ?? initial.audience;
  const questions = (Form.useWatch('situations', { form, preserve: true }) as Question[] | undefined) ?? initial.situations;
  const required = [{ required: true, message: t('common.required') }];
  // The form instance outlives this editor (the page saves through it): a remount with another
  // revision must show that revision, not what the instance held before.
  useEffect(() => form.resetFields(), [form]);
  const number = [{ required: true, type: 'number' as const, message: t('common.required') }];

  return (
    <Form<EditorValues> form={form} layout="vertical" initialValues={initial} onValuesChange={onChange} data-testid="guide-editor" className="editor-sections">
      <Card>
        <Form.Item name="changeNote" label={t('editor.changeNote')} extra={t('editor.changeNoteHint')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
      </Card>

      <Section id="basic">
        <GField path="summary" name="summary" label={t('guide.summary')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} />
        </GField>
        <div className="editor-grid">
          <GField path="audience" name="audience" label={t('guide.audience')}>
            <Checkbox.Group options={dict.options('audiences')} />
          </GField>
          <GField path="themes" name="themes" label={t('guide.themes')}>
            <Select mode="multiple" allowClear options={dict.options('themes', (c) => !audience.length || audience.includes(dict.data?.themes[c]?.audience ?? ''))} />
          </GField>
          <GField path="caseType" name="caseType" label={t('guide.caseType')}>
            <Radio.Group options={dict.options('caseTypes')} />
          </GField>
          <GField path="scope" name="scope" label={t('guide.scope')}>
            <Select options={dict.options('handlingScopes')} />
          </GField>
          <GField path="handlingForms" name="handlingForms" label={t('guide.handlingForms')}>
            <Checkbox.Group options={dict.options('handlingForms')} />
          </GField>
          <GField path="delivery" name="delivery" label={t('guide.section.delivery')}>
            <Checkbox.Group options={dict.options('deliveryMethods')} />
          </GField>
          <GField path="visits" name="visits" label={t('guide.visits')} rules={number}>
            <InputNumber min={0} max={10} precision={0} />
          </GField>
          <GField path="oneVisit" name="oneVisit" label={t('guide.oneVisit')} valuePropName="checked">
            <Switch />
          </GField>
        </div>
        <GField path="onlineDepth" name="onlineDepth" label={t('guide.onlineDepth')}>
          <Checkbox.Group options={dict.options('onlineDepths')} />
        </GField>
      </Section>

      <Section id="situations">
        <p className="muted">{t('editor.situationsHint')}</p>
        <ListEditor
          name="situations"
          path="situations"
          noun={t('editor.question')}
          titleField="text"
          create={() => ({ id: newId('q'), text: '', options: [{ id: newId('o'), label: '' }, { id: newId('o'), label: '' }] })}
        >
          {(field, i) => (
            <>
              <GField path={`situations[${i}].text`} name={[field.name, 'text']} label={t('editor.questionText')} rules={required}>
                <Input maxLength={200} />
              </GField>
              <p className="list-editor__label">{t('editor.options')}</p>
              <ListEditor name={[field.name, 'options']} path={`situations[${i}].options`} noun={t('editor.option')} compact create={() => ({ id: newId('o'), label: '' })}>
                {(option, j) => (
                  <GField path={`situations[${i}].options[${j}].label`} name={[option.name, 'label']} rules={required}>
                    <Input maxLength={100} aria-label={t('editor.optionN', { n: j + 1 })} />
                  </GField>
                )}
              </ListEditor>
            </>
          )}
        </ListEditor>
      </Section>

      <Section id="conditions">
        <ListEditor name="conditions" path="conditions" noun={t('editor.condition')} create={() => ({ id: newId('c'), kind: 'new', text: '' })}>
          {(field, i) => (
            <>
              <GField path={`conditions[${i}].kind`} name={[field.name, 'kind']} label={t('editor.conditionKind')}>
                <Select options={dict.options('applicationKinds')} />
              </GField>
              <GField path={`conditions[${i}].text`} name={[field.name, 'text']} label={t('editor.conditionText')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={1000} />
              </GField>
              <GField path={`conditions[${i}].when`} name={[field.name, 'when']} label={t('editor.when')} extra={t('editor.whenHint')}>
                <WhenInput questions={questions} />
              </GField>
            </>
          )}
        </ListEditor>
      </Section>

      <Section id="materials">
        <ListEditor
          name="materials"
          path="materials"
          noun={t('editor.material')}
          titleField="name"
          create={() => ({ id: newId('m'), name: '', requirement: 'required', originals: 1, copies: 0, form: 'both', source: 'applicant', basis: '', checkpoints: [] })}
        >
          {(field, i) => {
            const at = (k: string) => `materials[${i}].${k}`;
            return (
              <>
                <GField path={at('name')} name={[field.name, 'name']} label={t('editor.materialName')} rules={required}>
                  <Input maxLength={200} />
                </GField>
                <div className="editor-grid">
                  <GField path={at('requirement')} name={[field.name, 'requirement']} label={t('editor.requirement')}>
                    <Radio.Group
                      options={[
                        { value: 'required', label: t('guide.required') },
                        { value: 'conditional', label: t('guide.conditional') },
                      ]}
                    />
                  </GField>
                  <GField path={at('conditionNote')} name={[field.name, 'conditionNote']} label={t('guide.material.when')}>
                    <Input maxLength={500} />
                  </GField>
                  <GField path={at('source')} name={[field.name, 'source']} label={t('guide.material.source')}>
                    <Select options={dict.options('materialSources')} />
                  </GField>
                  <GField path={at('sourceRef')} name={[field.name, 'sourceRef']} label={t('editor.sourceRef')}>
                    <Input maxLength={200} />
                  </GField>
                  <GField path={at('originals')} name={[field.name, 'originals']} label={t('editor.originals')} rules={number}>
                    <InputNumber min={0} max={20} precision={0} />
                  </GField>
                  <GField path={at('copies')} name={[field.name, 'copies']} label={t('editor.copies')} rules={number}>
                    <InputNumber min={0} max={20} precision={0} />
                  </GField>
                  <GField path={at('form')} name={[field.name, 'form']} label={t('guide.material.form')}>
                    <Select options={dict.options('materialForms')} />
                  </GField>
                </div>
                <GField path={at('basis')} name={[field.name, 'basis']} label={t('guide.material.basis')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                </GField>
                <GField path={at('notes')} name={[field.name, 'notes']} label={t('guide.material.notes')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={1000} />
                </GField>
                <div className="editor-grid">
                  <GField path={at('template')} name={[field.name, 'template']} label={t('guide.material.template')}>
                    <FileInput noun={t('guide.material.template')} />
                  </GField>
                  <GField path={at('sample')} name={[field.name, 'sample']} label={t('guide.material.sample')}>
                    <FileInput noun={t('guide.material.sample')} />
                  </GField>
                </div>
                <GField path={at('when')} name={[field.name, 'when']} label={t('editor.when')} extra={t('editor.whenHint')}>
                  <WhenInput questions={questions} />
                </GField>
                <GField path={at('checkpoints')} name={[field.name, 'checkpoints']} label={t('editor.checkpoints')}>
                  <StringListInput noun={t('editor.checkpoint')} />
                </GField>
              </>
            );
          }}
        </ListEditor>
      </Section>

      <Section id="process">
        <ListEditor name="steps" path="steps" noun={t('editor.step')} titleField="name" create={() => ({ id: newId('s'), name: '', role: 'reviewer', days: 1, standard: '', checkpoints: [] })}>
          {(field, i) => (
            <>
              <div className="editor-grid">
                <GField path={`steps[${i}].name`} name={[field.name, 'name']} label={t('editor.stepName')} rules={required}>
                  <Input maxLength={100} />
                </GField>
                <GField path={`steps[${i}].role`} name={[field.name, 'role']} label={t('editor.stepRole')}>
                  <Select options={dict.options('stepRoles')} />
                </GField>
                <GField path={`steps[${i}].days`} name={[field.name, 'days']} label={t('editor.stepDays')} rules={number}>
                  {days}
                </GField>
              </div>
              <GField path={`steps[${i}].standard`} name={[field.name, 'standard']} label={t('editor.stepStandard')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
              </GField>
              <GField path={`steps[${i}].checkpoints`} name={[field.name, 'checkpoints']} label={t('editor.checkpoints')}>
                <StringListInput noun={t('editor.checkpoint')} />
              </GField>
            </>
          )}
        </ListEditor>
      </Section>

      <Section id="limits">
        <div className="editor-grid">
          <GField path="statutoryDays" name="statutoryDays" label={t('editor.statutoryDays')} rules={number}>
            {days}
          </GField>
          <GField path="promisedDays" name="promisedDays" label={t('editor.promisedDays')} rules={number}>
            {days}
          </GField>
        </div>
        <GField path="limitNote" name="limitNote" label={t('guide.limitNote')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={1000} />
        </GField>
      </Section>

      <Section id="fees">
        <p className="muted">{t('editor.feesHint')}</p>
        <ListEditor name="fees" path="fees" noun={t('editor.fee')} titleField="name" create={() => ({ name: '', standard: '', basis: '', waivable: false })}>
          {(field, i) => (
            <div className="editor-grid">
              <GField path={`fees[${i}].name`} name={[field.name, 'name']} label={t('editor.feeName')} rules={required}>
                <Input maxLength={200} />
              </GField>
              <GField path={`fees[${i}].standard`} name={[field.name, 'standard']} label={t('guide.fee.standard')}>
                <Input maxLength={500} />
              </GField>
              <GField path={`fees[${i}].basis`} name={[field.name, 'basis']} label={t('guide.fee.basis')}>
                <Input maxLength={500} />
              </GField>
              <GField path={`fees[${i}].waivable`} name={[field.name, 'waivable']} label={t('guide.fee.waivable')} valuePropName="checked">
                <Switch />
              </GField>
            </div>
          )}
        </ListEditor>
      </Section>

      <Section id="result">
        <div className="editor-grid">
          <GField path="result.name" name={['result', 'name']} label={t('editor.resultName')}>
            <Input maxLength={200} />
          </GField>
          <GField path="result.kind" name={['result', 'kind']} label={t('guide.result.kind')}>
            <Input maxLength={50} />
          </GField>
          <GField path="result.licenseType" name={['result', 'licenseType']} label={t('guide.result.licenseType')}>
            <Input maxLength={100} />
          </GField>
          <GField path="result.sample" name={['result', 'sample']} label={t('guide.result.sample')}>
            <FileInput noun={t('guide.result.sample')} />
          </GField>
        </div>
      </Section>

      <Section id="hall">
        <div className="editor-grid">
          <GField path="hall.address" name={['hall', 'address']} label={t('guide.hall.address')}>
            <Input maxLength={300} />
          </GField>
          <GField path="hall.hours" name={['hall', 'hours']} label={t('guide.hall.hours')}>
            <Input maxLength={300} />
          </GField>
          <GField path="consultPhone" name="consultPhone" label={t('guide.consultPhone')}>
            <Input maxLength={60} />
          </GField>
          <GField path="complaintPhone" name="complaintPhone" label={t('guide.complaintPhone')}>
            <Input maxLength={60} />
          </GField>
        </div>
      </Section>

      <Section id="faq">
        <ListEditor name="faq" path="faq" noun={t('editor.faq')} titleField="q" create={() => ({ q: '', a: '' })}>
          {(field, i) => (
            <>
              <GField path={`faq[${i}].q`} name={[field.name, 'q']} label={t('editor.faqQ')} rules={required}>
                <Input maxLength={300} />
              </GField>
              <GField path={`faq[${i}].a`} name={[field.name, 'a']} label={t('editor.faqA')} rules={required}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </GField>
            </>
          )}
        </ListEditor>
      </Section>

      <Section id="intermediaries">
        <ListEditor name="intermediaries" path="intermediaries" noun={t('editor.intermediary')} titleField="name" create={() => ({ name: '', required: false, basis: '' })}>
          {(field, i) => (
            <div className="editor-grid">
              <GField path={`intermediaries[${i}].name`} name={[field.name, 'name']} label={t('editor.intermediaryName')} rules={required}>
                <Input maxLength={200} />
              </GField>
              <GField path={`intermediaries[${i}].required`} name={[field.name, 'required']} label={t('guide.intermediary.required')} valuePropName="checked">
                <Switch />
              </GField>
              <GField path={`intermediaries[${i}].basis`} name={[field.name, 'basis']} label={t('guide.material.basis')}>
                <Input maxLength={500} />
              </GField>
            </div>
          )}
        </ListEditor>
      </Section>

      <Section id="prohibited">
        <ElementProblems path="prohibitedRequirements" />
        <Form.Item name="prohibitedRequirements" label={t('guide.section.prohibited')} extra={t('editor.prohibitedHint')}>
          <StringListInput noun={t('editor.prohibited')} />
        </Form.Item>
      </Section>

      <Section id="legal">
        <ListEditor name="legalBasis" path="legalBasis" noun={t('editor.law')} titleField="law" create={() => ({ law: '', article: '' })}>
          {(field, i) => (
            <div className="editor-grid">
              <GField path={`legalBasis[${i}].law`} name={[field.name, 'law']} label={t('editor.lawName')} rules={required}>
                <Input maxLength={200} />
              </GField>
              <GField path={`legalBasis[${i}].article`} name={[field.name, 'article']} label={t('editor.article')}>
                <Input maxLength={200} />
              </GField>
            </div>
          )}
        </ListEditor>
      </Section>
    </Form>
  );
}

/** The guide as the server takes it: empty sentences of lists dropped, the form's own fields left out. */
export function guideOf(values: EditorValues): Guide {
  const { changeNote: _changeNote, ...guide } = values;
  const sentences = (xs: string[]) => xs.filter((x) => x.trim());
  return {
    ...guide,
    prohibitedRequirements: sentences(guide.prohibitedRequirements),
    materials: guide.materials.map((m) => ({ ...m, checkpoints: sentences(m.checkpoints ?? []) })),
    steps: guide.steps.map((s) => ({ ...s, checkpoints: sentences(s.checkpoints ?? []) })),
  };
}
