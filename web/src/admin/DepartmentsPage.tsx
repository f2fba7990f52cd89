/** Departments: search, filter by region, page; create, edit and (de)activate with optimistic versions. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { patch, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { usePrefs } from '../prefs.tsx';
import type { Department, DepartmentKind, Page } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { CreateDepartmentModal, EditDepartmentModal } from './DepartmentModals.tsx';
import { useAdmin } from './adminContext.tsx';
import { SearchToolbar } from './pickers.tsx';
import { DataTable, usePaging } from '../ui/DataTable.tsx';

export function DepartmentsPage() {
  const { t, lang } = usePrefs();
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('org:manage');
  const [q, setQ] = useState('');
  const { regionRoots } = useAdmin();
  const [chosenRegion, setChosenRegion] = useState<string | undefined>();
  const regionCode = chosenRegion ?? regionRoots('org:read')[0];
  const [includeSubregions, setIncludeSubregions] = useState(true);
  const { page, pageSize, setPage, pagination } = usePaging();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Department | null>(null);

  const list = useApi<Page<Department>>(
    regionCode ? withQuery('/api/departments', { q, regionCode, includeSubregions, page, pageSize }) : null,
  );
  const kinds = useApi<DepartmentKind[]>('/api/department-kinds');
  const kindLabel = (kind: string) => kinds.data?.find((k) => k.kind === kind)?.label[lang] ?? kind;

  const setActive = async (d: Department, active: boolean) => {
    try {
      await patch<Department>(`/api/departments/${d.id}`, { version: d.version, active });
      message.success(active ? t('department.activated') : t('department.deactivated'));
    } catch (e) {
      const err = toApiError(e);
      message.error(err.status === 409 ? t('conflict.detail') : err.message);
    }
    list.reload();
  };

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-department">
              {t('departments.create')}
            </Button>
          )
        }
      />
      <SearchToolbar
        searchLabel={t('departments.search')}
        permission="org:read"
        regionCode={regionCode}
        onSearch={(value) => {
          setQ(value);
          setPage(1);
        }}
        onRegion={(code) => {
          setChosenRegion(code);
          setPage(1);
        }}
      >
        <Checkbox checked={includeSubregions} onChange={(e) => setIncludeSubregions(e.target.checked)}>
          {t('common.includeSubregions')}
        </Checkbox>
      </SearchToolbar>
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<Department>
        label={t('departments.title')}
        rowKey="id"
        data-testid="departments-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('department.name'), dataIndex: 'name' },
          { title: t('department.region'), dataIndex: 'regionName' },
          { title: t('department.kind'), dataIndex: 'kind', render: kindLabel },
          { title: t('department.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? t('common.none') },
          { title: t('department.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('common.status'),
            dataIndex: 'active',
            render: (v: boolean) => <Tag color={v ? 'blue' : 'default'}>{v ? t('common.active') : t('common.inactive')}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, d: Department) => (
                    <Space wrap>
                      <Button size="small" onClick={() => setEditing(d)} aria-label={t('departments.editNamed', { name: d.name })}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t(d.active ? 'departments.confirmDeactivate' : 'departments.confirmActivate', { name: d.name })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => setActive(d, !d.active)}
                      >
                        <Button size="small" danger={d.active}>
                          {d.active ? t('common.deactivate') : t('common.activate')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {creating && (
        <CreateDepartmentModal
          kinds={kinds.data ?? []}
          onCancel={() => setCreating(false)}
          onDone={(d) => {
            setCreating(false);
            message.success(t('departments.created', { name: d.name }));
            list.reload();
          }}
        />
      )}
      {editing && (
        <EditDepartmentModal
          department={editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            message.success(t('common.saved'));
            list.reload();
          }}
        />
      )}
    </>
  );
}
