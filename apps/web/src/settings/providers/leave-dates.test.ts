import { describe, expect, it } from 'vitest';
import { lastLocalDay, leaveEndAfter, leaveInstants, localDay, rangesByDay } from './leave-dates';

describe('leave dates', () => {
  it('a week of leave runs from the first local midnight to the midnight after the last day', () => {
    expect(leaveInstants('2026-12-06', '2026-12-12', 'Asia/Riyadh')).toEqual({
      startsAt: '2026-12-05T21:00:00.000Z',
      endsAt: '2026-12-12T21:00:00.000Z',
    });
    expect(leaveInstants('2026-12-06', '', 'UTC')).toEqual({ startsAt: '2026-12-06T00:00:00.000Z', endsAt: '2026-12-07T00:00:00.000Z' });
    expect(leaveInstants('', '', 'UTC')).toBeNull();
  });

  it('a leave shortened to a new last day ends at the midnight after it, in the clinic zone', () => {
    expect(leaveEndAfter('2026-12-09', 'Asia/Riyadh')).toBe('2026-12-09T21:00:00.000Z');
    // The day the clocks go forward in New York is 23 hours long: midnight to midnight still.
    expect(leaveEndAfter('2027-03-13', 'America/New_York')).toBe('2027-03-14T05:00:00.000Z');
    expect(leaveEndAfter('2027-03-14', 'America/New_York')).toBe('2027-03-15T04:00:00.000Z');
    expect(leaveEndAfter('', 'UTC')).toBeNull();
  });

  it('shows a leave back as the local days it covers', () => {
    expect(localDay('2026-12-05T21:00:00.000Z', 'Asia/Riyadh')).toBe('2026-12-06');
    expect(lastLocalDay('2026-12-12T21:00:00.000Z', 'Asia/Riyadh')).toBe('2026-12-12');
    expect(lastLocalDay('2026-12-12T12:00:00.000Z', 'Asia/Riyadh')).toBe('2026-12-12');
  });

  it('groups ranges per day in time order', () => {
    const byDay = rangesByDay([
      { weekday: 1, startTime: '13:00', endTime: '17:00' },
      { weekday: 1, startTime: '08:00', endTime: '12:00' },
    ]);
    expect(byDay.get(1)?.map((r) => r.startTime)).toEqual(['08:00', '13:00']);
    expect(byDay.get(0)).toEqual([]);
  });
});
