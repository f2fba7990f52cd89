/** The frame of a staff area of cases (the workbench, the window): logged in, the area's navigation, and a 403 page without the permission it needs. */
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { RequireAuth, useAuth } from '../auth.tsx';
import type { MessageKey } from '../i18n.ts';
import { useT } from '../prefs.tsx';
import { AppShell } from '../shell/AppShell.tsx';
import type { NavItem } from '../shell/areas.ts';
import type { Permission } from '../types.ts';

function Permitted({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const { can } = useAuth();
  return can(permission) ? children : <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.detail')} />;
}

export function StaffArea({ title, nav, permission, children }: { title: MessageKey; nav: NavItem[]; permission: Permission; children: ReactNode }) {
  return (
    <RequireAuth>
      <AppShell title={title} nav={nav} staff>
        <Permitted permission={permission}>{children}</Permitted>
      </AppShell>
    </RequireAuth>
  );
}
