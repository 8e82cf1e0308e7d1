import { instantAt, weekdayIndexOf, type LocalDate } from '../kernel/local-time.js';

/**
 * Availability computed in memory from ranges, as cal.com's `buildDateRanges` does: the weekly
 * working hours become instants on each local date (in the clinic's zone, so daylight-saving
 * days come out right), then time off and busy appointments are cut out.
 */

/** Half-open [start, end) in epoch milliseconds. */
export interface TimeRange {
  start: number;
  end: number;
}

export interface WeeklyHours {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** Local "HH:MM" or "HH:MM:SS". */
  startTime: string;
  endTime: string;
}

/** Slots start on this grid: 08:00, 08:15, 08:30 ... */
export const SLOT_GRID_MS = 15 * 60_000;

/** The working ranges of one local date, as instants. */
export function workingRangesOn(date: LocalDate, weeklyHours: readonly WeeklyHours[], zone: string): TimeRange[] {
  const weekday = weekdayIndexOf(date);
  return weeklyHours
    .filter((hours) => hours.weekday === weekday)
    .map((hours) => ({
      start: instantAt(date, hours.startTime, zone).getTime(),
      end: instantAt(date, hours.endTime, zone).getTime(),
    }))
    .filter((range) => range.start < range.end)
    .sort((a, b) => a.start - b.start);
}

/** Ranges minus busy ranges. Both inputs may be unsorted and may overlap. */
export function subtractRanges(ranges: readonly TimeRange[], busy: readonly TimeRange[]): TimeRange[] {
  const sortedBusy = [...busy].sort((a, b) => a.start - b.start);
  const free: TimeRange[] = [];
  for (const range of ranges) {
    let cursor = range.start;
    for (const block of sortedBusy) {
      if (block.end <= cursor) continue;
      if (block.start >= range.end) break;
      if (block.start > cursor) free.push({ start: cursor, end: block.start });
      cursor = Math.max(cursor, block.end);
      if (cursor >= range.end) break;
    }
    if (cursor < range.end) free.push({ start: cursor, end: range.end });
  }
  return free;
}

function alignUp(instant: number): number {
  return Math.ceil(instant / SLOT_GRID_MS) * SLOT_GRID_MS;
}

/** The earliest slot of `durationMs` inside the free ranges, starting no earlier than `notBefore`. */
export function earliestSlot(free: readonly TimeRange[], durationMs: number, notBefore: number): TimeRange | undefined {
  for (const range of free) {
    const start = alignUp(Math.max(range.start, notBefore));
    if (start + durationMs <= range.end) return { start, end: start + durationMs };
  }
  return undefined;
}

/** Every slot of `durationMs` on the grid inside the free ranges. */
export function allSlots(free: readonly TimeRange[], durationMs: number, notBefore: number): TimeRange[] {
  const slots: TimeRange[] = [];
  for (const range of free) {
    for (let start = alignUp(Math.max(range.start, notBefore)); start + durationMs <= range.end; start += SLOT_GRID_MS) {
      slots.push({ start, end: start + durationMs });
    }
  }
  return slots;
}

/** True when [start, end) lies wholly inside one working range of its local date. */
export function withinWorkingHours(
  slot: TimeRange,
  date: LocalDate,
  weeklyHours: readonly WeeklyHours[],
  zone: string,
): boolean {
  // A range may end after midnight of the previous local date only if hours cross midnight,
  // which the schema forbids (start_time < end_time), so one date suffices.
  return workingRangesOn(date, weeklyHours, zone).some((range) => range.start <= slot.start && slot.end <= range.end);
}
