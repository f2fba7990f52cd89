/**
 * The logged-in person (citizen) of my space, apart from the staff context: /api/auth/me only
 * knows staff. A person's requests carry the person's own CSRF token.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, get, request } from '../api.ts';
import { useAuth } from '../auth.tsx';
import type { PersonMe } from '../types.ts';
import { Loading, ProblemAlert } from '../ui/feedback.tsx';
import { toApiError } from '../useApi.ts';

interface PersonAuth {
  person: PersonMe | null;
  /** True until the first /api/persons/me has answered. */
  loading: boolean;
  loadError: ApiError | null;
  refresh: () => Promise<void>;
  /** After registering or logging in: the answer's person (with its CSRF token). */
  signedIn: (person: PersonMe) => void;
  logout: () => Promise<void>;
  /** POST as the person (with extra headers: an Idempotency-Key); a 401 (session gone) forgets the person. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;
  /** PUT as the person; a 401 forgets the person. */
  put: <T>(path: string, body: unknown) => Promise<T>;
  /** DELETE as the person; a 401 forgets the person. */
  remove: (path: string) => Promise<void>;
}

const PersonContext = createContext<PersonAuth | null>(null);

export function usePerson(): PersonAuth {
  const ctx = useContext(PersonContext);
  if (!ctx) throw new Error('usePerson outside PersonProvider');
  return ctx;
}

export function PersonProvider({ children }: { children: ReactNode }) {
  const staff = useAuth();
  const [person, setPerson] = useState<PersonMe | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setPerson(await get<PersonMe>('/api/persons/me'));
      setLoadError(null);
    } catch (e) {
      const err = toApiError(e);
      // 401: nobody is logged in; 403: the session is a staff member's, not a person's.
      if (err.status === 401 || err.status === 403) {
        setPerson(null);
        setLoadError(null);
      } else {
        setLoadError(err);
      }
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const refreshStaff = staff.refresh;
  const value = useMemo<PersonAuth>(() => {
    const send = async <T,>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, headers?: Record<string, string>) => {
      try {
        return await request<T>(method, path, body, { csrfToken: person?.csrfToken ?? null, headers });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) setPerson(null);
        throw e;
      }
    };
    const postAs = <T,>(path: string, body: unknown = {}, headers?: Record<string, string>) => send<T>('POST', path, body, headers);
    return {
      person,
      loading,
      loadError,
      refresh,
      signedIn: (p) => {
        setPerson(p);
        setLoadError(null);
        // The one session cookie now belongs to the person: a staff member of this browser is logged out.
        void refreshStaff();
      },
      logout: async () => {
        await postAs<void>('/api/auth/logout');
        setPerson(null);
      },
      post: postAs,
      put: (path, body) => send('PUT', path, body),
      remove: (path) => send<void>('DELETE', path, undefined),
    };
  }, [person, loading, loadError, refresh, refreshStaff]);

  return <PersonContext.Provider value={value}>{children}</PersonContext.Provider>;
}

/** Persons only: anyone else goes to the person login page, which sends them back here. */
export function RequirePerson({ children }: { children: ReactNode }) {
  const { person, loading, loadError } = usePerson();
  const location = useLocation();
  if (loading) return <Loading />;
  if (loadError) return <ProblemAlert error={loadError} />;
  if (!person) return <Navigate to={`/my/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}
