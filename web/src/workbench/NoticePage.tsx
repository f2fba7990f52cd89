/**
 * The printable documents a case's timeline holds (/workbench/cases/:id/notices/:seq): the refusal
 * decision (不予受理决定书: reason, legal basis, remedies) and the one-time supplement notice
 * (补正材料一次性告知书: every deficiency at once, and why, when it is not the first). On paper
 * only the document shows.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useCaseFormat } from '../cases/format.ts';
import type { CaseDetail, Deficiency } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** The day in China of an instant, as YYYY-MM-DD. */
const dayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

export function NoticePage() {
  const { t } = usePrefs();
  const { date } = useCaseFormat();
  const { id = '', seq = '' } = useParams();
  const detail = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
  if (detail.error) return detail.error.status === 404 ? <NotFound /> : <ProblemAlert error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { case: c, timeline } = detail.data;
  const entry = timeline.find((e) => String(e.seq) === seq && (e.action === 'refuse' || e.action === 'request-supplement'));
  if (!entry) return <NotFound />;
  const d = entry.data ?? {};
  const refusal = entry.action === 'refuse';
  const title = t(refusal ? 'wb.notice.refusal' : 'wb.notice.supplement');
  const on = date(dayOf(entry.at));
  const names = Object.fromEntries(c.snapshot.materials.map((m) => [m.id, m.name]));
  const deficiencies = Array.isArray(d.deficiencies) ? (d.deficiencies as Deficiency[]) : [];
  const facts = { received: date(dayOf(c.receivedAt)), item: c.item.name, number: c.number };

  return (
    <>
      <div className="no-print">
        <PageHeader
          title={title}
          extra={
            <span className="wb-header-tags">
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
                {t('wb.print')}
              </Button>
              <Link to={`/workbench/cases/${c.id}`}>{t('wb.backToCase')}</Link>
            </span>
          }
        />
      </div>
      <article className="wb-document" data-testid="notice" data-kind={entry.action}>
        <p className="wb-document__issuer">{c.departmentName}</p>
        <h2 className="wb-document__title">{title}</h2>
        <p className="wb-document__number">{t('wb.notice.number', { number: c.number })}</p>
        <p>{t('wb.notice.to', { name: c.applicant.name })}</p>
        {refusal ? (
          <>
            <p>{t('wb.notice.refusalLead', facts)}</p>
            <p data-testid="notice-reason">{t('wb.notice.reason', { text: str(d.reason) })}</p>
            <p>{t('wb.notice.basis', { text: str(d.basis) })}</p>
            <p>{str(d.remedies)}</p>
          </>
        ) : (
          <>
            <p>{t('wb.notice.supplementLead', facts)}</p>
            <ol data-testid="notice-deficiencies">
              {deficiencies.map((x, i) => (
                <li key={i}>{x.materialId && names[x.materialId] ? `${names[x.materialId]}：${x.text}` : x.text}</li>
              ))}
            </ol>
            {str(d.justification) && <p>{t('wb.notice.again', { text: str(d.justification) })}</p>}
            <p>{t('wb.notice.supplementHow', { code: c.queryCode })}</p>
          </>
        )}
        <p className="wb-document__sign">
          {c.departmentName}
          <br />
          {on}
        </p>
      </article>
    </>
  );
}
