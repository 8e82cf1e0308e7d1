import { ar, en, type MessageKey } from '../../apps/web/src/i18n/messages.js';

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

  constructor(readonly lang: Lang) {
    this.numbers = new Intl.NumberFormat(lang);
    this.dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  }

  /** The message with `{name}` filled; numbers as the app writes them for the language. */
  t(key: MessageKey, values: Record<string, string | number> = {}): string {
    return DICTIONARIES[this.lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.numbers.format(value) : value;
    });
  }

  /** The message as a whole-text pattern; placeholders not given match anything. */
  pattern(key: MessageKey, values: Record<string, string | number> = {}): RegExp {
    const parts = this.t(key, values).split(/\{\w+\}/);
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

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact, whole-text match that tolerates surrounding white space. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}
