/** 事项管理: the items of the user's regions, drafts included — filter, search, page, and add new ones. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useDictionaries } from '../../catalog/dictionaries.ts';
import type { CatalogItem, CatalogListItem, ItemKind, ItemStatus, VersionStatus } from '../../catalog/types.ts';
import { usePrefs } from '../../prefs.tsx';
import type { Page } from '../../types.ts';
import { DataTable, usePaging } from '../../ui/DataTable.tsx';
import { ProblemAlert } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useApi } from '../../useApi.ts';
import { useAdmin } from '../adminContext.tsx';
import { DepartmentSelect, SearchToolbar } from '../pickers.tsx';
import { CreateBaseItemModal, CreateLocalItemModal } from './CreateItemModals.tsx';
import { useProvinceCode } from './province.ts';
import { ItemStatusTag, VersionStatusTag } from './statusTags.tsx';

interface Filters {
  kind?: ItemKind;
  status?: ItemStatus;
  stage?: 'draft' | 'submitted' | 'approved';
  departmentId?: string;
}

export function CatalogItemsPage() {
  const { t } = usePrefs();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const dict = useDictionaries();
  const { regionRoots } = useAdmin();
  const [chosenRegion, setChosenRegion] = useState<string | undefined>();
  const regionCode = chosenRegion ?? regionRoots('catalog:read')[0];
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState<ItemKind | null>(null);
  const list = useApi<Page<CatalogListItem>>(regionCode ? withQuery('/api/catalog/items', { regionCode, q, ...filters, page, pageSize }) : null);
  const province = useProvinceCode();

  const filter = (changes: Filters) => {
    setFilters((f) => ({ ...f, ...changes }));
    setPage(1);
  };
  const created = (item: CatalogItem) => {
    setCreating(null);
    message.success(t('catalog.created', { name: item.name }));
    navigate(`/admin/catalog/${item.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('catalog.title')}
        lead={t('catalog.lead')}
        extra={
          can('catalog:edit') && (
            <Space wrap>
              {province && regionRoots('catalog:edit').includes(province) && (
                <Button icon={<PlusOutlined />} onClick={() => setCreating('base')} data-testid="create-base-item">
                  {t('catalog.createBase')}
                </Button>
              )}
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('local')} data-testid="create-local-item">
                {t('catalog.createLocal')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/admin/catalog/import')} data-testid="import-items">
                {t('import.title')}
              </Button>
            </Space>
          )
        }
      />
      <SearchToolbar
        searchLabel={t('catalog.search')}
        permission="catalog:read"
        regionCode={regionCode}
        onSearch={(value) => {
          setQ(value);
          setPage(1);
        }}
        onRegion={(code) => {
          setChosenRegion(code);
          filter({ departmentId: undefined });
        }}
      >
        <Select
          aria-label={t('catalog.kind')}
          placeholder={t('catalog.kindAll')}
          allowClear
          value={filters.kind}
          onChange={(kind: ItemKind | undefined) => filter({ kind })}
          options={(['base', 'local'] as const).map((k) => ({ value: k, label: t(`catalog.kind.${k}`) }))}
          style={{ minWidth: 140 }}
        />
        <Select
          aria-label={t('catalog.status')}
          placeholder={t('catalog.statusAll')}
          allowClear
          value={filters.status}
          onChange={(status: ItemStatus | undefined) => filter({ status })}
          options={(['active', 'suspended', 'cancelled'] as const).map((s) => ({ value: s, label: t(`catalog.status.${s}`) }))}
          style={{ minWidth: 140 }}
        />
        <Select
          aria-label={t('catalog.stage')}
          placeholder={t('catalog.stageAll')}
          allowClear
          value={filters.stage}
          onChange={(stage: Filters['stage']) => filter({ stage })}
          options={(['draft', 'submitted', 'approved'] as const).map((s) => ({ value: s, label: t(`catalog.version.${s}`) }))}
          style={{ minWidth: 140 }}
        />
        <div className="toolbar-select">
          <DepartmentSelect
            aria-label={t('catalog.department')}
            regionCode={regionCode}
            value={filters.departmentId}
            onChange={(departmentId) => filter({ departmentId })}
            placeholder={t('catalog.departmentAll')}
          />
        </div>
      </SearchToolbar>
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<CatalogListItem>
        label={t('catalog.title')}
        rowKey="id"
        data-testid="catalog-items"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('catalog.col.name'), dataIndex: 'name', render: (name: string, i) => <Link to={`/admin/catalog/${i.id}`}>{name}</Link> },
          { title: t('catalog.kind'), dataIndex: 'kind', render: (k: ItemKind) => <Tag>{t(`catalog.kind.${k}`)}</Tag> },
          { title: t('catalog.col.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          { title: t('guide.type'), dataIndex: 'type', render: (type: string) => dict.label('itemTypes', type) },
          { title: t('guide.region'), dataIndex: 'regionName' },
          { title: t('guide.department'), dataIndex: 'departmentName', render: (d: string | null) => d ?? t('common.none') },
          { title: t('catalog.status'), dataIndex: 'status', render: (s: ItemStatus) => <ItemStatusTag status={s} /> },
          {
            title: t('catalog.published'),
            dataIndex: 'publishedVersion',
            render: (n: number | null) => (n ? t('catalog.versionN', { number: n }) : t('catalog.notPublished')),
          },
          {
            title: t('catalog.stage'),
            dataIndex: 'openVersion',
            render: (v: { number: number; status: VersionStatus } | null, i) =>
              v ? (
                <Link to={`/admin/catalog/${i.id}/versions/${v.number}`} aria-label={t('catalog.openVersionOf', { number: v.number, name: i.name })}>
                  <VersionStatusTag status={v.status} /> {t('catalog.versionN', { number: v.number })}
                </Link>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
      {creating === 'base' && <CreateBaseItemModal onCancel={() => setCreating(null)} onDone={created} />}
      {creating === 'local' && <CreateLocalItemModal onCancel={() => setCreating(null)} onDone={created} />}
    </>
  );
}
