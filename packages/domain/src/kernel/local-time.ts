import { DateTime } from 'luxon';

/**
 * Clinic-local calendar arithmetic, by luxon over the IANA zone database: dates people pick are
 * local dates; instants are UTC. No hand-written offsets.
 */

export type LocalDate = string; // YYYY-MM-DD

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export function isValidLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** The clinic-local date at an instant. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayIndexOf(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7;
}

/** The instant a local wall-clock time happens on a local date (a skipped DST time moves forward). */
export function instantAt(date: LocalDate, time: string, zone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
}

/** First instant of the local date. */
export function startOfLocalDay(date: LocalDate, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}
