/** A person logs in: mobile + SMS code, or ID number + password. */
import { IdcardOutlined, LockOutlined, MobileOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Tabs } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ID_NUMBER_RULE, MOBILE_RULE, safeNext } from '../accountRules.ts';
import { useT } from '../prefs.tsx';
import type { PersonMe } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { usePerson } from './personContext.tsx';
import { SmsCodeField } from './SmsCodeField.tsx';

type Method = 'code' | 'password';

function useLoggedIn(next: string) {
  const t = useT();
  const { signedIn } = usePerson();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (person: PersonMe) => {
    message.success(t('person.welcome', { name: person.name }));
    signedIn(person);
    navigate(next, { replace: true });
  };
}

function CodeLogin({ next }: { next: string }) {
  const t = useT();
  const { post } = usePerson();
  const loggedIn = useLoggedIn(next);
  const [form] = Form.useForm<{ mobile: string; code: string }>();
  const { busy, error, run } = useSubmit(form, (v: { mobile: string; code: string }) =>
    post<{ person: PersonMe }>('/api/persons/login/code', { mobile: v.mobile.trim(), code: v.code.trim() }),
  );
  return (
    <>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form
        form={form}
        name="codeLogin"
        layout="vertical"
        requiredMark={false}
        data-testid="code-login-form"
        onFinish={(v) => void run(v).then((done) => done && loggedIn(done.result.person))}
      >
        <Form.Item
          name="mobile"
          label={t('person.mobile')}
          rules={[
            { required: true, message: t('person.mobileRequired') },
            { pattern: MOBILE_RULE, message: t('person.mobileFormat') },
          ]}
        >
          <Input prefix={<MobileOutlined aria-hidden />} inputMode="tel" autoComplete="tel-national" maxLength={11} />
        </Form.Item>
        <SmsCodeField form={form} formName="codeLogin" purpose="login" />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('person.login')}
        </Button>
      </Form>
    </>
  );
}

function PasswordLogin({ next }: { next: string }) {
  const t = useT();
  const { post } = usePerson();
  const loggedIn = useLoggedIn(next);
  const [form] = Form.useForm<{ idNumber: string; password: string }>();
  const { busy, error, run } = useSubmit(form, (v: { idNumber: string; password: string }) =>
    post<{ person: PersonMe }>('/api/persons/login/password', { idNumber: v.idNumber.trim().toUpperCase(), password: v.password }),
  );
  return (
    <>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form
        form={form}
        name="passwordLogin"
        layout="vertical"
        requiredMark={false}
        data-testid="password-login-form"
        onFinish={(v) => void run(v).then((done) => done && loggedIn(done.result.person))}
      >
        <Form.Item
          name="idNumber"
          label={t('person.idNumber')}
          rules={[
            { required: true, whitespace: true, message: t('person.idNumberRequired') },
            { pattern: ID_NUMBER_RULE, message: t('person.idNumberFormat') },
          ]}
        >
          <Input prefix={<IdcardOutlined aria-hidden />} autoComplete="username" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('person.password')} rules={[{ required: true, message: t('person.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('person.login')}
        </Button>
      </Form>
    </>
  );
}

export function PersonLoginPage() {
  const t = useT();
  const { person } = usePerson();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [method, setMethod] = useState<Method>('code');

  if (person) return <Navigate to={next} replace />;

  return (
    <div className="auth-page">
      <PageHeader title={t('person.loginTitle')} lead={t('person.loginLead')} />
      <Card>
        <Tabs
          activeKey={method}
          onChange={(key) => setMethod(key as Method)}
          items={[
            { key: 'code', label: t('person.tabCode'), children: <CodeLogin next={next} /> },
            { key: 'password', label: t('person.tabPassword'), children: <PasswordLogin next={next} /> },
          ]}
        />
        <p className="auth-switch">
          {t('person.noAccount')} <Link to={`/my/register?next=${encodeURIComponent(next)}`}>{t('person.toRegister')}</Link>
        </p>
      </Card>
    </div>
  );
}
