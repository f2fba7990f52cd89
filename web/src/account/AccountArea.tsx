/** A staff member's own account (/account): security overview and enrolling the second factor. */
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { AccountPage } from './AccountPage.tsx';
import { MfaEnrolPage } from './MfaEnrolPage.tsx';

export default function AccountArea() {
  return (
    <AppShell title="area.account" nav={[]} staff>
      <Routes>
        <Route
          index
          element={
            <RequireAuth>
              <AccountPage />
            </RequireAuth>
          }
        />
        <Route
          path="mfa"
          element={
            <RequireAuth step="mfa-enrolment">
              <MfaEnrolPage />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}
