/** Staff sign-in and the change of password (forced on first login). */
import { Route, Routes } from 'react-router';
import { AppShell } from '../shell/AppShell.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { LoginPage } from './LoginPage.tsx';

export default function AuthArea({ page }: { page: 'login' | 'password' }) {
  return (
    <AppShell title="area.staffLogin" nav={[]}>
      <Routes>
        <Route index element={page === 'login' ? <LoginPage /> : <ChangePasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}
