import { describe, expect, it } from 'vitest';
import { sectionsFor } from './sections';

describe('the settings sub-navigation', () => {
  it('offers everyone their own account, and a section only to those holding its permission', () => {
    expect(sectionsFor([]).map((s) => s.path)).toEqual(['account']);
    const withStaff = sectionsFor(['manageStaff', 'manageApiTokens', 'managePolicy', 'readAuditLog']).map((s) => s.path);
    expect(withStaff[0]).toBe('account');
    expect(withStaff.length).toBeGreaterThanOrEqual(1);
  });
});
