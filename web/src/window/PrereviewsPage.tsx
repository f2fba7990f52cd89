/**
 * Online pre-reviews waiting for the hall (/window/prereviews, 网上预审): before coming, an applicant
 * sends the materials they have; the clerk looks at them and answers "complete", or what is missing
 * or wrong, so that the visit is the only one. Answered ones are kept under their own tabs.
 */
import { App, Button, Card, Form, Input, Pagination, Radio, Tabs, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import type { Prereviews } from '../../../src/modules/cases/prereview.ts';
import { post, withQuery } from '../api.ts';
import { useCaseFormat } from '../cases/format.ts';
import { usePrefs } from '../prefs.tsx';
import type { Page } from '../types.ts';
import { usePaging } from '../ui/DataTable.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';

type Prereview = ReturnType<Prereviews['view']>;
type PrereviewState = Prereview['state'];
const STATES: PrereviewState[] = ['waiting', 'complete', 'incomplete'];

function AnswerForm({ p, onDone }: { p: Prereview; onDone: () => void }) {
  const { t } = usePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ complete: boolean; answer?: string }>();
  const { busy, error, run } = useSubmit(form, (v: { complete: boolean; answer?: string }) => post(`/api/window/prereviews/${p.id}`, { complete: v.complete, answer: v.answer?.trim() ?? '' }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ complete: true }}
      onFinish={(v) =>
        void run(v).then((done) => {
          if (!done) return;
          message.success(t('pre.answered'));
          onDone();
        })
      }
      data-testid="prereview-answer"
    >
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form.Item name="complete" label={t('pre.verdict')}>
        <Radio.Group
          options={[
            { value: true, label: t('pre.complete') },
            { value: false, label: t('pre.incomplete') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['complete']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="answer"
            label={t(getFieldValue('complete') ? 'pre.noteOptional' : 'pre.whatIsMissing')}
            rules={getFieldValue('complete') ? [] : [{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="prereview-submit">
        {t('pre.send')}
      </Button>
    </Form>
  );
}

export function PrereviewsPage() {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const [params, setParams] = useSearchParams();
  const state = (STATES as string[]).includes(params.get('state') ?? '') ? (params.get('state') as PrereviewState) : 'waiting';
  const { page, pageSize, setPage, pagination } = usePaging(10);
  const list = useApi<Page<Prereview>>(withQuery('/api/window/prereviews', { state, page, pageSize }));

  return (
    <>
      <PageHeader title={t('pre.title')} lead={t('pre.lead')} />
      <Tabs
        activeKey={state}
        onChange={(key) => {
          setPage(1);
          setParams({ state: key }, { replace: true });
        }}
        items={STATES.map((key) => ({ key, label: t(`pre.state.${key}`) }))}
      />
      {list.error && <ProblemAlert error={list.error} />}
      {list.loading && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="muted">{t('pre.none')}</p>}
      <ul className="plain-list" data-testid="prereviews">
        {list.data?.items.map((p) => (
          <li key={p.id}>
            <Card size="small" className="win-prereview" data-testid="prereview">
              <p>
                <strong>{p.itemName}</strong> <span className="muted">{p.itemCode}</span>
              </p>
              <p className="muted">{t('pre.asked', { time: time(p.createdAt) })}</p>
              <ul className="plain-list">
                {p.materials.map((m) => (
                  <li key={m.sha256 + m.materialId}>
                    {m.name}：
                    <a href={`/api/window/prereviews/${p.id}/materials/${m.sha256}`} target="_blank" rel="noreferrer" data-testid="prereview-file">
                      {m.fileName}
                    </a>
                  </li>
                ))}
              </ul>
              {p.state === 'waiting' ? (
                <AnswerForm p={p} onDone={list.reload} />
              ) : (
                <p>
                  <Tag className={p.state === 'complete' ? 'tag-ok' : 'tag-bad'}>{t(`pre.state.${p.state}`)}</Tag> {p.answer}{' '}
                  <span className="muted">{p.answeredBy && p.answeredAt && t('pre.by', { name: p.answeredBy, time: time(p.answeredAt) })}</span>
                </p>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {(list.data?.total ?? 0) > pageSize && <Pagination className="win-pagination" {...pagination(list.data?.total ?? 0)} />}
    </>
  );
}
