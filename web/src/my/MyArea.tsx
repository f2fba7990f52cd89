/**
 * My space (我的) for persons: registration, login, my account; cases, e-licenses and evaluations
 * come with their modules. The person session is separate from the staff one.
 */
import { UserOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import { AccountMenu, type AccountLink } from '../shell/HeaderTools.tsx';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { NotFound } from '../ui/NotFound.tsx';
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

const PERSON_LINKS: AccountLink[] = [{ key: 'account', to: '/my', icon: <UserOutlined />, label: 'nav.my.account' }];

/** The person's account menu ("my account", "log out"), or a login button. */
function PersonMenu({ inline }: { inline: boolean }) {
  const { person, logout } = usePerson();
  return <AccountMenu inline={inline} name={person?.name ?? null} login={{ to: '/my/login', label: 'header.personLogin' }} links={PERSON_LINKS} logout={logout} testId="person-menu" />;
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
          <Route path="apply/:code" element={soon('nav.my.apply', 'soon.my.apply')} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppShell>
    </PersonProvider>
  );
}
