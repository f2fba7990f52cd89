/**
 * The form of each staff action. Fields live under `action/` — the path the server's problem+json
 * names them by — so a refusal of a field lands beside it.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { withQuery } from '../api.ts';
import { caseLabel } from '../cases/messages.ts';
import type { CaseOut, DeliveryMethod, PauseKind } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import type { Department, Page } from '../types.ts';
import { useApi } from '../useApi.ts';
import { mayGrant, type StaffActionType } from './access.ts';
import { PdfUpload } from './Uploads.tsx';

/** What the forms hold: the action's own fields (departments picked with their names). */
export interface ActionValues {
  action?: Record<string, unknown> & { departments?: { value: string; label: string }[] };
}

const PROCEDURES: Exclude<PauseKind, 'supplement'>[] = ['hearing', 'expert', 'inspection', 'public_notice'];
const DELIVERY: DeliveryMethod[] = ['window', 'mail', 'electronic'];
/** The remedies a refusal names unless the clerk writes others (《行政复议法》, 《行政诉讼法》). */
const REMEDIES = {
  zh: '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。',
  en: 'If you disagree, you may apply for administrative reconsideration within sixty days of receiving this decision, or bring an administrative lawsuit before a people’s court within six months.',
};

/** The body the actions route takes for the form's values. */
export function toAction(type: StaffActionType, values: ActionValues): Record<string, unknown> {
  const { departments, ...rest } = values.action ?? {};
  return { type, ...rest, ...(departments ? { departments: departments.map((d) => ({ id: d.value, name: String(d.label) })) } : {}) };
}

const name = (field: string) => ['action', field];

/** Departments of the case's region that may be asked to countersign: all but the case's own. */
function DepartmentsField({ c }: { c: CaseOut }) {
  const { t } = usePrefs();
  const { data, loading } = useApi<Page<Department>>(withQuery('/api/departments', { regionCode: c.regionCode, pageSize: 100 }));
  const options = (data?.items ?? []).filter((d) => d.active && d.id !== c.departmentId).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Form.Item name={name('departments')} label={t('wb.f.departments')} rules={[{ required: true, message: t('wb.f.departmentsRequired') }]}>
      <Select mode="multiple" labelInValue loading={loading} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('department.choose')} />
    </Form.Item>
  );
}

function Deficiencies({ c }: { c: CaseOut }) {
  const { t } = usePrefs();
  const materials = c.snapshot.materials.filter((m) => !m.held).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Form.List name={name('deficiencies')} initialValue={[{ text: '' }]}>
      {(fields, { add, remove }) => (
        <fieldset className="wb-deficiencies">
          <legend>{t('wb.f.deficiencies')}</legend>
          <p className="muted">{t('wb.f.deficienciesHint')}</p>
          <ol>
            {fields.map((f, i) => (
              <li key={f.key} className="wb-deficiency" data-testid="deficiency">
                <Form.Item name={[f.name, 'materialId']} label={t('wb.f.material', { n: i + 1 })}>
                  <Select allowClear options={materials} placeholder={t('wb.f.materialNone')} />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} label={t('wb.f.deficiency', { n: i + 1 })} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('wb.f.removeDeficiency', { n: i + 1 })} />
                )}
              </li>
            ))}
          </ol>
          <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })} data-testid="add-deficiency">
            {t('wb.f.addDeficiency')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

export function ActionFields({ c, type }: { c: CaseOut; type: StaffActionType }) {
  const { t, lang } = usePrefs();
  const required: Rule[] = [{ required: true, whitespace: true, message: t('common.required') }];
  const text = (field: string, label: string, rows = 3, max = 2000, initialValue?: string) => (
    <Form.Item name={name(field)} label={label} rules={required} initialValue={initialValue}>
      <Input.TextArea rows={rows} maxLength={max} showCount />
    </Form.Item>
  );
  const yesNo = (field: string, label: string, yes: string, no: string, initialValue?: boolean) => (
    <Form.Item name={name(field)} label={label} rules={[{ required: true, message: t('wb.f.choose') }]} initialValue={initialValue}>
      <Radio.Group
        options={[
          { value: true, label: yes },
          { value: false, label: no },
        ]}
      />
    </Form.Item>
  );
  const core = c.core;

  switch (type) {
    case 'accept':
      return <p>{t('wb.confirm.accept', { item: c.item.name, applicant: c.applicant.name })}</p>;
    case 'take-back':
      return <p>{t('wb.confirm.takeBack')}</p>;
    case 'resume':
      return <p>{t('wb.confirm.resume')}</p>;
    case 'confirm-delivery':
      return <p>{t('wb.confirm.delivered')}</p>;
    case 'refuse':
      return (
        <>
          {text('reason', t('wb.f.reason'))}
          {text('basis', t('wb.f.basis'), 2, 1000)}
          {text('remedies', t('wb.f.remedies'), 3, 1000, REMEDIES[lang])}
        </>
      );
    case 'request-supplement':
      return (
        <>
          <Deficiencies c={c} />
          {core.supplementRequests > 0 && (
            <>
              <p className="wb-warning">{t('wb.f.againWarning', { n: core.supplementRequests })}</p>
              {text('justification', t('wb.f.justification'))}
            </>
          )}
        </>
      );
    case 'advance':
      return text('opinion', t('wb.f.opinion'));
    case 'return':
      return (
        <>
          <Form.Item name={name('toStep')} label={t('wb.f.toStep')} rules={[{ required: true, message: t('wb.f.choose') }]}>
            <Select options={core.steps.slice(1, core.step).map((s, i) => ({ value: i + 1, label: `${i + 2}. ${s.name}（${caseLabel(t, 'role', s.role)}）` }))} />
          </Form.Item>
          {text('reason', t('wb.f.reason'))}
        </>
      );
    case 'countersign':
      return (
        <>
          <Form.Item name={name('mode')} label={t('wb.f.mode')} initialValue="all">
            <Radio.Group
              options={[
                { value: 'all', label: t('case.timeline.mode.all') },
                { value: 'any', label: t('case.timeline.mode.any') },
              ]}
            />
          </Form.Item>
          <DepartmentsField c={c} />
        </>
      );
    case 'sign': {
      const pending = core.signs?.departments.filter((d) => d.decision === null) ?? [];
      return (
        <>
          <Form.Item name={name('departmentId')} label={t('wb.f.signFor')} rules={[{ required: true, message: t('wb.f.choose') }]} initialValue={pending.length === 1 ? pending[0]!.id : undefined}>
            <Select options={pending.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          {yesNo('agree', t('wb.f.signOpinion'), t('case.timeline.agree'), t('case.timeline.disagree'))}
          <Form.Item name={name('opinion')} label={t('wb.f.opinion')} initialValue="">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </>
      );
    }
    case 'pause':
      return (
        <>
          <p className="muted">{t('wb.f.pauseHint')}</p>
          <Form.Item name={name('kind')} label={t('wb.f.procedure')} rules={[{ required: true, message: t('wb.f.choose') }]}>
            <Radio.Group options={PROCEDURES.map((k) => ({ value: k, label: caseLabel(t, 'pause', k) }))} />
          </Form.Item>
          {text('reason', t('wb.f.reason'))}
        </>
      );
    case 'request-extension':
      return (
        <>
          <p className="muted">{t('wb.f.extensionHint')}</p>
          <Form.Item name={name('days')} label={t('wb.f.days')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={10} precision={0} />
          </Form.Item>
          {text('reason', t('wb.f.reason'))}
        </>
      );
    case 'answer-extension':
      return (
        <>
          <p>{t('wb.f.extensionAsked', { days: core.extension?.days ?? 0, reason: core.extension?.reason ?? '' })}</p>
          {yesNo('approve', t('wb.f.answer'), t('case.timeline.approve'), t('case.timeline.reject'))}
        </>
      );
    case 'decide':
      return (
        <>
          <Form.Item name={name('grant')} label={t('wb.f.decision')} rules={[{ required: true, message: t('wb.f.choose') }]}>
            <Radio.Group
              options={[
                { value: true, label: t('case.timeline.grant'), disabled: !mayGrant(core) },
                { value: false, label: t('case.timeline.deny') },
              ]}
            />
          </Form.Item>
          {!mayGrant(core) && <p className="muted">{t('wb.f.grantNeedsSigns')}</p>}
          {text('reasons', t('wb.f.reasons'), 4, 4000)}
        </>
      );
    case 'issue':
      return (
        <Form.Item name={name('document')} label={t('wb.f.document', { name: c.snapshot.result.name })} rules={[{ required: true, message: t('wb.f.documentRequired') }]}>
          <PdfUpload />
        </Form.Item>
      );
    case 'deliver': {
      const methods = DELIVERY.filter((m) => c.snapshot.delivery.includes(m));
      return (
        <>
          <Form.Item name={name('method')} label={t('wb.f.method')} rules={[{ required: true, message: t('wb.f.choose') }]}>
            <Radio.Group options={(methods.length ? methods : DELIVERY).map((m) => ({ value: m, label: caseLabel(t, 'delivery', m) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={[name('method')]}>
            {({ getFieldValue }) =>
              getFieldValue(name('method')) === 'mail' && (
                <Form.Item name={name('tracking')} label={t('wb.f.tracking')} rules={required}>
                  <Input maxLength={60} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      );
    }
  }
}
