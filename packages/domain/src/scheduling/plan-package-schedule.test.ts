import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { withinWorkingHours, type TimeRange, type WeeklyHours } from '../availability/date-ranges.js';
import { addDays, localDateOf, weekdayIndexOf } from '../kernel/local-time.js';
import { planPackageSchedule, type PlanInput } from './plan-package-schedule.js';

const ZONE = 'Asia/Riyadh';
const NOW = new Date('2026-11-24T05:00:00Z'); // Tuesday 08:00 in Riyadh
const SUNDAY_TO_THURSDAY: WeeklyHours[] = [0, 1, 2, 3, 4].flatMap((weekday) => [
  { weekday, startTime: '08:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '16:00' },
]);

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    sessions: Array.from({ length: 5 }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p1', durationMinutes: 45 })),
    startDate: '2026-11-24',
    endDate: '2027-02-22',
    preferredWeekdays: new Set(),
    zone: ZONE,
    notBefore: NOW,
    weeklyHours: new Map([['p1', SUNDAY_TO_THURSDAY]]),
    providerBusy: new Map(),
    patientBusy: [],
    takenDates: new Set(),
    ...overrides,
  };
}

const localStart = (date: Date) => DateTime.fromJSDate(date, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('planning a package schedule', () => {
  it('places each session at the earliest slot, one working day after the other', () => {
    const { placed, unplaced } = planPackageSchedule(input());
    expect(unplaced).toEqual([]);
    expect(placed.map((p) => localStart(p.startsAt))).toEqual([
      'Tue 2026-11-24 08:00',
      'Wed 2026-11-25 08:00',
      'Thu 2026-11-26 08:00',
      'Sun 2026-11-29 08:00',
      'Mon 2026-11-30 08:00',
    ]);
  });

  it('keeps to the preferred week days', () => {
    const { placed } = planPackageSchedule(input({ preferredWeekdays: new Set([0, 2]) }));
    expect(placed.map((p) => localStart(p.startsAt).slice(0, 3))).toEqual(['Tue', 'Sun', 'Tue', 'Sun', 'Tue']);
  });

  it('starts no session before now', () => {
    const { placed } = planPackageSchedule(input({ notBefore: new Date('2026-11-24T06:10:00Z') }));
    expect(localStart(placed[0]!.startsAt)).toBe('Tue 2026-11-24 09:15');
  });

  it('reports PAST_END_DATE for sessions that do not fit before the end date', () => {
    const { placed, unplaced } = planPackageSchedule(input({ endDate: '2026-11-26' }));
    expect(placed).toHaveLength(3);
    expect(unplaced).toEqual([
      { sessionNumber: 4, code: 'PAST_END_DATE', alternatives: [] },
      { sessionNumber: 5, code: 'PAST_END_DATE', alternatives: [] },
    ]);
  });

  it('reports NO_AVAILABILITY when nothing is free within 90 days of the cursor', () => {
    const { placed, unplaced } = planPackageSchedule(input({ weeklyHours: new Map(), endDate: '2027-12-31' }));
    expect(placed).toEqual([]);
    expect(unplaced.every((miss) => miss.code === 'NO_AVAILABILITY')).toBe(true);
  });

  it('skips days that already hold a session of the package', () => {
    const { placed } = planPackageSchedule(input({ takenDates: new Set(['2026-11-24', '2026-11-25']) }));
    expect(placed[0]!.date).toBe('2026-11-26');
  });

  it('is right on both daylight-saving days in New York', () => {
    const zone = 'America/New_York';
    const { placed } = planPackageSchedule(
      input({
        zone,
        notBefore: new Date('2026-03-01T00:00:00Z'),
        startDate: '2026-03-06',
        endDate: '2026-03-12',
        weeklyHours: new Map([['p1', [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '08:00', endTime: '16:00' }))]]),
      }),
    );
    const times = placed.map((p) => DateTime.fromJSDate(p.startsAt, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ'));
    expect(times).toEqual([
      '2026-03-06 08:00 -05:00',
      '2026-03-07 08:00 -05:00',
      '2026-03-08 08:00 -04:00',
      '2026-03-09 08:00 -04:00',
      '2026-03-10 08:00 -04:00',
    ]);
    const autumn = planPackageSchedule(
      input({
        zone,
        notBefore: new Date('2026-10-01T00:00:00Z'),
        startDate: '2026-10-31',
        endDate: '2026-11-05',
        weeklyHours: new Map([['p1', [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '08:00', endTime: '16:00' }))]]),
      }),
    );
    expect(autumn.placed.map((p) => DateTime.fromJSDate(p.startsAt, { zone }).toFormat('MM-dd HH:mm ZZ'))).toEqual([
      '10-31 08:00 -04:00',
      '11-01 08:00 -05:00',
      '11-02 08:00 -05:00',
      '11-03 08:00 -05:00',
      '11-04 08:00 -05:00',
    ]);
  });
});

describe('planning with preferences', () => {
  it('keeps every session inside the daily time window', () => {
    const { placed } = planPackageSchedule(input({ timeWindow: { from: '14:00', to: '16:00' } }));
    expect(placed.map((p) => localStart(p.startsAt))).toEqual([
      'Tue 2026-11-24 14:00',
      'Wed 2026-11-25 14:00',
      'Thu 2026-11-26 14:00',
      'Sun 2026-11-29 14:00',
      'Mon 2026-11-30 14:00',
    ]);
    expect(placed.every((p) => p.reason === 'EARLIEST_FREE')).toBe(true);
  });

  it('keeps the minimum gap and the weekly cap', () => {
    const gap = planPackageSchedule(input({ minDaysBetween: 3 }));
    expect(gap.placed.map((p) => p.date)).toEqual(['2026-11-24', '2026-11-29', '2026-12-02', '2026-12-06', '2026-12-09']);
    const capped = planPackageSchedule(input({ maxSessionsPerWeek: 2 }));
    expect(capped.placed.map((p) => localStart(p.startsAt).slice(0, 14))).toEqual([
      'Tue 2026-11-24',
      'Wed 2026-11-25',
      'Sun 2026-11-29',
      'Mon 2026-11-30',
      'Sun 2026-12-06',
    ]);
  });

  it('keeps one weekly slot, and says when it had to move a session', () => {
    const busyWeek3 = { start: new Date('2026-12-08T12:00:00Z').getTime(), end: new Date('2026-12-08T13:00:00Z').getTime() }; // Tue 15:00 Riyadh
    const { placed } = planPackageSchedule(
      input({
        keepWeeklySlot: true,
        maxSessionsPerWeek: 1,
        timeWindow: { from: '15:00', to: '16:00' },
        providerBusy: new Map([['p1', [busyWeek3]]]),
        sessions: Array.from({ length: 4 }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p1', durationMinutes: 45 })),
      }),
    );
    expect(placed.map((p) => `${localStart(p.startsAt)} ${p.reason}`)).toEqual([
      'Tue 2026-11-24 15:00 EARLIEST_FREE',
      'Tue 2026-12-01 15:00 WEEKLY_SLOT',
      'Sun 2026-12-06 15:00 WEEKLY_SLOT_TAKEN',
      'Tue 2026-12-15 15:00 WEEKLY_SLOT',
    ]);
  });

  it('keeps the weekly slot as a preference: another time or day of that week when it is taken, never a week later', () => {
    const riyadh = (iso: string) => new Date(`${iso}+03:00`).getTime();
    const calendar = {
      preferredWeekdays: new Set([0, 2, 4]),
      timeWindow: { from: '15:00', to: '16:00' },
      providerBusy: new Map([
        [
          'p1',
          [
            { start: riyadh('2026-11-26T15:00'), end: riyadh('2026-11-26T16:00') }, // the first week's Thursday is full
            { start: riyadh('2026-12-08T15:00'), end: riyadh('2026-12-08T15:15') }, // Tuesday's usual 15:00 is taken
          ],
        ],
      ]),
      sessions: Array.from({ length: 6 }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p1', durationMinutes: 45 })),
    };
    const { placed, unplaced } = planPackageSchedule(input({ ...calendar, keepWeeklySlot: true }));
    expect(unplaced).toEqual([]);
    expect(placed.map((p) => `${localStart(p.startsAt)} ${p.reason}`)).toEqual([
      'Tue 2026-11-24 15:00 EARLIEST_FREE',
      'Sun 2026-11-29 15:00 EARLIEST_FREE',
      'Tue 2026-12-01 15:00 WEEKLY_SLOT',
      // Thursday was no day of the first week, and waiting for Sunday would cost a session.
      'Thu 2026-12-03 15:00 WEEKLY_SLOT_TAKEN',
      'Sun 2026-12-06 15:00 WEEKLY_SLOT',
      // The same Tuesday at the next free time, not the Sunday after.
      'Tue 2026-12-08 15:15 WEEKLY_SLOT_TAKEN',
    ]);
    // The preference cost no date: the same dates as without it.
    const withoutSlot = planPackageSchedule(input(calendar));
    expect(placed.map((p) => p.date)).toEqual(withoutSlot.placed.map((p) => p.date));
  });

  it('never uses a blocked date (a closure, a freeze)', () => {
    const { placed } = planPackageSchedule(input({ blockedDates: new Set(['2026-11-24', '2026-11-25', '2026-11-26']) }));
    expect(placed[0]!.date).toBe('2026-11-29');
  });

  it('suggests another provider, another day or time, and a later end date for an unplaced session', () => {
    const { placed, unplaced } = planPackageSchedule(
      input({
        endDate: '2026-11-30',
        latestDate: '2027-02-22',
        preferredWeekdays: new Set([2]),
        timeWindow: { from: '08:00', to: '09:00' },
        sessions: Array.from({ length: 2 }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p1', durationMinutes: 45 })),
        weeklyHours: new Map([
          ['p1', SUNDAY_TO_THURSDAY],
          ['p2', SUNDAY_TO_THURSDAY],
        ]),
        providerBusy: new Map([['p2', [{ start: new Date('2026-11-24T05:00:00Z').getTime(), end: new Date('2026-11-24T06:00:00Z').getTime() }]]]),
        alternativeProviderIds: ['p1', 'p2'],
      }),
    );
    expect(placed).toHaveLength(1);
    expect(unplaced).toHaveLength(1);
    const alternatives = unplaced[0]!.alternatives!.map((s) => `${s.kind} ${s.providerId} ${localStart(s.startsAt)}`);
    // p2 is free on no Tuesday before the end date but Tuesday 24th is taken by session 1 for the patient anyway.
    expect(alternatives).toEqual(['OTHER_DAY_OR_TIME p1 Wed 2026-11-25 08:00', 'LATER_END_DATE p1 Tue 2026-12-01 08:00']);
  });

  it('offers each suggested slot to one unplaced session only', () => {
    const { unplaced } = planPackageSchedule(
      input({
        endDate: '2026-11-30',
        latestDate: '2027-02-22',
        preferredWeekdays: new Set([6]),
        sessions: Array.from({ length: 3 }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p1', durationMinutes: 45 })),
        weeklyHours: new Map([
          ['p1', SUNDAY_TO_THURSDAY],
          ['p2', SUNDAY_TO_THURSDAY],
        ]),
        alternativeProviderIds: ['p1', 'p2'],
      }),
    );
    expect(unplaced).toHaveLength(3);
    const offered = unplaced.flatMap((miss) => miss.alternatives!.map((s) => `${s.providerId} ${localStart(s.startsAt)}`));
    // No one works on Saturdays: each session is offered another day or time, and never the same one.
    expect(offered).toEqual(['p1 Tue 2026-11-24 08:00', 'p1 Tue 2026-11-24 08:45', 'p1 Tue 2026-11-24 09:30']);
  });
});

describe('planning, for any calendar', () => {
  const base = new Date('2026-11-22T00:00:00Z').getTime();
  const hoursArb = fc.array(
    fc.record({
      weekday: fc.integer({ min: 0, max: 6 }),
      start: fc.integer({ min: 6 * 4, max: 18 * 4 }),
      length: fc.integer({ min: 2, max: 16 }),
    }),
    { maxLength: 8 },
  );
  const busyArb = fc.array(
    fc.record({ offset: fc.integer({ min: 0, max: 60 * 96 }), length: fc.integer({ min: 1, max: 40 }) }),
    { maxLength: 40 },
  );
  const quarter = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
  const toBusy = (blocks: { offset: number; length: number }[]): TimeRange[] =>
    blocks.map((b) => ({ start: base + b.offset * 15 * 60_000, end: base + (b.offset + b.length) * 15 * 60_000 }));

  it('never overlaps, keeps to preferred days, working hours, blocked dates, the window, the gap and the weekly cap, within the end date; accounts for every session; keeps the weekly slot wherever it is free, at no cost of a date; suggestions keep the hard rules', () => {
    fc.assert(
      fc.property(
        hoursArb,
        busyArb,
        busyArb,
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('Asia/Riyadh', 'Europe/London', 'America/New_York'),
        fc.record({
          window: fc.option(fc.tuple(fc.integer({ min: 6 * 4, max: 18 * 4 }), fc.integer({ min: 3, max: 16 })), { nil: null }),
          gap: fc.integer({ min: 1, max: 4 }),
          perWeek: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          keepWeeklySlot: fc.boolean(),
          blocked: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { maxLength: 10 }),
        }),
        (hours, providerBlocks, patientBlocks, preferred, startOffset, span, sessionCount, zone, prefs) => {
          const weeklyHours: WeeklyHours[] = hours.map((h) => ({
            weekday: h.weekday,
            startTime: quarter(h.start),
            endTime: quarter(Math.min(h.start + h.length, 95)),
          }));
          const startDate = addDays('2026-11-22', startOffset);
          const endDate = addDays(startDate, span);
          const timeWindow = prefs.window ? { from: quarter(prefs.window[0]), to: quarter(Math.min(prefs.window[0] + prefs.window[1], 95)) } : null;
          const blocked = new Set(prefs.blocked.map((d) => addDays('2026-11-22', d)));
          const providerBusy = toBusy(providerBlocks);
          const patientBusy = toBusy(patientBlocks);
          const input: PlanInput = {
            sessions: Array.from({ length: sessionCount }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p', durationMinutes: 45 })),
            startDate,
            endDate,
            preferredWeekdays: new Set(preferred),
            zone,
            notBefore: new Date(base),
            providerBusy: new Map([['p', providerBusy]]),
            patientBusy,
            takenDates: new Set(),
            timeWindow,
            minDaysBetween: prefs.gap,
            maxSessionsPerWeek: prefs.perWeek,
            keepWeeklySlot: prefs.keepWeeklySlot,
            blockedDates: blocked,
            alternativeProviderIds: ['p', 'q'],
            weeklyHours: new Map([
              ['p', weeklyHours],
              ['q', weeklyHours.map((h) => ({ ...h, weekday: (h.weekday + 1) % 7 }))],
            ]),
            latestDate: addDays(endDate, 20),
          };
          const plan = planPackageSchedule(input);
          const numbers = [...plan.placed.map((p) => p.sessionNumber), ...plan.unplaced.map((u) => u.sessionNumber)].sort((a, b) => a - b);
          expect(numbers).toEqual(Array.from({ length: sessionCount }, (_, i) => i + 1));
          const placedRanges = plan.placed.map((p) => ({ start: p.startsAt.getTime(), end: p.endsAt.getTime() }));
          for (const [i, slot] of placedRanges.entries()) {
            for (const other of [...providerBusy, ...patientBusy, ...placedRanges.filter((_, j) => j !== i)]) {
              expect(slot.start < other.end && other.start < slot.end).toBe(false);
            }
            const placement = plan.placed[i]!;
            expect(localDateOf(placement.startsAt, zone)).toBe(placement.date);
            expect(placement.date >= startDate && placement.date <= endDate).toBe(true);
            if (preferred.length) expect(preferred).toContain(weekdayIndexOf(placement.date));
            expect(withinWorkingHours(slot, placement.date, weeklyHours, zone)).toBe(true);
          }
          const dates = plan.placed.map((p) => p.date);
          expect(new Set(dates).size).toBe(dates.length);
          for (let i = 1; i < plan.placed.length; i += 1) expect(plan.placed[i]!.date > plan.placed[i - 1]!.date).toBe(true);
          const weeks = new Map<string, number>();
          for (const placement of plan.placed) {
            expect(blocked.has(placement.date)).toBe(false);
            if (timeWindow) {
              // A time skipped by a daylight-saving change moves forward: compare instants.
              expect(placement.startsAt.getTime()).toBeGreaterThanOrEqual(DateTime.fromISO(`${placement.date}T${timeWindow.from}`, { zone }).toMillis());
              expect(placement.endsAt.getTime()).toBeLessThanOrEqual(DateTime.fromISO(`${placement.date}T${timeWindow.to}`, { zone }).toMillis());
            }
            const week = addDays(placement.date, -weekdayIndexOf(placement.date));
            weeks.set(week, (weeks.get(week) ?? 0) + 1);
          }
          if (prefs.perWeek) for (const count of weeks.values()) expect(count).toBeLessThanOrEqual(prefs.perWeek);
          for (let i = 1; i < dates.length; i += 1) {
            expect(DateTime.fromISO(dates[i]!).diff(DateTime.fromISO(dates[i - 1]!), 'days').days).toBeGreaterThanOrEqual(prefs.gap);
          }
          if (prefs.keepWeeklySlot) {
            // A preference: without a weekly cap it never moves a session to another date (the same
            // dates as without it); the first week's time is kept wherever it was free that day.
            if (prefs.perWeek === null) {
              const without = planPackageSchedule({ ...input, keepWeeklySlot: false });
              expect(dates).toEqual(without.placed.map((p) => p.date));
              expect(plan.unplaced.map((u) => `${u.sessionNumber} ${u.code}`)).toEqual(without.unplaced.map((u) => `${u.sessionNumber} ${u.code}`));
            }
            const usual = new Map<number, string>();
            for (const p of plan.placed) {
              const day = weekdayIndexOf(p.date);
              if (p.reason === 'EARLIEST_FREE' && !usual.has(day)) usual.set(day, DateTime.fromJSDate(p.startsAt, { zone }).toFormat('HH:mm'));
            }
            for (const [i, p] of plan.placed.entries()) {
              const time = usual.get(weekdayIndexOf(p.date));
              if (p.reason === 'WEEKLY_SLOT') expect(DateTime.fromJSDate(p.startsAt, { zone }).toFormat('HH:mm')).toBe(time);
              if (p.reason !== 'WEEKLY_SLOT_TAKEN' || time === undefined) continue;
              const start = DateTime.fromISO(`${p.date}T${time}`, { zone }).toMillis();
              const slot = { start, end: start + 45 * 60_000 };
              const free =
                start >= base &&
                withinWorkingHours(slot, p.date, weeklyHours, zone) &&
                (!timeWindow ||
                  (start >= DateTime.fromISO(`${p.date}T${timeWindow.from}`, { zone }).toMillis() &&
                    slot.end <= DateTime.fromISO(`${p.date}T${timeWindow.to}`, { zone }).toMillis())) &&
                ![...providerBusy, ...patientBusy, ...placedRanges.slice(0, i)].some((other) => slot.start < other.end && other.start < slot.end);
              expect(free).toBe(false);
            }
          }
          for (const miss of plan.unplaced) {
            expect(miss.alternatives!.length).toBeLessThanOrEqual(3);
            for (const suggestion of miss.alternatives!) {
              const slot = { start: suggestion.startsAt.getTime(), end: suggestion.endsAt.getTime() };
              const date = localDateOf(suggestion.startsAt, zone);
              const busy = suggestion.providerId === 'p' ? providerBusy : [];
              for (const other of [...busy, ...patientBusy, ...placedRanges]) expect(slot.start < other.end && other.start < slot.end).toBe(false);
              const hoursOf = suggestion.providerId === 'p' ? weeklyHours : weeklyHours.map((h) => ({ ...h, weekday: (h.weekday + 1) % 7 }));
              expect(withinWorkingHours(slot, date, hoursOf, zone)).toBe(true);
              expect(blocked.has(date)).toBe(false);
              expect(date >= startDate && date <= addDays(endDate, 20)).toBe(true);
              for (const taken of dates) expect(Math.abs(DateTime.fromISO(date).diff(DateTime.fromISO(taken), 'days').days)).toBeGreaterThanOrEqual(prefs.gap);
            }
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});
