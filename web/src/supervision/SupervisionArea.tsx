/**
 * The supervision area (监管): appeals against ratings (supervisors) and the rating statistics;
 * the pages of oversight and random inspection that come with later modules say so.
 */
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth.tsx';
import AppealsPage from '../evaluation/AppealsPage.tsx';
import PublicRatingsPage from '../evaluation/PublicRatingsPage.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { comingArea, navOf, type NavItem } from '../shell/areas.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { NotFound } from '../ui/NotFound.tsx';

const coming = comingArea('supervision');

const nav: NavItem[] = [
  ...navOf(coming).slice(0, 1),
  { to: '/supervision/appeals', label: 'nav.supervision.appeals', permission: 'evaluation:appeal' },
  { to: '/supervision/ratings', label: 'nav.supervision.ratings' },
  ...navOf(coming).slice(1),
];

export default function SupervisionArea() {
  return (
    <RequireAuth>
      <AppShell title={coming.title} nav={nav} staff regionSwitcher>
        <Routes>
          {coming.pages.map((p) => {
            const page = <ComingSoon label={p.label} soon={p.soon} />;
            return p.path ? <Route key={p.path} path={p.path} element={page} /> : <Route key="index" index element={page} />;
          })}
          <Route path="appeals" element={<AppealsPage />} />
          <Route path="ratings" element={<PublicRatingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppShell>
    </RequireAuth>
  );
}
