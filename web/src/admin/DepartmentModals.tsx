/** Creating a department (name suggested by the server from kind and region) and editing one. */
import { Form, Input, Select } from 'antd';
import { useEffect, useRef } from 'react';
import { get, patch, post } from '../api.ts';
import { usePrefs, useT } from '../prefs.tsx';
import type { Department, DepartmentKind } from '../types.ts';
import { FormModal } from '../ui/forms.tsx';
import { RegionPicker } from './pickers.tsx';

interface DepartmentValues {
  regionCode: string;
  kind: string;
  name?: string;
  creditCode?: string;
  phone?: string;
  address?: string;
}

/** Optional text fields: left out when empty on create. */
const filled = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Fills the name with the server's suggestion for the chosen kind and region, unless the user typed one. */
function SuggestedName() {
  const t = useT();
  const form = Form.useFormInstance<DepartmentValues>();
  const regionCode = Form.useWatch('regionCode', form);
  const kind = Form.useWatch('kind', form);
  const lastSuggestion = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!regionCode || !kind) return;
    let live = true;
    get<{ name: string }>(`/api/department-kinds/${encodeURIComponent(kind)}/name`, { regionCode }).then(
      ({ name }) => {
        const typed = form.getFieldValue('name') as string | undefined;
        if (live && (!typed || typed === lastSuggestion.current)) {
          form.setFieldValue('name', name);
          lastSuggestion.current = name;
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [regionCode, kind, form]);

  return (
    <Form.Item name="name" label={t('department.name')} extra={t('departments.nameSuggested')}>
      <Input data-testid="department-name" />
    </Form.Item>
  );
}

function ContactFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="creditCode" label={t('department.creditCode')} extra={t('department.creditCodeHint')}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t('department.phone')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="address" label={t('department.address')}>
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}

export function CreateDepartmentModal({
  kinds,
  onCancel,
  onDone,
}: {
  kinds: DepartmentKind[];
  onCancel: () => void;
  onDone: (d: Department) => void;
}) {
  const { t, lang } = usePrefs();
  return (
    <FormModal<DepartmentValues, Department>
      title={t('departments.create')}
      okText={t('common.create')}
      testId="create-department-form"
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        post<Department>('/api/departments', {
          regionCode: v.regionCode,
          kind: v.kind,
          name: filled(v.name),
          creditCode: filled(v.creditCode),
          phone: filled(v.phone),
          address: filled(v.address),
        })
      }
    >
      <Form.Item name="regionCode" label={t('department.region')} rules={[{ required: true, message: t('common.required') }]}>
        <RegionPicker permission="org:manage" data-testid="department-region" />
      </Form.Item>
      <Form.Item name="kind" label={t('department.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('department.chooseKind')}
          options={kinds.map((k) => ({ value: k.kind, label: k.label[lang] }))}
          data-testid="department-kind"
        />
      </Form.Item>
      <SuggestedName />
      <ContactFields />
    </FormModal>
  );
}

interface EditValues {
  version: number;
  name: string;
  creditCode?: string | null;
  phone?: string | null;
  address?: string | null;
}

export function EditDepartmentModal({
  department,
  onCancel,
  onDone,
}: {
  department: Department;
  onCancel: () => void;
  onDone: (d: Department) => void;
}) {
  const t = useT();
  const cleared = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return (
    <FormModal<EditValues, Department>
      title={t('departments.editNamed', { name: department.name })}
      testId="edit-department-form"
      initialValues={department}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        patch<Department>(`/api/departments/${department.id}`, {
          version: v.version,
          name: v.name.trim(),
          creditCode: cleared(v.creditCode),
          phone: cleared(v.phone),
          address: cleared(v.address),
        })
      }
    >
      <Form.Item name="version" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('department.name')} rules={[{ required: true, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      <ContactFields />
    </FormModal>
  );
}
