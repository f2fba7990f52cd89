/** The comprehensive window (综合窗口): intake for applicants who are present, their acknowledgements, and online pre-reviews. Window clerks only. */
import { Route, Routes } from 'react-router';
import type { NavItem } from '../shell/areas.ts';
import { NotFound } from '../ui/NotFound.tsx';
import { StaffArea } from '../workbench/StaffArea.tsx';
import '../workbench/workbench.css';
import { IntakePage } from './IntakePage.tsx';
import { PrereviewsPage } from './PrereviewsPage.tsx';
import { ReceiptPage } from './ReceiptPage.tsx';
import './window.css';

const nav: NavItem[] = [
  { to: '/window', label: 'nav.window.intake', end: true },
  { to: '/window/prereviews', label: 'nav.window.prereviews' },
  { to: '/workbench', label: 'area.workbench', permission: 'case:read' },
];

export default function WindowArea() {
  return (
    <StaffArea title="area.window" nav={nav} permission="case:intake">
      <Routes>
        <Route index element={<IntakePage />} />
        <Route path="receipt/:id" element={<ReceiptPage />} />
        <Route path="prereviews" element={<PrereviewsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </StaffArea>
  );
}
