/** The review workbench (审批工作台): the queues, a case with everything needed to act on it, and its printable notices. Staff who read cases only. */
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import type { NavItem } from '../shell/areas.ts';
import { Loading } from '../ui/feedback.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { CasePage } from './CasePage.tsx';
import { NoticePage } from './NoticePage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { StaffArea } from './StaffArea.tsx';
import './workbench.css';

const RectificationsPage = lazy(() => import('../evaluation/RectificationsPage.tsx'));

const nav: NavItem[] = [
  { to: '/workbench', label: 'nav.workbench.todo', end: true },
  { to: '/workbench/rectifications', label: 'eval.rect.title', permission: 'evaluation:rectify' },
  { to: '/window', label: 'area.window', permission: 'case:intake' },
];

export default function WorkbenchArea() {
  return (
    <StaffArea title="area.workbench" nav={nav} permission="case:read">
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="cases/:id/notices/:seq" element={<NoticePage />} />
        <Route
          path="rectifications"
          element={
            <Suspense fallback={<Loading />}>
              <RectificationsPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </StaffArea>
  );
}
