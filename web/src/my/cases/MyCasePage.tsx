/**
 * One of my cases (/my/cases/:id): state, current step, deadlines, the supplement form when one is
 * asked for, the result document, withdrawal (before a decision), "received" for mailed results,
 * the materials and the timeline.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CaseStateTag } from '../../cases/CaseStateTag.tsx';
import { CaseTimeline } from '../../cases/CaseTimeline.tsx';
import { DeadlineLight } from '../../cases/DeadlineLight.tsx';
import { useCaseFormat } from '../../cases/format.ts';
import { MaterialList } from '../../cases/MaterialList.tsx';
import { caseLabel } from '../../cases/messages.ts';
import type { CaseDetail, CaseOut } from '../../cases/types.ts';
import { RatingForm } from '../../evaluation/RatingForm.tsx';
import { usePrefs } from '../../prefs.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { useSubmit } from '../../ui/forms.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { toApiError, useApi } from '../../useApi.ts';
import { usePerson } from '../personContext.tsx';
import { SupplementForm } from './SupplementForm.tsx';

/** Before a decision the applicant may withdraw (the state machine says the same). */
const WITHDRAWABLE = ['submitted', 'supplement', 'reviewing'];
/** Closed cases the applicant rates (好差评). */
const RATED = ['completed', 'refused'];
/** Closed: no current step any more. */
const FINAL = ['refused', 'completed', 'withdrawn'];

function WithdrawButton({ c, onDone }: { c: CaseOut; onDone: () => void }) {
  const { t } = usePrefs();
  const { post } = usePerson();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, run } = useSubmit(form, (v: { reason: string }) => post<CaseOut>(`/api/my/cases/${c.id}/withdraw`, { version: c.version, reason: v.reason.trim() }));
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw">
        {t('myCase.withdraw')}
      </Button>
      {open && (
        <Modal
          open
          title={t('myCase.withdrawTitle')}
          okText={t('myCase.withdraw')}
          okButtonProps={{ danger: true, loading: busy }}
          cancelText={t('common.cancel')}
          onCancel={() => setOpen(false)}
          onOk={() => form.submit()}
        >
          <p>{t('myCase.withdrawLead')}</p>
          {error && (
            <div className="form-alert">
              <ProblemAlert error={error} />
            </div>
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) =>
              void run(v).then((done) => {
                if (!done) return;
                setOpen(false);
                message.success(t('myCase.withdrawn'));
                onDone();
              })
            }
          >
            <Form.Item name="reason" label={t('myCase.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

function ReceivedButton({ c, onDone }: { c: CaseOut; onDone: () => void }) {
  const { t } = usePrefs();
  const { post } = usePerson();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await post<CaseOut>(`/api/my/cases/${c.id}/received`, { version: c.version });
      message.success(t('myCase.receivedDone'));
      onDone();
    } catch (e) {
      message.error(toApiError(e).message);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type="primary" loading={busy} onClick={() => void confirm()} data-testid="received">
      {t('myCase.received')}
    </Button>
  );
}

export default function MyCasePage() {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const { id = '' } = useParams();
  const detail = useApi<CaseDetail>(`/api/my/cases/${encodeURIComponent(id)}`);
  if (detail.error?.status === 404) return <NotFound />;
  if (detail.error) return <ProblemAlert error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { case: c, materials, timeline } = detail.data;
  const reload = detail.reload;
  const mailed = c.state === 'delivering' && c.core.delivery?.method === 'mail';
  const materialNames = Object.fromEntries(c.snapshot.materials.map((m) => [m.id, m.name]));

  return (
    <>
      <PageHeader title={c.item.name} extra={<CaseStateTag state={c.state} light={c.deadlines.light} />} />
      <div className="stack">
        {c.state === 'supplement' && <SupplementForm detail={detail.data} onDone={reload} />}
        <Card title={<h2 className="card-title">{t('myCase.overview')}</h2>} data-testid="case-overview">
          <dl className="facts">
            <dt>{t('case.number')}</dt>
            <dd data-testid="case-number">{c.number}</dd>
            <dt>{t('case.queryCode')}</dt>
            <dd data-testid="query-code">{c.queryCode}</dd>
            <dt>{t('case.stateLabel')}</dt>
            <dd>{caseLabel(t, 'state', c.state)}</dd>
            {!FINAL.includes(c.state) && (
              <>
                <dt>{t('case.step')}</dt>
                <dd data-testid="case-step">
                  {c.step.name}（{caseLabel(t, 'role', c.step.role)}）
                </dd>
              </>
            )}
            <dt>{t('case.applicant')}</dt>
            <dd>
              {c.applicant.name}
              {c.applicant.agentName && `（${t('case.agent')}：${c.applicant.agentName}）`}
            </dd>
            <dt>{t('case.department')}</dt>
            <dd>{c.departmentName}</dd>
            <dt>{t('case.channelLabel')}</dt>
            <dd>{caseLabel(t, 'channel', c.channel)}</dd>
            <dt>{t('case.receivedAt')}</dt>
            <dd>{time(c.receivedAt)}</dd>
            {c.completedAt && (
              <>
                <dt>{t('case.completedAt')}</dt>
                <dd>{time(c.completedAt)}</dd>
              </>
            )}
            <dt>{t('case.deadline')}</dt>
            <dd>
              <DeadlineLight deadlines={c.deadlines} />
            </dd>
            {c.core.delivery && (
              <>
                <dt>{t('myCase.delivery')}</dt>
                <dd>
                  {caseLabel(t, 'delivery', c.core.delivery.method)}
                  {c.core.delivery.tracking && ` · ${t('case.timeline.tracking', { text: c.core.delivery.tracking })}`}
                </dd>
              </>
            )}
          </dl>
          <div className="case-actions">
            {c.resultAvailable && (
              <Button type="primary" icon={<DownloadOutlined />} href={`/api/my/cases/${c.id}/result`} download data-testid="result-download">
                {t('myCase.result')}
              </Button>
            )}
            {mailed && <ReceivedButton c={c} onDone={reload} />}
            {WITHDRAWABLE.includes(c.state) && <WithdrawButton c={c} onDone={reload} />}
            <Link to={`/progress?number=${c.number}&code=${c.queryCode}`}>{t('myCase.publicProgress')}</Link>
          </div>
        </Card>
        {RATED.includes(c.state) && <RatingForm caseId={c.id} />}
        <Card title={<h2 className="card-title">{t('case.materials.title')}</h2>}>
          <MaterialList materials={materials} fileUrl={(sha) => `/api/my/cases/${c.id}/materials/${sha}`} />
        </Card>
        <Card title={<h2 className="card-title">{t('case.timeline.title')}</h2>}>
          <CaseTimeline events={timeline} materialNames={materialNames} />
        </Card>
      </div>
    </>
  );
}
