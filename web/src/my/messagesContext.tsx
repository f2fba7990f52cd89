/** The person's unread in-site messages, for the count in my space's navigation; re-read on every page change. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { get } from '../api.ts';
import type { Messages } from '../cases/types.ts';
import { usePerson } from './personContext.tsx';

const UnreadContext = createContext<{ unread: number; refresh: () => void }>({ unread: 0, refresh: () => undefined });

export const useUnread = () => useContext(UnreadContext);

export function UnreadProvider({ children }: { children: ReactNode }) {
  const { person } = usePerson();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const personId = person?.id ?? null;

  useEffect(() => {
    if (!personId) return;
    let live = true;
    get<Messages>('/api/my/messages', { page: 1, pageSize: 1 }).then(
      (m) => live && setUnread(m.unread),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [personId, pathname, generation]);

  return <UnreadContext.Provider value={{ unread: personId ? unread : 0, refresh }}>{children}</UnreadContext.Provider>;
}
