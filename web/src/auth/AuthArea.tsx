/** Staff sign-in, the change of password (forced on first login), and single sign-on's choice of account kind. */
import { Route, Routes } from 'react-router';
import { PersonProvider } from '../my/personContext.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { SignInChooserPage } from './SignInChooserPage.tsx';

export default function AuthArea({ page }: { page: 'login' | 'password' | 'choose' }) {
  const element =
    page === 'choose' ? (
      <PersonProvider>
        <SignInChooserPage />
      </PersonProvider>
    ) : page === 'login' ? (
      <LoginPage />
    ) : (
      <ChangePasswordPage />
    );
  return (
    <AppShell title={page === 'choose' ? 'area.signIn' : 'area.staffLogin'} nav={[]}>
      <Routes>
        <Route index element={element} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}
