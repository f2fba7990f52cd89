/**
 * The queues (/workbench?queue=&q=): a tab per queue with its count, search by case number,
 * applicant or item, the deadline light of each case, claiming from the list, and the queue as an
 * Excel file. The queue and the search live in the address, so "back" returns to them.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link, useSearchParams } from 'react-router';
import { withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { CaseStateTag } from '../cases/CaseStateTag.tsx';
import { LightTag } from '../cases/DeadlineLight.tsx';
import { useCaseFormat } from '../cases/format.ts';
import { caseLabel } from '../cases/messages.ts';
import type { QueueName, QueueRow } from '../cases/types.ts';
import { usePrefs } from '../prefs.tsx';
import { DataTable, usePaging } from '../ui/DataTable.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApi } from '../useApi.ts';
import { ClaimButton } from './Assignment.tsx';

const QUEUES: QueueName[] = ['to_accept', 'to_review', 'to_decide', 'paused', 'to_issue', 'to_deliver', 'overdue', 'mine', 'all'];

interface QueuePage {
  items: QueueRow[];
  total: number;
  counts: Partial<Record<QueueName, number>>;
}

/** The queue a role works from first: a window clerk accepts, a reviewer reviews, a head decides. */
function firstQueue(roles: string[]): QueueName {
  if (roles.includes('window_clerk')) return 'to_accept';
  if (roles.includes('reviewer')) return 'to_review';
  if (roles.includes('department_head')) return 'to_decide';
  return 'all';
}

export function QueuePage() {
  const { t } = usePrefs();
  const { me } = useAuth();
  const { time, date } = useCaseFormat();
  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as QueueName) : firstQueue(me?.grants.map((g) => g.role) ?? []);
  const q = params.get('q') ?? '';
  const { page, pageSize, setPage, pagination } = usePaging(20);
  const list = useApi<QueuePage>(withQuery('/api/cases', { queue, q, page, pageSize }));
  const counts = list.data?.counts;

  const go = (next: { queue?: QueueName; q?: string }) => {
    setPage(1);
    setParams(Object.fromEntries(Object.entries({ queue, q, ...next }).filter(([, v]) => v)), { replace: true });
  };

  const columns: ColumnsType<QueueRow> = [
    {
      title: t('case.number'),
      key: 'number',
      render: (_, r) => (
        <Link to={`/workbench/cases/${r.id}`} data-testid="case-link" className="wb-number">
          {r.number}
        </Link>
      ),
    },
    { title: t('case.item'), key: 'item', render: (_, r) => r.itemName },
    { title: t('case.applicant'), key: 'applicant', render: (_, r) => r.applicantName },
    { title: t('case.stateLabel'), key: 'state', render: (_, r) => <CaseStateTag state={r.state} /> },
    { title: t('case.deadline'), key: 'due', render: (_, r) => (r.light ? <LightTag light={r.light} dueOn={r.dueOn} /> : r.dueOn ? date(r.dueOn) : t('common.none')) },
    { title: t('case.channelLabel'), key: 'channel', render: (_, r) => caseLabel(t, 'channel', r.channel) },
    { title: t('case.receivedAt'), key: 'receivedAt', render: (_, r) => time(r.receivedAt) },
    {
      title: t('wb.assignee'),
      key: 'assignee',
      render: (_, r) => r.assignee ?? (r.queue ? <ClaimButton id={r.id} number={r.number} onDone={list.reload} /> : t('common.none')),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('wb.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={withQuery('/api/cases/export.xlsx', { queue, q })} download data-testid="export">
            {t('wb.export')}
          </Button>
        }
      />
      <div className="toolbar">
        <Input.Search
          key={q}
          defaultValue={q}
          aria-label={t('wb.search')}
          placeholder={t('wb.search')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(value) => go({ q: value.trim() })}
          style={{ maxWidth: 420 }}
          data-testid="queue-search"
        />
      </div>
      <Tabs
        activeKey={queue}
        onChange={(key) => go({ queue: key as QueueName })}
        data-testid="queues"
        items={QUEUES.map((key) => ({
          key,
          label: (
            <span data-testid={`queue-${key}`}>
              {caseLabel(t, 'queue', key)}
              {counts?.[key] !== undefined && <span className="wb-count">{counts[key]}</span>}
            </span>
          ),
        }))}
      />
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<QueueRow>
        label={caseLabel(t, 'queue', queue)}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={pagination(list.data?.total ?? 0)}
        locale={{ emptyText: t('wb.empty') }}
        data-testid="queue"
      />
    </>
  );
}
