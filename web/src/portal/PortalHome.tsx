/** The portal's home: the chosen region, its service halls and its departments directory. */
import { ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined, ShopOutlined } from '@ant-design/icons';
import {Card } from 'antd';
import { Link, useNavigate } from 'react-router';
import { withQuery } from '../api.ts';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { Items, PublicDepartment, PublicHall } from '../types.ts';
import { useApi } from '../useApi.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { ServiceSearchBox } from './ServiceSearchBox.tsx';

export function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  const { current, currentPath, error } = useRegions();
  const regionCode = current?.code ?? null;
  const halls = useApi<Items<PublicHall>>(regionCode && withQuery('/api/public/halls', { regionCode }));
  const departments = useApi<Items<PublicDepartment>>(regionCode && withQuery('/api/public/departments', { regionCode }));

  if (error) return <ProblemAlert error={error} />;
  if (!current) return <Loading />;
  const regionName = currentPath.map((r) => r.name).join(' / ');

  return (
    <div className="stack">
      <PageHeader title={t('portal.home.title', { region: current.name })} lead={t('portal.home.lead', { region: regionName })} />

      <section aria-labelledby="search-heading" className="home-search">
        <h2 id="search-heading">{t('portal.search.title')}</h2>
        <ServiceSearchBox onSearch={(q) => navigate(q ? `/services?q=${encodeURIComponent(q)}` : '/services')} />
        <p>
          <Link to="/services">{t('portal.search.all')}</Link>
        </p>
      </section>

      <section aria-labelledby="halls-heading">
        <h2 id="halls-heading">{t('portal.halls.title')}</h2>
        {halls.error && <ProblemAlert error={halls.error} />}
        {halls.loading && !halls.data && <Loading />}
        {halls.data && halls.data.items.length === 0 && <p>{t('portal.halls.none', { region: current.name })}</p>}
        <div className="card-grid" data-testid="halls">
          {halls.data?.items.map((h) => (
            <Card key={h.id} title={<h3 className="card-title">{h.name}</h3>}>
              <dl className="facts">
                <dt>
                  <EnvironmentOutlined aria-hidden /> {t('hall.address')}
                </dt>
                <dd>{h.address}</dd>
                <dt>
                  <ClockCircleOutlined aria-hidden /> {t('hall.hours')}
                </dt>
                <dd>{h.hours}</dd>
                <dt>
                  <PhoneOutlined aria-hidden /> {t('hall.phone')}
                </dt>
                <dd>{h.phone ?? t('common.none')}</dd>
                <dt>
                  <ShopOutlined aria-hidden /> {t('hall.windows')}
                </dt>
                <dd>{t('hall.windowCount', { count: h.windowCount })}</dd>
              </dl>
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="departments-heading">
        <h2 id="departments-heading">{t('portal.departments.title')}</h2>
        {departments.error && <ProblemAlert error={departments.error} />}
        <DataTable<PublicDepartment>
          label={t('portal.departments.title')}
          data-testid="departments"
          rowKey="id"
          loading={departments.loading}
          dataSource={departments.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('department.name'), dataIndex: 'name' },
            { title: t('department.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
            { title: t('department.address'), dataIndex: 'address', render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </section>
    </div>
  );
}
