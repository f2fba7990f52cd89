/**
 * The acknowledgement (收件回执) a window hands to the applicant (/window/receipt/:id): the case
 * number and query code, the item, the materials received, the promised deadline, the hall, and a
 * QR code that opens the public progress page. Printed, only the receipt shows. Below it, on screen
 * only, the clerk opens the rating of this service (请评价本次服务) as a QR code for the applicant.
 */
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useCaseFormat } from '../cases/format.ts';
import { caseLabel } from '../cases/messages.ts';
import type { CaseDetail } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { useHall } from './hall.ts';
import { useQr } from './qr.ts';
import { RateVisit } from './RateVisit.tsx';

export function ReceiptPage() {
  const { t } = usePrefs();
  const { me } = useAuth();
  const { time, date } = useCaseFormat();
  const { hall } = useHall();
  const { id = '' } = useParams();
  const detail = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  const c = detail.data?.case;
  const progressUrl = c ? `${window.location.origin}/progress?number=${c.number}&code=${c.queryCode}` : null;
  const qr = useQr(progressUrl);
  if (detail.error) return detail.error.status === 404 ? <NotFound /> : <ProblemAlert error={detail.error} />;
  if (!c || !detail.data) return <Loading />;
  const d = c.deadlines;
  const received = detail.data.materials;
  const counts = new Map<string, number>();
  for (const m of received) counts.set(m.materialId, (counts.get(m.materialId) ?? 0) + 1);
  const accepted = c.core.acceptedOn !== null;

  return (
    <div className="win-receipt-page">
      <PageHeader
        title={t('win.receipt')}
        extra={
          <span className="no-print wb-header-tags">
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
              {t('wb.print')}
            </Button>
            <Link to="/window">
              <PlusOutlined aria-hidden /> {t('win.next')}
            </Link>
          </span>
        }
      />
      <article className="win-receipt" data-testid="receipt">
        <p className="win-receipt__issuer">{hall?.name ?? c.departmentName}</p>
        <div className="win-receipt__body">
          <dl className="facts">
            <dt>{t('case.number')}</dt>
            <dd data-testid="receipt-number" className="win-receipt__code">
              {c.number}
            </dd>
            <dt>{t('case.queryCode')}</dt>
            <dd data-testid="receipt-code" className="win-receipt__code">
              {c.queryCode}
            </dd>
            <dt>{t('case.item')}</dt>
            <dd>{c.item.name}</dd>
            <dt>{t('case.applicant')}</dt>
            <dd>
              {c.applicant.name}（{c.applicant.number}）
            </dd>
            <dt>{t('case.department')}</dt>
            <dd>{c.departmentName}</dd>
            <dt>{t('case.receivedAt')}</dt>
            <dd>{time(c.receivedAt)}</dd>
            <dt>{t('case.stateLabel')}</dt>
            <dd data-testid="receipt-state">{accepted ? t('win.acceptedOn', { date: date(c.core.acceptedOn!) }) : caseLabel(t, 'state', c.state)}</dd>
            <dt>{t('case.deadline')}</dt>
            <dd data-testid="receipt-due">
              {d.promisedDue ? t('case.deadline.promisedDue', { date: date(d.promisedDue) }) : d.acceptanceDue ? t('case.deadline.acceptanceDue', { date: date(d.acceptanceDue) }) : t('case.deadline.none')}
              {d.provisional && `（${t('case.deadline.provisional')}）`}
            </dd>
            {hall && (
              <>
                <dt>{t('win.hall')}</dt>
                <dd>
                  {hall.name} · {hall.address}
                  {hall.phone && ` · ${hall.phone}`}
                </dd>
              </>
            )}
            <dt>{t('win.clerk')}</dt>
            <dd>{me?.name}</dd>
          </dl>
          <figure className="win-receipt__qr">
            {qr && <img src={qr} width={160} height={160} alt={t('win.qrAlt')} data-testid="receipt-qr" />}
            <figcaption>{t('win.qrCaption')}</figcaption>
          </figure>
        </div>
        <h2 className="subheading">{t('win.received')}</h2>
        <table className="win-receipt__materials" data-testid="receipt-materials">
          <thead>
            <tr>
              <th scope="col">{t('win.materialName')}</th>
              <th scope="col">{t('win.files')}</th>
            </tr>
          </thead>
          <tbody>
            {c.snapshot.materials.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.held ? t('apply.held') : t('win.fileCount', { count: counts.get(m.id) ?? 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="win-receipt__url">{progressUrl}</p>
        <p className="muted">{t('win.keep')}</p>
      </article>
      <RateVisit hall={hall} caseId={c.id} />
    </div>
  );
}
