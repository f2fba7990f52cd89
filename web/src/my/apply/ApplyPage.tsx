/**
 * Applying online (/my/apply/:itemCode), step by step on a phone or a PC: situation questions →
 * the application form → exactly the materials that apply → review → submit → done. The draft
 * saves itself on the server (it survives logout and a closed browser) and holds the attempt's
 * Idempotency-Key, so that a retry after a lost answer returns the same case.
 */
import { Alert, Button, Card, Form, Radio, Result, Steps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useApplicable } from '../../catalog/useApplicable.ts';
import { useCaseFormat } from '../../cases/format.ts';
import type { ApplyInfo, CaseOut, Draft } from '../../cases/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { showFieldErrors } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { toApiError, useApi } from '../../useApi.ts';
import type { AttachedFile } from '../MaterialFiles.tsx';
import { usePerson } from '../personContext.tsx';
import { FormFields, fieldsOf } from './FormFields.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { useAutosave, type StoredDraft } from './useAutosave.ts';
import '../../catalog/catalog.css';

export type StepKey = 'answers' | 'form' | 'materials' | 'review';
type FormValue = string | number | boolean;

/** What the draft keeps: where the applicant is, what they entered and attached, and the attempt's key. */
export interface DraftData {
  step: StepKey;
  answers: Record<string, string>;
  form: Record<string, FormValue>;
  files: Record<string, AttachedFile[]>;
  key: string;
}

interface Values {
  answers?: Record<string, string>;
  form?: Record<string, FormValue | null | undefined>;
}

/** A fresh Idempotency-Key (getRandomValues works on plain http too, unlike randomUUID). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const isDraftData = (d: unknown): d is DraftData => typeof d === 'object' && d !== null && typeof (d as DraftData).key === 'string';

/** The step each field path of a problem belongs to. */
const stepOf = (field: string): StepKey | null => (field.startsWith('answers/') ? 'answers' : field.startsWith('form/') ? 'form' : field.startsWith('materials') ? 'materials' : null);

function Wizard({ info, stored }: { info: ApplyInfo; stored: Draft | null }) {
  const { t } = usePrefs();
  const { time, clock } = useCaseFormat();
  const { post } = usePerson();
  const [form] = Form.useForm<Values>();
  const code = info.item.code;
  const steps: StepKey[] = info.situations.length ? ['answers', 'form', 'materials', 'review'] : ['form', 'materials', 'review'];
  const fixed = new Set<string>(info.fixedFields);
  /** The applicant's facts from identity: always these, whatever a draft holds. */
  const facts = Object.fromEntries(info.fixedFields.map((k) => [k, info.prefill[k]]));
  const initial = isDraftData(stored?.data) ? stored.data : null;

  const [step, setStep] = useState<StepKey>(initial && steps.includes(initial.step) ? initial.step : steps[0]!);
  const [files, setFiles] = useState<Record<string, AttachedFile[]>>(initial?.files ?? {});
  const key = useRef(initial?.key ?? newKey());
  const [resumedAt] = useState(initial ? stored!.updatedAt : null);
  const [conflict, setConflict] = useState(false);
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<CaseOut | null>(null);
  // Exactly the materials that apply to the answers, as the server decides them.
  const applicable = useApplicable(code, (Form.useWatch('answers', form) ?? initial?.answers ?? {}) as Record<string, string>);

  const read = (): DraftData => {
    const v = form.getFieldsValue(true) as Values;
    const own = Object.fromEntries(Object.entries(v.form ?? {}).filter(([k, x]) => !fixed.has(k) && x !== undefined && x !== null && x !== '')) as Record<string, FormValue>;
    return { step, answers: v.answers ?? {}, form: own, files, key: key.current };
  };
  const fill = (d: DraftData) => {
    form.setFieldsValue({ answers: d.answers, form: { ...d.form, ...facts } });
    setFiles(d.files);
    key.current = d.key;
    if (steps.includes(d.step)) setStep(d.step);
  };
  const draft = useAutosave<DraftData>(`/api/my/drafts/${encodeURIComponent(code)}`, stored?.rev ?? 0, read, (s: StoredDraft) => {
    if (isDraftData(s?.data)) fill(s.data);
    setConflict(true);
  });
  const { schedule } = draft;

  // Moving between steps is saved too: reopening the page comes back to the same step.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else schedule();
  }, [step, files, schedule]);

  const index = steps.indexOf(step);
  const go = (to: StepKey) => {
    setStep(to);
    setConflict(false);
    document.getElementById('main')?.focus();
    window.scrollTo(0, 0);
  };
  const wanted = applicable && !(applicable instanceof ApiError) ? applicable.materials.filter((m) => m.source === 'applicant') : [];

  const next = async () => {
    if (step === 'answers') {
      await form.validateFields(info.situations.map((q) => ['answers', q.id]));
    } else if (step === 'form') {
      await form.validateFields(fieldsOf(info).map(([name]) => ['form', name]));
    } else if (step === 'materials') {
      const missing = Object.fromEntries(wanted.filter((m) => !files[m.id]?.length).map((m) => [m.id, t('apply.materialMissing', { name: m.name })]));
      setMaterialErrors(missing);
      if (Object.keys(missing).length) return;
    }
    go(steps[index + 1]!);
  };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    await draft.pause();
    const d = read();
    const refs = wanted.flatMap((m) => (d.files[m.id] ?? []).map((f) => ({ materialId: m.id, sha256: f.sha256 })));
    try {
      setDone(await post<CaseOut>('/api/my/cases', { itemCode: code, answers: d.answers, form: d.form, materials: refs }, { 'idempotency-key': d.key }));
    } catch (e) {
      draft.resume();
      const err = toApiError(e);
      const entries = err.problem.errors ?? [];
      showFieldErrors(form, err);
      const byMaterial: Record<string, string> = {};
      for (const x of entries) {
        const [, a, b] = x.field.split('/');
        const id = b === undefined ? a : refs[Number(a)]?.materialId;
        if (x.field.startsWith('materials') && id) byMaterial[id] = x.message;
      }
      setMaterialErrors(byMaterial);
      const at = steps.find((s) => entries.some((x) => stepOf(x.field) === s));
      if (at) go(at);
      if (!at || entries.some((x) => stepOf(x.field) === null)) setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  if (done) return <Done c={done} />;

  const title = (s: StepKey) => t(`apply.step.${s}`);
  return (
    <>
      <PageHeader title={t('apply.title', { name: info.item.name })} lead={t('apply.lead', { department: info.item.departmentName ?? info.item.regionName })} />
      <Steps className="apply-steps" size="small" titlePlacement="vertical" responsive={false} current={index} items={steps.map((s) => ({ title: title(s) }))} />
      <p className="visually-hidden" aria-live="polite">
        {t('apply.stepOf', { n: index + 1, total: steps.length, name: title(step) })}
      </p>
      <div className="apply-status" aria-live="polite" data-testid="draft-status">
        {draft.status.kind === 'saving' && t('apply.saving')}
        {draft.status.kind === 'saved' && t('apply.saved', { time: clock(draft.status.at) })}
        {draft.status.kind === 'error' && t('apply.saveFailed', { reason: draft.status.error.problem.title })}
      </div>
      {resumedAt && !conflict && <Alert className="form-alert" type="info" showIcon title={t('apply.resumed', { time: time(resumedAt) })} data-testid="draft-resumed" />}
      {conflict && <Alert className="form-alert" type="warning" showIcon role="alert" title={t('apply.conflict')} data-testid="draft-conflict" closable={{ onClose: () => setConflict(false) }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ answers: initial?.answers ?? {}, form: { mobile: info.prefill.mobile, ...initial?.form, ...facts } }}
        onValuesChange={() => schedule()}
        data-testid="apply-form"
      >
        <Card className="apply-card" title={<h2 className="card-title">{title(step)}</h2>}>
          {steps.includes('answers') && (
            <div hidden={step !== 'answers'}>
              <p className="page-lead">{t('apply.answersLead')}</p>
              {info.situations.map((q) => (
                <Form.Item key={q.id} name={['answers', q.id]} label={<span id={`apply-q-${q.id}`}>{q.text}</span>} rules={[{ required: true, message: t('apply.answerRequired') }]}>
                  <Radio.Group aria-labelledby={`apply-q-${q.id}`} className="apply-options" options={q.options.map((o) => ({ value: o.id, label: o.label }))} />
                </Form.Item>
              ))}
            </div>
          )}
          <div hidden={step !== 'form'}>
            <p className="page-lead">{t('apply.formLead')}</p>
            <FormFields info={info} />
          </div>
          {step === 'materials' && (
            <MaterialsStep code={code} applicable={applicable} files={files} errors={materialErrors} onChange={(id, list) => setFiles((f) => ({ ...f, [id]: list }))} />
          )}
          {step === 'review' && <ReviewStep info={info} values={read()} applicable={applicable} />}
          {submitError && (
            <div className="form-alert">
              <ProblemAlert error={submitError} />
            </div>
          )}
          <div className="apply-nav">
            {index > 0 && <Button onClick={() => go(steps[index - 1]!)}>{t('apply.back')}</Button>}
            {step === 'review' ? (
              <Button type="primary" loading={submitting} onClick={() => void submit()} data-testid="apply-submit">
                {t('apply.submit')}
              </Button>
            ) : (
              <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="apply-next">
                {t('apply.next')}
              </Button>
            )}
          </div>
        </Card>
      </Form>
    </>
  );
}

function Done({ c }: { c: CaseOut }) {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const link = (to: string, text: string, primary = false) => (
    <Button
      key={to}
      type={primary ? 'primary' : 'default'}
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {text}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('apply.doneTitle')} />
      <Result
        status="success"
        title={t('apply.done', { name: c.item.name })}
        subTitle={t('apply.doneLead')}
        extra={[link(`/my/cases/${c.id}`, t('apply.toCase'), true), link(`/progress?number=${c.number}&code=${c.queryCode}`, t('apply.toProgress'))]}
      >
        <dl className="facts" data-testid="apply-done">
          <dt>{t('case.number')}</dt>
          <dd data-testid="case-number">{c.number}</dd>
          <dt>{t('case.queryCode')}</dt>
          <dd data-testid="query-code">{c.queryCode}</dd>
        </dl>
        <p className="muted">{t('apply.keepCode')}</p>
      </Result>
    </>
  );
}

export default function ApplyPage() {
  const { t } = usePrefs();
  const { itemCode = '' } = useParams();
  const path = encodeURIComponent(itemCode);
  const info = useApi<ApplyInfo>(`/api/my/apply/${path}`);
  const stored = useApi<{ draft: Draft | null }>(`/api/my/drafts/${path}`);
  if (info.error || stored.error) {
    return (
      <>
        <PageHeader title={t('nav.my.apply')} />
        <ProblemAlert error={(info.error ?? stored.error)!} />
        <p className="text-links">
          <Link to={`/services/${path}`}>{t('apply.toGuide')}</Link>
        </p>
      </>
    );
  }
  if (!info.data || !stored.data) return <Loading />;
  return <Wizard key={itemCode} info={info.data} stored={stored.data.draft} />;
}
