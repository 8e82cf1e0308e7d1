import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { createTenant } from '../tenancy/create-tenant.js';
import { Clinic } from './clinic.entity.js';
import { createClinic, isIanaTimeZone } from './manage-clinics.js';

const NOW = new Date('2026-11-24T05:00:00Z');
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());

describe('time zones of clinics', () => {
  it('are IANA names the runtime knows, or UTC', () => {
    for (const zone of ['Asia/Riyadh', 'America/New_York', 'Europe/London', 'UTC']) expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['UTC+3', 'GMT+3', 'utc', '+03:00', 'Asia/Atlantis', 'Mars/Olympus_Mons', '', 'asia/riyadh']) expect(isIanaTimeZone(zone), zone).toBe(false);
  });

  it('a clinic in UTC+3 or GMT+3 is refused with VALIDATION and nothing is created', async () => {
    const before = await db.orm.em.fork().count(Clinic, {});
    for (const timeZone of ['UTC+3', 'GMT+3', 'Somewhere/Else']) {
      const result = await createClinic(fx.context('ADMIN', NOW), { nameEn: 'East', nameAr: 'شرق', timeZone });
      expect(result.ok ? null : { code: result.error.code, field: result.error.field }, timeZone).toEqual({ code: 'VALIDATION', field: ['input', 'timeZone'] });
    }
    expect(await db.orm.em.fork().count(Clinic, {})).toBe(before);
    const created = await createClinic(fx.context('ADMIN', NOW), { nameEn: 'East', nameAr: 'شرق', timeZone: 'Asia/Dubai' });
    expect(created.ok).toBe(true);
  });

  it('creating a tenant refuses an offset zone and a weak first password', async () => {
    const base = { slug: 'zone-check', name: 'Zone Check', adminEmail: 'boss@zone.example', adminName: 'Boss', adminPassword: 'staple-orbit-lantern-47' };
    const zone = await createTenant(db.orm.em, { ...base, clinic: { nameEn: 'A', nameAr: 'ب', timeZone: 'UTC+3' } });
    expect(zone.ok ? null : zone.error.field).toEqual(['clinic', 'timeZone']);
    const weak = await createTenant(db.orm.em, { ...base, adminPassword: ' '.repeat(12) });
    expect(weak.ok ? null : weak.error).toMatchObject({ code: 'VALIDATION', field: ['adminPassword'], message: expect.stringMatching(/too easy to guess/) });
  });
});
