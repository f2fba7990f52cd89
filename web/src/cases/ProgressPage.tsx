/**
 * The public progress page (/progress): a case's state, step, dates and timeline by its number and
 * query code, without login and without staff names. `?number=&code=` fills the form and looks the
 * case up at once, so the QR code on a window receipt opens it directly.
 */
import { Button, Card, Form, Input } from 'antd';
import { useSearchParams } from 'react-router';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { withQuery } from '../api.ts';
import { CaseStateTag } from './CaseStateTag.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { useCaseFormat } from './format.ts';
import type { Progress, TimelineEvent } from './types.ts';

interface Query {
  number: string;
  code: string;
}

const NUMBER = /^[0-9]{20}$/;
const CODE = /^[0-9A-Za-z]{8}$/;

function ProgressResult({ p }: { p: Progress }) {
  const { t } = usePrefs();
  const { time, date } = useCaseFormat();
  const events: TimelineEvent[] = p.timeline.map((e, i) => ({ seq: i, at: e.at, actorKind: '', actorName: null, action: e.action, fromState: null, toState: e.toState, step: 0, note: null, data: null }));
  const due = p.deadlines.promisedDue ?? p.deadlines.acceptanceDue;
  return (
    <Card title={<h2 className="card-title">{p.itemName}</h2>} data-testid="progress-result">
      <dl className="facts">
        <dt>{t('case.number')}</dt>
        <dd>{p.number}</dd>
        <dt>{t('case.stateLabel')}</dt>
        <dd>
          <CaseStateTag state={p.state} light={p.deadlines.light} />
        </dd>
        {!p.final && (
          <>
            <dt>{t('case.step')}</dt>
            <dd>{p.step.name}</dd>
          </>
        )}
        <dt>{t('case.applicant')}</dt>
        <dd>{p.applicantName}</dd>
        <dt>{t('case.department')}</dt>
        <dd>{p.departmentName}</dd>
        <dt>{t('case.receivedAt')}</dt>
        <dd>{time(p.receivedAt)}</dd>
        {due && !p.final && (
          <>
            <dt>{t('case.deadline')}</dt>
            <dd>{t(p.deadlines.promisedDue ? 'case.deadline.promisedDue' : 'case.deadline.acceptanceDue', { date: date(due) })}</dd>
          </>
        )}
        {p.completedAt && (
          <>
            <dt>{t('case.completedAt')}</dt>
            <dd>{time(p.completedAt)}</dd>
          </>
        )}
      </dl>
      <h3 className="subheading">{t('case.timeline.title')}</h3>
      <CaseTimeline events={events} />
      <p className="muted">{t('progress.privacy')}</p>
    </Card>
  );
}

export default function ProgressPage() {
  const { t } = usePrefs();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Query>();
  const number = params.get('number') ?? '';
  const code = (params.get('code') ?? '').toUpperCase();
  const ready = NUMBER.test(number) && CODE.test(code);
  const result = useApi<Progress>(ready ? withQuery('/api/public/progress', { number, code }) : null);

  return (
    <>
      <PageHeader title={t('progress.title')} lead={t('progress.lead')} />
      <div className="stack">
        <Card>
          <Form<Query>
            form={form}
            layout="vertical"
            className="progress-form"
            initialValues={{ number, code }}
            onFinish={(v) => setParams({ number: v.number.trim(), code: v.code.trim().toUpperCase() })}
            data-testid="progress-form"
          >
            <Form.Item name="number" label={t('case.number')} extra={t('progress.numberHint')} rules={[{ required: true, pattern: NUMBER, message: t('progress.numberRule') }]}>
              <Input inputMode="numeric" maxLength={20} autoComplete="off" />
            </Form.Item>
            <Form.Item name="code" label={t('case.queryCode')} extra={t('progress.codeHint')} rules={[{ required: true, pattern: CODE, message: t('progress.codeRule') }]}>
              <Input maxLength={8} autoComplete="off" className="progress-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="progress-search">
              {t('common.search')}
            </Button>
          </Form>
        </Card>
        {result.loading && <Loading />}
        {result.error && <ProblemAlert error={result.error} />}
        {result.data && <ProgressResult p={result.data} />}
      </div>
    </>
  );
}
