/** Service halls of a region and their numbered windows. */
import { PlusOutlined } from '@ant-design/icons';
import {App, Button, Card, Empty, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { patch, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { Hall, HallWindow, Items } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useAdmin } from './adminContext.tsx';
import { HallModal, WindowModal } from './HallModals.tsx';
import { RegionPicker } from './pickers.tsx';
import { DataTable } from '../ui/DataTable.tsx';

type Editing =
  | { what: 'hall'; hall?: Hall }
  | { what: 'window'; hall: Hall; existing?: HallWindow };

export function HallsPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { nameOf } = useRegions();
  const { regionRoots } = useAdmin();
  const manage = can('org:manage');
  const [chosen, setChosen] = useState<string | undefined>();
  const regionCode = chosen ?? regionRoots('org:read')[0];
  const [editing, setEditing] = useState<Editing | null>(null);
  const halls = useApi<Items<Hall>>(regionCode ? withQuery('/api/halls', { regionCode }) : null);

  const setWindowActive = async (w: HallWindow, active: boolean) => {
    try {
      await patch<HallWindow>(`/api/windows/${w.id}`, { version: w.version, active });
      message.success(active ? t('windows.activated') : t('windows.deactivated'));
    } catch (e) {
      const err = toApiError(e);
      message.error(err.status === 409 ? t('conflict.detail') : err.message);
    }
    halls.reload();
  };

  const saved = () => {
    setEditing(null);
    message.success(t('common.saved'));
    halls.reload();
  };

  return (
    <>
      <PageHeader
        title={t('halls.title')}
        extra={
          manage &&
          regionCode && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ what: 'hall' })} data-testid="create-hall">
              {t('halls.create')}
            </Button>
          )
        }
      />
      <div className="toolbar">
        <RegionPicker permission="org:read" aria-label={t('halls.region')} value={regionCode} onChange={setChosen} />
      </div>
      {halls.error && <ProblemAlert error={halls.error} />}
      {halls.loading && !halls.data && <Loading />}
      {halls.data && halls.data.items.length === 0 && (
        <Empty description={t('halls.none', { region: nameOf(regionCode) })} />
      )}
      <div className="stack" data-testid="halls-list">
        {halls.data?.items.map((hall) => (
          <Card
            key={hall.id}
            title={<h2 className="card-title">{hall.name}</h2>}
            extra={
              manage && (
                <Space wrap>
                  <Button onClick={() => setEditing({ what: 'hall', hall })}>{t('common.edit')}</Button>
                  <Button icon={<PlusOutlined />} onClick={() => setEditing({ what: 'window', hall })}>
                    {t('windows.addShort')}
                  </Button>
                </Space>
              )
            }
          >
            <dl className="facts">
              <dt>{t('hall.address')}</dt>
              <dd>{hall.address}</dd>
              <dt>{t('hall.hours')}</dt>
              <dd>{hall.hours}</dd>
              <dt>{t('hall.phone')}</dt>
              <dd>{hall.phone ?? t('common.none')}</dd>
              <dt>{t('common.status')}</dt>
              <dd>{hall.active ? t('common.active') : t('common.inactive')}</dd>
            </dl>
            <h3 className="subheading">{t('windows.title')}</h3>
            <DataTable<HallWindow>
              label={t('windows.ofHall', { hall: hall.name })}
              rowKey="id"
              size="small"
              dataSource={[...hall.windows].sort((a, b) => a.number - b.number)}
              pagination={false}
              locale={{ emptyText: t('windows.none') }}
              columns={[
                { title: t('windows.number'), dataIndex: 'number', render: (n: number) => t('windows.numberLabel', { number: n }) },
                { title: t('windows.name'), dataIndex: 'name' },
                { title: t('windows.kind'), dataIndex: 'kind', render: (k: HallWindow['kind']) => t(`windows.kind.${k}`) },
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
                        render: (_: unknown, w: HallWindow) => (
                          <Space wrap>
                            <Button size="small" onClick={() => setEditing({ what: 'window', hall, existing: w })}>
                              {t('windows.rename')}
                            </Button>
                            <Popconfirm
                              title={t(w.active ? 'windows.confirmDeactivate' : 'windows.confirmActivate', { number: w.number })}
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => setWindowActive(w, !w.active)}
                            >
                              <Button size="small" danger={w.active}>
                                {w.active ? t('common.deactivate') : t('common.activate')}
                              </Button>
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        ))}
      </div>
      {editing?.what === 'hall' && regionCode && (
        <HallModal regionCode={regionCode} hall={editing.hall} onCancel={() => setEditing(null)} onDone={saved} />
      )}
      {editing?.what === 'window' && (
        <WindowModal hall={editing.hall} existing={editing.existing} onCancel={() => setEditing(null)} onDone={saved} />
      )}
    </>
  );
}
