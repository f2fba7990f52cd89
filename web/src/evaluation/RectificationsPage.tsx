/**
 * The handling department's rectifications of poor ratings (department heads, `evaluation:rectify`):
 * whom to call back and by when, the call-back record, the outcome that closes it, and an appeal
 * against a mistaken or malicious rating.
 */
import { App, Button, Form, Input, Radio, Space, Tag } from 'antd';
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
import { APPEAL_GROUNDS, evalLabel, RECTIFICATION_FILTERS } from './messages.ts';
import { RatedCell, StateFilter } from './StaffParts.tsx';
import type { RectificationFilter, RectificationOut } from './types.ts';
import './evaluation.css';

type Dialog = { kind: 'callback' | 'close' | 'appeal'; r: RectificationOut };

function RectificationDialog({ dialog, onCancel, onDone }: { dialog: Dialog; onCancel: () => void; onDone: () => void }) {
  const { t } = usePrefs();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const { kind, r } = dialog;
  const base = `/api/evaluations/rectifications/${r.id}`;
  if (kind === 'callback')
    return (
      <FormModal<{ record: string; reached: boolean }>
        title={t('eval.rect.callbackTitle')}
        testId="callback-form"
        initialValues={{ reached: true }}
        onCancel={onCancel}
        onDone={onDone}
        onSubmit={(v) => post(`${base}/callback`, { record: v.record.trim(), reached: v.reached })}
      >
        <Form.Item name="reached" label={<span id="callback-reached">{t('eval.rect.reached')}</span>}>
          <Radio.Group aria-labelledby="callback-reached" options={[{ value: true, label: t('eval.rect.reachedYes') }, { value: false, label: t('eval.rect.reachedNo') }]} />
        </Form.Item>
        <Form.Item name="record" label={t('eval.rect.callbackRecord')} rules={required}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    );
  if (kind === 'close')
    return (
      <FormModal<{ outcome: string }>
        title={t('eval.rect.closeTitle')}
        testId="close-form"
        onCancel={onCancel}
        onDone={onDone}
        onSubmit={(v) => post(`${base}/close`, { outcome: v.outcome.trim() })}
      >
        <Form.Item name="outcome" label={t('eval.rect.outcome')} extra={t('eval.rect.outcomeHint')} rules={required}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    );
  return (
    <FormModal<{ ground: string; reason: string }>
      title={t('eval.rect.appealTitle')}
      testId="appeal-form"
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) => post(`/api/evaluations/${r.evaluationId}/appeal`, { ground: v.ground, reason: v.reason.trim() })}
    >
      <Form.Item name="ground" label={<span id="appeal-ground">{t('eval.rect.ground')}</span>} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group aria-labelledby="appeal-ground" options={APPEAL_GROUNDS.map((g) => ({ value: g, label: evalLabel(t, 'ground', g) }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('eval.rect.reason')} rules={required}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

export default function RectificationsPage() {
  const { t } = usePrefs();
  const { date } = useCaseFormat();
  const { message } = App.useApp();
  const [state, setState] = useState<RectificationFilter>('running');
  const { page, pageSize, setPage, pagination } = usePaging();
  const list = useApi<Page<RectificationOut>>(withQuery('/api/evaluations/rectifications', { state, page, pageSize }));
  const [dialog, setDialog] = useState<Dialog | null>(null);

  return (
    <>
      <PageHeader title={t('eval.rect.title')} lead={t('eval.rect.lead')} />
      <StateFilter
        label="eval.rect.filter"
        group="rectFilter"
        value={state}
        options={RECTIFICATION_FILTERS}
        onChange={(s) => {
          setState(s);
          setPage(1);
        }}
      />
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<RectificationOut>
        label={t('eval.rect.table')}
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total ?? 0)}
        locale={{ emptyText: t('eval.rect.empty') }}
        data-testid="rectifications"
        columns={[
          { key: 'rating', title: t('eval.rect.rating'), render: (_, r) => <RatedCell r={r} /> },
          {
            key: 'due',
            title: t('eval.rect.due'),
            render: (_, r) => (
              <>
                {date(r.dueOn)}
                {r.overdue && (
                  <div>
                    <Tag className="tag-bad">{t('eval.rect.overdue')}</Tag>
                  </div>
                )}
              </>
            ),
          },
          {
            key: 'contact',
            title: t('eval.rect.contact'),
            render: (_, r) =>
              r.contact ? (
                <>
                  {r.contact.name}
                  <div>
                    <a href={`tel:${r.contact.mobile}`}>{r.contact.mobile}</a>
                  </div>
                </>
              ) : (
                <span className="muted">{t('eval.rect.anonymous')}</span>
              ),
          },
          {
            key: 'state',
            title: t('common.status'),
            render: (_, r) => (
              <div className="rating-cell">
                <Tag>{evalLabel(t, 'rectState', r.state)}</Tag>
                {r.callback && <p>{t('eval.rect.callbackDone', { record: r.callback.record, by: r.callback.by, reached: t(r.callback.reached ? 'eval.rect.reachedYes' : 'eval.rect.reachedNo') })}</p>}
                {r.outcome && <p>{t('eval.rectified', { outcome: r.outcome })}</p>}
                {r.appeal && <p>{t('eval.rect.appealState', { state: evalLabel(t, 'appealState', r.appeal.state) })}</p>}
              </div>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Space wrap>
                {r.state === 'open' && (
                  <Button type="primary" onClick={() => setDialog({ kind: 'callback', r })} data-testid="rect-callback">
                    {t('eval.rect.callback')}
                  </Button>
                )}
                {r.state === 'called_back' && (
                  <Button type="primary" onClick={() => setDialog({ kind: 'close', r })} data-testid="rect-close">
                    {t('eval.rect.close')}
                  </Button>
                )}
                {r.state !== 'cancelled' && !r.appeal && (
                  <Button onClick={() => setDialog({ kind: 'appeal', r })} data-testid="rect-appeal">
                    {t('eval.rect.appeal')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <RectificationDialog
          dialog={dialog}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            message.success(t('eval.rect.done'));
            list.reload();
          }}
        />
      )}
    </>
  );
}
