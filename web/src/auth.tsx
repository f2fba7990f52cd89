/** The logged-in staff member (or nobody), and the gates that pages put in front of themselves. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { get, post, setCsrfToken, setPendingStepHandler, setUnauthorizedHandler } from './api.ts';
import type { Me, PendingStep, Permission } from './types.ts';
import { toApiError } from './useApi.ts';
import { Loading, ProblemAlert } from './ui/feedback.tsx';

interface Auth {
  me: Me | null;
  /** True until the first /api/auth/me has answered. */
  loading: boolean;
  loadError: ReturnType<typeof toApiError> | null;
  /** `totp`: the 6-digit code of the authenticator app, once the server has asked for it. */
  login: (username: string, password: string, totp?: string) => Promise<Me>;
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
    setPendingStepHandler(() => void refresh());
    void refresh();
  }, [refresh, setMe]);

  const auth = useMemo<Auth>(
    () => ({
      me,
      loading,
      loadError,
      refresh,
      login: async (username, password, totp) => {
        const { user } = await post<{ user: Me }>('/api/auth/login', totp ? { username, password, totp } : { username, password });
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

/** The step the server makes this staff member take first (older servers only report the password). */
export function pendingStep(me: Me): PendingStep | null {
  if (me.pending !== undefined) return me.pending;
  return me.mustChangePassword ? 'password-change' : null;
}

/** Where each pending step is taken. */
export const PENDING_PAGE: Record<PendingStep, string> = {
  'password-change': '/password',
  'mfa-enrolment': '/account/mfa',
};

/**
 * Staff only: sends a visitor to the login page, and a user with a pending step (a new password,
 * a second factor) to the page of that step, unless this page is where it is taken.
 */
export function RequireAuth({ children, step }: { children: ReactNode; step?: PendingStep }) {
  const { me, loading, loadError } = useAuth();
  const location = useLocation();
  const from = location.pathname + location.search;
  if (loading) return <Loading />;
  if (loadError) return <ProblemAlert error={loadError} />;
  if (!me) return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  const pending = pendingStep(me);
  if (pending && pending !== step) {
    const state = (location.state as FromState | null)?.from ? location.state : ({ from } satisfies FromState);
    return <Navigate to={PENDING_PAGE[pending]} replace state={state} />;
  }
  return children;
}
