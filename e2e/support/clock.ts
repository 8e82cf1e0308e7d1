/**
 * "Today" for the whole suite: Tuesday 24 November 2026, 08:00 in Riyadh. The server's clock
 * starts here (CLOCK_START) and so does the browser's, so dates in assertions never drift.
 */
export const TODAY = new Date('2026-11-24T05:00:00Z');
export const CLINIC_ZONE = 'Asia/Riyadh';
/** The clinic-local calendar date of TODAY. */
export const TODAY_DATE = '2026-11-24';

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** A clinic-local calendar date `days` after `date` ("2026-11-24"). */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** The clinic-local calendar date of an instant. */
export function localDateOf(instant: string, timeZone = CLINIC_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The week day of a calendar date, "MONDAY". */
export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
