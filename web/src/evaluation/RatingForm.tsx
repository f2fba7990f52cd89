/**
 * The applicant rates their completed or refused case (一事一评) on its page in my space: the
 * ratings given, the rectification of a poor one, and the form while a rating is open (the first,
 * or once more after the rectification was closed). Nothing shows while the case is running.
 * Mounted inside my space: it posts as the logged-in person.
 */
import { Card } from 'antd';
import { usePerson } from '../my/personContext.tsx';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useApi } from '../useApi.ts';
import { RatingEditor, RatingHistory } from './RatingParts.tsx';
import type { RatingStatus } from './types.ts';

export function RatingForm({ caseId }: { caseId: string }) {
  const { t } = usePrefs();
  const { post } = usePerson();
  const path = `/api/my/cases/${encodeURIComponent(caseId)}/evaluation`;
  const status = useApi<RatingStatus>(path);
  if (status.error) return <ProblemAlert error={status.error} />;
  if (!status.data) return <Loading />;
  const s = status.data;
  if (s.ratings.length === 0 && !s.next.open) return null;
  return (
    <Card title={<h2 className="card-title">{t('eval.title')}</h2>} data-testid="rating-form">
      {s.next.open && s.next.round === 1 && <p className="page-lead">{t('eval.lead')}</p>}
      <RatingHistory status={s} channel="online" />
      {s.next.open && <RatingEditor channel="online" id={`rating-${caseId}`} submit={(v) => post<RatingStatus>(path, v)} onDone={status.reload} />}
    </Card>
  );
}
