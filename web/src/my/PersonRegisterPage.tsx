/** A person registers: name, ID number, mobile and its SMS code, optionally a password (level L1). */
import { IdcardOutlined, LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ID_NUMBER_RULE, MOBILE_RULE, safeNext } from '../accountRules.ts';
import { useT } from '../prefs.tsx';
import type { PersonMe } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { usePerson } from './personContext.tsx';
import { SmsCodeField } from './SmsCodeField.tsx';

interface Registration {
  name: string;
  idNumber: string;
  mobile: string;
  code: string;
  password?: string;
}

export function PersonRegisterPage() {
  const t = useT();
  const { person, signedIn, post } = usePerson();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Registration>();
  const { busy, error, run } = useSubmit(form, (v: Registration) =>
    post<{ person: PersonMe }>('/api/persons/register', {
      name: v.name.trim(),
      idNumber: v.idNumber.trim().toUpperCase(),
      mobile: v.mobile.trim(),
      code: v.code.trim(),
      ...(v.password ? { password: v.password } : {}),
    }),
  );

  if (person && !busy) return <Navigate to={next} replace />;

  const finish = async (v: Registration) => {
    const done = await run(v);
    if (!done) return;
    message.success(t('person.registered', { name: done.result.person.name }));
    signedIn(done.result.person);
    navigate(next, { replace: true });
  };

  return (
    <div className="auth-page">
      <PageHeader title={t('person.registerTitle')} lead={t('person.registerLead')} />
      <Card>
        {error && (
          <div className="form-alert">
            <ProblemAlert error={error} />
          </div>
        )}
        <Form<Registration>
          form={form}
          name="register"
          layout="vertical"
          onFinish={(v) => void finish(v)}
          requiredMark={false}
          scrollToFirstError
          data-testid="register-form"
        >
          <Form.Item name="name" label={t('person.name')} extra={t('person.nameHint')} rules={[{ required: true, whitespace: true, message: t('person.nameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="name" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('person.idNumber')}
            extra={t('person.idNumberHint')}
            rules={[
              { required: true, whitespace: true, message: t('person.idNumberRequired') },
              { pattern: ID_NUMBER_RULE, message: t('person.idNumberFormat') },
            ]}
          >
            <Input prefix={<IdcardOutlined aria-hidden />} autoComplete="off" maxLength={18} spellCheck={false} />
          </Form.Item>
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
          <SmsCodeField form={form} formName="register" purpose="register" />
          <Form.Item name="password" label={t('person.passwordOptional')} extra={t('person.passwordHint')}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('person.register')}
          </Button>
        </Form>
        <p className="auth-switch">
          {t('person.haveAccount')} <Link to={`/my/login?next=${encodeURIComponent(next)}`}>{t('person.toLogin')}</Link>
        </p>
      </Card>
    </div>
  );
}
