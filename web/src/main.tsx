/**
 * The web app: one bundle shell (preferences, session, regions, layout) and one lazily loaded
 * chunk per audience, so that the portal never downloads the admin pages.
 */
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth.tsx';
import { PrefsProvider } from './prefs.tsx';
import { RegionProvider } from './regionContext.tsx';
import { Loading } from './ui/feedback.tsx';
import './styles.css';

const PortalArea = lazy(() => import('./portal/PortalArea.tsx'));
const ComingSoonArea = lazy(() => import('./areas/ComingSoonArea.tsx'));
const AuthArea = lazy(() => import('./auth/AuthArea.tsx'));
const AdminArea = lazy(() => import('./admin/AdminArea.tsx'));
const AccountArea = lazy(() => import('./account/AccountArea.tsx'));
const MyArea = lazy(() => import('./my/MyArea.tsx'));
const DevArea = lazy(() => import('./dev/DevArea.tsx'));
const SupervisionArea = lazy(() => import('./supervision/SupervisionArea.tsx'));
const WindowArea = lazy(() => import('./window/WindowArea.tsx'));
const WorkbenchArea = lazy(() => import('./workbench/WorkbenchArea.tsx'));

/** Paths the server answers itself (single sign-on under /oidc): leave the app for them. */
function ServerPage() {
  useEffect(() => window.location.replace(window.location.pathname + window.location.search), []);
  return <Loading />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login/choose" element={<AuthArea page="choose" />} />
        <Route path="/login/*" element={<AuthArea page="login" />} />
        <Route path="/oidc/*" element={<ServerPage />} />
        <Route path="/password/*" element={<AuthArea page="password" />} />
        <Route path="/admin/*" element={<AdminArea />} />
        <Route path="/account/*" element={<AccountArea />} />
        <Route path="/my/*" element={<MyArea />} />
        <Route path="/dev/*" element={<DevArea />} />
        <Route path="/window/*" element={<WindowArea />} />
        <Route path="/workbench/*" element={<WorkbenchArea />} />
        <Route path="/supervision/*" element={<SupervisionArea />} />
        <Route path="/market/*" element={<ComingSoonArea areaKey="market" />} />
        <Route path="/public/*" element={<PortalArea area="public" />} />
        <Route path="/*" element={<PortalArea area="portal" />} />
      </Routes>
    </Suspense>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <PrefsProvider>
      <AuthProvider>
        <RegionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </RegionProvider>
      </AuthProvider>
    </PrefsProvider>
  </StrictMode>,
);
