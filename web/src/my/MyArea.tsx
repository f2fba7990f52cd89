/**
 * My space (我的) for persons: registration, login, my account; cases, e-licenses and evaluations
 * come with their modules. The person session is separate from the staff one.
 */
import { LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { Route, Routes, useNavigate } from 'react-router';
import { useT } from '../prefs.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { toApiError } from '../useApi.ts';
import { ActingForBanner } from './ActingFor.tsx';
import { EnterprisesPage } from './EnterprisesPage.tsx';
import { PersonAccountPage } from './PersonAccountPage.tsx';
import { PersonLoginPage } from './PersonLoginPage.tsx';
import { PersonProvider, RequirePerson, usePerson } from './personContext.tsx';
import { PersonRegisterPage } from './PersonRegisterPage.tsx';

const nav: NavItem[] = [
  { to: '/my', label: 'nav.my.account', end: true },
  { to: '/my/enterprises', label: 'nav.my.enterprises' },
  { to: '/my/cases', label: 'nav.my.cases' },
  { to: '/my/licenses', label: 'nav.my.licenses' },
  { to: '/my/evaluations', label: 'nav.my.evaluations' },
];

/** The person's name with "log out", or a login link: in the header, or as buttons in the phone drawer. */
function PersonMenu({ inline }: { inline: boolean }) {
  const t = useT();
  const { person, logout } = usePerson();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!person) {
    return (
      <Button type={inline ? 'default' : 'link'} icon={<LoginOutlined />} onClick={() => navigate('/my/login')} block={inline}>
        {t('header.personLogin')}
      </Button>
    );
  }
  const signOut = () =>
    logout().then(
      () => navigate('/my/login'),
      (e: unknown) => message.error(toApiError(e).message),
    );
  if (inline) {
    return (
      <div className="user-inline">
        <p>
          <UserOutlined aria-hidden /> {person.name}
        </p>
        <Button icon={<LogoutOutlined />} onClick={() => void signOut()} block>
          {t('person.logout')}
        </Button>
      </div>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <UserOutlined />, label: t('nav.my.account'), onClick: () => navigate('/my') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('person.logout'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="person-menu">
        {person.name}
      </Button>
    </Dropdown>
  );
}

const soon = (label: Parameters<typeof ComingSoon>[0]['label'], text: Parameters<typeof ComingSoon>[0]['soon']) => (
  <RequirePerson>
    <ComingSoon label={label} soon={text} />
  </RequirePerson>
);

export default function MyArea() {
  return (
    <PersonProvider>
      <AppShell title="area.my" nav={nav} userMenu={(inline) => <PersonMenu inline={inline} />}>
        <ActingForBanner />
        <Routes>
          <Route
            path="enterprises"
            element={
              <RequirePerson>
                <EnterprisesPage />
              </RequirePerson>
            }
          />
          <Route
            index
            element={
              <RequirePerson>
                <PersonAccountPage />
              </RequirePerson>
            }
          />
          <Route path="login" element={<PersonLoginPage />} />
          <Route path="register" element={<PersonRegisterPage />} />
          <Route path="cases" element={soon('nav.my.cases', 'soon.my.cases')} />
          <Route path="licenses" element={soon('nav.my.licenses', 'soon.my.licenses')} />
          <Route path="evaluations" element={soon('nav.my.evaluations', 'soon.my.evaluations')} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppShell>
    </PersonProvider>
  );
}
