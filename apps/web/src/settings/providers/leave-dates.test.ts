import { describe, expect, it } from 'vitest';
import { lastLocalDay, leaveInstants, localDay, rangesByDay } from './leave-dates';

describe('leave dates', () => {
  it('a week of leave runs from the first local midnight to the midnight after the last day', () => {
    expect(leaveInstants('2026-12-06', '2026-12-12', 'Asia/Riyadh')).toEqual({
      startsAt: '2026-12-05T21:00:00.000Z',
      endsAt: '2026-12-12T21:00:00.000Z',
    });
    expect(leaveInstants('2026-12-06', '', 'UTC')).toEqual({ startsAt: '2026-12-06T00:00:00.000Z', endsAt: '2026-12-07T00:00:00.000Z' });
    expect(leaveInstants('', '', 'UTC')).toBeNull();
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
