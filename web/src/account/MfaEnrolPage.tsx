/**
 * Enrolling a TOTP authenticator app: the server makes a secret, the page shows it as a QR code
 * and as groups of four characters, and the first code from the app turns the second factor on.
 * Staff whose role needs it are sent here before anything else.
 */
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Result, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { groupsOfFour } from '../accountRules.ts';
import { post, type ApiError } from '../api.ts';
import { pendingStep, useAuth, type FromState } from '../auth.tsx';
import { destination } from '../auth/LoginPage.tsx';
import { useT } from '../prefs.tsx';
import type { MfaSetup } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError } from '../useApi.ts';

export function MfaEnrolPage() {
  const t = useT();
  const { me, refresh } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [setupError, setSetupError] = useState<ApiError | null>(null);
  const started = useRef(false);
  const [form] = Form.useForm<{ code: string }>();
  const { busy, error, run } = useSubmit(form, async (v: { code: string }) => {
    await post<void>('/api/auth/mfa/enable', { code: v.code.trim() });
    await refresh();
  });
  const enrolled = Boolean(me?.mfaEnabled) && me !== null && pendingStep(me) !== 'mfa-enrolment';

  useEffect(() => {
    if (enrolled || started.current) return;
    started.current = true;
    post<MfaSetup>('/api/auth/mfa/setup').then(
      async (s) => {
        setSetup(s);
        setQr(await QRCode.toDataURL(s.otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 220 }));
      },
      (e: unknown) => setSetupError(toApiError(e)),
    );
  }, [enrolled]);

  if (!me) return null;

  if (enrolled && !setup) {
    return (
      <>
        <PageHeader title={t('mfa.title')} />
        <Result
          status="success"
          title={t('mfa.alreadyOn')}
          extra={<Button onClick={() => navigate('/account')}>{t('mfa.backToAccount')}</Button>}
        />
      </>
    );
  }

  const finish = async (v: { code: string }) => {
    if (await run(v)) {
      message.success(t('mfa.enabled'));
      const from = (location.state as FromState | null)?.from;
      navigate(from ? destination(location.state) : '/account', { replace: true });
    }
  };

  return (
    <div className="narrow-page">
      <PageHeader title={t('mfa.title')} />
      {pendingStep(me) === 'mfa-enrolment' && <Alert type="warning" showIcon title={t('mfa.required')} className="form-alert" />}
      {setupError && (
        <div className="form-alert">
          <ProblemAlert error={setupError} />
        </div>
      )}
      <Card>
        <ol className="steps">
          <li>{t('mfa.step1')}</li>
          <li>
            {t('mfa.step2')}
            {!setup && !setupError && <Loading />}
            {setup && (
              <div className="mfa-secret">
                {qr && <img src={qr} alt={t('mfa.qrAlt')} width={220} height={220} className="mfa-qr" data-testid="mfa-qr" />}
                <div>
                  <p className="mfa-secret__label">
                    {t('mfa.secret')}
                  </p>
                  <Typography.Text
                    copyable={{ text: setup.secret }}
                    code
                    className="mfa-secret__value"
                    data-testid="mfa-secret"
                  >
                    {groupsOfFour(setup.secret)}
                  </Typography.Text>
                  <p className="muted">{t('mfa.secretHint')}</p>
                </div>
              </div>
            )}
          </li>
          <li>
            {t('mfa.step3')}
            {error && (
              <div className="form-alert">
                <ProblemAlert error={error} />
              </div>
            )}
            <Form<{ code: string }> form={form} layout="vertical" onFinish={(v) => void finish(v)} requiredMark={false} data-testid="mfa-form">
              <Form.Item name="code" label={t('mfa.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeRequired') }]}>
                <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="code-input" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} disabled={!setup}>
                {t('mfa.enable')}
              </Button>
            </Form>
          </li>
        </ol>
      </Card>
    </div>
  );
}
