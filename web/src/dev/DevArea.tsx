/** Development tools (/dev): the SMS mailbox. Public; absent from production servers. */
import { Route, Routes } from 'react-router';
import { AppShell } from '../shell/AppShell.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { DevMailboxPage } from './DevMailboxPage.tsx';

export default function DevArea() {
  return (
    <AppShell title="area.dev" nav={[]}>
      <Routes>
        <Route path="mailbox" element={<DevMailboxPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}
