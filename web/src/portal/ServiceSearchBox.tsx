/**
 * The portal's search box: suggestions while typing (Chinese, pinyin, initials, codes) with the
 * matching characters marked. The first entry of the list, active at first, searches for what was
 * typed (Enter); the arrow keys reach the suggestions, each of which opens its guide.
 */
import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { get } from '../api.ts';
import { Highlighted } from '../catalog/Highlighted.tsx';
import type { Suggestion } from '../catalog/types.ts';
import '../catalog/catalog.css';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';

/** Waits this long after the last key before asking for suggestions. */
const PAUSE_MS = 200;
/** The value of the list's "search for …" entry (item codes are letters and digits only). */
const SEARCH = ':search';

interface ServiceSearchBoxProps {
  initial?: string;
  onSearch: (q: string) => void;
  size?: 'large' | 'middle';
}

export function ServiceSearchBox({ initial = '', onSearch, size = 'large' }: ServiceSearchBoxProps) {
  const t = useT();
  const navigate = useNavigate();
  const { current } = useRegions();
  const regionCode = current?.code;
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => setText(initial), [initial]);

  useEffect(() => {
    const q = text.trim();
    if (!q || !regionCode) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      get<Suggestion[]>('/api/portal/suggest', { q, regionCode }).then(
        (list) => live && setSuggestions(list),
        () => live && setSuggestions([]),
      );
    }, PAUSE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text, regionCode]);

  const q = text.trim();
  const codes = new Set([SEARCH, ...suggestions.map((s) => s.code)]);
  const options = q
    ? [
        { value: SEARCH, label: <span className="suggestion">{t('services.searchFor', { q })}</span> },
        ...suggestions.map((s) => ({
          value: s.code,
          label: (
            <span className="suggestion">
              <span>
                <Highlighted text={s.name} ranges={s.highlights} />
              </span>
              <span className="suggestion__region">{s.regionName}</span>
            </span>
          ),
        })),
      ]
    : [];

  return (
    <AutoComplete
      className="service-search"
      value={text}
      options={options}
      showSearch={{ filterOption: false }}
      defaultActiveFirstOption
      onChange={(value: string) => {
        if (!codes.has(value)) setText(value);
      }}
      onSelect={(value: string) => (value === SEARCH ? onSearch(q) : navigate(`/services/${value}`))}
      onOpenChange={setOpen}
      popupMatchSelectWidth
    >
      <Input.Search
        size={size}
        aria-label={t('services.search')}
        placeholder={t('services.searchPlaceholder')}
        enterButton={t('common.search')}
        allowClear
        // Enter in the open list chooses its active entry; the button (or Enter with the list closed) searches.
        onSearch={(value, event) => !(open && event?.type === 'keydown') && onSearch(value.trim())}
        data-testid="service-search"
      />
    </AutoComplete>
  );
}
