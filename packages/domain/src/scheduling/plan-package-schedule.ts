import { earliestSlot, workingRangesOn, type TimeRange, type WeeklyHours } from '../availability/date-ranges.js';
import { Timeline } from '../availability/timeline.js';
import { instantAt, type LocalDate } from '../kernel/local-time.js';
import { DateTime } from 'luxon';

/** How far past its cursor a session looks for a slot (docs/domain.md, auto-scheduling rule 3). */
export const SEARCH_DAYS = 90;

export interface SessionToPlace {
  sessionNumber: number;
  providerId: string;
  durationMinutes: number;
}

/** A clinic-local daily window, "HH:MM" to "HH:MM": a session starts and ends inside it. */
export interface TimeWindow {
  from: string;
  to: string;
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
  /** Local dates nothing may be scheduled on (closures, a freeze of the purchase). */
  blockedDates?: ReadonlySet<LocalDate> | undefined;
  /** Preferences (second generation); absent means the first-generation behaviour. */
  timeWindow?: TimeWindow | null | undefined;
  /** The week days and start times of the first week repeat in later weeks where the calendar allows. */
  keepWeeklySlot?: boolean | null | undefined;
  /** Days between the dates of two sessions of the purchase, at least 1 (the default). */
  minDaysBetween?: number | null | undefined;
  /** At most this many sessions of the purchase in one Sunday-to-Saturday week. */
  maxSessionsPerWeek?: number | null | undefined;
  /** Other providers of the clinic a suggestion may name (their calendars are in the maps). */
  alternativeProviderIds?: readonly string[] | undefined;
  /** The last date any session may take (the expiry date), for the "later end date" suggestion. */
  latestDate?: LocalDate | undefined;
}

/** Why a session got its slot. */
export type PlacementReason = 'EARLIEST_FREE' | 'WEEKLY_SLOT' | 'WEEKLY_SLOT_TAKEN';

export interface Placement {
  sessionNumber: number;
  providerId: string;
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
  reason: PlacementReason;
}

export type UnplacedReason = 'NO_AVAILABILITY' | 'PAST_END_DATE';

export type SuggestionKind = 'OTHER_PROVIDER' | 'OTHER_DAY_OR_TIME' | 'LATER_END_DATE';

/** A slot an unplaced session could take as is (bookable in one step). */
export interface Suggestion {
  kind: SuggestionKind;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Unplaced {
  sessionNumber: number;
  code: UnplacedReason;
  alternatives?: Suggestion[];
}

const DAY_MS = 86_400_000;
// Plain calendar arithmetic on ISO dates (no zone involved), many times per plan: kept cheap.
const addDays = (date: LocalDate, days: number): LocalDate => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
const weekdayIndexOf = (date: LocalDate): number => new Date(Date.parse(date)).getUTCDay();
const daysBetween = (a: LocalDate, b: LocalDate) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
/** The Sunday that starts the week of a date. */
export const weekOf = (date: LocalDate): LocalDate => addDays(date, -weekdayIndexOf(date));
const localTimeOf = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');

interface Rules {
  preferredWeekdays: ReadonlySet<number>;
  window: TimeWindow | null;
  endDate: LocalDate;
}

/**
 * Auto-scheduling, pure and in memory: sessions in order, each at the earliest free slot of its
 * provider on an allowed day on or after its cursor; the next cursor is the minimum gap after.
 * Hard rules: working hours minus time off and busy time, blocked dates, the time window, the
 * gap and the weekly cap, the end date. With keepWeeklySlot (a preference), a later session takes
 * the first week's start time on the date of its earliest free slot when free, otherwise that
 * earliest slot (WEEKLY_SLOT_TAKEN); see weeklySlot. A session with no slot within SEARCH_DAYS of its cursor, or
 * before the end date, is reported, with up to three suggestions.
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
  const blocked = input.blockedDates ?? new Set<LocalDate>();
  const gap = Math.max(1, input.minDaysBetween ?? 1);
  const perWeek = input.maxSessionsPerWeek ?? null;
  const weekCounts = new Map<LocalDate, number>();
  for (const date of takenDates) weekCounts.set(weekOf(date), (weekCounts.get(weekOf(date)) ?? 0) + 1);
  const baseRules: Rules = { preferredWeekdays: input.preferredWeekdays, window: input.timeWindow ?? null, endDate: input.endDate };

  const hardAllowed = (date: LocalDate) => {
    if (blocked.has(date)) return false;
    for (let k = 0; k < gap; k += 1) if (takenDates.has(addDays(date, k)) || takenDates.has(addDays(date, -k))) return false;
    return perWeek === null || (weekCounts.get(weekOf(date)) ?? 0) < perWeek;
  };
  // Working hours (and window) as instants never change during a plan: computed once per day.
  const workingMemo = new Map<string, TimeRange[]>();
  const workingOn = (date: LocalDate, providerId: string, window: TimeWindow | null): TimeRange[] => {
    const key = `${providerId}|${date}|${window?.from ?? ''}|${window?.to ?? ''}`;
    let working = workingMemo.get(key);
    if (working) return working;
    working = workingRangesOn(date, input.weeklyHours.get(providerId) ?? [], input.zone);
    if (window && working.length > 0) {
      const from = instantAt(date, window.from, input.zone).getTime();
      const to = instantAt(date, window.to, input.zone).getTime();
      working = working.map((r) => ({ start: Math.max(r.start, from), end: Math.min(r.end, to) })).filter((r) => r.start < r.end);
    }
    workingMemo.set(key, working);
    return working;
  };
  const freeOn = (date: LocalDate, providerId: string, window: TimeWindow | null): TimeRange[] => {
    const working = workingOn(date, providerId, window);
    if (working.length === 0) return working;
    return patientTimeline.cutFrom(timelineOf(providerId).cutFrom(working));
  };
  /** The earliest slot on an allowed date from `cursor`, or why there is none. */
  // The calendar only changes when a session is placed; until then, the same search has the same answer.
  const memo = new Map<string, { date: LocalDate; slot: TimeRange } | UnplacedReason>();
  const search = (
    cursor: LocalDate,
    providerId: string,
    durationMs: number,
    rules: Rules,
  ): { date: LocalDate; slot: TimeRange } | UnplacedReason => {
    const key = [cursor, providerId, durationMs, [...rules.preferredWeekdays].join(), rules.window?.from, rules.window?.to, rules.endDate].join('|');
    let answer = memo.get(key);
    if (answer === undefined) {
      answer = searchNow(cursor, providerId, durationMs, rules);
      memo.set(key, answer);
    }
    return answer;
  };
  const searchNow = (
    cursor: LocalDate,
    providerId: string,
    durationMs: number,
    rules: Rules,
  ): { date: LocalDate; slot: TimeRange } | UnplacedReason => {
    const lastSearchDate = addDays(cursor, SEARCH_DAYS - 1);
    for (let date = cursor; ; date = addDays(date, 1)) {
      if (date > rules.endDate) return 'PAST_END_DATE';
      if (date > lastSearchDate) return 'NO_AVAILABILITY';
      if (rules.preferredWeekdays.size > 0 && !rules.preferredWeekdays.has(weekdayIndexOf(date))) continue;
      if (!hardAllowed(date)) continue;
      const slot = earliestSlot(freeOn(date, providerId, rules.window), durationMs, input.notBefore.getTime());
      if (slot) return { date, slot };
    }
  };
  /** The first week's start time of each of its week days. */
  const anchors = new Map<number, string>();
  /** The first week: the seven days from the first session placed (exclusive end). */
  let anchorEnd: LocalDate | null = null;
  /**
   * The weekly slot is a preference, never at the cost of a session: on the date of the earliest
   * free slot, the first week's start time of that week day where it is free. Only when that date
   * is not one of the first week's days and this session fills the week's cap (so the week holds
   * no other session anyway) does it move to a first-week day later in the same week.
   */
  const weeklySlot = (providerId: string, durationMs: number, earliest: LocalDate) => {
    const fillsWeek = perWeek !== null && (weekCounts.get(weekOf(earliest)) ?? 0) + 1 >= perWeek;
    const last = anchors.has(weekdayIndexOf(earliest)) || !fillsWeek ? earliest : addDays(weekOf(earliest), 6);
    for (let date = earliest; date <= last && date <= input.endDate; date = addDays(date, 1)) {
      const time = anchors.get(weekdayIndexOf(date));
      if (time === undefined || !hardAllowed(date)) continue;
      const start = instantAt(date, time, input.zone).getTime();
      if (start < input.notBefore.getTime()) continue;
      const end = start + durationMs;
      if (freeOn(date, providerId, baseRules.window).some((r) => r.start <= start && end <= r.end)) return { date, slot: { start, end } };
    }
    return undefined;
  };

  const placed: Placement[] = [];
  const unplaced: Array<Unplaced & { cursor: LocalDate; session: SessionToPlace }> = [];
  let cursor = input.startDate;
  for (const session of input.sessions) {
    const durationMs = session.durationMinutes * 60_000;
    const earliest = search(cursor, session.providerId, durationMs, baseRules);
    // After the first week, the first week's day and time come first, where they are free.
    // The first week holds at most the weekly cap of anchors.
    const anchorsFull = perWeek !== null && anchors.size >= perWeek;
    const inLaterWeek =
      input.keepWeeklySlot && anchorEnd !== null && (typeof earliest === 'string' || earliest.date >= anchorEnd || anchorsFull);
    // No free slot at all keeping the hard rules: the weekly slot (which keeps them too) is none either.
    const kept = inLaterWeek && typeof earliest !== 'string' ? weeklySlot(session.providerId, durationMs, earliest.date) : undefined;
    const found = kept ?? earliest;
    if (typeof found === 'string') {
      unplaced.push({ sessionNumber: session.sessionNumber, code: found, cursor, session });
      continue;
    }
    const { date, slot } = found;
    const reason: PlacementReason = kept ? 'WEEKLY_SLOT' : inLaterWeek ? 'WEEKLY_SLOT_TAKEN' : 'EARLIEST_FREE';
    placed.push({ sessionNumber: session.sessionNumber, providerId: session.providerId, date, startsAt: new Date(slot.start), endsAt: new Date(slot.end), reason });
    memo.clear();
    timelineOf(session.providerId).add(slot);
    patientTimeline.add(slot);
    takenDates.add(date);
    weekCounts.set(weekOf(date), (weekCounts.get(weekOf(date)) ?? 0) + 1);
    if (input.keepWeeklySlot) {
      anchorEnd ??= addDays(date, 7);
      if (!inLaterWeek && date < anchorEnd && !anchors.has(weekdayIndexOf(date))) anchors.set(weekdayIndexOf(date), localTimeOf(new Date(slot.start), input.zone));
    }
    cursor = addDays(date, gap);
  }

  // Suggestions, against the calendar as the plan leaves it; each is bookable as is.
  const results: Unplaced[] = unplaced.map(({ sessionNumber, code, cursor: from, session }) => {
    const durationMs = session.durationMinutes * 60_000;
    const alternatives: Suggestion[] = [];
    const suggest = (kind: SuggestionKind, providerId: string, found: ReturnType<typeof search>) => {
      if (typeof found === 'string') return;
      const same = alternatives.some((s) => s.providerId === providerId && s.startsAt.getTime() === found.slot.start);
      if (!same) alternatives.push({ kind, providerId, startsAt: new Date(found.slot.start), endsAt: new Date(found.slot.end) });
    };
    let best: { providerId: string; found: { date: LocalDate; slot: TimeRange } } | undefined;
    for (const providerId of input.alternativeProviderIds ?? []) {
      if (providerId === session.providerId) continue;
      const found = search(from, providerId, durationMs, baseRules);
      if (typeof found !== 'string' && (!best || found.slot.start < best.found.slot.start)) best = { providerId, found };
    }
    if (best) suggest('OTHER_PROVIDER', best.providerId, best.found);
    suggest('OTHER_DAY_OR_TIME', session.providerId, search(from, session.providerId, durationMs, { preferredWeekdays: new Set(), window: null, endDate: input.endDate }));
    if (input.latestDate && input.latestDate > input.endDate) {
      suggest('LATER_END_DATE', session.providerId, search(from, session.providerId, durationMs, { ...baseRules, endDate: input.latestDate }));
    }
    // Each slot is offered to one session only: the next unplaced session is offered another.
    if (alternatives.length > 0) {
      for (const s of alternatives) {
        const slot = { start: s.startsAt.getTime(), end: s.endsAt.getTime() };
        timelineOf(s.providerId).add(slot);
        patientTimeline.add(slot);
      }
      memo.clear();
    }
    return { sessionNumber, code, alternatives };
  });
  return { placed, unplaced: results };
}

/** How many days from one local date to another. */
export { daysBetween };
