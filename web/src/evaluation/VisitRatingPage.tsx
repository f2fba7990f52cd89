/**
 * The public page of a window visit (/rate/:token), opened on the window's rating pad or from the
 * QR code the clerk shows: one rating per visit (一次一评), no login, large touch targets.
 */
import { Card } from 'antd';
import { useParams } from 'react-router';
import { post } from '../api.ts';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { RatingEditor, RatingHistory } from './RatingParts.tsx';
import type { VisitStatus } from './types.ts';

export default function VisitRatingPage() {
  const { t } = usePrefs();
  const { token = '' } = useParams();
  const path = `/api/public/visits/${encodeURIComponent(token)}`;
  const status = useApi<VisitStatus>(path);
  const title = t('eval.visit.title');
  if (status.error)
    return (
      <>
        <PageHeader title={title} />
        <ProblemAlert error={status.error} />
      </>
    );
  if (!status.data) return <Loading />;
  const { visit, ...s } = status.data;
  return (
    <div className="rating-pad narrow-page">
      <PageHeader title={title} lead={t('eval.visit.where', { department: visit.departmentName, window: visit.windowNumber })} />
      <Card data-testid="visit-rating">
        {visit.itemName && <p>{t('eval.visit.item', { item: visit.itemName })}</p>}
        {s.next.open && s.next.round === 1 && <p className="page-lead">{t('eval.visit.anonymous')}</p>}
        <RatingHistory status={s} channel="window" />
        {s.next.open && <RatingEditor channel="window" id="visit-rating" submit={(v) => post<VisitStatus>(`${path}/evaluation`, v)} onDone={status.reload} />}
      </Card>
    </div>
  );
}
