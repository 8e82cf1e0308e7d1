import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { freeSlots } from '../availability/free-slots.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { schedulePackage } from '../scheduling/schedule-package.js';
import { clinicCalendar } from '../calendar/clinic-calendar.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Closure } from './closure.entity.js';
import { appointmentsInClosure, createClosure, deleteClosure, listClosures } from './closures.js';

const NOW = new Date('2026-11-24T05:00:00Z'); // Tuesday 08:00 in Riyadh
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const slotsOn = async (date: string, serviceId = fx.therapy.id, providerId = fx.provider.id) =>
  ok(await freeSlots(fx.context('RECEPTIONIST', NOW), { providerId, serviceId, date })).length;

describe('closures', () => {
  it('lists the appointments already inside a new closure, moves none, and takes its days out of booking', async () => {
    // Wednesday 2 December: one booked appointment in the clinic, one in the other clinic.
    const inside = ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: fx.patient.id, providerId: fx.provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-02', '09:00'),
    }));
    const elsewhere = ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: fx.patient.id, providerId: fx.otherClinicProvider.id, serviceId: fx.otherClinicService.id, startsAt: fx.at('2026-12-02', '13:00'),
    }));
    expect(await slotsOn('2026-12-02')).toBeGreaterThan(0);

    const created = ok(await createClosure(fx.context('ADMIN', NOW), { clinicId: fx.clinic.id, startDate: '2026-12-02', endDate: '2026-12-03', reason: '  Staff training ' }));
    expect(created.closure.reason).toBe('Staff training');
    expect(created.affectedAppointments.map((a) => a.id)).toEqual([inside.id]);

    // Nothing was moved.
    const reread = await db.orm.em.fork().findOneOrFail(Appointment, inside.id);
    expect(reread.startsAt).toEqual(inside.startsAt);
    expect(reread.status).toBe('BOOKED');

    // Free slots skip both closed days; the day after is open again; the other clinic is not closed.
    expect(await slotsOn('2026-12-02')).toBe(0);
    expect(await slotsOn('2026-12-03')).toBe(0);
    expect(await slotsOn('2026-12-06')).toBeGreaterThan(0);
    expect(await slotsOn('2026-12-03', fx.otherClinicService.id, fx.otherClinicProvider.id)).toBeGreaterThan(0);
    expect(elsewhere.status).toBe('BOOKED');

    // Booking inside it is refused with its own code and the reason.
    const refused = await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: fx.patient.id, providerId: fx.secondProvider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-03', '10:00'),
    });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CLINIC_CLOSED', field: ['input', 'startsAt'] });
    expect(refused.ok ? '' : refused.error.message).toContain('Staff training');

    // The desk reads the same list later; the audit records the creation.
    expect(ok(await appointmentsInClosure(fx.context('RECEPTIONIST', NOW), created.closure)).map((a) => a.id)).toEqual([inside.id]);
    const audit = await db.orm.em.fork().find(AuditEvent, { entityId: created.closure.id });
    expect(audit.map((event) => event.operation)).toEqual(['createClosure']);
  });

  it('makes the scheduler skip a closed day', async () => {
    const purchase = await fx.buyPackage({ now: NOW });
    ok(await createClosure(fx.context('ADMIN', NOW), { clinicId: null, startDate: '2026-12-07', endDate: '2026-12-07', reason: 'Public holiday' }));
    const schedule = ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), {
      packagePurchaseId: purchase.id, providerId: fx.secondProvider.id, startDate: '2026-12-06', preferredDays: ['SUNDAY', 'MONDAY', 'TUESDAY'],
    }));
    const days = schedule.appointments.slice(0, 3).map((a) => fx.local(a.startsAt).slice(0, 10));
    expect(days).toEqual(['2026-12-06', '2026-12-08', '2026-12-13']);
  });

  it('draws a closed day in the calendar as unavailable with its reason, for every provider', async () => {
    const calendar = ok(await clinicCalendar(fx.context('RECEPTIONIST', NOW), { clinicId: fx.clinic.id, from: '2026-12-06', to: '2026-12-08' }));
    for (const column of calendar.columns) {
      const closed = column.unavailable.filter((interval) => interval.kind === 'CLOSED');
      expect(closed.map((interval) => [interval.date, interval.reason])).toEqual([['2026-12-07', 'Public holiday']]);
      expect(column.working.some((interval) => interval.date === '2026-12-07')).toBe(false);
    }
  });

  it('lists a clinic its own closures and the tenant-wide ones, within dates', async () => {
    const all = ok(await listClosures(fx.context('CLINICIAN', NOW), { clinicId: fx.clinic.id }));
    expect(all.map((c) => c.reason)).toEqual(['Staff training', 'Public holiday']);
    const other = ok(await listClosures(fx.context('CLINICIAN', NOW), { clinicId: fx.otherClinic.id, from: '2026-12-01', to: '2026-12-31' }));
    expect(other.map((c) => c.reason)).toEqual(['Public holiday']);
    expect(ok(await listClosures(fx.context('FINANCE', NOW), { from: '2026-12-04', to: '2026-12-06' }))).toEqual([]);
  });

  it('refuses bad input and other roles, and changes nothing', async () => {
    const count = () => db.orm.em.fork().count(Closure, { tenant: fx.tenant.id });
    const before = await count();
    const cases = [
      [{ startDate: '2026-12-10', endDate: '2026-12-09', reason: 'x' }, ['input', 'endDate']],
      [{ startDate: '2026-02-30', endDate: '2026-03-01', reason: 'x' }, ['input', 'startDate']],
      [{ startDate: '2026-12-10', endDate: '2027-12-11', reason: 'x' }, ['input', 'endDate']],
      [{ startDate: '2026-12-10', endDate: '2026-12-10', reason: '   ' }, ['input', 'reason']],
    ] as const;
    for (const [input, field] of cases) {
      const result = await createClosure(fx.context('ADMIN', NOW), input);
      expect(result.ok ? null : result.error).toMatchObject({ code: 'VALIDATION', field });
    }
    const foreign = await createClosure(fx.context('ADMIN', NOW), { clinicId: '00000000-0000-4000-8000-000000000000', startDate: '2026-12-10', endDate: '2026-12-10', reason: 'x' });
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
    for (const role of ['RECEPTIONIST', 'FINANCE', 'CLINICIAN'] as const) {
      const result = await createClosure(fx.context(role, NOW), { startDate: '2026-12-10', endDate: '2026-12-10', reason: 'x' });
      expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    }
    expect(await count()).toBe(before);
  });

  it('the database refuses a closure whose dates are out of order', async () => {
    await expect(
      db.sql.query(`insert into closure (id, tenant_id, start_date, end_date, reason) values (gen_random_uuid(), $1, '2026-12-10', '2026-12-09', 'x')`, [fx.tenant.id]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('opens the days again when deleted', async () => {
    const [training] = ok(await listClosures(fx.context('ADMIN', NOW), { clinicId: fx.clinic.id, from: '2026-12-02', to: '2026-12-02' }));
    ok(await deleteClosure(fx.context('ADMIN', NOW), { closureId: training!.id }));
    expect(await slotsOn('2026-12-03')).toBeGreaterThan(0);
  });
});
