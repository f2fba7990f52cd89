/**
 * Intake at a window (/window, 一窗受理): the clerk finds the applicant who is present by ID number
 * and checks them in person (real-name level 3) if need be, picks an item the hall takes in,
 * answers the situation questions with them, fills in the form, scans exactly the materials that
 * apply (those the platform holds are not asked for), and takes the application in — accepting it
 * at once, or only receiving it for the back office — then prints the acknowledgement.
 */
import { Alert, Button, Card, Form, Input, Radio, Select, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FormSchemaObject } from '../../../src/modules/cases/forms.ts';
import { ApiError, post, withQuery } from '../api.ts';
import type { PublishedItem, SearchHit } from '../catalog/types.ts';
import { useApplicable } from '../catalog/useApplicable.ts';
import type { CaseOut } from '../cases/types.ts';
import { FormFields } from '../my/apply/FormFields.tsx';
import { usePrefs } from '../prefs.tsx';
import type { Page, Person } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { showFieldErrors, useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { UploadButton } from '../cases/UploadButton.tsx';
import { staffUpload, type StoredFile } from '../workbench/Uploads.tsx';
import { useHall } from './hall.ts';

type FormValue = string | number | boolean;
interface Values {
  answers?: Record<string, string>;
  form?: Record<string, FormValue | null | undefined>;
  acceptNow: boolean;
  hallId?: string;
}

const ID_NUMBER = /^(\d{17}[\dXx]|\d{15})$/;
const SCAN_TYPES = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';
/** A fresh idempotency key for this intake (getRandomValues works on plain http too). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const section = (title: string) => <h2 className="card-title">{title}</h2>;

/** Finds the applicant by ID number and records the in-person identity check. */
function ApplicantCard({ person, onPerson }: { person: Person | null; onPerson: (p: Person | null, idNumber: string) => void }) {
  const { t } = usePrefs();
  const [form] = Form.useForm<{ idNumber: string }>();
  const [notFound, setNotFound] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const lookup = useSubmit(form, (v: { idNumber: string }) => post<{ person: Person | null }>('/api/persons/lookup', { idNumber: v.idNumber.trim().toUpperCase() }));
  const verify = useSubmit(form, () => post<Person>(`/api/persons/${person!.id}/verify-in-person`, { idNumber }));
  return (
    <Card title={section(t('win.applicant'))} data-testid="applicant-card">
      <Form
        form={form}
        layout="inline"
        className="win-lookup"
        onFinish={(v) =>
          void lookup.run(v).then((done) => {
            if (!done) return;
            const id = v.idNumber.trim().toUpperCase();
            setIdNumber(id);
            setNotFound(done.result.person === null);
            onPerson(done.result.person, id);
          })
        }
      >
        <Form.Item name="idNumber" label={t('person.idNumber')} rules={[{ required: true, message: t('person.idNumberRequired') }, { pattern: ID_NUMBER, message: t('person.idNumberFormat') }]}>
          <Input maxLength={18} autoComplete="off" className="win-id-input" />
        </Form.Item>
        <Button htmlType="submit" loading={lookup.busy} data-testid="lookup">
          {t('win.lookup')}
        </Button>
      </Form>
      {(lookup.error ?? verify.error) && <ProblemAlert error={(lookup.error ?? verify.error)!} />}
      {notFound && <Alert type="warning" showIcon title={t('win.notRegistered')} data-testid="not-registered" />}
      {person && (
        <div className="win-person" data-testid="person">
          <dl className="facts">
            <dt>{t('person.name')}</dt>
            <dd data-testid="person-name">{person.name}</dd>
            <dt>{t('person.idNumber')}</dt>
            <dd>{person.idNumberMasked}</dd>
            <dt>{t('person.mobile')}</dt>
            <dd>{person.mobileMasked}</dd>
            <dt>{t('win.level')}</dt>
            <dd>
              <Tag className={person.level >= 3 ? 'tag-ok' : 'tag-bad'} data-testid="person-level" data-level={person.level}>
                {t('win.levelN', { level: person.level })}
              </Tag>
            </dd>
          </dl>
          {person.level < 3 && (
            <Alert
              type="warning"
              showIcon
              title={t('win.verifyFirst')}
              action={
                <Button type="primary" loading={verify.busy} onClick={() => void verify.run({ idNumber }).then((done) => done && onPerson(done.result, idNumber))} data-testid="verify">
                  {t('win.verify')}
                </Button>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

/** Finds an item the hall takes in: the published items of the clerk's region. */
function ItemPicker({ region, onPick }: { region: string; onPick: (code: string) => void }) {
  const { t } = usePrefs();
  const [q, setQ] = useState('');
  const hits = useApi<Page<SearchHit>>(q ? withQuery('/api/portal/search', { q, regionCode: region, pageSize: 10 }) : null);
  return (
    <div className="stack">
      <Input.Search aria-label={t('win.itemSearch')} placeholder={t('win.itemSearch')} enterButton={t('common.search')} onSearch={(v) => setQ(v.trim())} data-testid="item-search" />
      {hits.error && <ProblemAlert error={hits.error} />}
      {hits.loading && <Loading />}
      {hits.data && (
        <ul className="plain-list" data-testid="item-hits">
          {hits.data.items.map((h) => (
            <li key={h.code} className="plain-list__item">
              <div>
                <strong>{h.name}</strong>
                <p className="muted">
                  {h.departmentName} · {h.code}
                </p>
              </div>
              <Button onClick={() => onPick(h.code)} aria-label={t('win.pickItem', { name: h.name })} data-testid="pick-item">
                {t('win.pick')}
              </Button>
            </li>
          ))}
          {hits.data.items.length === 0 && <li className="muted">{t('win.noItems')}</li>}
        </ul>
      )}
    </div>
  );
}

/** The scans of one material, each removable. */
function Scans({ name, files, onChange, error }: { name: string; files: StoredFile[]; onChange: (files: StoredFile[]) => void; error?: string }) {
  const { t } = usePrefs();
  return (
    <div className="win-scans">
      {files.length > 0 && (
        <ul className="plain-list" data-testid="scans">
          {files.map((f) => (
            <li key={f.sha256} className="win-scan">
              {f.fileName}
              <Button type="link" danger onClick={() => onChange(files.filter((x) => x.sha256 !== f.sha256))} aria-label={t('apply.removeFile', { name: f.fileName })}>
                {t('win.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <UploadButton<StoredFile> accept={SCAN_TYPES} text={t('wb.upload')} label={t('win.scanFor', { name })} send={staffUpload} onUploaded={(f) => onChange([...files.filter((x) => x.sha256 !== f.sha256), f])} />
      {error && <Alert type="error" showIcon title={error} />}
    </div>
  );
}

function IntakeForm({ person, item, hallId, onReset }: { person: Person; item: PublishedItem; hallId: string | null; onReset: () => void }) {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const key = useRef(newKey());
  const [scans, setScans] = useState<Record<string, StoredFile[]>>({});
  const [scanErrors, setScanErrors] = useState<Record<string, string>>({});
  const code = item.item.code;
  const applicable = useApplicable(code, (Form.useWatch('answers', form) ?? {}) as Record<string, string>);
  const guide = item.guide;
  const schema: FormSchemaObject = { type: 'object', properties: guide.form?.properties ?? {}, required: guide.form?.required ?? [], additionalProperties: false };

  const materials = applicable && !(applicable instanceof ApiError) ? applicable.materials : [];
  const wanted = materials.filter((m) => m.source === 'applicant');

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (v: Values) => {
    const missing = Object.fromEntries(wanted.filter((m) => !scans[m.id]?.length).map((m) => [m.id, t('apply.materialMissing', { name: m.name })]));
    setScanErrors(missing);
    setError(null);
    if (Object.keys(missing).length) return;
    const refs = wanted.flatMap((m) => (scans[m.id] ?? []).map((f) => ({ materialId: m.id, sha256: f.sha256 })));
    const own = Object.fromEntries(Object.entries(v.form ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    setBusy(true);
    try {
      const c = await post<CaseOut>('/api/window/cases', { itemCode: code, personId: person.id, answers: v.answers ?? {}, form: own, materials: refs, acceptNow: v.acceptNow, ...(hallId ? { hallId } : {}), key: key.current });
      navigate(`/window/receipt/${c.id}`);
    } catch (e) {
      const err = toApiError(e);
      // A material problem names the material, or the position of a file in the list sent.
      const byMaterial: Record<string, string> = {};
      for (const x of err.problem.errors ?? []) {
        const [head, at, rest] = x.field.split('/');
        const id = rest === undefined ? at : refs[Number(at)]?.materialId;
        if (head === 'materials' && id) byMaterial[id] = x.message;
      }
      setScanErrors(byMaterial);
      if (!showFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark initialValues={{ acceptNow: true }} onFinish={(v) => void submit(v)} scrollToFirstError data-testid="intake-form">
      <Card
        title={section(t('win.item', { name: item.item.name }))}
        extra={
          <Button type="link" onClick={onReset}>
            {t('win.changeItem')}
          </Button>
        }
      >
        <p className="muted">
          {item.item.departmentName} · {item.item.code} · {t('win.limits', { promised: guide.promisedDays, statutory: guide.statutoryDays })}
        </p>
        {guide.situations.length > 0 && <h3 className="subheading">{t('win.situations')}</h3>}
        {guide.situations.map((q) => (
          <Form.Item key={q.id} name={['answers', q.id]} label={<span id={`win-q-${q.id}`}>{q.text}</span>} rules={[{ required: true, message: t('apply.answerRequired') }]}>
            <Radio.Group aria-labelledby={`win-q-${q.id}`} options={q.options.map((o) => ({ value: o.id, label: o.label }))} />
          </Form.Item>
        ))}
        <h3 className="subheading">{t('win.form')}</h3>
        <Form.Item name={['form', 'mobile']} label={t('person.mobile')} rules={[{ required: true, message: t('person.mobileRequired') }, { pattern: /^1[3-9]\d{9}$/, message: t('person.mobileFormat') }]}>
          <Input maxLength={11} inputMode="numeric" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name={['form', 'address']} label={t('win.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <FormFields info={{ formSchema: schema, fixedFields: [] }} />
      </Card>
      <Card title={section(t('win.materials'))}>
        {applicable instanceof ApiError && <ProblemAlert error={applicable} />}
        {!applicable && <Loading />}
        <ol className="win-materials" data-testid="win-materials">
          {materials.map((m) => {
            const held = m.source !== 'applicant';
            return (
              <li key={m.id} className="win-material" data-testid="win-material" data-material-id={m.id}>
                <div className="win-material__head">
                  <strong>{m.name}</strong>
                  <Tag className={held ? 'tag-ok' : 'win-required'}>{t(held ? 'apply.held' : 'apply.required')}</Tag>
                  {!held && (m.originals > 0 || m.copies > 0) && <span className="muted">{t('win.copies', { originals: m.originals, copies: m.copies })}</span>}
                </div>
                {held ? <p className="muted">{t('win.held')}</p> : <Scans name={m.name} files={scans[m.id] ?? []} onChange={(list) => setScans((s) => ({ ...s, [m.id]: list }))} error={scanErrors[m.id]} />}
              </li>
            );
          })}
        </ol>
        {materials.length === 0 && applicable && !(applicable instanceof ApiError) && <p className="muted">{t('win.answerFirst')}</p>}
      </Card>
      <Card title={section(t('win.takeIn'))}>
        <Form.Item name="acceptNow" label={t('win.acceptNow')}>
          <Radio.Group
            options={[
              { value: true, label: t('win.acceptNowYes') },
              { value: false, label: t('win.acceptNowNo') },
            ]}
          />
        </Form.Item>
        {error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )}
        <Button type="primary" size="large" htmlType="submit" loading={busy} data-testid="intake-submit">
          {t('win.submit')}
        </Button>
      </Card>
    </Form>
  );
}

export function IntakePage() {
  const { t } = usePrefs();
  const { region, halls, hall, choose } = useHall();
  const [person, setPerson] = useState<Person | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const item = useApi<PublishedItem>(code ? `/api/portal/items/${encodeURIComponent(code)}` : null);

  return (
    <>
      <PageHeader title={t('win.title')} lead={t('win.lead')} />
      <div className="stack">
        {halls.length > 1 && (
          <div className="toolbar">
            <Select aria-label={t('win.hall')} value={hall?.id} onChange={choose} options={halls.map((h) => ({ value: h.id, label: h.name }))} style={{ minWidth: 240 }} />
          </div>
        )}
        <ApplicantCard person={person} onPerson={(p) => setPerson(p)} />
        {person && person.level >= 3 && region && (
          <>
            {!code && (
              <Card title={section(t('win.chooseItem'))}>
                <ItemPicker region={region} onPick={setCode} />
              </Card>
            )}
            {item.error && <ProblemAlert error={item.error} />}
            {code && item.loading && <Loading />}
            {code && item.data && <IntakeForm key={`${person.id}:${code}`} person={person} item={item.data} hallId={hall?.id ?? null} onReset={() => setCode(null)} />}
          </>
        )}
      </div>
    </>
  );
}
