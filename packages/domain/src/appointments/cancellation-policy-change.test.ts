import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { setCancellationPolicy } from '../catalogue/manage-clinics.js';
import { bookAppointment } from './book-appointment.js';
import { setAppointmentStatus } from './set-appointment-status.js';

/** The cancellation-policy editor: a change applies from the next late cancellation on; audited. */

let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());


it('a cancellation 10 hours ahead uses a session under a 24-hour window, and not once the admin narrows it to 6 hours', async () => {
  const now = fx.at('2026-11-24', '08:00');
  const purchase = await fx.buyPackage({ now });
  const book = async (date: string) =>
    ok(await bookAppointment(fx.context('RECEPTIONIST', now), { patientId: fx.patient.id, providerId: fx.provider.id, serviceId: fx.therapy.id, startsAt: fx.at(date, '10:00'), packagePurchaseId: purchase.id }));
  const first = await book('2026-11-25');
  const second = await book('2026-11-26');
  const cancel = async (appointmentId: string, at: Date) =>
    ok(await setAppointmentStatus(fx.context('RECEPTIONIST', at), { appointmentId, status: 'CANCELLED', reason: 'family matter' })).appointment.sessionConsumed;

  ok(await setCancellationPolicy(fx.context('ADMIN', now), { lateCancellationWindowHours: 24, lateCancellationConsumesSession: true, noShowConsumesSession: true }));
  expect(await cancel(first.id, fx.at('2026-11-25', '00:00'))).toBe(true);

  ok(await setCancellationPolicy(fx.context('ADMIN', now), { lateCancellationWindowHours: 6, lateCancellationConsumesSession: true, noShowConsumesSession: true }));
  expect(await cancel(second.id, fx.at('2026-11-26', '00:00'))).toBe(false);

  const events = await db.orm.em.fork().find(AuditEvent, { operation: 'setCancellationPolicy', tenant: fx.tenant.id });
  expect(events.map((e) => e.after?.['lateCancellationWindowHours']).sort()).toEqual([24, 6]);
  const refused = await setCancellationPolicy(fx.context('RECEPTIONIST', now), { lateCancellationWindowHours: 1, lateCancellationConsumesSession: false, noShowConsumesSession: false });
  expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
});
