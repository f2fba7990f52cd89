/** The admin area (管理): organisation, staff, the audit trail, single sign-on clients, the item catalog and the working-day calendar. Staff only; each page checks its permission. */
import { Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth, useAuth } from '../auth.tsx';
import { useT } from '../prefs.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import type { Permission } from '../types.ts';
import { Loading } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { AdminProvider } from './adminContext.tsx';
import { AuditPage } from './AuditPage.tsx';
import { CalendarPage } from './CalendarPage.tsx';
import { ClientsPage } from './ClientsPage.tsx';
import { DepartmentsPage } from './DepartmentsPage.tsx';
import { HallsPage } from './HallsPage.tsx';
import { RegionsPage } from './RegionsPage.tsx';
import { StaffPage } from './StaffPage.tsx';

const CatalogPages = lazy(() => import('./catalog/CatalogPages.tsx'));

const pages: (NavItem & { path: string; permission: Permission; element: ReactNode })[] = [
  { path: 'regions', to: '/admin/regions', label: 'nav.admin.regions', permission: 'org:read', element: <RegionsPage /> },
  { path: 'departments', to: '/admin/departments', label: 'nav.admin.departments', permission: 'org:read', element: <DepartmentsPage /> },
  { path: 'halls', to: '/admin/halls', label: 'nav.admin.halls', permission: 'org:read', element: <HallsPage /> },
  { path: 'staff', to: '/admin/staff', label: 'nav.admin.staff', permission: 'staff:read', element: <StaffPage /> },
  { path: 'audit', to: '/admin/audit', label: 'nav.admin.audit', permission: 'audit:read', element: <AuditPage /> },
  { path: 'clients', to: '/admin/clients', label: 'nav.admin.clients', permission: 'client:manage', element: <ClientsPage /> },
  // Every staff member may read the calendar; the page offers entering a year to those who may.
  { path: 'calendar', to: '/admin/calendar', label: 'nav.admin.calendar', permission: 'org:read', element: <CalendarPage /> },
  {
    path: 'catalog/*',
    to: '/admin/catalog',
    label: 'nav.admin.catalog',
    permission: 'catalog:read',
    element: (
      <Suspense fallback={<Loading />}>
        <CatalogPages />
      </Suspense>
    ),
  },
];

/** Shows a 403 page instead of the children when the user lacks the permission. */
function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  const t = useT();
  if (!can(permission)) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.detail')} />;
  return children;
}

function AdminHome() {
  const { can } = useAuth();
  const first = pages.find((p) => can(p.permission)) ?? pages[0];
  return <Navigate to={first?.to ?? '/'} replace />;
}

export default function AdminArea() {
  return (
    <RequireAuth>
      <AdminProvider>
        <AppShell title="area.admin" nav={pages} sideNav staff>
          <Routes>
            <Route index element={<AdminHome />} />
            {pages.map((p) => (
              <Route key={p.path} path={p.path} element={<RequirePermission permission={p.permission}>{p.element}</RequirePermission>} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </AppShell>
      </AdminProvider>
    </RequireAuth>
  );
}
