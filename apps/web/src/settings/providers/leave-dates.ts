import { DateTime } from 'luxon';

/**
 * A leave entered as whole clinic-local days, first to last included, as the instants the API
 * takes: from the first day's midnight to the midnight after the last day, in the clinic's zone.
 * Null when a date is missing or not a date (the server judges the rest: order, length).
 */
export function leaveInstants(firstDay: string, lastDay: string, timeZone: string): { startsAt: string; endsAt: string } | null {
  const start = DateTime.fromISO(firstDay, { zone: timeZone });
  const last = DateTime.fromISO(lastDay || firstDay, { zone: timeZone });
  if (!start.isValid || !last.isValid) return null;
  const startsAt = start.startOf('day').toUTC().toISO();
  const endsAt = last.startOf('day').plus({ days: 1 }).toUTC().toISO();
  return startsAt && endsAt ? { startsAt, endsAt } : null;
}

/**
 * The end of a leave shortened to a new last clinic-local day: the midnight after it, in the
 * clinic's zone. Null when the date is missing or not a date (the server judges the rest).
 */
export function leaveEndAfter(lastDay: string, timeZone: string): string | null {
  const last = DateTime.fromISO(lastDay, { zone: timeZone });
  return last.isValid ? last.startOf('day').plus({ days: 1 }).toUTC().toISO() : null;
}

/** The clinic-local day an instant falls on, "2026-12-07". */
export function localDay(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toISODate() ?? instant.slice(0, 10);
}

/** The last clinic-local day a leave covers: an end at midnight ends the day before. */
export function lastLocalDay(endsAt: string, timeZone: string): string {
  const end = DateTime.fromISO(endsAt, { zone: 'utc' }).setZone(timeZone);
  const day = end.hour === 0 && end.minute === 0 && end.second === 0 ? end.minus({ days: 1 }) : end;
  return day.toISODate() ?? endsAt.slice(0, 10);
}

export interface Range {
  weekday: number;
  startTime: string;
  endTime: string;
}

/** Week days in the order the editor shows them, Sunday (0) first as the clinics' week starts. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** The ranges of one clinic, per week day, each day's in time order. */
export function rangesByDay(ranges: readonly Range[]): Map<number, Range[]> {
  const byDay = new Map<number, Range[]>(WEEKDAYS.map((day) => [day, []]));
  for (const range of ranges) byDay.get(range.weekday)?.push({ weekday: range.weekday, startTime: range.startTime, endTime: range.endTime });
  for (const day of byDay.values()) day.sort((a, b) => a.startTime.localeCompare(b.startTime));
  return byDay;
}
