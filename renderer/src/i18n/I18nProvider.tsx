import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLocale, translate, type Locale, type MessageKey, type TranslateArgs } from './catalogue.ts';

const STORAGE_KEY = 'consortia.locale';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t<K extends MessageKey>(key: K, ...args: TranslateArgs<K>): string;
}

const I18nContext = createContext<I18n | null>(null);

/** The saved choice, else the browser's language when it is Chinese, else English. */
export function initialLocale(storage: Storage, languages: readonly string[]): Locale {
  const saved = storage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(
    () => fixed ?? initialLocale(localStorage, navigator.languages ?? []),
  );
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, ...args) => translate(locale, key, ...args) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n is used outside I18nProvider.');
  return i18n;
}
