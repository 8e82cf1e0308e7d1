import { describe, expect, it } from 'vitest';
import { monthStartBefore, monthsOf } from './report-period';

describe('the report period', () => {
  it('starts eleven months back on the first of the month, across a year', () => {
    expect(monthStartBefore('2026-11-24', 11)).toBe('2025-12-01');
    expect(monthStartBefore('2026-01-31', 1)).toBe('2025-12-01');
    expect(monthStartBefore('2026-12-05', -1)).toBe('2027-01-01');
  });

  it('cuts a period into its months, the first and last cut to the period', () => {
    expect(monthsOf('2026-01-15', '2026-03-10')).toEqual([
      { from: '2026-01-15', to: '2026-01-31', month: '2026-01' },
      { from: '2026-02-01', to: '2026-02-28', month: '2026-02' },
      { from: '2026-03-01', to: '2026-03-10', month: '2026-03' },
    ]);
    expect(monthsOf('2026-02-01', '2026-02-01')).toEqual([{ from: '2026-02-01', to: '2026-02-01', month: '2026-02' }]);
    expect(monthsOf('2026-03-01', '2026-02-01')).toEqual([]);
  });
});
