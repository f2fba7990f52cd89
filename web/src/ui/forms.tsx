/** Forms that talk to the server: problem+json field errors land next to their fields. */
import { Alert, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { useT } from '../prefs.tsx';
import { toApiError } from '../useApi.ts';
import { ProblemAlert } from './feedback.tsx';

/**
 * Puts each `errors[]` entry of the problem on the form field it names. Returns true when every
 * entry found its field, so the caller need not repeat them in a general alert.
 */
export function showFieldErrors(form: FormInstance, error: ApiError): boolean {
  const known = new Set(form.getFieldsError().map((f) => f.name.join('/')));
  const entries = error.problem.errors ?? [];
  const byField = new Map<string, string[]>();
  for (const e of entries) {
    if (known.has(e.field)) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: field.split('/'), errors })));
  return entries.length > 0 && byField.size === new Set(entries.map((e) => e.field)).size;
}

/** Submit state of a server-backed form: busy flag, the error not shown beside a field, and a runner. */
export function useSubmit<V, R>(form: FormInstance<V>, submit: (values: V) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** The submit's result, or null when it failed (the error is then shown). */
  const run = async (values: V): Promise<{ result: R } | null> => {
    setBusy(true);
    setError(null);
    try {
      return { result: await submit(values) };
    } catch (e) {
      const err = toApiError(e);
      if (!showFieldErrors(form as FormInstance, err)) setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

interface FormModalProps<V, R> {
  title: string;
  okText?: string;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<R>;
  /** After a successful submit, with what it returned. */
  onDone: (result: R) => void;
  onCancel: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A dialog with one form. A 409 that carries the record as it now is (someone else saved first)
 * offers to load that record into the form, with its new version.
 */
export function FormModal<V extends object, R = unknown>({
  title,
  okText,
  initialValues,
  onSubmit,
  onDone,
  onCancel,
  children,
  testId,
}: FormModalProps<V, R>) {
  const t = useT();
  const [form] = Form.useForm<V>();
  const { busy, error, setError, run } = useSubmit(form, onSubmit);
  const current = error?.status === 409 ? error.problem.current : undefined;

  const reloadCurrent = () => {
    if (typeof current !== 'object' || current === null) return;
    const fields = form as FormInstance;
    const names = fields.getFieldsError().map((f) => f.name);
    fields.setFields(names.map((name) => ({ name, value: (current as Record<string, unknown>)[String(name[0])], errors: [] })));
    setError(null);
  };

  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      mask={{ closable: false }}
      modalRender={(dom) => (
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => void run(values).then((done) => done && onDone(done.result))}
          data-testid={testId}
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      {current !== undefined ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('conflict.title')}
          description={t('conflict.detail')}
          action={<Button onClick={reloadCurrent}>{t('conflict.reload')}</Button>}
          className="form-alert"
        />
      ) : (
        error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )
      )}
      {children}
    </Modal>
  );
}
