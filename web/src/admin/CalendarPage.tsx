/**
 * The working-day calendar: the known years and where each comes from, a month grid of the chosen
 * year (days off, adjusted working weekends), and — for a province-wide platform admin — a form
 * to enter a year the holiday package has not published yet.
 */
import { Alert, App, Button, Card, Form, Input, InputNumber, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, request } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { usePrefs } from '../prefs.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import './calendar.css';
import { useProvinceCode } from './catalog/province.ts';
import { useDateTime } from './catalog/statusTags.tsx';

type Source = 'published' | 'admin' | 'weekends-only';

function SourceTag({ source }: { source: Source }) {
  const { t } = usePrefs();
  return (
    <Tag color={source === 'admin' ? 'blue' : undefined} className={source === 'published' ? 'tag-ok' : source === 'weekends-only' ? 'tag-provisional' : undefined}>
      {t(`calendar.source.${source}`)}
    </Tag>
  );
}

interface YearRow {
  year: number;
  source: Source;
}
interface YearView extends YearRow {
  offDays: string[];
  workDays: string[];
  enteredBy: string | null;
  enteredAt: string | null;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The weeks (Monday first) of a month, each a row of 7 day numbers or null. */
function weeksOf(year: number, month: number): (number | null)[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push([...cells.slice(i, i + 7), ...Array<null>(Math.max(0, i + 7 - cells.length)).fill(null)]);
  return weeks;
}

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function YearGrid({ view }: { view: YearView }) {
  const { t } = usePrefs();
  const off = new Set(view.offDays);
  const work = new Set(view.workDays);
  return (
    <div className="calendar-grid" data-testid="calendar-grid">
      {MONTHS.map((m) => (
        <table key={m} className="calendar-month">
          <caption>{t(`calendar.month.${m}`)}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((w) => (
                <th key={w} scope="col">
                  {t(`calendar.weekday.${w}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(view.year, m).map((week, i) => (
              <tr key={i}>
                {week.map((day, j) => {
                  if (day === null) return <td key={j} />;
                  const date = iso(view.year, m, day);
                  const kind = off.has(date) ? 'off' : work.has(date) ? 'work' : j >= 5 ? 'weekend' : 'workday';
                  return (
                    <td key={j} className={`calendar-day calendar-${kind}`} data-date={date}>
                      {day}
                      {(kind === 'off' || kind === 'work') && <span className="calendar-mark">{t(`calendar.mark.${kind}`)}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function YearDetail({ year }: { year: number }) {
  const { t } = usePrefs();
  const dateTime = useDateTime();
  const { data, error } = useApi<YearView>(`/api/calendar/years/${year}`);
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <section aria-labelledby="calendar-year-title" className="stack">
      <h2 id="calendar-year-title">{t('calendar.yearTitle', { year })}</h2>
      <div>
        <SourceTag source={data.source} />
        {t('calendar.counts', { off: data.offDays.length, work: data.workDays.length })}
        {data.enteredBy && data.enteredAt && (
          <span className="calendar-entered">
            {t('calendar.enteredBy', { name: data.enteredBy, time: dateTime(data.enteredAt) })}
          </span>
        )}
      </div>
      {data.source === 'weekends-only' && <Alert type="warning" showIcon title={t('calendar.provisional')} />}
      <ul className="calendar-legend" aria-label={t('calendar.legend')}>
        {(['off', 'work', 'weekend'] as const).map((kind) => (
          <li key={kind}>
            <span className={`calendar-day calendar-${kind}`}>
              {kind === 'weekend' ? t('calendar.weekday.6') : <span className="calendar-mark">{t(`calendar.mark.${kind}`)}</span>}
            </span>
            {t(`calendar.legend.${kind}`)}
          </li>
        ))}
      </ul>
      <YearGrid view={data} />
    </section>
  );
}

interface EntryValues {
  year: number;
  offDays?: string;
  workDays?: string;
}

const dates = (text: string | undefined) => (text ?? '').split(/[\s,，、;；]+/).filter(Boolean);

/** The server names `offDays/3`; the form has one box per list, which shows the message. */
function byList(e: unknown): ApiError {
  const { problem } = toApiError(e);
  return new ApiError({ ...problem, errors: problem.errors?.map((f) => ({ ...f, field: f.field.split('/')[0]! })) });
}

function EntryForm({ initialYear, onEntered }: { initialYear: number; onEntered: (year: number) => void }) {
  const { t } = usePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const { busy, error, run } = useSubmit(form, (v: EntryValues) =>
    request('PUT', `/api/calendar/years/${v.year}`, { offDays: dates(v.offDays), workDays: dates(v.workDays) }).catch((e: unknown) => {
      throw byList(e);
    }),
  );

  const submit = async (v: EntryValues) => {
    if (!(await run(v))) return;
    message.success(t('calendar.saved', { year: v.year }));
    onEntered(v.year);
  };

  return (
    <Card title={<h2 className="card-title">{t('calendar.enter')}</h2>}>
      <p className="page-lead">{t('calendar.enterHint')}</p>
      {error && <ProblemAlert error={error} />}
      <Form<EntryValues> form={form} layout="vertical" initialValues={{ year: initialYear }} onFinish={(v) => void submit(v)} data-testid="calendar-entry">
        <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1000} max={9999} precision={0} />
        </Form.Item>
        <Form.Item name="offDays" label={t('calendar.offDays')} extra={t('calendar.datesHint')}>
          <Input.TextArea rows={5} autoComplete="off" placeholder="2027-01-01" />
        </Form.Item>
        <Form.Item name="workDays" label={t('calendar.workDays')} extra={t('calendar.datesHint')}>
          <Input.TextArea rows={3} autoComplete="off" placeholder="2027-02-06" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('calendar.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function CalendarPage() {
  const { t } = usePrefs();
  const { me } = useAuth();
  const province = useProvinceCode();
  const years = useApi<YearRow[]>('/api/calendar/years');
  const [chosen, setChosen] = useState<number | undefined>();
  const [entries, setEntries] = useState(0);
  const thisYear = new Date().getFullYear();
  const shown = chosen ?? years.data?.find((y) => y.year === thisYear)?.year ?? years.data?.at(-1)?.year;
  // Entering acts on the whole province: the server wants calendar:manage from a grant at its top.
  const granted: readonly string[] = me?.permissions ?? [];
  const mayEnter = granted.includes('calendar:manage') && (me?.grants ?? []).some((g) => g.regionCode === province);
  const firstUnpublished = years.data?.find((y) => y.year >= thisYear && y.source !== 'published')?.year ?? thisYear + 1;

  return (
    <>
      <PageHeader title={t('calendar.title')} lead={t('calendar.lead')} />
      {years.error && <ProblemAlert error={years.error} />}
      <div className="split">
        <div className="stack">
          <DataTable<YearRow>
            label={t('calendar.years')}
            rowKey="year"
            data-testid="calendar-years"
            loading={years.loading}
            dataSource={[...(years.data ?? [])].reverse()}
            pagination={false}
            size="small"
            columns={[
              {
                title: t('calendar.year'),
                dataIndex: 'year',
                render: (year: number) => (
                  <Button type="link" size="small" aria-label={t('calendar.show', { year })} aria-pressed={year === shown} onClick={() => setChosen(year)}>
                    {year}
                  </Button>
                ),
              },
              { title: t('calendar.source'), dataIndex: 'source', render: (s: Source) => <SourceTag source={s} /> },
            ]}
          />
          {mayEnter && (
            <EntryForm
              key={firstUnpublished}
              initialYear={firstUnpublished}
              onEntered={(year) => {
                setChosen(year);
                setEntries((n) => n + 1);
                years.reload();
              }}
            />
          )}
        </div>
        {shown !== undefined && <YearDetail key={`${shown}:${entries}`} year={shown} />}
      </div>
    </>
  );
}
