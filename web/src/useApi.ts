import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing to load yet) and again whenever the path changes or reload() is called. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [result, setResult] = useState<{ key: string | null; data?: T; error?: ApiError }>({ key: null });
  const [generation, setGeneration] = useState(0);
  const key = path === null ? null : `${generation}:${path}`;

  useEffect(() => {
    if (path === null) return;
    let live = true;
    get<T>(path).then(
      (data) => live && setResult({ key, data }),
      (error: unknown) => live && setResult({ key, error: toApiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [path, key]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = result.key === key;
  return {
    data: result.data,
    error: current ? result.error : undefined,
    loading: path !== null && !current,
    reload,
  };
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ type: '/problems/client', title: e instanceof Error ? e.message : String(e), status: 0 });
}
