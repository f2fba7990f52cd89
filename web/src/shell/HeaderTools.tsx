/** The controls in every header: language, large type, and the account menu. */
import { FontSizeOutlined, GlobalOutlined, KeyOutlined, LoginOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { translate, type MessageKey } from '../i18n.ts';
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

/** A link of the account menu: one of the account's pages. */
export interface AccountLink {
  key: string;
  to: string;
  icon: ReactNode;
  label: MessageKey;
}

/**
 * The account menu of every area, staff or persons: the signed-in user's name with the account's
 * pages and "log out" (which also ends the browser's single sign-on session, on the server), as a
 * dropdown in the header and as plain buttons in the phone drawer; a login button when nobody is.
 */
export function AccountMenu({
  inline,
  name,
  login,
  links,
  logout,
  testId,
}: {
  inline: boolean;
  /** The signed-in user's name, or null. */
  name: string | null;
  /** The login page, and where logging out leads. */
  login: { to: string; label: MessageKey };
  links: AccountLink[];
  logout: () => Promise<void>;
  testId: string;
}) {
  const { t } = usePrefs();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (name === null) {
    return (
      <Button type={inline ? 'default' : 'link'} icon={<LoginOutlined />} onClick={() => navigate(login.to)} block={inline}>
        {t(login.label)}
      </Button>
    );
  }
  const signOut = () =>
    logout().then(
      () => navigate(login.to),
      (e: unknown) => message.error(toApiError(e).message),
    );
  if (inline) {
    return (
      <div className="user-inline">
        <p>
          <UserOutlined aria-hidden /> {name}
        </p>
        {links.map((l) => (
          <Button key={l.key} icon={l.icon} onClick={() => navigate(l.to)} block>
            {t(l.label)}
          </Button>
        ))}
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
          ...links.map((l) => ({ key: l.key, icon: l.icon, label: t(l.label), onClick: () => navigate(l.to) })),
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid={testId}>
        {name}
      </Button>
    </Dropdown>
  );
}

const STAFF_LINKS: AccountLink[] = [
  { key: 'account', to: '/account', icon: <SafetyOutlined />, label: 'header.account' },
  { key: 'password', to: '/password', icon: <KeyOutlined />, label: 'header.changePassword' },
];

/** The staff member's account menu ("account and security", "change password", "log out"). */
export function UserMenu({ inline = false }: { inline?: boolean }) {
  const { me, logout } = useAuth();
  return <AccountMenu inline={inline} name={me?.name ?? null} login={{ to: '/login', label: 'header.login' }} links={STAFF_LINKS} logout={logout} testId="user-menu" />;
}
