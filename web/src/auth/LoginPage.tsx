import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { Link, Navigate, useLocation } from 'react-router';
import { safeNext, staffDestination } from '../accountRules.ts';
import { PENDING_PAGE, pendingStep, useAuth, type FromState } from '../auth.tsx';
import { useT } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError } from '../useApi.ts';

interface Credentials {
  username: string;
  password: string;
  totp?: string;
}

/** The server asks for the second factor (and opens no session) when the password was right. */
const MFA_REQUIRED = '/problems/mfa-required';
const INVALID_LOGIN = '/problems/invalid-login';

/** The server's "wrong user name or password" also answers a wrong code: once a code was asked for, say so. */
const withTitle = (error: ApiError, title: string) => new ApiError({ ...error.problem, title });

/** Where to go after signing in: the page the user came from, else the admin area. */
export function destination(state: unknown): string {
  return staffDestination((state as FromState | null)?.from);
}

export function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const [askTotp, setAskTotp] = useState(false);
  const { busy, error, run } = useSubmit(form, async (v: Credentials) => {
    try {
      return await login(v.username.trim(), v.password, askTotp ? v.totp?.trim() : undefined);
    } catch (e) {
      if (toApiError(e).problem.type !== MFA_REQUIRED) throw e;
      setAskTotp(true);
      return null;
    }
  });

  // Single sign-on sends a browser without a session here with next=/oidc/interaction/….
  const next = safeNext(new URLSearchParams(location.search).get('next'), '') || null;
  const state: unknown = next ? ({ from: next } satisfies FromState) : location.state;
  if (me) {
    const pending = pendingStep(me);
    return <Navigate to={pending ? PENDING_PAGE[pending] : destination(state)} replace state={state} />;
  }

  return (
    <div className="auth-page">
      <PageHeader title={t('login.title')} />
      <Card>
        {error && (
          <div className="form-alert">
            <ProblemAlert error={askTotp && error.problem.type === INVALID_LOGIN ? withTitle(error, t('login.invalidWithCode')) : error} />
          </div>
        )}
        <Form<Credentials> form={form} layout="vertical" onFinish={(v) => void run(v)} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          {askTotp && (
            <>
              <Alert type="info" showIcon role="status" title={t('login.totpHint')} className="form-alert" data-testid="totp-hint" />
              <Form.Item
                name="totp"
                label={t('login.totp')}
                extra={t('login.totpLost')}
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.totpRequired') }]}
              >
                <Input
                  prefix={<SafetyOutlined aria-hidden />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  autoFocus
                  className="code-input"
                />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        {next?.startsWith('/oidc/') && (
          <p className="auth-switch">
            <Link to={`/my/login?next=${encodeURIComponent(next)}`}>{t('login.asPerson')}</Link>
          </p>
        )}
      </Card>
    </div>
  );
}
