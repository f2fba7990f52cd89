/**
 * My enterprises (/my/enterprises): the enterprises I may act for (as legal representative or
 * agent, with scope and expiry), registering one (real-name level L2 needed), and — for those
 * where I am the legal representative — their agents: list, grant, revoke.
 */
import { App, Button, Card, Empty, Form, Input, Popconfirm, Radio, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import type { AgentGrant, Enterprise, Items, ItemTypes } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError, useApi } from '../useApi.ts';
import { ActingForSwitcher } from './ActingFor.tsx';
import { usePerson } from './personContext.tsx';

/** The national item type codes, as the server accepts them. */
const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'] as const;

function useDate() {
  const { lang } = usePrefs();
  const f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });
  return (iso: string) => f.format(new Date(iso));
}

function ScopeText({ itemTypes }: { itemTypes: ItemTypes }) {
  const { t } = usePrefs();
  if (itemTypes === 'all') return <>{t('ent.scopeAll')}</>;
  return <>{itemTypes.map((c) => ((ITEM_TYPES as readonly string[]).includes(c) ? t(`ent.type.${c}` as MessageKey) : c)).join('、')}</>;
}

interface RegisterForm {
  creditCode: string;
  name: string;
}

function RegisterCard({ onDone }: { onDone: () => void }) {
  const { t } = usePrefs();
  const { post } = usePerson();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const { busy, error, run } = useSubmit(form, (v: RegisterForm) => post<Enterprise>('/api/enterprises', { creditCode: v.creditCode.trim().toUpperCase(), name: v.name.trim() }));
  const levelRequired = error?.status === 403 && error.problem.type.endsWith('level-required');
  return (
    <Card title={<h2 className="card-title">{t('ent.register')}</h2>} data-testid="register-enterprise">
      <p className="page-lead">{t('ent.registerLead')}</p>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
          {levelRequired && (
            <p className="text-links" data-testid="level-required">
              {t('ent.levelRequiredDetail')} <Link to="/my">{t('ent.toAccount')}</Link>
            </p>
          )}
        </div>
      )}
      <Form<RegisterForm>
        form={form}
        name="registerEnterprise"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          void run(v).then((done) => {
            if (!done) return;
            form.resetFields();
            message.success(t('ent.registered', { name: done.result.name }));
            onDone();
          })
        }
      >
        <Form.Item name="creditCode" label={t('ent.creditCode')} extra={t('ent.creditCodeRule')} rules={[{ required: true, len: 18, message: t('ent.creditCodeRule') }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ent.register')}
        </Button>
      </Form>
    </Card>
  );
}

interface GrantForm {
  name: string;
  idNumber: string;
  scope: 'all' | 'chosen';
  itemTypes?: string[];
  expiresOn: string;
}

function AgentsCard({ enterprise }: { enterprise: Enterprise }) {
  const { t } = usePrefs();
  const { post, remove } = usePerson();
  const { message } = App.useApp();
  const date = useDate();
  const path = `/api/enterprises/${enterprise.id}/agents`;
  const list = useApi<Items<AgentGrant>>(path);
  const [form] = Form.useForm<GrantForm>();
  const scope = Form.useWatch('scope', form);
  const { busy, error, run } = useSubmit(form, (v: GrantForm) =>
    post<AgentGrant>(path, {
      name: v.name.trim(),
      idNumber: v.idNumber.trim().toUpperCase(),
      itemTypes: v.scope === 'all' ? 'all' : (v.itemTypes ?? []),
      // The end of the chosen day, in China Standard Time.
      expiresAt: new Date(`${v.expiresOn}T23:59:59+08:00`).toISOString(),
    }),
  );

  const revoke = async (a: AgentGrant) => {
    try {
      await remove(`${path}/${a.id}`);
      message.success(t('ent.revokedMsg', { name: a.personName }));
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  const now = Date.now();
  return (
    <Card title={<h2 className="card-title">{t('ent.agents', { name: enterprise.name })}</h2>} data-testid="agents-card">
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.agentsNone')} />
      ) : (
        <ul className="plain-list" data-testid="agents">
          {list.data.items.map((a) => {
            const expired = Date.parse(a.expiresAt) <= now;
            return (
              <li key={a.id} className="plain-list__item">
                <div>
                  <strong>{a.personName}</strong> <span className="muted">{a.idNumberMasked}</span>{' '}
                  {a.revokedAt ? (
                    <Tag className="tag-bad">{t('ent.revokedAt', { time: date(a.revokedAt) })}</Tag>
                  ) : expired ? (
                    <Tag className="tag-bad">{t('ent.expired')}</Tag>
                  ) : (
                    <Tag className="tag-ok">{t('ent.valid')}</Tag>
                  )}
                  <p className="muted">
                    {t('ent.scope')}：<ScopeText itemTypes={a.itemTypes} />
                  </p>
                  <p className="muted">
                    {t('ent.expires')}：{date(a.expiresAt)}
                  </p>
                </div>
                {!a.revokedAt && !expired && (
                  <Popconfirm
                    title={t('ent.confirmRevoke', { name: a.personName })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => revoke(a)}
                  >
                    <Button danger>{t('ent.revoke')}</Button>
                  </Popconfirm>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="subheading">{t('ent.grant')}</h3>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form<GrantForm>
        form={form}
        name="grantAgent"
        layout="vertical"
        requiredMark={false}
        initialValues={{ scope: 'all' }}
        data-testid="grant-agent-form"
        onFinish={(v) =>
          void run(v).then((done) => {
            if (!done) return;
            form.resetFields();
            message.success(t('ent.granted', { name: done.result.personName }));
            list.reload();
          })
        }
      >
        <Form.Item name="name" label={t('ent.agentName')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('ent.agentIdNumber')} extra={t('ent.agentIdNumberHint')} rules={[{ required: true, min: 15, message: t('common.required') }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="scope" label={t('ent.itemTypes')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('ent.itemTypesAll') },
              { value: 'chosen', label: t('ent.itemTypesChosen') },
            ]}
          />
        </Form.Item>
        {scope === 'chosen' && (
          <Form.Item name="itemTypes" label={t('ent.itemTypesPick')} rules={[{ required: true, type: 'array', min: 1, message: t('ent.itemTypesRequired') }]}>
            <Select mode="multiple" virtual={false} options={ITEM_TYPES.map((c) => ({ value: c, label: t(`ent.type.${c}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="expiresOn" label={t('ent.expiresAt')} extra={t('ent.expiresHint')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ent.grant')}
        </Button>
      </Form>
    </Card>
  );
}

export function EnterprisesPage() {
  const { t } = usePrefs();
  const date = useDate();
  const { person } = usePerson();
  const list = useApi<Items<Enterprise>>('/api/enterprises/mine');
  const [managing, setManaging] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const managed = items.find((e) => e.id === managing && e.as === 'legal_representative');
  if (!person) return null;

  return (
    <>
      <PageHeader title={t('ent.title')} lead={t('ent.lead')} />
      <div className="stack">
        <Card title={<h2 className="card-title">{t('acting.label')}</h2>}>
          <ActingForSwitcher enterprises={items} />
        </Card>
        <Card title={<h2 className="card-title">{t('nav.my.enterprises')}</h2>} data-testid="my-enterprises">
          {list.loading ? (
            <Loading />
          ) : list.error ? (
            <ProblemAlert error={list.error} />
          ) : !items.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.none')} />
          ) : (
            <ul className="plain-list">
              {items.map((e) => (
                <li key={e.id} className="plain-list__item" data-testid={`enterprise-${e.creditCode}`}>
                  <div>
                    <strong>{e.name}</strong> <Tag color="blue">{t(`ent.as.${e.as}`)}</Tag>
                    <p className="muted">
                      {t('ent.creditCode')}：{e.creditCode}
                    </p>
                    <p className="muted">
                      {t('ent.scope')}：<ScopeText itemTypes={e.itemTypes} />；{t('ent.expires')}：{e.expiresAt ? date(e.expiresAt) : t('ent.noExpiry')}
                    </p>
                  </div>
                  {e.as === 'legal_representative' && (
                    <Button onClick={() => setManaging(managing === e.id ? null : e.id)} aria-expanded={managing === e.id}>
                      {t('ent.manageAgents')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {managed && <AgentsCard key={managed.id} enterprise={managed} />}
        <RegisterCard onDone={list.reload} />
      </div>
    </>
  );
}
