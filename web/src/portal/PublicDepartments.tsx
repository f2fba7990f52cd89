/** Public disclosure: the departments of the chosen region with their unified social credit codes. */
import { } from 'antd';
import { withQuery } from '../api.ts';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { Items, PublicDepartment } from '../types.ts';
import { useApi } from '../useApi.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DataTable } from '../ui/DataTable.tsx';

export function PublicDepartments() {
  const t = useT();
  const { current, currentPath, error } = useRegions();
  const regionCode = current?.code ?? null;
  const departments = useApi<Items<PublicDepartment>>(regionCode && withQuery('/api/public/departments', { regionCode }));

  if (error) return <ProblemAlert error={error} />;
  if (!current) return <Loading />;

  return (
    <>
      <PageHeader
        title={t('public.departments.title')}
        lead={t('public.departments.lead', { region: currentPath.map((r) => r.name).join(' / ') })}
      />
      {departments.error && <ProblemAlert error={departments.error} />}
      <DataTable<PublicDepartment>
        label={t('public.departments.title')}
        data-testid="public-departments"
        rowKey="id"
        loading={departments.loading}
        dataSource={departments.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('department.name'), dataIndex: 'name' },
          {
            title: t('department.creditCode'),
            dataIndex: 'creditCode',
            render: (v: string | null) => (v ? <code>{v}</code> : t('public.departments.noCreditCode')),
          },
          { title: t('department.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
          { title: t('department.address'), dataIndex: 'address', render: (v: string | null) => v ?? t('common.none') },
        ]}
      />
    </>
  );
}
