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
   * The message as a whole-text pattern; arguments not given match anything. A plural count not
   * given matches any of the language's forms (one, two, few, many, other...).
   */
  pattern(key: MessageKey, values: Record<string, string | number> = {}): RegExp {
    const template = DICTIONARIES[this.lang][key];
    const missing = [...template.matchAll(/\{(\w+)/g)].map((match) => match[1]!).filter((name) => values[name] === undefined);
    const counted = new Set([...template.matchAll(/\{(\w+),\s*(?:plural|select)/g)].map((match) => match[1]!));
    const plain: Record<string, string | number> = { ...values };
    for (const name of missing) if (!counted.has(name)) plain[name] = `${PLACEHOLDER}${name}${PLACEHOLDER}`;
    const countedMissing = missing.filter((name) => counted.has(name));
    // A count for each plural form of either language: 0, 1, 2, 3 (few), 11 (many), 100 (other).
    const samples = countedMissing.length ? [0, 1, 2, 3, 11, 100] : [null];
    const alternatives = new Set<string>();
    for (const sample of samples) {
      const filled: Record<string, string | number> = { ...plain };
      for (const name of countedMissing) filled[name] = sample!;
      let text = escapeRegExp(this.t(key, filled)).replace(new RegExp(`${PLACEHOLDER}\\w+${PLACEHOLDER}`, 'g'), '.+?');
      if (sample !== null) text = text.split(escapeRegExp(this.numbers.format(sample))).join('.+?');
      alternatives.add(text);
    }
    return new RegExp(`^\\s*(?:${[...alternatives].join('|')})\\s*$`);
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

/** Marks an argument not given, in a pattern's text: no message contains it. */
const PLACEHOLDER = '\u0001';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact, whole-text match that tolerates surrounding white space. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}
