import type { TimeRange } from './date-ranges.js';

/**
 * Busy time as sorted, disjoint ranges (overlapping ones merged), so that cutting it out of a
 * day's working hours starts with a binary search instead of a scan of every appointment.
 */
export class Timeline {
  private readonly ranges: TimeRange[] = [];

  constructor(ranges: Iterable<TimeRange> = []) {
    for (const range of ranges) this.add(range);
  }

  /** Index of the first range that ends after `instant`. */
  private firstEndingAfter(instant: number): number {
    let low = 0;
    let high = this.ranges.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ranges[middle] as TimeRange).end <= instant) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  add(range: TimeRange): void {
    if (range.end <= range.start) return;
    const index = this.firstEndingAfter(range.start - 1);
    let start = range.start;
    let end = range.end;
    let remove = 0;
    while (index + remove < this.ranges.length) {
      const next = this.ranges[index + remove] as TimeRange;
      if (next.start > end) break;
      start = Math.min(start, next.start);
      end = Math.max(end, next.end);
      remove += 1;
    }
    this.ranges.splice(index, remove, { start, end });
  }

  /** `free` minus this timeline; `free` must be sorted and disjoint. */
  cutFrom(free: readonly TimeRange[]): TimeRange[] {
    const result: TimeRange[] = [];
    for (const range of free) {
      let cursor = range.start;
      for (let i = this.firstEndingAfter(range.start); i < this.ranges.length && cursor < range.end; i += 1) {
        const block = this.ranges[i] as TimeRange;
        if (block.start >= range.end) break;
        if (block.start > cursor) result.push({ start: cursor, end: block.start });
        cursor = Math.max(cursor, block.end);
      }
      if (cursor < range.end) result.push({ start: cursor, end: range.end });
    }
    return result;
  }

  overlaps(range: TimeRange): boolean {
    const block = this.ranges[this.firstEndingAfter(range.start)];
    return block !== undefined && block.start < range.end;
  }
}
