import { DateTime } from 'luxon';

/**
 * Clinic-local calendar arithmetic, by luxon over the IANA zone database: dates people pick are
 * local dates; instants are UTC. No hand-written offsets.
 */

export type LocalDate = string; // YYYY-MM-DD

/**
 * The conversions below depend on their arguments alone (and on the zone database, fixed for the
 * life of the process), yet luxon builds a DateTime for each, and asks Intl for a named zone's
 * offset: a calendar week of a few providers makes hundreds of them per request. Their answers
 * are remembered, as numbers, strings and booleans (a Date handed out is always a new one), in
 * one bounded memory where the oldest answer goes first.
 */
const REMEMBERED = 20_000;
const remembered = new Map<string, number | string | boolean | null>();

function rememberedOr<T extends number | string | boolean | null>(key: string, compute: () => T): T {
  const known = remembered.get(key) as T | undefined;
  if (known !== undefined) return known;
  const value = compute();
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, value);
  return value;
}

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export function isValidLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && rememberedOr(`v|${date}`, () => DateTime.fromISO(date, { zone: 'UTC' }).isValid);
}

/** The clinic-local date at an instant. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return rememberedOr(`a|${date}|${days}`, () => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayIndexOf(date: LocalDate): number {
  return rememberedOr(`w|${date}`, () => DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7);
}

/** The instant a local wall-clock time happens on a local date (a skipped DST time moves forward). */
export function instantAt(date: LocalDate, time: string, zone: string): Date {
  return new Date(rememberedOr(`i|${zone}|${date}T${time}`, () => DateTime.fromISO(`${date}T${time}`, { zone }).toMillis()));
}

/** First instant of the local date. */
export function startOfLocalDay(date: LocalDate, zone: string): Date {
  return new Date(rememberedOr(`s|${zone}|${date}`, () => DateTime.fromISO(date, { zone }).startOf('day').toMillis()));
}
