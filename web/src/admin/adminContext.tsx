/** What admin pages share: the roles and their permissions, and the regions the user may act in. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAuth } from '../auth.tsx';
import { usePrefs } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import { topmost } from '../regions.ts';
import type { Permission, RoleInfo } from '../types.ts';
import { useApi } from '../useApi.ts';

interface Admin {
  /** Empty for users who may not read staff (the list of roles needs staff:read). */
  roles: RoleInfo[];
  roleLabel: (role: string) => string;
  /** Tops of the region subtrees in which the user holds `permission`. */
  regionRoots: (permission: Permission) => string[];
}

const AdminContext = createContext<Admin | null>(null);

export function useAdmin(): Admin {
  const admin = useContext(AdminContext);
  if (!admin) throw new Error('useAdmin outside AdminProvider');
  return admin;
}

export function AdminProvider({ children }: { children: ReactNode }) {
  const { me, can } = useAuth();
  const { lang } = usePrefs();
  const { index } = useRegions();
  const { data: roles } = useApi<RoleInfo[]>(can('staff:read') ? '/api/roles' : null);

  const admin = useMemo<Admin>(() => {
    const list = roles ?? [];
    const byRole = new Map(list.map((r) => [r.role, r]));
    const grantLabels = new Map((me?.grants ?? []).map((g) => [g.role, g.roleLabel[lang]]));
    return {
      roles: list,
      roleLabel: (role) => byRole.get(role)?.label[lang] ?? grantLabels.get(role) ?? role,
      regionRoots: (permission) => {
        if (!me?.permissions.includes(permission)) return [];
        // Without the role list (it needs staff:read), each grant of a user holding the permission counts.
        const role = byRole.size ? (r: string) => byRole.get(r)?.permissions.some((p) => p.permission === permission) : () => true;
        const codes = me.grants.filter((g) => role(g.role)).map((g) => g.regionCode);
        return index ? topmost(index, codes) : [...new Set(codes)];
      },
    };
  }, [roles, me, lang, index]);

  return <AdminContext.Provider value={admin}>{children}</AdminContext.Provider>;
}
