/** Pieces of the staff pages of evaluation: what was rated and how, and a filter by state. */
import { Radio, Tag } from 'antd';
import { useCaseFormat } from '../cases/format.ts';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import { evalLabel } from './messages.ts';
import { RatingTag } from './RatingParts.tsx';
import type { AppealCaseOut } from './types.ts';

/** The rated case or window, the level, the indicators and the comment. */
export function RatedCell({ r }: { r: Pick<AppealCaseOut, 'rating' | 'subject'> }) {
  const { t } = usePrefs();
  const { time } = useCaseFormat();
  const group = r.rating.channel === 'online' ? 'indicatorOnline' : 'indicatorWindow';
  return (
    <div className="rating-cell">
      <div>
        {r.subject.caseNumber ? t('eval.rect.case', { number: r.subject.caseNumber }) : t('eval.rect.window', { window: r.subject.windowNumber ?? '' })}
        {r.subject.itemName && ` · ${r.subject.itemName}`}
      </div>
      <div className="rating-history__head">
        <RatingTag level={r.rating.level} />
        <Tag>{evalLabel(t, 'channel', r.rating.channel)}</Tag>
        {r.rating.indicators.map((k) => (
          <Tag key={k}>{evalLabel(t, group, k)}</Tag>
        ))}
      </div>
      {r.rating.comment && <p>{r.rating.comment}</p>}
      <p className="muted">{t('eval.ratedAt', { time: time(r.rating.ratedAt) })}</p>
    </div>
  );
}

/** Buttons choosing which of a list's states to show. */
export function StateFilter<K extends string>({ label, value, options, group, onChange }: { label: MessageKey; value: K; options: K[]; group: 'rectFilter' | 'appealFilter'; onChange: (k: K) => void }) {
  const { t } = usePrefs();
  return (
    <div className="toolbar">
      <span id={`${group}-label`}>{t(label)}</span>
      <Radio.Group
        aria-labelledby={`${group}-label`}
        optionType="button"
        value={value}
        onChange={(e) => onChange(e.target.value as K)}
        options={options.map((k) => ({ value: k, label: evalLabel(t, group, k) }))}
        data-testid={`${group}-filter`}
      />
    </div>
  );
}
