import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { listAuditEvents } from '../audit/audit-query.js';
import { createPatient } from './create-patient.js';
import { updatePatient } from './update-patient.js';

let db: TestDatabase;
let fx: ClinicFixture;
let other: ClinicFixture;
const NOW = new Date('2026-11-24T06:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  other = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());


it('corrects the fields given, clears an optional one with null, and audits before and after', async () => {
  const patient = ok(await createPatient(fx.context('RECEPTIONIST', NOW), { mrn: 'UP-1', nameEn: 'Sara Ali', phone: '+966 50 111 2222' }));
  const updated = ok(
    await updatePatient(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, nameEn: ' Sara Al-Ali ', nameAr: 'سارة العلي', phone: null }),
  );
  expect(updated).toMatchObject({ mrn: 'UP-1', nameEn: 'Sara Al-Ali', nameAr: 'سارة العلي', phone: null });
  const audit = ok(await listAuditEvents(fx.context('ADMIN', NOW), { operation: 'updatePatient' }));
  expect(audit.events).toHaveLength(1);
  expect(audit.events[0]).toMatchObject({
    before: { nameEn: 'Sara Ali', nameAr: null, phone: '+966 50 111 2222' },
    after: { nameEn: 'Sara Al-Ali', nameAr: 'سارة العلي', phone: null },
  });
});

it('refuses a taken MRN, a missing name, a future birth date and a bad phone, changing nothing', async () => {
  ok(await createPatient(fx.context('RECEPTIONIST', NOW), { mrn: 'UP-TAKEN', nameEn: 'Taken' }));
  const patient = ok(await createPatient(fx.context('RECEPTIONIST', NOW), { mrn: 'UP-2', nameEn: 'Omar Said' }));
  // Another organisation's MRN is theirs alone.
  ok(await createPatient(other.context('RECEPTIONIST', NOW), { mrn: 'UP-OTHER', nameEn: 'Elsewhere' }));
  const refusals: Array<[Parameters<typeof updatePatient>[1], string, string]> = [
    [{ patientId: patient.id, mrn: 'UP-TAKEN' }, 'CONFLICT', 'mrn'],
    [{ patientId: patient.id, nameEn: '  ' }, 'VALIDATION', 'nameEn'],
    [{ patientId: patient.id, mrn: null }, 'VALIDATION', 'mrn'],
    [{ patientId: patient.id, dateOfBirth: '2027-01-01' }, 'VALIDATION', 'dateOfBirth'],
    [{ patientId: patient.id, phone: 'call me' }, 'VALIDATION', 'phone'],
  ];
  for (const [input, code, field] of refusals) {
    const result = await updatePatient(fx.context('RECEPTIONIST', NOW), input);
    expect(result.ok ? null : [result.error.code, result.error.field?.at(-1)]).toEqual([code, field]);
  }
  expect(ok(await updatePatient(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, mrn: 'UP-OTHER' })).mrn).toBe('UP-OTHER');
  const unchanged = ok(await updatePatient(fx.context('RECEPTIONIST', NOW), { patientId: patient.id }));
  expect(unchanged).toMatchObject({ mrn: 'UP-OTHER', nameEn: 'Omar Said' });
});

it('is for the front desk and admins only, and in their own organisation', async () => {
  const patient = ok(await createPatient(fx.context('RECEPTIONIST', NOW), { mrn: 'UP-3', nameEn: 'Lina' }));
  for (const role of ['CLINICIAN', 'FINANCE'] as const) {
    const result = await updatePatient(fx.context(role, NOW), { patientId: patient.id, nameEn: 'Changed' });
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  }
  const foreign = await updatePatient(other.context('ADMIN', NOW), { patientId: patient.id, nameEn: 'Changed' });
  expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
});

it('records when and by whom reminder consent was given or withdrawn, and refuses a malformed e-mail address', async () => {
  const patient = ok(await createPatient(fx.context('RECEPTIONIST', NOW), { mrn: 'UP-CONSENT', nameEn: 'Consent Case' }));
  expect(patient).toMatchObject({ email: null, preferredLanguage: 'en', remindersByEmail: false, remindersBySms: false, consentRecordedAt: null });
  const later = new Date('2026-11-25T06:00:00Z');
  const given = ok(await updatePatient(fx.context('RECEPTIONIST', later), { patientId: patient.id, email: 'Parent@Example.com', preferredLanguage: 'ar', remindersBySms: true }));
  expect(given).toMatchObject({ email: 'parent@example.com', preferredLanguage: 'ar', remindersByEmail: false, remindersBySms: true, consentRecordedAt: later });
  expect(given.consentRecordedBy?.id).toBe(fx.users.RECEPTIONIST.id);
  // Another field changed, consent not: its record stays.
  const renamed = ok(await updatePatient(fx.context('ADMIN', new Date('2026-11-26T06:00:00Z')), { patientId: patient.id, nameEn: 'Consent Case Two' }));
  expect(renamed.consentRecordedAt).toEqual(later);
  const refused = await updatePatient(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, email: 'parent at example' });
  expect(refused.ok ? null : [refused.error.code, refused.error.detail?.reason, refused.error.field]).toEqual(['VALIDATION', 'NOT_AN_EMAIL', ['input', 'email']]);
  const audit = ok(await listAuditEvents(fx.context('ADMIN', NOW), { operation: 'updatePatient' }));
  expect(audit.events.find((event) => event.entityId === patient.id && event.after?.['remindersBySms'] === true)?.before).toMatchObject({ remindersBySms: false, email: null });
});
