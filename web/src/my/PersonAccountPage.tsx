/**
 * My account (persons): details, acting for an enterprise, real-name level and online verification,
 * password, authorized applications, login history, log out.
 */
import { CheckCircleFilled, LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ApiError } from '../api.ts';
import type { MessageKey } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import type { Person, RealNameLevel } from '../types.ts';
import { ProblemAlert } from '../ui/feedback.tsx';
import { useSubmit } from '../ui/forms.tsx';
import { LoginHistory } from '../ui/LoginHistory.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { toApiError } from '../useApi.ts';
import { ActingForSwitcher } from './ActingFor.tsx';
import { ApplicationsCard } from './ApplicationsCard.tsx';
import { usePerson } from './personContext.tsx';

const LEVELS: { level: RealNameLevel; what: MessageKey; unlocks: MessageKey }[] = [
  { level: 1, what: 'person.level1', unlocks: 'person.level1Unlocks' },
  { level: 2, what: 'person.level2', unlocks: 'person.level2Unlocks' },
  { level: 3, what: 'person.level3', unlocks: 'person.level3Unlocks' },
];

function LevelCard() {
  const { t, lang } = usePrefs();
  const { person, refresh, post } = usePerson();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!person) return null;

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      await post<Person>('/api/persons/me/verify');
      await refresh();
      message.success(t('person.verified'));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const mismatch = error?.problem.errors?.find((e) => e.field === 'name');
  const since = person.levelVerifiedAt
    ? new Date(person.levelVerifiedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' })
    : null;

  return (
    <Card title={<h2 className="card-title">{t('person.level')}</h2>} data-testid="level-card">
      <p className="card-status">
        <Tag color={person.level >= 2 ? undefined : 'blue'} className={person.level >= 2 ? 'tag-ok' : undefined} data-testid="person-level">
          {t('person.levelTag', { level: person.level })}
        </Tag>
        {since && <span className="muted">{t('person.levelSince', { time: since })}</span>}
      </p>
      <h3 className="subheading">{t('person.levels')}</h3>
      <ol className="levels">
        {LEVELS.map((l) => {
          const current = l.level === person.level;
          const reached = l.level <= person.level;
          return (
            <li key={l.level} className={current ? 'levels__item levels__item--current' : 'levels__item'} aria-current={current ? 'step' : undefined}>
              <p className="levels__what">
                {reached && <CheckCircleFilled aria-hidden className="levels__check" />} {t(l.what)}
                {current && <strong>{t('person.current')}</strong>}
              </p>
              <p className="levels__unlocks">{t(l.unlocks)}</p>
            </li>
          );
        })}
      </ol>
      {error && (
        <div className="form-alert">
          {mismatch ? (
            <Alert type="error" showIcon role="alert" title={t('person.verifyMismatch')} description={mismatch.message} />
          ) : (
            <ProblemAlert error={error} />
          )}
        </div>
      )}
      {person.level === 1 && (
        <>
          <p>{t('person.verifyExplain')}</p>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void verify()} data-testid="verify-online">
            {t('person.verifyOnline')}
          </Button>
        </>
      )}
      {person.level === 2 && <p className="muted">{t('person.toL3')}</p>}
    </Card>
  );
}

interface PasswordForm {
  currentPassword?: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t } = usePrefs();
  const { person, refresh, post } = usePerson();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const hasPassword = person?.hasPassword ?? false;
  const { busy, error, run } = useSubmit(form, async (v: PasswordForm) => {
    await post<void>('/api/persons/me/password', hasPassword ? { currentPassword: v.currentPassword, newPassword: v.newPassword } : { newPassword: v.newPassword });
    await refresh();
  });
  if (!person) return null;
  const title = hasPassword ? t('person.changePassword') : t('person.setPassword');

  return (
    <Card title={<h2 className="card-title">{t('account.password')}</h2>}>
      <p>{hasPassword ? t('person.hasPassword') : t('person.noPassword')}</p>
      {error && (
        <div className="form-alert">
          <ProblemAlert error={error} />
        </div>
      )}
      <Form<PasswordForm>
        form={form}
        name="personPassword"
        layout="vertical"
        requiredMark={false}
        data-testid="person-password-form"
        onFinish={(v) =>
          void run(v).then((done) => {
            if (!done) return;
            form.resetFields();
            message.success(hasPassword ? t('password.changed') : t('person.passwordSet'));
          })
        }
      >
        {hasPassword && (
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={[{ required: true, message: t('password.newRequired') }]}>
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
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {title}
        </Button>
      </Form>
    </Card>
  );
}

export function PersonAccountPage() {
  const { t } = usePrefs();
  const { person, logout } = usePerson();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!person) return null;

  const signOut = () =>
    logout().then(
      () => {
        message.success(t('person.loggedOut'));
        navigate('/my/login', { replace: true });
      },
      (e: unknown) => message.error(toApiError(e).message),
    );

  return (
    <>
      <PageHeader
        title={t('person.accountTitle')}
        lead={t('person.accountLead', { name: person.name })}
        extra={
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="person-logout">
            {t('person.logout')}
          </Button>
        }
      />
      <div className="stack">
        <Card title={<h2 className="card-title">{t('person.profile')}</h2>}>
          <dl className="facts" data-testid="person-facts">
            <dt>{t('person.name')}</dt>
            <dd>{person.name}</dd>
            <dt>{t('person.idNumber')}</dt>
            <dd>{person.idNumberMasked}</dd>
            <dt>{t('person.mobile')}</dt>
            <dd>{person.mobileMasked}</dd>
            <dt>{t('person.level')}</dt>
            <dd>{t('person.levelTag', { level: person.level })}</dd>
          </dl>
        </Card>
        <Card title={<h2 className="card-title">{t('acting.label')}</h2>} data-testid="acting-card">
          <ActingForSwitcher />
        </Card>
        <LevelCard />
        <PasswordCard />
        <ApplicationsCard />
        <Card title={<h2 className="card-title">{t('person.logins')}</h2>}>
          <p className="page-lead">{t('account.loginsLead')}</p>
          <LoginHistory path="/api/persons/me/logins" />
        </Card>
      </div>
    </>
  );
}
