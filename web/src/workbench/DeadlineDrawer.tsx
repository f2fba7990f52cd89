/**
 * A case's deadline explained (GET /api/cases/:id/deadline): what it counts from and how many
 * working days, each day from the start to the statutory limit with whether it counted and why
 * (weekend, public holiday, adjusted working day, paused), the pauses with their reasons, the
 * extension, and the years whose holiday notice is not published yet.
 */
import { Drawer, Table } from 'antd';
import type { CaseWork } from '../../../src/modules/cases/work.ts';
import { DeadlineLight } from '../cases/DeadlineLight.tsx';
import { useCaseFormat } from '../cases/format.ts';
import { caseLabel } from '../cases/messages.ts';
import { usePrefs } from '../prefs.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useApi } from '../useApi.ts';

type Explanation = Awaited<ReturnType<CaseWork['explain']>>;
type Day = Explanation['days'][number];

export function DeadlineDrawer({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t, lang } = usePrefs();
  const { date } = useCaseFormat();
  const { data, error } = useApi<Explanation>(`/api/cases/${caseId}/deadline`);
  const weekday = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });

  let body;
  if (error) body = <ProblemAlert error={error} />;
  else if (!data) body = <Loading />;
  else {
    const { basis, deadlines: d } = data;
    const due = new Map<string, string[]>();
    for (const [day, label] of [
      [d.acceptanceDue, t('wb.dl.acceptanceDue')],
      [d.promisedDue, t('wb.dl.promisedDue')],
      [d.statutoryDue, t('wb.dl.statutoryDue')],
    ] as const) {
      if (day) due.set(day, [...(due.get(day) ?? []), label]);
    }
    let n = 0;
    const rows = data.days.map((day) => ({ ...day, n: day.counted ? ++n : null }));
    body = (
      <div className="stack" data-testid="deadline-explanation">
        <DeadlineLight deadlines={d} />
        {basis.acceptanceDays === undefined ? (
          <>
            <p>{t('wb.dl.basisAccepted', { from: date(basis.from), promised: basis.promisedDays, statutory: basis.statutoryDays })}</p>
            {basis.extensionDays > 0 && <p>{t('wb.dl.extension', { days: basis.extensionDays })}</p>}
            {basis.deemedAccepted && <p>{t('wb.dl.deemed')}</p>}
          </>
        ) : (
          <p>{t('wb.dl.basisReceived', { from: date(basis.from), days: basis.acceptanceDays })}</p>
        )}
        <p className="muted">{t('wb.dl.startDay')}</p>
        {data.pauses.length > 0 && (
          <section>
            <h3 className="subheading">{t('wb.dl.pauses')}</h3>
            <ul className="plain-list" data-testid="deadline-pauses">
              {data.pauses.map((p, i) => (
                <li key={i}>
                  {caseLabel(t, 'pause', p.kind)}：{date(p.from)} – {p.to ? date(p.to) : t('wb.dl.ongoing')}（{p.reason}）
                </li>
              ))}
            </ul>
          </section>
        )}
        {data.provisionalYears.length > 0 && <p className="wb-warning">{t('wb.dl.provisional', { years: data.provisionalYears.join('、') })}</p>}
        <Table<Day & { n: number | null }>
          size="small"
          rowKey="date"
          pagination={false}
          dataSource={rows}
          data-testid="deadline-days"
          rowClassName={(r) => (r.counted ? '' : 'wb-day--uncounted')}
          columns={[
            { title: t('wb.dl.date'), key: 'date', render: (_, r) => `${date(r.date)}（${weekday.format(new Date(`${r.date}T00:00:00Z`))}）` },
            { title: t('wb.dl.counted'), key: 'counted', render: (_, r) => (r.n ? t('wb.dl.nth', { n: r.n }) : t('wb.dl.notCounted')) },
            { title: t('wb.dl.why'), key: 'why', render: (_, r) => t(`wb.why.${r.why}`) },
            { title: t('wb.dl.due'), key: 'due', render: (_, r) => due.get(r.date)?.join('、') ?? '' },
          ]}
        />
      </div>
    );
  }

  return (
    <Drawer open title={t('wb.dl.title')} onClose={onClose} size={560} closable={{ 'aria-label': t('common.close') }} data-testid="deadline-drawer">
      {body}
    </Drawer>
  );
}
