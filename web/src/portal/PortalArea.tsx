/** The public audiences: the portal (门户) at / and public disclosure (公开) at /public. */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { Loading } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PortalHome } from './PortalHome.tsx';
import { PublicDepartments } from './PublicDepartments.tsx';

// The services and guide pages load when first opened: the home page stays light on phones.
const ServicesPage = lazy(() => import('./ServicesPage.tsx'));
const GuidePage = lazy(() => import('./GuidePage.tsx'));
const ProgressPage = lazy(() => import('../cases/ProgressPage.tsx'));
const VisitRatingPage = lazy(() => import('../evaluation/VisitRatingPage.tsx'));
const PublicRatingsPage = lazy(() => import('../evaluation/PublicRatingsPage.tsx'));

const portalNav: NavItem[] = [
  { to: '/', label: 'nav.portal.home', end: true },
  { to: '/services', label: 'nav.portal.services' },
  { to: '/progress', label: 'nav.portal.progress' },
  { to: '/public', label: 'area.public' },
  { to: '/market', label: 'area.market' },
  { to: '/my', label: 'area.my' },
];

const publicNav: NavItem[] = [
  { to: '/public', label: 'nav.public.departments', end: true },
  { to: '/public/inspections', label: 'nav.public.inspections' },
  { to: '/public/ratings', label: 'eval.public.title' },
  { to: '/public/open-data', label: 'nav.public.openData' },
];

export default function PortalArea({ area }: { area: 'portal' | 'public' }) {
  if (area === 'public') {
    return (
      <AppShell title="area.public" nav={publicNav} regionSwitcher>
        <Routes>
          <Route index element={<PublicDepartments />} />
          <Route path="inspections" element={<ComingSoon label="nav.public.inspections" soon="soon.public.inspections" />} />
          <Route
            path="ratings"
            element={
              <Suspense fallback={<Loading />}>
                <PublicRatingsPage />
              </Suspense>
            }
          />
          <Route path="open-data" element={<ComingSoon label="nav.public.openData" soon="soon.public.openData" />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </AppShell>
    );
  }
  return (
    <AppShell title="area.portal" nav={portalNav} regionSwitcher>
      <Routes>
        <Route index element={<PortalHome />} />
        <Route
          path="services"
          element={
            <Suspense fallback={<Loading />}>
              <ServicesPage />
            </Suspense>
          }
        />
        <Route
          path="services/:code"
          element={
            <Suspense fallback={<Loading />}>
              <GuidePage />
            </Suspense>
          }
        />
        <Route
          path="progress"
          element={
            <Suspense fallback={<Loading />}>
              <ProgressPage />
            </Suspense>
          }
        />
        <Route
          path="rate/:token"
          element={
            <Suspense fallback={<Loading />}>
              <VisitRatingPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}
