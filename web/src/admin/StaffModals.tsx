/** Creating a staff account, resetting its password, and granting and revoking its roles. */
import {App, Button, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { useState } from 'react';
import { del, post, type ApiError } from '../api.ts';
import { usePrefs, useT } from '../prefs.tsx';
import type { Grant, Staff } from '../types.ts';
import { toApiError } from '../useApi.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { FormModal, useSubmit } from '../ui/forms.tsx';
import { useAdmin } from './adminContext.tsx';
import { DepartmentSelect, RegionPicker } from './pickers.tsx';
import { DataTable } from '../ui/DataTable.tsx';

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** A department select that follows the region chosen in the same form. */
function DepartmentField({ label, extra }: { label: string; extra?: string }) {
  const form = Form.useFormInstance();
  const regionCode = Form.useWatch<string | undefined>('regionCode', form);
  return (
    <Form.Item name="departmentId" label={label} extra={extra}>
      <DepartmentSelect regionCode={regionCode} />
    </Form.Item>
  );
}

interface NewStaff {
  username: string;
  name: string;
  password: string;
  regionCode: string;
  departmentId?: string;
}

export function CreateStaffModal({ onCancel, onDone }: { onCancel: () => void; onDone: (s: Staff) => void }) {
  const t = useT();
  return (
    <FormModal<NewStaff, Staff>
      title={t('staff.create')}
      okText={t('common.create')}
      testId="create-staff-form"
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        post<Staff>('/api/staff', {
          username: v.username.trim(),
          name: v.name.trim(),
          password: v.password,
          regionCode: v.regionCode,
          departmentId: v.departmentId || undefined,
        })
      }
    >
      <Form.Item name="username" label={t('staff.username')} extra={t('staff.usernameHint')} rules={required(t('common.required'))}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('staff.name')} rules={required(t('common.required'))}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="password" label={t('staff.initialPassword')} extra={t('staff.passwordHint')} rules={required(t('common.required'))}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('staff.region')} rules={[{ required: true, message: t('common.required') }]}>
        <RegionPicker permission="staff:manage" />
      </Form.Item>
      <DepartmentField label={t('staff.department')} extra={t('staff.departmentHint')} />
    </FormModal>
  );
}

export function ResetPasswordModal({ staff, onCancel, onDone }: { staff: Staff; onCancel: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <FormModal<{ password: string }, void>
      title={t('staff.resetPasswordOf', { name: staff.name })}
      okText={t('staff.resetPassword')}
      testId="reset-password-form"
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) => post<void>(`/api/staff/${staff.id}/reset-password`, { password: v.password })}
    >
      <Form.Item name="password" label={t('staff.newPassword')} extra={t('staff.passwordHint')} rules={required(t('common.required'))}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

interface NewGrant {
  role: string;
  regionCode: string;
  departmentId?: string;
}

/** The roles a staff member holds (each within a region and optionally a department), to grant and revoke. */
export function GrantsModal({ staff, onClose }: { staff: Staff; onClose: () => void }) {
  const { t, lang } = usePrefs();
  const { message } = App.useApp();
  const { roles } = useAdmin();
  const [grants, setGrants] = useState<Grant[]>(staff.grants);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);
  const [form] = Form.useForm<NewGrant>();
  const { busy, error, run } = useSubmit(form, (v: NewGrant) =>
    post<Grant>(`/api/staff/${staff.id}/grants`, { role: v.role, regionCode: v.regionCode, departmentId: v.departmentId || undefined }),
  );

  const revoke = async (g: Grant) => {
    setRevokeError(null);
    try {
      await del(`/api/staff/${staff.id}/grants/${g.id}`);
      setGrants((list) => list.filter((x) => x.id !== g.id));
      message.success(t('grants.revoked'));
    } catch (e) {
      setRevokeError(toApiError(e));
    }
  };

  return (
    <Modal
      open
      title={t('grants.title', { name: staff.name })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={760}
    >
      <div className="stack">
        {revokeError && <ProblemAlert error={revokeError} />}
        <DataTable<Grant>
          label={t('grants.title', { name: staff.name })}
          rowKey="id"
          size="small"
          dataSource={grants}
          pagination={false}
          locale={{ emptyText: t('grants.none') }}
          columns={[
            { title: t('grants.role'), key: 'role', render: (_, g) => g.roleLabel[lang] },
            { title: t('grants.region'), dataIndex: 'regionName' },
            { title: t('grants.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? t('grants.allDepartments') },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, g) => (
                <Popconfirm
                  title={t('grants.confirmRevoke', { role: g.roleLabel[lang], region: g.regionName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke(g)}
                >
                  <Button size="small" danger>
                    {t('grants.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <h3 className="subheading">{t('grants.add')}</h3>
        {error && <ProblemAlert error={error} />}
        <Form<NewGrant>
          form={form}
          layout="vertical"
          data-testid="grant-form"
          onFinish={(v) =>
            void run(v).then((done) => {
              if (!done) return;
              setGrants((list) => [...list, done.result]);
              form.resetFields();
              message.success(t('grants.granted'));
            })
          }
        >
          <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={roles.map((r) => ({ value: r.role, label: r.label[lang] }))} placeholder={t('grants.chooseRole')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('grants.region')} rules={[{ required: true, message: t('common.required') }]}>
            <RegionPicker permission="staff:manage" />
          </Form.Item>
          <DepartmentField label={t('grants.department')} extra={t('grants.departmentHint')} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('grants.grant')}
          </Button>
        </Form>
      </div>
    </Modal>
  );
}
