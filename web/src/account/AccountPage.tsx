/** Staff: who I am, my second factor, my password, and where I logged in from. */
import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { usePrefs } from '../prefs.tsx';
import { LoginHistory } from '../ui/LoginHistory.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';

export function AccountPage() {
  const { t, lang } = usePrefs();
  const { me } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  const roles = [...new Set(me.grants.map((g) => g.roleLabel[lang]))].join('、');
  return (
    <>
      <PageHeader title={t('account.title')} />
      <div className="stack">
        <Card title={<h2 className="card-title">{t('account.profile')}</h2>}>
          <dl className="facts">
            <dt>{t('account.name')}</dt>
            <dd>{me.name}</dd>
            <dt>{t('account.username')}</dt>
            <dd>
              <code>{me.username}</code>
            </dd>
            <dt>{t('staff.roles')}</dt>
            <dd>{roles || t('grants.none')}</dd>
          </dl>
        </Card>

        <Card title={<h2 className="card-title">{t('account.mfa')}</h2>} data-testid="mfa-card">
          <p className="card-status">
            <Tag className={me.mfaEnabled ? 'tag-ok' : undefined} data-testid="mfa-status">
              {me.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}
            </Tag>
          </p>
          <p>{t('account.mfaExplain')}</p>
          {me.mfaRequired && <p>{t('account.mfaRequired')}</p>}
          {me.mfaEnabled ? (
            <p className="muted">{t('account.mfaReset')}</p>
          ) : (
            <Button type="primary" icon={<SafetyOutlined />} onClick={() => navigate('/account/mfa')} data-testid="mfa-enrol">
              {t('account.mfaEnrol')}
            </Button>
          )}
        </Card>

        <Card title={<h2 className="card-title">{t('account.password')}</h2>}>
          <p>{t('account.passwordExplain')}</p>
          <Button icon={<KeyOutlined />} onClick={() => navigate('/password', { state: { from: '/account' } })}>
            {t('header.changePassword')}
          </Button>
        </Card>

        <Card title={<h2 className="card-title">{t('account.logins')}</h2>}>
          <p className="page-lead">{t('account.loginsLead')}</p>
          <LoginHistory path="/api/auth/logins" />
        </Card>
      </div>
    </>
  );
}
