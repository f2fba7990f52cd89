/**
 * A draft that saves itself: changes are sent a moment after the applicant stops typing, with the
 * revision last read; when another window saved first (409), the stored draft comes back to be
 * shown instead. One save is in flight at a time.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { request, type ApiError } from '../../api.ts';
import type { Draft } from '../../cases/types.ts';
import { toApiError } from '../../useApi.ts';
import { usePerson } from '../personContext.tsx';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; error: ApiError } | { kind: 'conflict' };

/** The stored draft a 409 carries (null: it was deleted, e.g. submitted from another window). */
export type StoredDraft = Pick<Draft, 'data' | 'rev' | 'updatedAt'> | null;

const DELAY_MS = 800;

/** `rev0`: the revision of the draft as loaded (0: none yet). */
export function useAutosave<D>(path: string, rev0: number, snapshot: () => D, onConflict: (stored: StoredDraft) => void) {
  const { put, person } = usePerson();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const rev = useRef(rev0);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ snapshot, onConflict, put, csrfToken: person?.csrfToken ?? null });
  latest.current = { snapshot, onConflict, put, csrfToken: person?.csrfToken ?? null };

  const saveNow = useCallback(async () => {
    if (!dirty.current || stopped.current) return;
    dirty.current = false;
    setStatus({ kind: 'saving' });
    try {
      const saved = await latest.current.put<{ rev: number; updatedAt: string }>(path, { rev: rev.current, data: latest.current.snapshot() });
      rev.current = saved.rev;
      setStatus({ kind: 'saved', at: saved.updatedAt });
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) {
        const stored = (err.problem.current ?? null) as StoredDraft;
        rev.current = stored?.rev ?? 0;
        latest.current.onConflict(stored);
        setStatus({ kind: 'conflict' });
      } else {
        dirty.current = true;
        setStatus({ kind: 'error', error: err });
      }
    }
  }, [path]);

  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    queue.current = queue.current.then(saveNow);
    return queue.current;
  }, [saveNow]);

  /** Something changed: save it soon. */
  const schedule = useCallback(() => {
    dirty.current = true;
    setStatus({ kind: 'saving' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), DELAY_MS);
  }, [flush]);

  /** Stops saving (while submitting) once the save in flight, if any, is done. */
  const pause = useCallback(() => {
    stopped.current = true;
    window.clearTimeout(timer.current);
    return queue.current;
  }, []);

  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  // Leaving the page saves what is pending: another page of the app at once, a closed tab or a
  // reload with a request that outlives the page.
  useEffect(() => () => void flush(), [flush]);
  useEffect(() => {
    const leave = () => {
      if (!dirty.current || stopped.current) return;
      dirty.current = false;
      const body = { rev: rev.current, data: latest.current.snapshot() };
      request('PUT', path, body, { csrfToken: latest.current.csrfToken, keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [path]);

  return { status, schedule, pause, resume };
}
