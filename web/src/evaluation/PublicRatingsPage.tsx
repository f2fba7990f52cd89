/**
 * The public statistics of ratings (好差评公开) for the chosen region and period: counted ratings by
 * level, the satisfaction rate, and the rate by channel, region and department, as bars with their
 * numbers beside them (the numbers are the content; the bars only draw them). No person, no comment.
 */
import { Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { withQuery } from '../api.ts';
import { usePrefs } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { evalLabel, LEVELS } from './messages.ts';
import type { RatingSummary } from './types.ts';
import './evaluation.css';

type Tally = RatingSummary['overall'];

function usePercent() {
  const { t, lang } = usePrefs();
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
  return (rate: number | null) => (rate === null ? t('common.none') : format.format(rate));
}

/** A bar of `share` (0–1) drawn beside its text; the text alone carries the value. */
function Bar({ share, poor = false }: { share: number; poor?: boolean }) {
  return (
    <div className={poor ? 'rating-bar rating-bar--poor' : 'rating-bar'} aria-hidden>
      <span style={{ width: `${Math.round(share * 1000) / 10}%` }} />
    </div>
  );
}

function RateCell({ tally }: { tally: Tally }) {
  const percent = usePercent();
  return (
    <div className="rating-bar-cell">
      <Bar share={tally.rate ?? 0} />
      <span>{percent(tally.rate)}</span>
    </div>
  );
}

/** Counted ratings and the satisfaction rate of each channel, region or department. */
function TallyTable<T extends Tally>({ title, heading, rows, rowKey, name, testId }: { title: string; heading: string; rows: T[]; rowKey: keyof T & string; name: (row: T) => string; testId?: string }) {
  const { t } = usePrefs();
  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      <DataTable<T>
        label={title}
        rowKey={rowKey}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('eval.public.none') }}
        data-testid={testId}
        columns={[
          { key: 'name', title: heading, render: (_, row) => name(row) },
          { key: 'count', title: t('eval.public.count'), render: (_, row) => row.total },
          { key: 'rate', title: t('eval.public.rate'), render: (_, row) => <RateCell tally={row} /> },
        ]}
      />
    </Card>
  );
}

export default function PublicRatingsPage() {
  const { t } = usePrefs();
  const percent = usePercent();
  const { current } = useRegions();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const summary = useApi<RatingSummary>(withQuery('/api/public/evaluations/summary', { regionCode: current?.code, from: period.from, to: period.to }));
  const s = summary.data;
  const poor = s ? s.overall.levels[1] + s.overall.levels[2] : 0;
  return (
    <>
      <PageHeader title={t('eval.public.title')} lead={t('eval.public.lead', { region: current?.name ?? '' })} />
      <Form layout="vertical" className="filter-form" onFinish={(v: { from?: string; to?: string }) => setPeriod({ from: v.from || undefined, to: v.to || undefined })} data-testid="ratings-period">
        <Form.Item name="from" label={t('eval.public.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('eval.public.to')}>
          <Input type="date" />
        </Form.Item>
        <div className="filter-form__actions">
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
        </div>
      </Form>
      {summary.error && <ProblemAlert error={summary.error} />}
      {!s && !summary.error && <Loading />}
      {s && (
        <div className="stack" data-testid="ratings-summary">
          <Card>
            <dl className="rating-stats">
              <div>
                <dt>{t('eval.public.total')}</dt>
                <dd data-testid="ratings-total">{s.overall.total}</dd>
              </div>
              <div>
                <dt>{t('eval.public.rate')}</dt>
                <dd data-testid="ratings-rate">{percent(s.overall.rate)}</dd>
              </div>
              <div>
                <dt>{t('eval.public.poor')}</dt>
                <dd>{poor}</dd>
              </div>
            </dl>
          </Card>
          <Card title={<h2 className="card-title">{t('eval.public.levels')}</h2>}>
            <ul className="rating-bars">
              {LEVELS.map((l) => (
                <li key={l}>
                  <span>{evalLabel(t, 'level', l)}</span>
                  <Bar share={s.overall.total ? s.overall.levels[l] / s.overall.total : 0} poor={l <= 2} />
                  <span>{s.overall.levels[l]}</span>
                </li>
              ))}
            </ul>
          </Card>
          <TallyTable title={t('eval.public.byDepartment')} heading={t('eval.public.department')} rows={s.byDepartment} rowKey="departmentId" name={(d) => d.departmentName} testId="ratings-by-department" />
          <div className="card-grid">
            <TallyTable title={t('eval.public.byChannel')} heading={t('eval.public.channel')} rows={s.byChannel} rowKey="channel" name={(c) => evalLabel(t, 'channel', c.channel)} />
            <TallyTable title={t('eval.public.byRegion')} heading={t('eval.public.region')} rows={s.byRegion} rowKey="regionCode" name={(r) => r.regionName} />
          </div>
        </div>
      )}
    </>
  );
}
