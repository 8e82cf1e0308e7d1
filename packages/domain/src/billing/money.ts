import { Decimal } from 'decimal.js';

/**
 * Money is decimal end to end: decimal.js in code, `numeric` in PostgreSQL, decimal strings in
 * the API. No floating point touches an amount.
 */
export { Decimal };

export const DEFAULT_CURRENCY = 'SAR';
/** Percent, tax-exclusive prices: 15 % VAT. */
export const DEFAULT_TAX_RATE = '15.00';
/** The money columns are numeric(12,2): amounts up to 9,999,999,999.99. */
export const MAX_MINOR_UNITS = 2;
const MAX_AMOUNT = new Decimal('9999999999.99');

/** An ISO 4217 code that the runtime's ICU knows, with at most MAX_MINOR_UNITS minor units. */
export function isSupportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  if (!Intl.supportedValuesOf('currency').includes(code)) return false;
  return minorUnitsOf(code) <= MAX_MINOR_UNITS;
}

/** The currency's minor units (ISO 4217 exponent), as ICU knows them: SAR 2, JPY 0. */
export function minorUnitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The amount as the API shows it: a decimal string with the currency's minor units, "1500.00". */
export function formatAmount(value: Decimal.Value, currency: string): string {
  return new Decimal(value).toFixed(minorUnitsOf(currency));
}

/** Rounds to the currency's minor units, half away from zero (tax). */
export function roundToMinor(value: Decimal, currency: string): Decimal {
  return value.toDecimalPlaces(minorUnitsOf(currency), Decimal.ROUND_HALF_UP);
}

/** Rounds down to the currency's minor units (a session's value). */
export function floorToMinor(value: Decimal, currency: string): Decimal {
  return value.toDecimalPlaces(minorUnitsOf(currency), Decimal.ROUND_DOWN);
}

/**
 * A caller's amount: a plain positive decimal string with at most the currency's minor units
 * ("150", "150.5", "150.50"); null when it is anything else (exponent, sign, too many places).
 */
export function parseAmount(text: string, currency: string): Decimal | null {
  const units = minorUnitsOf(currency);
  const pattern = units === 0 ? /^\d{1,10}$/ : new RegExp(`^\\d{1,10}(\\.\\d{1,${units}})?$`);
  if (!pattern.test(text)) return null;
  const amount = new Decimal(text);
  return amount.gt(MAX_AMOUNT) ? null : amount;
}

export interface InvoiceAmounts {
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
}

/** Tax-exclusive price -> subtotal, tax (rounded half up to the minor unit), total. */
export function invoiceAmounts(price: Decimal.Value, taxRatePercent: Decimal.Value, currency: string): InvoiceAmounts {
  const subtotal = new Decimal(price);
  const tax = roundToMinor(subtotal.mul(taxRatePercent).div(100), currency);
  return { subtotal, tax, total: subtotal.add(tax) };
}

/** Storage form of an amount: what a numeric(12,2) column holds, as a string. */
export function toColumn(value: Decimal): string {
  return value.toFixed(2);
}
