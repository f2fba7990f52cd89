/** The region tree for the whole app, and the region the visitor chose in the portal (remembered). */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from './api.ts';
import { storage } from './prefs.tsx';
import { indexRegions, pathTo, type RegionIndex } from './regions.ts';
import type { Region } from './types.ts';
import { useApi } from './useApi.ts';

const REGION_KEY = 'hb.region';

interface Regions {
  index: RegionIndex | null;
  error: ApiError | undefined;
  /** The chosen region, or the top of the tree when nothing (valid) was chosen. */
  current: Region | null;
  /** Names from the top down to the chosen region: 湖北省 / 武汉市. */
  currentPath: Region[];
  choose: (code: string) => void;
  nameOf: (code: string | null | undefined) => string;
}

const RegionContext = createContext<Regions | null>(null);

export function useRegions(): Regions {
  const regions = useContext(RegionContext);
  if (!regions) throw new Error('useRegions outside RegionProvider');
  return regions;
}

export function RegionProvider({ children }: { children: ReactNode }) {
  const { data, error } = useApi<Region[]>('/api/regions');
  const [chosen, setChosen] = useState(() => storage.read(REGION_KEY));
  const index = useMemo(() => (data ? indexRegions(data) : null), [data]);

  const choose = useCallback((code: string) => {
    storage.write(REGION_KEY, code);
    setChosen(code);
  }, []);

  const value = useMemo<Regions>(() => {
    const current = index
      ? ((chosen ? index.byCode.get(chosen) : undefined) ?? index.childrenOf.get(null)?.[0] ?? null)
      : null;
    const currentPath =
      index && current ? pathTo(index, current.code).map((c) => index.byCode.get(c)).filter((r): r is Region => !!r) : [];
    return {
      index,
      error,
      current,
      currentPath,
      choose,
      nameOf: (code) => (code && index?.byCode.get(code)?.name) || code || '',
    };
  }, [index, error, chosen, choose]);

  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}
