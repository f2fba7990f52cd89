/** The audit trail (auditors): filter, page, and verify the hash chain. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import {Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { ApiError, get, withQuery, type Query } from '../api.ts';
import { usePrefs } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import type { AuditEntry, AuditVerification, Page, Staff } from '../types.ts';
import { toApiError, useApi } from '../useApi.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useAdmin } from './adminContext.tsx';
import { DataTable, usePaging } from '../ui/DataTable.tsx';

interface Filters {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
}

/** `datetime-local` values are the browser's local time; the API takes instants. */
const instant = (local: string | undefined) => (local ? new Date(local).toISOString() : undefined);

function ActorSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = usePrefs();
  const { regionRoots } = useAdmin();
  const regionCode = regionRoots('staff:read')[0];
  const [search, setSearch] = useState('');
  const staff = useApi<Page<Staff>>(regionCode ? withQuery('/api/staff', { regionCode, q: search, pageSize: 20 }) : null);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={staff.loading}
      placeholder={t('audit.actorPlaceholder')}
      notFoundContent={staff.error ? staff.error.message : undefined}
      options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.username})` }))}
    />
  );
}

export function AuditPage() {
  const { t, lang } = usePrefs();
  const { nameOf } = useRegions();
  const { roleLabel } = useAdmin();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Query>({});
  const { page, pageSize, setPage, pagination } = usePaging(50, [20, 50, 100]);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | ApiError | null>(null);
  const list = useApi<Page<AuditEntry>>(withQuery('/api/audit', { ...filters, page, pageSize }));
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Asia/Shanghai',
  });

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await get<AuditVerification>('/api/audit/verify'));
    } catch (e) {
      setVerification(toApiError(e));
    } finally {
      setVerifying(false);
    }
  };

  const apply = (v: Filters) => {
    setFilters({
      from: instant(v.from),
      to: instant(v.to),
      action: v.action?.trim(),
      actorId: v.actorId,
      targetType: v.targetType?.trim(),
      targetId: v.targetId?.trim(),
    });
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        lead={t('audit.lead')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        }
      />
      {verification && (
        <div className="form-alert" data-testid="audit-verification">
          {verification instanceof ApiError ? (
            <ProblemAlert error={verification} />
          ) : verification.ok ? (
            <Alert type="success" showIcon role="status" title={t('audit.verifyOk', { entries: verification.entries })} />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('audit.verifyBroken', { seq: verification.seq ?? '?' })}
              description={verification.problem}
            />
          )}
        </div>
      )}
      <Form<Filters> form={form} layout="vertical" onFinish={apply} className="filter-form" data-testid="audit-filters">
        <Form.Item name="from" label={t('audit.from')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="to" label={t('audit.to')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input placeholder={t('audit.actionPlaceholder')} />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <ActorSelect />
        </Form.Item>
        <Form.Item name="targetType" label={t('audit.targetType')}>
          <Input placeholder={t('audit.targetTypePlaceholder')} />
        </Form.Item>
        <Form.Item name="targetId" label={t('audit.targetId')}>
          <Input />
        </Form.Item>
        <div className="filter-form__actions">
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t('common.reset')}
          </Button>
        </div>
      </Form>
      {list.error && <ProblemAlert error={list.error} />}
      <DataTable<AuditEntry>
        label={t('audit.title')}
        rowKey="seq"
        size="small"
        data-testid="audit-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq' },
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => time.format(new Date(v)) },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, e) => e.actorName ?? (e.actorKind === 'system' ? t('audit.system') : (e.actorId ?? t('common.none'))),
          },
          { title: t('audit.actingAs'), dataIndex: 'actorRole', render: (v: string | null) => (v ? roleLabel(v) : t('common.none')) },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
          {
            title: t('audit.target'),
            key: 'target',
            render: (_, e) => (e.targetType ? `${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}` : t('common.none')),
          },
          { title: t('audit.region'), dataIndex: 'regionCode', render: (v: string | null) => (v ? nameOf(v) : t('common.none')) },
          { title: t('audit.requestId'), dataIndex: 'requestId', render: (v: string | null) => (v ? <code>{v}</code> : t('common.none')) },
          { title: t('audit.clientIp'), dataIndex: 'clientIp', render: (v: string | null) => v ?? t('common.none') },
        ]}
      />
    </>
  );
}
