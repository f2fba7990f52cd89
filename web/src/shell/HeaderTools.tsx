/** The controls in every header: language, large type, and (in staff areas) the user's menu. */
import { FontSizeOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { translate } from '../i18n.ts';
import { usePrefs } from '../prefs.tsx';
import { toApiError } from '../useApi.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = usePrefs();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(other)}
      lang={other === 'zh' ? 'zh-CN' : 'en'}
      title={t('header.language')}
      data-testid="language-switch"
    >
      {translate(other, 'lang.name')}
    </Button>
  );
}

export function LargeTypeToggle() {
  const { largeType, setLargeType, t } = usePrefs();
  return (
    <Button
      type={largeType ? 'primary' : 'text'}
      icon={<FontSizeOutlined />}
      aria-pressed={largeType}
      onClick={() => setLargeType(!largeType)}
      title={t('header.largeTypeHint')}
      data-testid="large-type-toggle"
    >
      {t('header.largeType')}
    </Button>
  );
}

/**
 * The user's name with "account and security", "change password" and "log out": a dropdown in the
 * header, plain buttons in the phone drawer.
 */
export function UserMenu({ inline = false }: { inline?: boolean }) {
  const { me, logout } = useAuth();
  const { t } = usePrefs();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!me) {
    return (
      <Button type="link" onClick={() => navigate('/login')}>
        {t('header.login')}
      </Button>
    );
  }
  const signOut = () =>
    logout().then(
      () => navigate('/login'),
      (e: unknown) => message.error(toApiError(e).message),
    );
  if (inline) {
    return (
      <div className="user-inline">
        <p>
          <UserOutlined aria-hidden /> {me.name}
        </p>
        <Button icon={<SafetyOutlined />} onClick={() => navigate('/account')} block>
          {t('header.account')}
        </Button>
        <Button icon={<KeyOutlined />} onClick={() => navigate('/password')} block>
          {t('header.changePassword')}
        </Button>
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()} block>
          {t('header.logout')}
        </Button>
      </div>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <SafetyOutlined />, label: t('header.account'), onClick: () => navigate('/account') },
          { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword'), onClick: () => navigate('/password') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {me.name}
      </Button>
    </Dropdown>
  );
}
