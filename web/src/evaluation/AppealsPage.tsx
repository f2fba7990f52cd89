/**
 * Appeals against ratings (supervisors, `evaluation:appeal`): what was rated and how, the
 * department's grounds, and the decision — upheld takes the rating out of the statistics.
 */
import { App, Button, Form, Input, Radio, Tag } from 'antd';
import { useState } from 'react';
import { post, withQuery } from '../api.ts';
import { useCaseFormat } from '../cases/format.ts';
import { usePrefs } from '../prefs.tsx';
import type { Page } from '../types.ts';
import { DataTable, usePaging } from '../ui/DataTable.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { FormModal } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { APPEAL_FILTERS, evalLabel } from './messages.ts';
import { RatedCell, StateFilter } from './StaffParts.tsx';
import type { AppealCaseOut, AppealFilter } from './types.ts';
import './evaluation.css';

function DecideModal({ a, onCancel, onDone }: { a: AppealCaseOut; onCancel: () => void; onDone: () => void }) {
  const { t } = usePrefs();
  return (
    <FormModal<{ uphold: boolean; decision: string }>
      title={t('eval.appeals.decideTitle')}
      testId="decide-form"
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) => post(`/api/evaluations/appeals/${a.appeal.id}/decide`, { uphold: v.uphold, decision: v.decision.trim() })}
    >
      <Form.Item name="uphold" label={<span id="decide-uphold">{t('eval.appeals.uphold')}</span>} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group
          aria-labelledby="decide-uphold"
          className="stack"
          options={[
            { value: true, label: t('eval.appeals.upholdYes') },
            { value: false, label: t('eval.appeals.upholdNo') },
          ]}
        />
      </Form.Item>
      <Form.Item name="decision" label={t('eval.appeals.decision')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

export default function AppealsPage() {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const { message } = App.useApp();
  const [state, setState] = useState<AppealFilter>('submitted');
  const { page, pageSize, setPage, pagination } = usePaging();
  const list = useApi<Page<AppealCaseOut>>(withQuery('/api/evaluations/appeals', { state, page, pageSize }));
  const [deciding, setDeciding] = useState<AppealCaseOut | null>(null);

  return (
    <>
      <PageHeader title={t('eval.appeals.title')} lead={t('eval.appeals.lead')} />
      <StateFilter
        label="eval.appeals.filter"
        group="appealFilter"
        value={state}
        options={APPEAL_FILTERS}
        onChange={(s) => {
          setState(s);
          setPage(1);
        }}
      />
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<AppealCaseOut>
        label={t('eval.appeals.table')}
        rowKey={(a) => a.appeal.id}
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total ?? 0)}
        locale={{ emptyText: t('eval.appeals.empty') }}
        data-testid="appeals"
        columns={[
          { key: 'department', title: t('eval.appeals.department'), render: (_, a) => a.rating.departmentName },
          { key: 'rating', title: t('eval.rect.rating'), render: (_, a) => <RatedCell r={a} /> },
          {
            key: 'appeal',
            title: t('eval.appeals.appeal'),
            render: (_, a) => (
              <div className="rating-cell">
                <Tag>{evalLabel(t, 'ground', a.appeal.ground)}</Tag>
                <p>{a.appeal.reason}</p>
                <p className="muted">{t('eval.appeals.by', { name: a.appeal.submittedBy, time: time(a.appeal.submittedAt) })}</p>
              </div>
            ),
          },
          {
            key: 'state',
            title: t('common.status'),
            render: (_, a) => (
              <div className="rating-cell">
                <Tag className={a.appeal.state === 'upheld' ? 'tag-ok' : a.appeal.state === 'submitted' ? 'rating-tag--fair' : undefined}>{evalLabel(t, 'appealState', a.appeal.state)}</Tag>
                {a.appeal.decision && <p>{t('eval.appeals.decided', { decision: a.appeal.decision, by: a.appeal.decidedBy ?? '' })}</p>}
              </div>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, a) =>
              a.appeal.state === 'submitted' && (
                <Button type="primary" onClick={() => setDeciding(a)} data-testid="appeal-decide">
                  {t('eval.appeals.decide')}
                </Button>
              ),
          },
        ]}
      />
      {deciding && (
        <DecideModal
          a={deciding}
          onCancel={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            message.success(t('eval.rect.done'));
            list.reload();
          }}
        />
      )}
    </>
  );
}
