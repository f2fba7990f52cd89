/** The code tables of guide elements (fetched once per page load) and their labels in the user's language. */
import { useEffect, useMemo, useState } from 'react';
import { get, type ApiError } from '../api.ts';
import { usePrefs } from '../prefs.tsx';
import { toApiError } from '../useApi.ts';
import type { Dictionaries } from './types.ts';

let loaded: Promise<Dictionaries> | undefined;
let cached: Dictionaries | undefined;

function load(): Promise<Dictionaries> {
  loaded ??= get<Dictionaries>('/api/catalog/dictionaries').then(
    (d) => (cached = d),
    (e: unknown) => {
      loaded = undefined;
      throw e;
    },
  );
  return loaded;
}

export interface Dict {
  data: Dictionaries | undefined;
  error: ApiError | undefined;
  /** The label of `code` in a table, or the code itself while the tables load or for an unknown code. */
  label: (table: keyof Dictionaries, code: string) => string;
  /** Select options of a table, in the table's order (numeric codes ascending). */
  options: (table: keyof Dictionaries, keep?: (code: string) => boolean) => { value: string; label: string }[];
}

export function useDictionaries(): Dict {
  const { lang } = usePrefs();
  const [data, setData] = useState(cached);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    if (data) return;
    let live = true;
    load().then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(toApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [data]);

  return useMemo<Dict>(() => {
    const codes = (table: keyof Dictionaries) => {
      const keys = Object.keys(data?.[table] ?? {});
      return keys.every((k) => /^\d+$/.test(k)) ? keys.sort() : keys;
    };
    const label = (table: keyof Dictionaries, code: string) => data?.[table][code]?.[lang] ?? code;
    return {
      data,
      error,
      label,
      options: (table, keep = () => true) => codes(table).filter(keep).map((value) => ({ value, label: label(table, value) })),
    };
  }, [data, error, lang]);
}
