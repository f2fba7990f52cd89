/** Internal comments on a case (the applicant never sees them): the ones so far and a box for a new one. */
import { Button, Form, Input } from 'antd';
import { post } from '../api.ts';
import { useCaseFormat } from '../cases/format.ts';
import type { TimelineEvent } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';

export function Comments({ caseId, timeline, canWrite, onChanged }: { caseId: string; timeline: TimelineEvent[]; canWrite: boolean; onChanged: () => void }) {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, error, run } = useSubmit(form, (v: { text: string }) => post(`/api/cases/${caseId}/comments`, { text: v.text.trim() }));
  const comments = timeline.filter((e) => e.action === 'comment');
  return (
    <div className="stack" data-testid="comments">
      {comments.length ? (
        <ul className="plain-list">
          {comments.map((e) => (
            <li key={e.seq} className="plain-list__item wb-comment">
              <div>
                <strong>{e.actorName}</strong> <span className="muted">{time(e.at)}</span>
                <p className="wb-comment__text">{e.note}</p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('wb.comments.none')}</p>
      )}
      {canWrite && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            void run(v).then((done) => {
              if (!done) return;
              form.resetFields();
              onChanged();
            })
          }
        >
          {error && (
            <div className="form-alert">
              <ProblemAlert error={error} />
            </div>
          )}
          <Form.Item name="text" label={t('wb.comments.new')} extra={t('wb.comments.hint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="comment-submit">
            {t('wb.comments.add')}
          </Button>
        </Form>
      )}
    </div>
  );
}
