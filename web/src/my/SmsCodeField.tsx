/**
 * The SMS code of a person form: the code input with a "send code" button beside it, which
 * checks the mobile field, asks the server for a code, and then counts down to the next resend
 * (also after a 429, from its Retry-After).
 */
import { MessageOutlined } from '@ant-design/icons';
import { Button, Form, Input, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api.ts';
import { useT } from '../prefs.tsx';
import type { CodePurpose, CodeSent } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { showFieldErrors } from '../ui/forms.tsx';
import { toApiError } from '../useApi.ts';
import { usePerson } from './personContext.tsx';

/** Seconds left until `deadline` (ms since the epoch), ticking once a second. */
function useSecondsUntil(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => {
    if (deadline <= Date.now()) return;
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= deadline) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return left;
}

interface Props {
  form: FormInstance;
  /** The form's `name`: antd gives the code input the id `${formName}_code`. */
  formName: string;
  purpose: CodePurpose;
}

export function SmsCodeField({ form, formName, purpose }: Props) {
  const t = useT();
  const { post } = usePerson();
  const [deadline, setDeadline] = useState(0);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const seconds = useSecondsUntil(deadline);

  const send = async () => {
    try {
      await form.validateFields(['mobile']);
    } catch {
      return;
    }
    const mobile = String(form.getFieldValue('mobile') ?? '').trim();
    setSending(true);
    setError(null);
    try {
      const answer = await post<CodeSent>('/api/persons/codes', { mobile, purpose });
      setSent(answer);
      setDeadline(Date.now() + answer.resendAfterSeconds * 1000);
      form.getFieldInstance(['code'])?.focus?.();
    } catch (e) {
      const err = toApiError(e);
      if (err.problem.retryAfter) setDeadline(Date.now() + err.problem.retryAfter * 1000);
      if (!showFieldErrors(form, err)) setError(err);
    } finally {
      setSending(false);
    }
  };

  const label = seconds > 0 ? t('person.resendIn', { seconds }) : sent ? t('person.resend') : t('person.sendCode');

  return (
    <>
      <Form.Item label={t('person.code')} htmlFor={`${formName}_code`} required>
        <div className="code-row">
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('person.codeRequired') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="code-input" />
          </Form.Item>
          <Button
            icon={<MessageOutlined />}
            onClick={() => void send()}
            disabled={seconds > 0}
            loading={sending}
            data-testid="send-code"
          >
            {label}
          </Button>
        </div>
      </Form.Item>
      <div role="status" className="code-status" data-testid="code-status">
        {sent && t('person.codeSent', { mobile: sent.sentTo, minutes: Math.round(sent.expiresInSeconds / 60) })}
      </div>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
    </>
  );
}
