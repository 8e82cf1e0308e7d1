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
      { sessionNumber: 4, code: 'PAST_END_DATE' },
      { sessionNumber: 5, code: 'PAST_END_DATE' },
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

  it('never overlaps, keeps to preferred days and working hours, one session a day, within the end date, and accounts for every session', () => {
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
        (hours, providerBlocks, patientBlocks, preferred, startOffset, span, sessionCount, zone) => {
          const weeklyHours: WeeklyHours[] = hours.map((h) => ({
            weekday: h.weekday,
            startTime: quarter(h.start),
            endTime: quarter(Math.min(h.start + h.length, 95)),
          }));
          const startDate = addDays('2026-11-22', startOffset);
          const endDate = addDays(startDate, span);
          const providerBusy = toBusy(providerBlocks);
          const patientBusy = toBusy(patientBlocks);
          const plan = planPackageSchedule({
            sessions: Array.from({ length: sessionCount }, (_, i) => ({ sessionNumber: i + 1, providerId: 'p', durationMinutes: 45 })),
            startDate,
            endDate,
            preferredWeekdays: new Set(preferred),
            zone,
            notBefore: new Date(base),
            weeklyHours: new Map([['p', weeklyHours]]),
            providerBusy: new Map([['p', providerBusy]]),
            patientBusy,
            takenDates: new Set(),
          });
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
        },
      ),
      { numRuns: 300 },
    );
  });
});
