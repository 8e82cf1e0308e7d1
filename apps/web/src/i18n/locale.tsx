import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createMessageFormatter, type MessageAst } from './format-message';
import { type MessageKey } from './messages';

export type Locale = 'en' | 'ar';
/** The digits numbers are written with in Arabic: Arabic-Indic (٠١٢) or Latin (012). */
export type Digits = 'arab' | 'latn';
const STORAGE_KEY = 'clinic.locale';
const DIGITS_KEY = 'clinic.digits';
/** The language again, as a cookie the server reads (apps/api/src/http/web-app.ts): the HTML it sends is in it. */
const LOCALE_COOKIE = 'clinic_locale';
/** Each message as written (tests, dev server) or precompiled by the build (an ICU AST): format it with `t()`, never read it. */
type Dictionary = Record<MessageKey, string | MessageAst>;
/** Each language's words are fetched when first chosen (loadLocale): a reader downloads one. */
const DICTIONARIES: Partial<Record<Locale, Dictionary>> = {};
const dictionaryOf = (locale: Locale): Partial<Dictionary> => DICTIONARIES[locale] ?? DICTIONARIES.en ?? {};

/** Makes a language's words ready; the app awaits the stored language's before it renders. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (DICTIONARIES[locale]) return;
  DICTIONARIES[locale] = locale === 'ar' ? (await import('./messages-ar')).ar : (await import('./messages')).en;
}

/** Whether the app has words for `key` (every language has the same keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.values(DICTIONARIES).some((dictionary) => Object.hasOwn(dictionary, key));
}

/** Gives a language's words at once (component tests, which render without waiting). */
export function provideLocale(locale: Locale, dictionary: Dictionary): void {
  DICTIONARIES[locale] = dictionary;
}

export interface LocaleTools {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The digits of Arabic text (English always uses Latin digits). */
  digits: Digits;
  setDigits(digits: Digits): void;
  /** The BCP 47 tag every Intl formatter of this language uses, digits included. */
  intlLocale: string;
  /** The message in the current language, with `{name}` filled; numbers formatted for it. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  formatNumber(value: number): string;
  /** A clinic-local calendar date, "2026-11-24". */
  formatDate(date: string): string;
  /** The same date in the Hijri (Umm al-Qura) calendar, shown beside the Gregorian one. */
  formatHijriDate(date: string): string;
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

export function readStoredDigits(): Digits {
  try {
    return localStorage.getItem(DIGITS_KEY) === 'arab' ? 'arab' : 'latn';
  } catch {
    return 'latn';
  }
}

export function createLocaleTools(
  locale: Locale,
  setLocale: (locale: Locale) => void = () => {},
  digits: Digits = 'latn',
  setDigits: (digits: Digits) => void = () => {},
): LocaleTools {
  const intlLocale = locale === 'ar' ? `ar-u-nu-${digits}` : 'en';
  // Each formatter is made when first used: building one costs the first page time (a phone
  // pays tens of milliseconds for the Hijri calendar's alone), and most pages use few of them.
  const once = <T,>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const numbers = once(() => new Intl.NumberFormat(intlLocale));
  const dates = once(() => new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const hijriDates = once(() => new Intl.DateTimeFormat(intlLocale, { calendar: 'islamic-umalqura', dateStyle: 'medium', timeZone: 'UTC' }));
  const fill = createMessageFormatter(dictionaryOf(locale), intlLocale);
  return {
    locale,
    setLocale,
    digits,
    setDigits,
    intlLocale,
    t: (key, values) => fill(key, values),
    formatNumber: (value) => numbers().format(value),
    formatDate: (date) => dates().format(new Date(`${date}T00:00:00Z`)),
    formatHijriDate: (date) => hijriDates().format(new Date(`${date}T00:00:00Z`)),
    formatDateTime: (instant, timeZone) =>
      new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant)),
    formatTime: (instant, timeZone) =>
      new Intl.DateTimeFormat(intlLocale, { timeStyle: 'short', timeZone }).format(new Date(instant)),
    nameOf: (named) => (locale === 'ar' && named.nameAr ? named.nameAr : (named.nameEn ?? named.name ?? '')),
  };
}

const LocaleContext = createContext<LocaleTools>(createLocaleTools('en'));

export function LocaleProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());
  const [digits, setDigitsState] = useState<Digits>(() => readStoredDigits());
  const setDigits = useCallback((next: Digits) => {
    setDigitsState(next);
    try {
      localStorage.setItem(DIGITS_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  const setLocale = useCallback((next: Locale) => {
    void loadLocale(next).then(() => setLocaleState(next));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  const tools = useMemo(
    () => createLocaleTools(locale, setLocale, digits, setDigits),
    [locale, setLocale, digits, setDigits],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'ar' ? 'rtl' : 'ltr';
    // The server writes the next page's HTML in this language (and fetches its words early);
    // no cookie means English, so an English reader who never chose gets none.
    const sent = document.cookie.split(/;\s*/).find((pair) => pair.startsWith(`${LOCALE_COOKIE}=`))?.slice(LOCALE_COOKIE.length + 1) ?? 'en';
    if (sent !== locale) {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
    }
    document.title = tools.t('appName');
  }, [locale, tools]);
  return <LocaleContext.Provider value={tools}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleTools {
  return useContext(LocaleContext);
}
