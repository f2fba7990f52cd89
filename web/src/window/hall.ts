/** The hall the clerk works at: one of the halls of the regions the clerk takes cases in for, remembered on this computer. */
import { useState } from 'react';
import { withQuery } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { storage } from '../prefs.tsx';
import type { Hall } from '../types.ts';
import { useApi } from '../useApi.ts';

const HALL_KEY = 'hb.window.hall';

export function useHall() {
  const { me } = useAuth();
  /** The regions of the clerk's window grants, where items are taken in. */
  const regions = [...new Set((me?.grants ?? []).filter((g) => g.role === 'window_clerk').map((g) => g.regionCode))];
  const region = regions[0];
  const halls = useApi<{ items: Hall[] }>(region ? withQuery('/api/halls', { regionCode: region }) : null);
  const [chosen, setChosen] = useState(() => storage.read(HALL_KEY));
  const active = (halls.data?.items ?? []).filter((h) => h.active);
  const hall = active.find((h) => h.id === chosen) ?? active[0] ?? null;
  return {
    regions,
    region,
    halls: active,
    hall,
    choose: (id: string) => {
      storage.write(HALL_KEY, id);
      setChosen(id);
    },
  };
}
