/** The visitor's preferences (language, large type), remembered in localStorage, and the theme they imply. */
import { App as AntApp, ConfigProvider, type ConfigProviderProps, type ThemeConfig } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api.ts';
import { translate, type MessageKey, type Vars } from './i18n.ts';
import type { Lang } from './types.ts';

export const storage = {
  read(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  write(key: string, value: string) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      /* storage disabled (private mode): the choice lasts for this page only */
    }
  },
};

type Locale = NonNullable<ConfigProviderProps['locale']>;
/**
 * antd's locale files are ES modules in a package without "type": "module": Vite sees the locale
 * as their default export, while TypeScript's NodeNext resolution nests it one `default` deeper.
 */
const antdLocales: Record<Lang, Locale> = {
  zh: zhCNModule.default as unknown as Locale,
  en: enUSModule.default as unknown as Locale,
};

const LANG_KEY = 'hb.lang';
const LARGE_TYPE_KEY = 'hb.largeType';

export type Translate = (key: MessageKey, vars?: Vars) => string;

interface Prefs {
  lang: Lang;
  setLang: (lang: Lang) => void;
  largeType: boolean;
  setLargeType: (on: boolean) => void;
  t: Translate;
}

const PrefsContext = createContext<Prefs | null>(null);

export function usePrefs(): Prefs {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside PrefsProvider');
  return prefs;
}

export const useT = (): Translate => usePrefs().t;

/** Colours chosen for at least 4.5:1 contrast on white; large type pushes them to 7:1 and more. */
const baseTokens = {
  colorPrimary: '#0b57d0',
  // antd derives lighter hover colours (#2f78de, 4.3:1 on white); darker ones keep 4.5:1 when hovered.
  colorPrimaryHover: '#0842a0',
  colorPrimaryActive: '#062e6f',
  colorLink: '#0b57d0',
  colorLinkHover: '#0842a0',
  colorLinkActive: '#062e6f',
  colorError: '#b42318',
  colorSuccess: '#237804',
  colorWarning: '#ad6800',
  colorInfo: '#0b57d0',
  colorTextSecondary: '#595959',
  colorTextTertiary: '#595959',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#707070',
  borderRadius: 4,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, sans-serif",
};

function themeFor(largeType: boolean, reducedMotion: boolean): ThemeConfig {
  const motion = { motion: !reducedMotion };
  if (!largeType) return { token: { ...baseTokens, ...motion } };
  return {
    token: {
      ...baseTokens,
      ...motion,
      fontSize: 20,
      colorPrimary: '#003a8c',
      colorLink: '#003a8c',
      colorInfo: '#003a8c',
      colorText: '#000000',
      colorTextHeading: '#000000',
      colorTextSecondary: '#1f1f1f',
      colorTextTertiary: '#1f1f1f',
      colorTextDescription: '#1f1f1f',
      colorTextPlaceholder: '#4d4d4d',
      colorBorder: '#434343',
      colorBorderSecondary: '#8c8c8c',
      controlHeight: 44,
      controlHeightLG: 52,
      controlHeightSM: 34,
      lineWidth: 2,
    },
  };
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Follows the system setting that asks for less animation. */
function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia(REDUCED_MOTION).matches);
  useEffect(() => {
    const query = window.matchMedia(REDUCED_MOTION);
    const follow = () => setReduced(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return reduced;
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (storage.read(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [largeType, setLargeTypeState] = useState(() => storage.read(LARGE_TYPE_KEY) === '1');
  const reducedMotion = useReducedMotion();

  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => {
    document.documentElement.classList.toggle('large-type', largeType);
  }, [largeType]);

  const setLang = useCallback((l: Lang) => {
    storage.write(LANG_KEY, l);
    setLangState(l);
  }, []);
  const setLargeType = useCallback((on: boolean) => {
    storage.write(LARGE_TYPE_KEY, on ? '1' : '0');
    setLargeTypeState(on);
  }, []);

  const prefs = useMemo<Prefs>(
    () => ({ lang, setLang, largeType, setLargeType, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang, largeType, setLargeType],
  );
  const theme = useMemo(() => themeFor(largeType, reducedMotion), [largeType, reducedMotion]);

  return (
    <PrefsContext.Provider value={prefs}>
      <ConfigProvider locale={antdLocales[lang]} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </PrefsContext.Provider>
  );
}
