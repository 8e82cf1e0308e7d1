import { describe, expect, it } from 'vitest';
import { auditDiff, plainWords } from './audit-diff';

describe('the audit diff', () => {
  it('lists what changed, what was added, and leaves out what stayed', () => {
    expect(auditDiff('{"hours":24,"late":true}', '{"hours":6,"late":true,"fee":"10.00"}')).toEqual([
      { field: 'hours', before: '24', after: '6' },
      { field: 'fee', before: null, after: '10.00' },
    ]);
    expect(auditDiff(null, '{"role":"FINANCE"}')).toEqual([{ field: 'role', before: null, after: 'FINANCE' }]);
    expect(auditDiff('{"active":true}', null)).toEqual([{ field: 'active', before: 'true', after: null }]);
  });

  it('says an operation name in plain words', () => {
    expect(plainWords('setCancellationPolicy')).toBe('set cancellation policy');
  });
});
