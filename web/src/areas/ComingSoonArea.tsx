/** Areas whose modules come later: their navigation, and on each page one line saying what will appear. */
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import { comingArea, navOf, type ComingKey } from '../shell/areas.ts';
import { ComingSoon } from '../ui/ComingSoon.tsx';
import { NotFound } from '../ui/NotFound.tsx';

export default function ComingSoonArea({ areaKey }: { areaKey: ComingKey }) {
  const area = comingArea(areaKey);
  const shell = (
    <AppShell title={area.title} nav={navOf(area)} staff={area.staff}>
      <Routes>
        {area.pages.map((p) => {
          const page = <ComingSoon label={p.label} soon={p.soon} />;
          return p.path ? <Route key={p.path} path={p.path} element={page} /> : <Route key="index" index element={page} />;
        })}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
  return area.staff ? <RequireAuth>{shell}</RequireAuth> : shell;
}
