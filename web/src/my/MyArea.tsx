/**
 * My space (我的) for persons: registration, login, my account, my enterprises, applying online,
 * my cases and messages; e-licenses and evaluations come with their modules. The person session is
 * separate from the staff one.
 */
import { UserOutlined } from '@ant-design/icons';
import { Fragment, lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import { AccountMenu, type AccountLink } from '../shell/HeaderTools.tsx';
import { usePrefs } from '../prefs.tsx';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { Loading } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { ActingForBanner } from './ActingFor.tsx';
import { EnterprisesPage } from './EnterprisesPage.tsx';
import { UnreadProvider, useUnread } from './messagesContext.tsx';
import { PersonAccountPage } from './PersonAccountPage.tsx';
import { PersonLoginPage } from './PersonLoginPage.tsx';
import { PersonProvider, RequirePerson, usePerson } from './personContext.tsx';
import { PersonRegisterPage } from './PersonRegisterPage.tsx';
import './my.css';

// The case pages load when first opened: logging in stays light on phones.
const ApplyPage = lazy(() => import('./apply/ApplyPage.tsx'));
const MyCasesPage = lazy(() => import('./cases/MyCasesPage.tsx'));
const MyCasePage = lazy(() => import('./cases/MyCasePage.tsx'));
const MessagesPage = lazy(() => import('./MessagesPage.tsx'));

/** My space's navigation, with the number of unread messages. */
function useNav(): NavItem[] {
  const { t } = usePrefs();
  const { unread } = useUnread();
  return [
    { to: '/my', label: 'nav.my.account', end: true },
    { to: '/my/enterprises', label: 'nav.my.enterprises' },
    { to: '/my/cases', label: 'nav.my.cases' },
    {
      to: '/my/messages',
      label: 'nav.my.messages',
      badge: unread > 0 && (
        <span className="nav-count" data-testid="unread-count">
          {t('nav.my.unread', { count: unread })}
        </span>
      ),
    },
    { to: '/my/licenses', label: 'nav.my.licenses' },
    { to: '/my/evaluations', label: 'nav.my.evaluations' },
  ];
}

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

/** Loads its page afresh when the person switches between acting for themselves and for an enterprise. */
function AsApplicant({ children }: { children: ReactNode }) {
  const { person } = usePerson();
  return <Fragment key={person?.actingFor?.enterpriseId ?? 'myself'}>{children}</Fragment>;
}

/** A lazily loaded page for persons only, whose data depends on whom the person acts for. */
const personPage = (page: ReactNode) => (
  <RequirePerson>
    <Suspense fallback={<Loading />}>
      <AsApplicant>{page}</AsApplicant>
    </Suspense>
  </RequirePerson>
);

function MyShell() {
  const nav = useNav();
  return (
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
        <Route path="apply/:itemCode" element={personPage(<ApplyPage />)} />
        <Route path="cases" element={personPage(<MyCasesPage />)} />
        <Route path="cases/:id" element={personPage(<MyCasePage />)} />
        <Route path="messages" element={personPage(<MessagesPage />)} />
        <Route path="licenses" element={soon('nav.my.licenses', 'soon.my.licenses')} />
        <Route path="evaluations" element={soon('nav.my.evaluations', 'soon.my.evaluations')} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}

export default function MyArea() {
  return (
    <PersonProvider>
      <UnreadProvider>
        <MyShell />
      </UnreadProvider>
    </PersonProvider>
  );
}
