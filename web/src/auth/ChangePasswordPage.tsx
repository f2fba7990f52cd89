import { Alert, App, Button, Card, Form, Input } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { post } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useT } from '../prefs.tsx';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { destination } from './LoginPage.tsx';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const t = useT();
  const { me, refresh } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordChange>();
  const { busy, error, run } = useSubmit(form, async (v: PasswordChange) => {
    await post<void>('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    await refresh();
  });

  if (!me) return <Navigate to="/login" replace state={location.state} />;

  const finish = async (v: PasswordChange) => {
    if (await run(v)) {
      message.success(t('password.changed'));
      navigate(destination(location.state), { replace: true });
    }
  };

  return (
    <div className="auth-page">
      <PageHeader title={t('password.title')} />
      <Card>
        {me.mustChangePassword && (
          <Alert type="info" showIcon title={t('password.mustChange')} className="form-alert" />
        )}
        {error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )}
        <Form<PasswordChange> form={form} layout="vertical" onFinish={(v) => void finish(v)} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule')}
            rules={[{ required: true, message: t('password.newRequired') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
