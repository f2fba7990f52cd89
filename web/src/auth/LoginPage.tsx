import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useAuth, type FromState } from '../auth.tsx';
import { useT } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Where to go after signing in: the page the user came from, else the admin area. */
export function destination(state: unknown): string {
  const from = (state as FromState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('/login') && !from.startsWith('/password') ? from : '/admin';
}

export function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const { busy, error, run } = useSubmit(form, (v: Credentials) => login(v.username.trim(), v.password));

  if (me) {
    return <Navigate to={me.mustChangePassword ? '/password' : destination(location.state)} replace state={location.state} />;
  }

  return (
    <div className="auth-page">
      <PageHeader title={t('login.title')} />
      <Card>
        {error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )}
        <Form<Credentials> form={form} layout="vertical" onFinish={(v) => void run(v)} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
