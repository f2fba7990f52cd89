/** The pieces a rating is made of, shared by the applicant's form and the window's rating page. */
import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Radio, Tag } from 'antd';
import { useCaseFormat } from '../cases/format.ts';
import { usePrefs } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { evalLabel, INDICATOR_KEYS, LEVELS } from './messages.ts';
import type { EvaluationChannel, Level, RatingStatus } from './types.ts';
import './evaluation.css';

export interface RatingValues {
  level: Level;
  indicators: string[];
  comment: string;
}

const tone = (level: number) => (level >= 4 ? 'good' : level === 3 ? 'fair' : 'poor');
const ICONS = { good: SmileOutlined, fair: MehOutlined, poor: FrownOutlined };
/** Tag colours with 4.5:1 contrast: the shared good and bad ones, and a blue for 基本满意. */
const TAG_CLASS = { good: 'tag-ok', fair: 'rating-tag--fair', poor: 'tag-bad' };

/** A level as a coloured tag with its name. */
export function RatingTag({ level }: { level: number }) {
  const { t } = usePrefs();
  return <Tag className={`rating-tag ${TAG_CLASS[tone(level)]}`}>{evalLabel(t, 'level', level)}</Tag>;
}

/** Five large buttons with their names (arrow keys move between them), the channel's indicators and a comment, required for a poor rating. */
function RatingFields({ channel, id }: { channel: EvaluationChannel; id: string }) {
  const { t } = usePrefs();
  const level = Form.useWatch<Level | undefined>('level');
  const poor = level !== undefined && level <= 2;
  const group = channel === 'online' ? 'indicatorOnline' : 'indicatorWindow';
  return (
    <>
      <Form.Item name="level" label={<span id={`${id}-level`}>{t('eval.level')}</span>} rules={[{ required: true, message: t('eval.levelRequired') }]}>
        <Radio.Group
          aria-labelledby={`${id}-level`}
          className="rating-levels"
          optionType="button"
          buttonStyle="solid"
          options={LEVELS.map((l) => {
            const Icon = ICONS[tone(l)];
            return {
              value: l,
              label: (
                <span className="rating-level" data-testid={`rating-level-${l}`}>
                  <Icon aria-hidden />
                  {evalLabel(t, 'level', l)}
                </span>
              ),
            };
          })}
        />
      </Form.Item>
      <Form.Item name="indicators" label={<span id={`${id}-indicators`}>{t('eval.indicators')}</span>}>
        <Checkbox.Group role="group" aria-labelledby={`${id}-indicators`} className="rating-indicators" options={INDICATOR_KEYS[channel].map((k) => ({ value: k, label: evalLabel(t, group, k) }))} />
      </Form.Item>
      <Form.Item name="comment" label={poor ? t('eval.commentPoor') : t('eval.comment')} rules={poor ? [{ required: true, whitespace: true, message: t('eval.commentRequired') }] : []}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </>
  );
}

/** The rating form: on success it thanks the rater and hands over the server's new status. */
export function RatingEditor<S>({ channel, id, submit, onDone }: { channel: EvaluationChannel; id: string; submit: (v: RatingValues) => Promise<S>; onDone: (status: S) => void }) {
  const { t } = usePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm<RatingValues>();
  const { busy, error, run } = useSubmit(form, (v: RatingValues) => submit({ level: v.level, indicators: v.indicators, comment: v.comment.trim() }));
  return (
    <Form<RatingValues>
      form={form}
      layout="vertical"
      initialValues={{ indicators: [], comment: '' }}
      onFinish={(v) =>
        void run(v).then((done) => {
          if (!done) return;
          message.success(t('eval.thanks'));
          onDone(done.result);
        })
      }
      data-testid="rating-editor"
    >
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <RatingFields channel={channel} id={id} />
      <Button type="primary" htmlType="submit" loading={busy} className="rating-submit" data-testid="rating-submit">
        {t('eval.submit')}
      </Button>
    </Form>
  );
}

/** The ratings given so far, the rectification of a poor one, and whether one more rating is open. */
export function RatingHistory({ status, channel }: { status: RatingStatus; channel: EvaluationChannel }) {
  const { t, lang } = usePrefs();
  const { time, date } = useCaseFormat();
  const group = channel === 'online' ? 'indicatorOnline' : 'indicatorWindow';
  const r = status.rectification;
  const rectifying = r !== null && (r.state === 'open' || r.state === 'called_back');
  return (
    <>
      {status.ratings.length > 0 && (
        <>
          <h3 className="subheading">{t('eval.yours')}</h3>
          <ul className="rating-history" data-testid="rating-history">
            {status.ratings.map((rating) => (
              <li key={rating.id} data-round={rating.round}>
                <div className="rating-history__head">
                  {status.ratings.length > 1 && <strong>{t('eval.round', { round: rating.round })}</strong>}
                  <RatingTag level={rating.level} />
                  {rating.indicators.map((k) => (
                    <Tag key={k}>{evalLabel(t, group, k)}</Tag>
                  ))}
                  <span className="muted">{t('eval.ratedAt', { time: time(rating.ratedAt) })}</span>
                </div>
                {rating.comment && <p>{rating.comment}</p>}
                {rating.excluded && <p className="muted">{t('eval.excluded')}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {rectifying && <Alert type="info" showIcon title={t('eval.rectifying', { department: r.department, due: date(r.dueOn) })} className="form-alert" />}
      {r?.state === 'closed' && r.outcome && <Alert type="success" showIcon title={t('eval.rectified', { outcome: r.outcome })} className="form-alert" data-testid="rating-outcome" />}
      {r?.state === 'cancelled' && <Alert type="warning" showIcon title={t('eval.cancelled')} className="form-alert" />}
      {status.next.open && status.next.round === 2 && <p data-testid="rating-second">{t('eval.secondOpen')}</p>}
      {/* Why there is no form (rated already): said, so that a second scan of the code or a reload is not left guessing. */}
      {!status.next.open && status.next.reason && !rectifying && status.ratings.length > 0 && (
        <p className="muted" data-testid="rating-closed">
          {status.next.reason[lang]}
        </p>
      )}
    </>
  );
}
