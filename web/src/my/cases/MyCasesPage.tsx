/** My cases (/my/cases): my applications (or my enterprise's, when acting for one), newest first, with state and deadline light. */
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link, useNavigate } from 'react-router';
import { CaseStateTag } from '../../cases/CaseStateTag.tsx';
import { useCaseFormat } from '../../cases/format.ts';
import { caseLabel } from '../../cases/messages.ts';
import type { QueueRow } from '../../cases/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { DataTable, usePaging } from '../../ui/DataTable.tsx';
import { ProblemAlert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useApi } from '../../useApi.ts';

export default function MyCasesPage() {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const { time, date } = useCaseFormat();
  const { page, pageSize, pagination } = usePaging(10);
  const list = useApi<{ items: QueueRow[]; total: number }>(`/api/my/cases?page=${page}&pageSize=${pageSize}`);

  const columns: ColumnsType<QueueRow> = [
    {
      title: t('case.item'),
      key: 'item',
      render: (_, r) => (
        <>
          <Link to={`/my/cases/${r.id}`} data-testid="my-case-link">
            {r.itemName}
          </Link>
          <div className="muted">{r.number}</div>
        </>
      ),
    },
    { title: t('case.stateLabel'), key: 'state', render: (_, r) => <CaseStateTag state={r.state} light={r.light} /> },
    { title: t('case.deadline'), key: 'due', render: (_, r) => (r.dueOn ? date(r.dueOn) : t('common.none')) },
    { title: t('case.channelLabel'), key: 'channel', render: (_, r) => caseLabel(t, 'channel', r.channel) },
    { title: t('case.receivedAt'), key: 'receivedAt', render: (_, r) => time(r.receivedAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.my.cases')}
        lead={t('myCases.lead')}
        extra={
          <Button
            href="/services"
            onClick={(e) => {
              e.preventDefault();
              navigate('/services');
            }}
          >
            {t('myCases.findService')}
          </Button>
        }
      />
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<QueueRow>
        label={t('nav.my.cases')}
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={pagination(list.data?.total ?? 0)}
        locale={{ emptyText: t('myCases.none') }}
        data-testid="my-cases"
      />
    </>
  );
}
