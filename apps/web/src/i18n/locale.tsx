import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ar, en, type MessageKey } from './messages';

export type Locale = 'en' | 'ar';
const STORAGE_KEY = 'clinic.locale';
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, ar };

export interface LocaleTools {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The message in the current language, with `{name}` filled; numbers formatted for it. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  formatNumber(value: number): string;
  /** A clinic-local calendar date, "2026-11-24". */
  formatDate(date: string): string;
  /** An instant, shown in the clinic's time zone. */
  formatDateTime(instant: string, timeZone: string): string;
  formatTime(instant: string, timeZone: string): string;
  /** The Arabic name in Arabic when there is one, else the English name. */
  nameOf(named: { nameEn?: string | null; nameAr?: string | null; name?: string | null }): string;
}

export function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'ar' ? 'ar' : 'en';
  } catch {
    return 'en';
  }
}

export function createLocaleTools(locale: Locale, setLocale: (locale: Locale) => void = () => {}): LocaleTools {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const fill = (template: string, values: Record<string, string | number> = {}) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  return {
    locale,
    setLocale,
    t: (key, values) => fill(DICTIONARIES[locale][key], values),
    formatNumber: (value) => numbers.format(value),
    formatDate: (date) => dates.format(new Date(`${date}T00:00:00Z`)),
    formatDateTime: (instant, timeZone) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant)),
    formatTime: (instant, timeZone) =>
      new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(instant)),
    nameOf: (named) => (locale === 'ar' && named.nameAr ? named.nameAr : (named.nameEn ?? named.name ?? '')),
  };
}

const LocaleContext = createContext<LocaleTools>(createLocaleTools('en'));

export function LocaleProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
    document.title = DICTIONARIES[locale].appName;
  }, [locale]);
  const tools = useMemo(() => createLocaleTools(locale, setLocale), [locale, setLocale]);
  return <LocaleContext.Provider value={tools}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleTools {
  return useContext(LocaleContext);
}
