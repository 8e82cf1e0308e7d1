import { describe, expect, it } from 'vitest';
import { sectionsFor } from '../sections';

describe('the catalogue sections, by the permissions the server lists', () => {
  it('the desk reads closures but sees no catalogue; finance sees packages only; an admin sees all three', () => {
    const desk = sectionsFor(['bookAppointment', 'purchasePackage']).map((s) => s.path);
    expect(desk).toContain('closures');
    expect(desk).not.toEqual(expect.arrayContaining(['clinics']));
    expect(desk.filter((path) => ['clinics', 'services', 'packages'].includes(path))).toEqual([]);
    const finance = sectionsFor(['manageCatalogue']).map((s) => s.path);
    expect(finance.filter((path) => ['clinics', 'services', 'packages', 'closures'].includes(path))).toEqual(['packages']);
    const admin = sectionsFor(['manageClinics', 'manageCatalogue', 'bookAppointment']).map((s) => s.path);
    expect(admin).toEqual(expect.arrayContaining(['clinics', 'services', 'packages', 'closures']));
  });
});
