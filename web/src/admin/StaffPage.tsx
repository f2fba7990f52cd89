/** Staff accounts: search and page; create, grant and revoke roles, reset passwords and second factors, (de)activate. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { patch, post, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { usePrefs } from '../prefs.tsx';
import type { Page, Staff } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useAdmin } from './adminContext.tsx';
import { SearchToolbar } from './pickers.tsx';
import { CreateStaffModal, GrantsModal, ResetPasswordModal } from './StaffModals.tsx';
import { DataTable, usePaging } from '../ui/DataTable.tsx';

type Dialog = { what: 'create' } | { what: 'grants'; staff: Staff } | { what: 'password'; staff: Staff };

export function StaffPage() {
  const { t, lang } = usePrefs();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const manage = can('staff:manage');
  const [q, setQ] = useState('');
  const { regionRoots } = useAdmin();
  const [chosenRegion, setChosenRegion] = useState<string | undefined>();
  const regionCode = chosenRegion ?? regionRoots('staff:read')[0];
  const { page, pageSize, setPage, pagination } = usePaging();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useApi<Page<Staff>>(regionCode ? withQuery('/api/staff', { q, regionCode, page, pageSize }) : null);

  const setActive = async (s: Staff, active: boolean) => {
    try {
      await patch<Staff>(`/api/staff/${s.id}`, { version: s.version, active });
      message.success(active ? t('staff.activated') : t('staff.deactivated'));
    } catch (e) {
      const err = toApiError(e);
      message.error(err.status === 409 ? t('conflict.detail') : err.message);
    }
    list.reload();
  };

  const resetMfa = async (s: Staff) => {
    try {
      await post<void>(`/api/staff/${s.id}/mfa/reset`);
      message.success(t('staff.mfaResetDone', { name: s.name }));
    } catch (e) {
      message.error(toApiError(e).message);
    }
    list.reload();
  };

  const close = () => {
    setDialog(null);
    list.reload();
  };

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ what: 'create' })} data-testid="create-staff">
              {t('staff.create')}
            </Button>
          )
        }
      />
      <SearchToolbar
        searchLabel={t('staff.search')}
        permission="staff:read"
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
      </SearchToolbar>
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<Staff>
        label={t('staff.title')}
        rowKey="id"
        data-testid="staff-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('staff.username'), dataIndex: 'username', render: (v: string) => <code>{v}</code> },
          { title: t('staff.name'), dataIndex: 'name' },
          { title: t('staff.region'), dataIndex: 'regionName' },
          { title: t('staff.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('staff.roles'),
            key: 'grants',
            render: (_, s) =>
              s.grants.length ? (
                <Space wrap size={4}>
                  {s.grants.map((g) => (
                    <Tag key={g.id}>{t('staff.grantLabel', { role: g.roleLabel[lang], region: g.regionName })}</Tag>
                  ))}
                </Space>
              ) : (
                t('grants.none')
              ),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, s) => (
              <Space wrap size={4}>
                <Tag color={s.active ? 'blue' : 'default'}>{s.active ? t('common.active') : t('common.inactive')}</Tag>
                {s.mustChangePassword && <Tag>{t('staff.mustChangePassword')}</Tag>}
                {s.mfaEnabled && <Tag className="tag-ok">{t('staff.mfaOn')}</Tag>}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, s: Staff) => (
                    <Space wrap>
                      <Button size="small" onClick={() => setDialog({ what: 'grants', staff: s })}>
                        {t('staff.manageRoles')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ what: 'password', staff: s })}>
                        {t('staff.resetPassword')}
                      </Button>
                      {s.mfaEnabled !== false && (
                        <Popconfirm
                          title={t('staff.confirmResetMfa', { name: s.name })}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => resetMfa(s)}
                        >
                          <Button size="small" data-testid={`reset-mfa-${s.username}`}>
                            {t('staff.resetMfa')}
                          </Button>
                        </Popconfirm>
                      )}
                      {s.id !== me?.id && (
                        <Popconfirm
                          title={t(s.active ? 'staff.confirmDeactivate' : 'staff.confirmActivate', { name: s.name })}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => setActive(s, !s.active)}
                        >
                          <Button size="small" danger={s.active}>
                            {s.active ? t('common.deactivate') : t('common.activate')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.what === 'create' && (
        <CreateStaffModal
          onCancel={() => setDialog(null)}
          onDone={(s) => {
            message.success(t('staff.created', { name: s.name }));
            close();
          }}
        />
      )}
      {dialog?.what === 'grants' && <GrantsModal staff={dialog.staff} onClose={close} />}
      {dialog?.what === 'password' && (
        <ResetPasswordModal
          staff={dialog.staff}
          onCancel={() => setDialog(null)}
          onDone={() => {
            message.success(t('staff.passwordReset', { name: dialog.staff.name }));
            setDialog(null);
          }}
        />
      )}
    </>
  );
}
