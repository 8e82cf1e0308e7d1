import { useMemo } from 'react';
import { useLocale } from '../i18n/locale';

/**
 * Formats the server's decimal strings ("1725.00") as money in the viewer's language and the
 * tenant's currency. Intl.NumberFormat reads a numeric string as an exact decimal, so no
 * amount passes through a binary floating-point number on its way to the screen.
 */
export function useMoney(): (amount: string, currency: string) => string {
  const { intlLocale } = useLocale();
  return useMemo(() => {
    const formats = new Map<string, Intl.NumberFormat>();
    return (amount, currency) => {
      let format = formats.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(intlLocale, { style: 'currency', currency });
        formats.set(currency, format);
      }
      return format.format(amount as Intl.StringNumericLiteral);
    };
  }, [intlLocale]);
}

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** What a person typed as an amount, as the API reads it: Latin digits, a dot for decimals. */
export function amountInput(typed: string): string {
  return typed
    .trim()
    .replace(ARABIC_INDIC, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .replace(/[,\u066C\s]/g, '')
    .replace(/\u066B/g, '.');
}
