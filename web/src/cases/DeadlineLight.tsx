/**
 * A case's clock: the green / yellow / red light in words, the due date, working days left (or
 * overdue), paused days, and "provisional" when a year's holiday schedule is not published yet.
 */
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../prefs.tsx';
import { useCaseFormat } from './format.ts';
import { caseLabel } from './messages.ts';
import type { Deadlines, Light } from './types.ts';
import './cases.css';

const ICON: Record<Light, ReactNode> = {
  green: <CheckCircleOutlined aria-hidden />,
  yellow: <ClockCircleOutlined aria-hidden />,
  red: <ExclamationCircleOutlined aria-hidden />,
};

/** The light alone, in words (for table rows); `dueOn` adds the date it counts to. */
export function LightTag({ light, dueOn }: { light: Light; dueOn?: string | null }) {
  const t = useT();
  const { date } = useCaseFormat();
  return (
    <Tag className={`case-tag light-tag--${light}`} icon={ICON[light]} data-testid="deadline-light-tag" data-light={light}>
      {caseLabel(t, 'light', light)}
      {dueOn ? ` · ${date(dueOn)}` : ''}
    </Tag>
  );
}

export function DeadlineLight({ deadlines: d }: { deadlines: Deadlines }) {
  const t = useT();
  const { date } = useCaseFormat();
  const due = d.acceptanceDue
    ? t('case.deadline.acceptanceDue', { date: date(d.acceptanceDue) })
    : d.promisedDue
      ? t('case.deadline.promisedDue', { date: date(d.promisedDue) })
      : null;
  const left =
    d.light === null || d.daysLeft === null
      ? null
      : d.daysLeft > 0
        ? t('case.deadline.daysLeft', { days: d.daysLeft })
        : d.daysLeft === 0
          ? t('case.deadline.dueToday')
          : t('case.deadline.overdue', { days: -d.daysLeft });
  return (
    <div className="deadline-light" data-testid="deadline-light" data-light={d.light ?? 'none'}>
      {d.light && <LightTag light={d.light} />}
      {due && <span>{due}</span>}
      {d.statutoryDue && <span>{t('case.deadline.statutoryDue', { date: date(d.statutoryDue) })}</span>}
      {left && <strong>{left}</strong>}
      {d.pausedDays > 0 && <span>{t('case.deadline.paused', { days: d.pausedDays })}</span>}
      {!due && !d.statutoryDue && <span className="muted">{t('case.deadline.none')}</span>}
      {d.provisional && <span className="deadline-light__provisional">{t('case.deadline.provisional')}</span>}
    </div>
  );
}
