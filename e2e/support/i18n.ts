import { createMessageFormatter } from '../../apps/web/src/i18n/format-message.js';
import { ar } from '../../apps/web/src/i18n/messages-ar.js';
import { en, type MessageKey } from '../../apps/web/src/i18n/messages.js';

export type Lang = 'en' | 'ar';
export type { MessageKey };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ar };

/**
 * The web app's own words (its message dictionary), filled the way the app fills them, so that
 * page objects find the same labels in English and in Arabic.
 */
export class Words {
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;

  private readonly format: (key: MessageKey, values?: Record<string, string | number>) => string;

  constructor(readonly lang: Lang) {
    this.numbers = new Intl.NumberFormat(lang);
    this.dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    this.format = createMessageFormatter(DICTIONARIES[lang], lang);
  }

  /** The message as the app writes it (ICU plurals included); numbers as the app writes them. */
  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    return this.format(key, values);
  }

  /**
   * The message as a whole-text pattern; arguments not given match anything. (A missing plural
   * count is taken as "many", so give the count where the form matters.)
   */
  pattern(key: MessageKey, values: Record<string, string | number> = {}): RegExp {
    const missing = [...DICTIONARIES[this.lang][key].matchAll(/\{(\w+)/g)]
      .map((match) => match[1]!)
      .filter((name) => values[name] === undefined);
    const filled: Record<string, string | number> = { ...values };
    const plural = new Set(
      [...DICTIONARIES[this.lang][key].matchAll(/\{(\w+),\s*(?:plural|select)/g)].map((match) => match[1]!),
    );
    for (const name of missing) filled[name] = plural.has(name) ? SENTINEL_COUNT : `\u0001${name}\u0001`;
    const text = this.t(key, filled);
    const parts = text.split(new RegExp(`\u0001\\w+\u0001|${escapeRegExp(this.numbers.format(SENTINEL_COUNT))}`));
    return new RegExp(`^\\s*${parts.map(escapeRegExp).join('.+?')}\\s*$`);
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** A clinic-local calendar date as the app shows it ("Nov 30, 2026"). */
  date(date: string): string {
    return this.dates.format(new Date(`${date}T00:00:00Z`));
  }

  /** A bilingual name as the app shows it: Arabic in Arabic when there is one. */
  name(named: { nameEn?: string; nameAr?: string | null; name?: string }): string {
    return this.lang === 'ar' && named.nameAr ? named.nameAr : (named.nameEn ?? named.name ?? '');
  }
}

const SENTINEL_COUNT = 987_654_321;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact, whole-text match that tolerates surrounding white space. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}
