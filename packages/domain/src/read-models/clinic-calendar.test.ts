import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, ok, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { clinicCalendar, type ClinicCalendar, type ClinicCalendarInput } from '../calendar/clinic-calendar.js';
import { createClosure } from '../closures/closures.js';
import { addTimeOff } from '../providers/manage-providers.js';
import type { Role } from '../tenancy/role.js';
import { clinicCalendarView, type ClinicCalendarView } from './clinic-calendar.js';

/**
 * The calendar's read model answers exactly what the entity path (clinicCalendar) answers, for
 * every role and filter, in one statement.
 */
const NOW = new Date('2026-11-24T05:00:00Z');
const WEEK = { from: '2026-11-29', to: '2026-12-05' };
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  const admin = () => fx.context('ADMIN', NOW);
  ok(await addTimeOff(admin(), { providerId: fx.provider.id, startsAt: fx.at('2026-11-30', '00:00'), endsAt: fx.at('2026-12-01', '00:00'), reason: 'Annual leave' }));
  ok(await addTimeOff(admin(), { providerId: fx.secondProvider.id, startsAt: fx.at('2026-12-02', '08:00'), endsAt: fx.at('2026-12-02', '10:00'), reason: 'Training' }));
  ok(await createClosure(admin(), { clinicId: fx.clinic.id, startDate: '2026-12-03', endDate: '2026-12-03', reason: 'Inspection' }));
  const purchase = await fx.buyPackage({ now: NOW });
  const book = async (providerId: string, date: string, time: string, packagePurchaseId: string | null, patientId = fx.patient.id) =>
    ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), { patientId, providerId, serviceId: fx.therapy.id, startsAt: fx.at(date, time), packagePurchaseId }));
  await book(fx.provider.id, '2026-11-29', '09:00', purchase.id);
  await book(fx.secondProvider.id, '2026-11-30', '09:00', purchase.id);
  const other = await fx.addPatient({ nameEn: 'Omar' });
  const cancelled = await book(fx.secondProvider.id, '2026-12-01', '13:00', null, other.id);
  ok(await setAppointmentStatus(fx.context('RECEPTIONIST', NOW), { appointmentId: cancelled.id, status: 'CANCELLED', reason: 'Asked to' }));
  await book(fx.secondProvider.id, '2026-12-01', '14:00', null, other.id);
  await book(fx.secondProvider.id, '2026-12-06', '09:00', null, other.id); // the next week: outside
  // A provider who left the clinic: the link stays for past appointments, inactive; not a column.
  const left = await fx.addProvider({ name: 'Dr Left' });
  await fx.context('ADMIN', NOW).em.execute('update provider_clinic set active = false where provider_id = ?', [left.id]);
});
afterAll(() => db?.drop());

/** The entity path's answer, in the read model's shape. */
function shapeOf(calendar: ClinicCalendar) {
  return {
    clinic: { id: calendar.clinic.id, nameEn: calendar.clinic.nameEn, timeZone: calendar.clinic.timeZone },
    timeZone: calendar.timeZone,
    days: calendar.days,
    columns: calendar.columns.map((column) => ({ provider: { id: column.provider.id, name: column.provider.name }, working: column.working, unavailable: column.unavailable })),
    appointments: calendar.appointments.map((a) => ({
      id: a.id,
      providerId: a.provider.id,
      clinicId: a.clinic.id,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      patientNameEn: a.patient.nameEn,
      patientNameAr: a.patient.nameAr ?? null,
      serviceCode: a.service.code,
      serviceNameEn: a.service.nameEn,
      serviceNameAr: a.service.nameAr,
      sessionNumberInPackage: a.sessionNumberInPackage ?? null,
      packageTotalSessions: a.packageTotalSessions ?? null,
    })),
  };
}

function viewShapeOf(view: ClinicCalendarView) {
  return {
    clinic: { id: view.clinic.id, nameEn: view.clinic.nameEn, timeZone: view.clinic.timeZone },
    timeZone: view.timeZone,
    days: view.days,
    columns: view.columns.map((column) => ({ provider: { id: column.provider.id, name: column.provider.name }, working: column.working, unavailable: column.unavailable })),
    appointments: view.appointments,
  };
}

async function both(role: Role, input: Partial<ClinicCalendarInput> = {}) {
  const full = { clinicId: fx.clinic.id, ...WEEK, ...input };
  const old = await clinicCalendar(fx.context(role, NOW), full);
  const view = await clinicCalendarView(fx.context(role, NOW), full);
  return { old, view };
}

describe("the calendar's read model", () => {
  it.each<Role>(['RECEPTIONIST', 'CLINICIAN', 'FINANCE'])('answers %s what the entity path answers', async (role) => {
    const { old, view } = await both(role);
    const expected = shapeOf(ok(old));
    expect(viewShapeOf(ok(view))).toEqual(expected);
    // The world is what the comparison covers: leave, training, a closed day, a cancellation, another clinician's patient.
    expect(expected.columns.flatMap((c) => c.unavailable.map((u) => u.kind))).toEqual(expect.arrayContaining(['TIME_OFF', 'CLOSED', 'NOT_WORKING_DAY']));
    expect(expected.appointments.length).toBe(role === 'CLINICIAN' ? 1 : 4);
  });

  it('answers a chosen provider, an unknown id and a day range as the entity path does', async () => {
    for (const input of [{ providerIds: [fx.secondProvider.id] }, { providerIds: ['not-an-id', fx.provider.id] }, { providerIds: [] }, { from: '2026-12-01', to: '2026-12-01' }]) {
      const { old, view } = await both('RECEPTIONIST', input);
      expect(viewShapeOf(ok(view)), JSON.stringify(input)).toEqual(shapeOf(ok(old)));
    }
  });

  it('refuses what the entity path refuses, with the same code and field', async () => {
    for (const input of [{ clinicId: '00000000-0000-4000-8000-000000000000' }, { clinicId: 'nope' }, { from: '2026-12-05', to: '2026-11-29' }, { to: '2027-02-01' }, { from: '29/11' }]) {
      const { old, view } = await both('RECEPTIONIST', input);
      expect(old.ok || view.ok, JSON.stringify(input)).toBe(false);
      if (!old.ok && !view.ok) expect([view.error.code, view.error.field]).toEqual([old.error.code, old.error.field]);
    }
  });

  it('reads in one statement', async () => {
    const context = fx.context('RECEPTIONIST', NOW);
    db.resetQueryLog();
    const view = ok(await clinicCalendarView(context, { clinicId: fx.clinic.id, ...WEEK }));
    expect(db.queries, db.queries.join('\n')).toHaveLength(1);
    expect(view.appointments.length).toBeGreaterThan(0);
  });
});
