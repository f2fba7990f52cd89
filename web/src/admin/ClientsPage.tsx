/**
 * Single sign-on clients: the systems that sign users in through the platform (relying parties)
 * and machine clients (department systems, city platforms) that call the API with client
 * credentials. Register one (its secret is shown once), list them by region, delete one.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { del, post, withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { usePrefs, useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { OidcClient, OidcClientCreated, OidcGrant } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { FormModal } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useAdmin } from './adminContext.tsx';
import { RegionPicker } from './pickers.tsx';

/** The user-information scopes a relying party can be registered for (openid always). */
const OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'id_number', 'entity'] as const;

interface NewClient {
  name: string;
  grant: OidcGrant;
  regionCode: string;
  redirectUris?: string;
  postLogoutRedirectUris?: string;
  backchannelLogoutUri?: string;
  oidcScopes?: string[];
  machineScopes?: string[];
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\s+/)
    .map((s) => s.trim())
    .filter(Boolean);

function RegisterClientModal({ regionCode, onCancel, onDone }: { regionCode: string | undefined; onCancel: () => void; onDone: (c: OidcClientCreated) => void }) {
  const t = useT();
  return (
    <FormModal<NewClient, OidcClientCreated>
      title={t('clients.register')}
      okText={t('clients.registerOk')}
      testId="register-client-form"
      initialValues={{ grant: 'authorization_code', regionCode, oidcScopes: ['openid', 'offline_access', 'profile'] }}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        post<OidcClientCreated>(
          '/api/oidc/clients',
          v.grant === 'authorization_code'
            ? {
                name: v.name.trim(),
                grant: v.grant,
                regionCode: v.regionCode,
                redirectUris: lines(v.redirectUris),
                postLogoutRedirectUris: lines(v.postLogoutRedirectUris),
                backchannelLogoutUri: v.backchannelLogoutUri?.trim() || null,
                scopes: v.oidcScopes ?? [],
              }
            : { name: v.name.trim(), grant: v.grant, regionCode: v.regionCode, scopes: v.machineScopes ?? [] },
        )
      }
    >
      <Form.Item name="name" label={t('clients.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="grant" label={t('clients.grant')}>
        <Radio.Group
          options={[
            { value: 'authorization_code', label: t('clients.grant.authorization_code') },
            { value: 'client_credentials', label: t('clients.grant.client_credentials') },
          ]}
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t('clients.region')} rules={[{ required: true, message: t('common.required') }]}>
        <RegionPicker permission="client:manage" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: NewClient, b: NewClient) => a.grant !== b.grant}>
        {({ getFieldValue }) =>
          getFieldValue('grant') === 'authorization_code' ? (
            <>
              <Form.Item name="redirectUris" label={t('clients.redirectUris')} extra={t('clients.onePerLine')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input.TextArea rows={2} autoComplete="off" />
              </Form.Item>
              <Form.Item name="postLogoutRedirectUris" label={t('clients.postLogoutRedirectUris')} extra={t('clients.onePerLine')}>
                <Input.TextArea rows={2} autoComplete="off" />
              </Form.Item>
              <Form.Item name="backchannelLogoutUri" label={t('clients.backchannelLogoutUri')} extra={t('clients.backchannelHint')}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="oidcScopes" label={t('clients.scopes')}>
                <Checkbox.Group options={OIDC_SCOPES.map((s) => ({ value: s, label: `${s} · ${t(`clients.scope.${s}`)}`, disabled: s === 'openid' }))} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="machineScopes" label={t('clients.scopes')} extra={t('clients.machineScopesHint')}>
              <Select mode="tags" open={false} suffixIcon={null} aria-label={t('clients.scopes')} />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}

/** The one time the secret can be read: copy it now. */
function SecretModal({ client, onClose }: { client: OidcClientCreated; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={t('clients.createdTitle', { name: client.name })} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('clients.secretSaved')}</Button>} width={640}>
      <div className="stack" data-testid="client-secret">
        <Alert type="warning" showIcon role="alert" title={t('clients.secretOnce')} />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="client_id">
            <Typography.Text copyable code data-testid="new-client-id">
              {client.clientId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="client_secret">
            <Typography.Text copyable code data-testid="new-client-secret">
              {client.clientSecret}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('clients.issuer')}>
            <Typography.Text copyable code>{`${window.location.origin}/oidc`}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </div>
    </Modal>
  );
}

export function ClientsPage() {
  const { t } = usePrefs();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { regionRoots } = useAdmin();
  const { nameOf } = useRegions();
  const [chosenRegion, setChosenRegion] = useState<string | undefined>();
  const regionCode = chosenRegion ?? regionRoots('client:manage')[0];
  const [dialog, setDialog] = useState<'register' | null>(null);
  const [created, setCreated] = useState<OidcClientCreated | null>(null);
  const list = useApi<{ items: OidcClient[] }>(regionCode ? withQuery('/api/oidc/clients', { regionCode }) : null);
  const manage = can('client:manage');

  const remove = async (c: OidcClient) => {
    try {
      await del(`/api/oidc/clients/${encodeURIComponent(c.clientId)}`);
      message.success(t('clients.deleted', { name: c.name }));
    } catch (e) {
      message.error(toApiError(e).message);
    }
    list.reload();
  };

  return (
    <>
      <PageHeader
        title={t('clients.title')}
        lead={t('clients.lead')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('register')} data-testid="register-client">
              {t('clients.register')}
            </Button>
          )
        }
      />
      <div className="toolbar">
        <RegionPicker
          permission="client:manage"
          aria-label={t('common.filterRegion')}
          placeholder={t('common.filterRegion')}
          value={regionCode}
          onChange={setChosenRegion}
        />
      </div>
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<OidcClient>
        label={t('clients.title')}
        rowKey="clientId"
        data-testid="clients-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span style={{ color: 'var(--ink-soft)' }}>{t('clients.none')}</span> }}
        columns={[
          { title: t('clients.name'), dataIndex: 'name' },
          { title: 'client_id', dataIndex: 'clientId', render: (v: string) => <code>{v}</code> },
          { title: t('clients.grant'), dataIndex: 'grant', render: (g: OidcGrant) => <Tag>{t(`clients.grant.${g}`)}</Tag> },
          {
            title: t('clients.scopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) => (
              <Space wrap size={4}>
                {scopes.map((s) => (
                  <Tag key={s} color={s === 'id_number' ? 'red' : undefined}>
                    {s}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('clients.redirectUris'),
            dataIndex: 'redirectUris',
            render: (uris: string[]) => (uris.length ? uris.map((u) => <div key={u}>{u}</div>) : t('common.none')),
          },
          { title: t('clients.region'), dataIndex: 'regionCode', render: (code: string) => nameOf(code) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: OidcClient) => (
                    <Popconfirm
                      title={t('clients.confirmDelete', { name: c.name })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(c)}
                    >
                      <Button size="small" danger aria-label={t('clients.deleteOf', { name: c.name })}>
                        {t('clients.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog === 'register' && (
        <RegisterClientModal
          regionCode={regionCode}
          onCancel={() => setDialog(null)}
          onDone={(c) => {
            setDialog(null);
            setCreated(c);
            list.reload();
          }}
        />
      )}
      {created && <SecretModal client={created} onClose={() => setCreated(null)} />}
    </>
  );
}
