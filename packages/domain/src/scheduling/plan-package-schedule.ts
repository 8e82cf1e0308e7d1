import { earliestSlot, workingRangesOn, type TimeRange, type WeeklyHours } from '../availability/date-ranges.js';
import { Timeline } from '../availability/timeline.js';
import { addDays, weekdayIndexOf, type LocalDate } from '../kernel/local-time.js';

/** How far past its cursor a session looks for a slot (docs/domain.md, auto-scheduling rule 3). */
export const SEARCH_DAYS = 90;

export interface SessionToPlace {
  sessionNumber: number;
  providerId: string;
  durationMinutes: number;
}

export interface PlanInput {
  sessions: readonly SessionToPlace[];
  startDate: LocalDate;
  /** Inclusive; never past the purchase's expiry date. */
  endDate: LocalDate;
  /** 0 = Sunday ... 6 = Saturday; empty means any day. */
  preferredWeekdays: ReadonlySet<number>;
  zone: string;
  /** No slot starts before this instant. */
  notBefore: Date;
  weeklyHours: ReadonlyMap<string, readonly WeeklyHours[]>;
  providerBusy: ReadonlyMap<string, readonly TimeRange[]>;
  patientBusy: readonly TimeRange[];
  /** Local dates that already hold a live session of this purchase. */
  takenDates: ReadonlySet<LocalDate>;
}

export interface Placement {
  sessionNumber: number;
  providerId: string;
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
}

export type UnplacedReason = 'NO_AVAILABILITY' | 'PAST_END_DATE';

export interface Unplaced {
  sessionNumber: number;
  code: UnplacedReason;
}

/**
 * Auto-scheduling rules 2 and 3, pure: sessions in order, each at the earliest free slot of its
 * provider on a preferred day on or after its cursor; the next cursor is the day after. A
 * session with no slot within SEARCH_DAYS of its cursor, or before the end date, is reported.
 */
export function planPackageSchedule(input: PlanInput): { placed: Placement[]; unplaced: Unplaced[] } {
  const providerTimelines = new Map<string, Timeline>();
  const timelineOf = (providerId: string) => {
    let timeline = providerTimelines.get(providerId);
    if (!timeline) {
      timeline = new Timeline(input.providerBusy.get(providerId) ?? []);
      providerTimelines.set(providerId, timeline);
    }
    return timeline;
  };
  const patientTimeline = new Timeline(input.patientBusy);
  const takenDates = new Set(input.takenDates);
  const isPreferred = (date: LocalDate) =>
    input.preferredWeekdays.size === 0 || input.preferredWeekdays.has(weekdayIndexOf(date));

  const placed: Placement[] = [];
  const unplaced: Unplaced[] = [];
  let cursor = input.startDate;
  for (const session of input.sessions) {
    const hours = input.weeklyHours.get(session.providerId) ?? [];
    const providerTimeline = timelineOf(session.providerId);
    const durationMs = session.durationMinutes * 60_000;
    const lastSearchDate = addDays(cursor, SEARCH_DAYS - 1);
    let outcome: Placement | UnplacedReason | undefined;
    for (let date = cursor; outcome === undefined; date = addDays(date, 1)) {
      if (date > input.endDate) outcome = 'PAST_END_DATE';
      else if (date > lastSearchDate) outcome = 'NO_AVAILABILITY';
      else if (isPreferred(date) && !takenDates.has(date) && hours.length > 0) {
        const working = workingRangesOn(date, hours, input.zone);
        const free = patientTimeline.cutFrom(providerTimeline.cutFrom(working));
        const slot = earliestSlot(free, durationMs, input.notBefore.getTime());
        if (slot) {
          outcome = {
            sessionNumber: session.sessionNumber,
            providerId: session.providerId,
            date,
            startsAt: new Date(slot.start),
            endsAt: new Date(slot.end),
          };
        }
      }
    }
    if (typeof outcome === 'string') {
      unplaced.push({ sessionNumber: session.sessionNumber, code: outcome });
      continue;
    }
    placed.push(outcome);
    const busy = { start: outcome.startsAt.getTime(), end: outcome.endsAt.getTime() };
    providerTimeline.add(busy);
    patientTimeline.add(busy);
    takenDates.add(outcome.date);
    cursor = addDays(outcome.date, 1);
  }
  return { placed, unplaced };
}
