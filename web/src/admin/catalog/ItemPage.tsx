/**
 * One item (/admin/catalog/:id): its codes and agency, its versions with a side-by-side comparison
 * of any two, the national operations recorded on it, and suspend / resume / cancel with a reason.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { post, withQuery } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import { Facts } from '../../catalog/GuideView.tsx';
import type { CatalogItem, DiffEntry, ItemDetail, Operation, Version, VersionSummary } from '../../catalog/types.ts';
import { usePrefs } from '../../prefs.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Loading, ProblemAlert } from '../../ui/feedback.tsx';
import { FormModal } from '../../ui/forms.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useApi } from '../../useApi.ts';
import { DiffTable } from './DiffTable.tsx';
import { ItemStatusTag, useDateTime, VersionStatusTag } from './statusTags.tsx';

type StatusOp = 'suspend' | 'resume' | 'cancel';

function VersionDiff({ item, versions }: { item: CatalogItem; versions: VersionSummary[] }) {
  const { t } = usePrefs();
  const numbers = versions.map((v) => v.number);
  const [from, setFrom] = useState(numbers[1] ?? 1);
  const [to, setTo] = useState(numbers[0] ?? 1);
  const diff = useApi<DiffEntry[]>(from !== to ? withQuery(`/api/catalog/items/${item.id}/diff`, { from, to }) : null);
  const options = numbers.map((n) => ({ value: n, label: t('catalog.versionN', { number: n }) }));
  return (
    <Card title={<h2 className="card-title">{t('catalog.diff')}</h2>} data-testid="version-diff">
      <div className="toolbar">
        <Select aria-label={t('catalog.diffFrom')} value={from} onChange={setFrom} options={options} style={{ minWidth: 120 }} />
        <span aria-hidden>→</span>
        <Select aria-label={t('catalog.diffTo')} value={to} onChange={setTo} options={options} style={{ minWidth: 120 }} />
      </div>
      {diff.error && <ProblemAlert error={diff.error} />}
      {from === to ? <p>{t('catalog.diffSame')}</p> : <DiffTable entries={diff.data} loading={diff.loading} from={from} to={to} />}
    </Card>
  );
}

export function ItemPage() {
  const { t } = usePrefs();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const dict = useDictionaries();
  const at = useDateTime();
  const { id = '' } = useParams();
  const detail = useApi<ItemDetail>(`/api/catalog/items/${id}`);
  const operations = useApi<Operation[]>(`/api/catalog/items/${id}/operations`);
  const [statusOp, setStatusOp] = useState<StatusOp | null>(null);
  const [newVersion, setNewVersion] = useState(false);

  if (detail.error) return <ProblemAlert error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { item, versions } = detail.data;
  const latest = versions[0];
  const openVersion = versions.find((v) => ['draft', 'submitted', 'approved'].includes(v.status));
  const ops: StatusOp[] = item.status === 'active' ? ['suspend', 'cancel'] : item.status === 'suspended' ? ['resume', 'cancel'] : [];

  return (
    <>
      <PageHeader
        title={item.name}
        lead={<code>{item.code}</code>}
        extra={
          <Space wrap>
            {openVersion && (
              <Link to={`/admin/catalog/${item.id}/versions/${openVersion.number}`} data-testid="open-version">
                {t('catalog.openVersion', { number: openVersion.number })}
              </Link>
            )}
            {can('catalog:edit') && !openVersion && latest && item.status !== 'cancelled' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewVersion(true)} data-testid="new-version">
                {t('catalog.newVersion')}
              </Button>
            )}
            {can('catalog:publish') &&
              ops.map((op) => (
                <Button key={op} danger={op === 'cancel'} onClick={() => setStatusOp(op)} data-testid={`item-${op}`}>
                  {t(`catalog.op.${op}`)}
                </Button>
              ))}
          </Space>
        }
      />
      <div className="stack">
        <Card title={<h2 className="card-title">{t('catalog.facts')}</h2>}>
          <Facts
            rows={[
              [t('catalog.kind'), t(`catalog.kind.${item.kind}`)],
              [t('guide.baseCode'), <code key="base">{item.baseCode}</code>],
              item.implementationCode ? [t('guide.implementationCode'), <code key="impl">{item.implementationCode}</code>] : null,
              [t('guide.type'), dict.label('itemTypes', item.type)],
              [t('catalog.levels'), item.levels.map((l) => dict.label('levels', l)).join(t('guide.listSep'))],
              [t('guide.region'), item.regionName],
              [t('guide.department'), item.departmentName ?? t('common.none')],
              item.entrustedDepartmentName ? [t('guide.entrusted'), item.entrustedDepartmentName] : null,
              [t('catalog.status'), <ItemStatusTag key="status" status={item.status} />],
              [
                t('catalog.published'),
                item.publishedVersion ? (
                  <Space key="published" wrap>
                    {t('catalog.versionN', { number: item.publishedVersion })}
                    {item.status === 'active' && <Link to={`/services/${item.code}`}>{t('catalog.viewPortal')}</Link>}
                  </Space>
                ) : (
                  t('catalog.notPublished')
                ),
              ],
            ]}
          />
        </Card>

        <Card title={<h2 className="card-title">{t('catalog.versions')}</h2>}>
          <DataTable<VersionSummary>
            label={t('catalog.versions')}
            rowKey="number"
            data-testid="versions-table"
            dataSource={versions}
            pagination={false}
            columns={[
              {
                title: t('catalog.col.version'),
                dataIndex: 'number',
                render: (n: number) => (
                  <Link to={`/admin/catalog/${item.id}/versions/${n}`} aria-label={t('catalog.openVersion', { number: n })}>
                    {t('catalog.versionN', { number: n })}
                  </Link>
                ),
              },
              { title: t('catalog.status'), dataIndex: 'status', render: (s: VersionSummary['status']) => <VersionStatusTag status={s} /> },
              { title: t('catalog.col.changeNote'), dataIndex: 'changeNote' },
              { title: t('catalog.col.createdBy'), dataIndex: 'createdBy' },
              { title: t('catalog.col.createdAt'), dataIndex: 'createdAt', render: at },
              { title: t('catalog.col.publishedAt'), dataIndex: 'publishedAt', render: at },
              { title: t('catalog.col.returned'), dataIndex: 'returnedReason', render: (r: string | null) => r ?? t('common.none') },
            ]}
          />
        </Card>

        {versions.length > 1 && <VersionDiff item={item} versions={versions} />}

        <Card title={<h2 className="card-title">{t('catalog.operations')}</h2>}>
          {operations.error && <ProblemAlert error={operations.error} />}
          <DataTable<Operation>
            label={t('catalog.operations')}
            rowKey="id"
            data-testid="operations-table"
            loading={operations.loading}
            dataSource={operations.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('catalog.col.at'), dataIndex: 'at', render: at },
              { title: t('catalog.col.op'), dataIndex: 'op', render: (op: string) => dict.label('operations', op) },
              { title: t('catalog.col.reason'), dataIndex: 'reason' },
              { title: t('catalog.col.actor'), dataIndex: 'actorName' },
            ]}
          />
        </Card>
      </div>

      {statusOp && (
        <FormModal<{ reason: string }, CatalogItem>
          title={t(`catalog.op.${statusOp}`)}
          okText={t(`catalog.op.${statusOp}`)}
          onCancel={() => setStatusOp(null)}
          onSubmit={({ reason }) => post<CatalogItem>(`/api/catalog/items/${item.id}/status`, { op: statusOp, reason: reason.trim() })}
          onDone={() => {
            message.success(t(`catalog.opDone.${statusOp}`));
            setStatusOp(null);
            detail.reload();
            operations.reload();
          }}
          testId="status-form"
        >
          <p>{t(item.kind === 'base' ? 'catalog.opBaseNote' : 'catalog.opNote')}</p>
          <Form.Item name="reason" label={t('catalog.reason')} rules={[{ required: true, min: 2, whitespace: true, message: t('catalog.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
          </Form.Item>
        </FormModal>
      )}
      {newVersion && (
        <FormModal<{ changeNote: string }, Version>
          title={t('catalog.newVersion')}
          okText={t('common.create')}
          onCancel={() => setNewVersion(false)}
          onSubmit={({ changeNote }) => post<Version>(`/api/catalog/items/${item.id}/versions`, { changeNote: changeNote.trim() })}
          onDone={(v) => navigate(`/admin/catalog/${item.id}/versions/${v.number}`)}
          testId="new-version-form"
        >
          <p>{t('catalog.newVersionLead')}</p>
          <Form.Item name="changeNote" label={t('editor.changeNote')} rules={[{ required: true, min: 2, whitespace: true, message: t('catalog.changeNoteRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
