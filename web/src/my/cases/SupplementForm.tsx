/**
 * 补正: the one-time notice (every deficiency the staff listed, from the last supplement request)
 * and an upload for each material it names, handed in together with a note in one go.
 */
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../api.ts';
import type { CaseDetail, CaseOut, Deficiency } from '../../cases/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { ProblemAlert } from '../../ui/feedback.tsx';
import { toApiError } from '../../useApi.ts';
import { MaterialFiles, type AttachedFile } from '../MaterialFiles.tsx';
import { usePerson } from '../personContext.tsx';

export function SupplementForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = usePrefs();
  const { post } = usePerson();
  const { message } = App.useApp();
  const c = detail.case;
  const request = [...detail.timeline].reverse().find((e) => e.action === 'request-supplement');
  const deficiencies = (request?.data?.deficiencies ?? []) as Deficiency[];
  const materialsOfCase = c.snapshot.materials;
  const nameOf = (id: string) => materialsOfCase.find((m) => m.id === id)?.name ?? id;
  // The materials the notice names; a notice that names none may concern any material the applicant hands in.
  const named = [...new Set(deficiencies.flatMap((d) => (d.materialId ? [d.materialId] : [])))];
  const slots = named.length ? named : materialsOfCase.filter((m) => !m.held).map((m) => m.id);

  const [files, setFiles] = useState<Record<string, AttachedFile[]>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const refs = slots.flatMap((id) => (files[id] ?? []).map((f) => ({ materialId: id, sha256: f.sha256 })));
    const missing = Object.fromEntries(named.filter((id) => !files[id]?.length).map((id) => [id, t('apply.materialMissing', { name: nameOf(id) })]));
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setError(null);
    try {
      await post<CaseOut>(`/api/my/cases/${c.id}/supplement`, { version: c.version, materials: refs, note: note.trim() });
      message.success(t('supplement.done'));
      onDone();
    } catch (e) {
      const err = toApiError(e);
      const byMaterial: Record<string, string> = {};
      for (const x of err.problem.errors ?? []) {
        const id = refs[Number(x.field.split('/')[1])]?.materialId;
        if (id) byMaterial[id] = x.message;
      }
      setErrors(byMaterial);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('supplement.title')}</h2>} className="supplement-card" data-testid="supplement-form">
      <Alert
        type="warning"
        showIcon
        title={t('supplement.noticeTitle')}
        description={
          <ol className="supplement-notice" data-testid="supplement-notice">
            {deficiencies.map((d, i) => (
              <li key={i}>{d.materialId ? `${nameOf(d.materialId)}：${d.text}` : d.text}</li>
            ))}
          </ol>
        }
      />
      {typeof request?.data?.justification === 'string' && <p className="muted">{t('case.timeline.justification', { text: request.data.justification })}</p>}
      <p className="page-lead supplement-lead">{t('supplement.lead')}</p>
      <Form layout="vertical" onFinish={() => void submit()}>
        <ol className="apply-materials">
          {slots.map((id) => (
            <li key={id} className="apply-material" data-testid="supplement-material" data-material-id={id}>
              <h3 className="apply-material__name">{nameOf(id)}</h3>
              <MaterialFiles name={nameOf(id)} files={files[id] ?? []} onChange={(list) => setFiles((f) => ({ ...f, [id]: list }))} error={errors[id]} />
            </li>
          ))}
        </ol>
        <Form.Item label={t('supplement.note')} htmlFor="supplement-note">
          <Input.TextArea id="supplement-note" rows={3} maxLength={2000} showCount value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        {error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="supplement-submit">
          {t('supplement.submit')}
        </Button>
      </Form>
    </Card>
  );
}
