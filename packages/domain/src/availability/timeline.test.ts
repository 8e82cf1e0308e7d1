import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subtractRanges } from './date-ranges.js';
import { Timeline } from './timeline.js';

describe('a busy timeline', () => {
  it('merges overlapping and touching ranges', () => {
    const timeline = new Timeline([
      { start: 10, end: 20 },
      { start: 15, end: 30 },
      { start: 30, end: 35 },
      { start: 50, end: 60 },
    ]);
    expect(timeline.cutFrom([{ start: 0, end: 100 }])).toEqual([
      { start: 0, end: 10 },
      { start: 35, end: 50 },
      { start: 60, end: 100 },
    ]);
  });

  it('cuts the same as the plain subtraction, for any ranges', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 80 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 30 }), (busy) => {
        const day = [{ start: 0, end: 600 }];
        expect(new Timeline(busy).cutFrom(day)).toEqual(subtractRanges(day, busy));
        for (const block of busy) expect(new Timeline(busy).overlaps(block)).toBe(true);
      }),
    );
  });
});
