/** Creating and editing a service hall; adding and renaming its windows. */
import { Form, Input, Radio } from 'antd';
import { patch, post } from '../api.ts';
import { useT } from '../prefs.tsx';
import type { Hall, HallWindow, WindowKind } from '../types.ts';
import { FormModal } from '../ui/forms.tsx';

interface HallValues {
  version?: number;
  name: string;
  address: string;
  hours: string;
  phone?: string | null;
}

export function HallModal({
  regionCode,
  hall,
  onCancel,
  onDone,
}: {
  regionCode: string;
  /** The hall to edit; none to create one in the region. */
  hall?: Hall;
  onCancel: () => void;
  onDone: (h: Hall) => void;
}) {
  const t = useT();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const phone = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return (
    <FormModal<HallValues, Hall>
      title={hall ? t('halls.editNamed', { name: hall.name }) : t('halls.create')}
      okText={hall ? t('common.save') : t('common.create')}
      testId="hall-form"
      initialValues={hall}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) => {
        const fields = { name: v.name.trim(), address: v.address.trim(), hours: v.hours.trim() };
        return hall
          ? patch<Hall>(`/api/halls/${hall.id}`, { ...fields, version: v.version, phone: phone(v.phone) })
          : post<Hall>('/api/halls', { ...fields, regionCode, phone: phone(v.phone) ?? undefined });
      }}
    >
      {hall && (
        <Form.Item name="version" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('hall.name')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t('hall.address')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="hours" label={t('hall.hours')} extra={t('halls.hoursHint')} rules={required}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('hall.phone')}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

interface WindowValues {
  version?: number;
  name: string;
  kind: WindowKind;
}

export function WindowModal({
  hall,
  existing,
  onCancel,
  onDone,
}: {
  hall: Hall;
  /** The window to rename; none to add one (the server gives it the next number). */
  existing?: HallWindow;
  onCancel: () => void;
  onDone: (w: HallWindow) => void;
}) {
  const t = useT();
  return (
    <FormModal<WindowValues, HallWindow>
      title={existing ? t('windows.editNumbered', { number: existing.number }) : t('windows.add', { hall: hall.name })}
      okText={existing ? t('common.save') : t('common.create')}
      testId="window-form"
      initialValues={existing ?? { kind: 'comprehensive' }}
      onCancel={onCancel}
      onDone={onDone}
      onSubmit={(v) =>
        existing
          ? patch<HallWindow>(`/api/windows/${existing.id}`, { version: v.version, name: v.name.trim(), kind: v.kind })
          : post<HallWindow>(`/api/halls/${hall.id}/windows`, { name: v.name.trim(), kind: v.kind })
      }
    >
      {existing && (
        <Form.Item name="version" hidden>
          <Input />
        </Form.Item>
      )}
      {!existing && <p>{t('windows.numberAssigned')}</p>}
      <Form.Item name="name" label={t('windows.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('windows.kind')}>
        <Radio.Group
          options={[
            { value: 'comprehensive', label: t('windows.kind.comprehensive') },
            { value: 'dedicated', label: t('windows.kind.dedicated') },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
