/** The logged-in staff member (or nobody), and the gates that pages put in front of themselves. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { get, post, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { Me, Permission } from './types.ts';
import { toApiError } from './useApi.ts';
import { Loading, ProblemAlert } from './ui/feedback.tsx';

interface Auth {
  me: Me | null;
  /** True until the first /api/auth/me has answered. */
  loading: boolean;
  loadError: ReturnType<typeof toApiError> | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<Auth['loadError']>(null);

  const setMe = useCallback((user: Me | null) => {
    setCsrfToken(user?.csrfToken ?? null);
    setMeState(user);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const { user } = await get<{ user: Me | null }>('/api/auth/me');
      setMe(user);
      setLoadError(null);
    } catch (e) {
      setLoadError(toApiError(e));
    } finally {
      setLoading(false);
    }
  }, [setMe]);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    void refresh();
  }, [refresh, setMe]);

  const auth = useMemo<Auth>(
    () => ({
      me,
      loading,
      loadError,
      refresh,
      login: async (username, password) => {
        const { user } = await post<{ user: Me }>('/api/auth/login', { username, password });
        setMe(user);
        return user;
      },
      logout: async () => {
        await post<void>('/api/auth/logout');
        setMe(null);
      },
      can: (permission) => me?.permissions.includes(permission) ?? false,
    }),
    [me, loading, loadError, refresh, setMe],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** Where the login page sends someone back to. */
export interface FromState {
  from?: string;
}

/** Staff only: sends a visitor to the login page, and a user who must change the password to that page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, loadError } = useAuth();
  const location = useLocation();
  const from = location.pathname + location.search;
  if (loading) return <Loading />;
  if (loadError) return <ProblemAlert error={loadError} />;
  if (!me) return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  if (me.mustChangePassword) return <Navigate to="/password" replace state={{ from } satisfies FromState} />;
  return children;
}
