import { describe, expect, it } from 'vitest';
import { matchesSearch } from './desk.route';

const sara = { patient: { __typename: 'Patient' as const, id: 'p1', nameEn: 'Sara Al-Harbi', nameAr: 'سارة الحربي', mrn: 'MRN-0042', phone: '+966 50 123 4567' } };

describe('the desk search', () => {
  it('finds a patient by either name, by MRN and by phone however it is written', () => {
    for (const query of ['', 'sara', 'al-harbi', 'الحربي', 'mrn0042', 'MRN-0042', '0501234567', '501234567', '50-123-4567', '+966501234567']) {
      expect(matchesSearch(sara, query), query).toBe(true);
    }
  });

  it('finds nobody for what matches none of them', () => {
    for (const query of ['omar', 'MRN-0043', '0551234567']) expect(matchesSearch(sara, query), query).toBe(false);
    expect(matchesSearch({ patient: { ...sara.patient, phone: null } }, '50123')).toBe(false);
  });
});
