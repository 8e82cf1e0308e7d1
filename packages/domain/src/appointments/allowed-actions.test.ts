import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { Appointment } from './appointment.entity.js';
import type { AppointmentStatus } from './appointment-status.js';
import { bookAppointment } from './book-appointment.js';
import { setAppointmentStatus, statusesActorMayChoose } from './set-appointment-status.js';
import { mayReschedule, statusChangeConsequence } from './allowed-actions.js';
import { appointmentsOfPurchases } from '../queries/batch-loads.js';
import { nextFreeSession } from '../purchases/package-sessions.js';
import { setCancellationPolicy } from '../catalogue/manage-clinics.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});


async function sessionAt(startsAt: Date, options: { withPackage?: boolean } = {}) {
  const patient = await fx.addPatient();
  const provider = await fx.addProvider();
  const purchase = options.withPackage === false ? null : await fx.buyPackage({ now: NOW, patient });
  const booked = ok(
    await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: patient.id,
      providerId: provider.id,
      serviceId: fx.therapy.id,
      startsAt,
      packagePurchaseId: purchase?.id ?? null,
    }),
  );
  return { appointment: await reload(booked.id), purchase, provider };
}

const reload = (id: string) => db.orm.em.fork().findOneOrFail(Appointment, id);
const consequence = (appointment: Appointment, status: AppointmentStatus, now = NOW) =>
  statusChangeConsequence(fx.context('RECEPTIONIST', now), appointment, status);

describe('the consequence of a status change, as the change itself applies it', () => {
  it('states that a late cancellation uses the session, and the change then uses it', async () => {
    const { appointment, purchase } = await sessionAt(fx.at('2026-11-24', '15:00'));
    const said = await consequence(appointment, 'CANCELLED');
    expect(said).toMatchObject({
      kind: 'LATE_CANCELLATION_CONSUMES',
      consumesSession: true,
      requiresConfirmation: true,
      fee: null,
      sessionNumber: 1,
      totalSessions: 10,
      lateCancellationWindowHours: 24,
      message: "This late cancellation (less than 24 hours before the start) uses session 1 of 10 of the package, under the clinic's policy.",
    });
    const change = ok(await setAppointmentStatus(fx.context('RECEPTIONIST', NOW), { appointmentId: appointment.id, status: 'CANCELLED' }));
    expect(change.appointment.sessionConsumed).toBe(said.consumesSession);
    expect(change.packagePurchase?.sessionsUsed).toBe(1);
    expect(purchase).not.toBeNull();
  });

  it('says nothing is used by a cancellation outside the window', async () => {
    const { appointment } = await sessionAt(fx.at('2026-11-26', '09:00'));
    expect(await consequence(appointment, 'CANCELLED')).toMatchObject({ kind: 'NONE', consumesSession: false, requiresConfirmation: false });
    const change = ok(await setAppointmentStatus(fx.context('RECEPTIONIST', NOW), { appointmentId: appointment.id, status: 'CANCELLED' }));
    expect(change.appointment.sessionConsumed).toBe(false);
  });

  it('warns that completing a session two days ahead has not started yet', async () => {
    const { appointment } = await sessionAt(fx.at('2026-11-26', '09:00'));
    expect(await consequence(appointment, 'COMPLETED')).toMatchObject({
      kind: 'EARLY_COMPLETION',
      consumesSession: true,
      requiresConfirmation: true,
      message: 'This appointment has not started yet. Completing it now records it as delivered and uses session 1 of 10 of the package.',
    });
    // Once it has started, completing it is the ordinary use of the session.
    expect(await consequence(appointment, 'COMPLETED', fx.at('2026-11-26', '09:10'))).toMatchObject({
      kind: 'COMPLETION_CONSUMES',
      message: 'Completing this appointment uses session 1 of 10 of the package.',
    });
  });

  it('follows the tenant policy for a no-show, and never consumes for a single appointment', async () => {
    const { appointment } = await sessionAt(fx.at('2026-11-24', '09:00'));
    const later = fx.at('2026-11-24', '10:00');
    expect(await consequence(appointment, 'NO_SHOW', later)).toMatchObject({ kind: 'NO_SHOW_CONSUMES', consumesSession: true });
    const { appointment: single } = await sessionAt(fx.at('2026-11-24', '11:00'), { withPackage: false });
    expect(await consequence(single, 'NO_SHOW', later)).toMatchObject({ kind: 'NONE', consumesSession: false, sessionNumber: null });
    expect(await consequence(single, 'COMPLETED')).toMatchObject({ kind: 'EARLY_COMPLETION', consumesSession: false });

    ok(await setCancellationPolicy(fx.context('ADMIN', NOW), { noShowConsumesSession: false, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 }));
    try {
      expect(await consequence(appointment, 'NO_SHOW', later)).toMatchObject({ kind: 'NONE', consumesSession: false });
      const change = ok(await setAppointmentStatus(fx.context('RECEPTIONIST', later), { appointmentId: appointment.id, status: 'NO_SHOW' }));
      expect(change.appointment.sessionConsumed).toBe(false);
    } finally {
      ok(await setCancellationPolicy(fx.context('ADMIN', NOW), { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 }));
    }
  });

  it('answers NOT_ALLOWED for a move the life cycle forbids', async () => {
    const { appointment } = await sessionAt(fx.at('2026-11-24', '10:30'));
    ok(await setAppointmentStatus(fx.context('ADMIN', fx.at('2026-11-24', '13:00')), { appointmentId: appointment.id, status: 'COMPLETED' }));
    const completed = await reload(appointment.id);
    expect(await consequence(completed, 'CANCELLED')).toMatchObject({ kind: 'NOT_ALLOWED', consumesSession: false, requiresConfirmation: false });
  });
});

describe('what each role is offered', () => {
  it('offers finance no status change and no reschedule; the desk no completion; a clinician only their own', async () => {
    const { appointment } = await sessionAt(fx.at('2026-11-25', '09:00'));
    expect(statusesActorMayChoose(fx.actor('FINANCE'), appointment)).toEqual([]);
    expect(mayReschedule(fx.actor('FINANCE'), appointment)).toBe(false);
    expect(statusesActorMayChoose(fx.actor('RECEPTIONIST'), appointment)).toEqual(['CONFIRMED', 'ARRIVED', 'CANCELLED', 'NO_SHOW']);
    expect(mayReschedule(fx.actor('RECEPTIONIST'), appointment)).toBe(true);
    expect(statusesActorMayChoose(fx.actor('CLINICIAN'), appointment)).toEqual([]);
    expect(mayReschedule(fx.actor('CLINICIAN'), appointment)).toBe(false);
    expect(statusesActorMayChoose(fx.actor('ADMIN'), appointment)).toEqual(['CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW']);
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: appointment.id, status: 'CANCELLED' }));
    expect(mayReschedule(fx.actor('ADMIN'), await reload(appointment.id))).toBe(false);
  });
});

describe('the next package session, as booking takes it', () => {
  const next = async (purchaseId: string) => {
    const context = fx.context('RECEPTIONIST', NOW);
    const purchase = await context.em.fork().findOneOrFail(PackagePurchase, purchaseId, { populate: ['package.services'] });
    const lines = purchase.package.services.getItems().map((line) => ({ serviceId: line.service.id, sessions: line.sessions }));
    const [appointments = []] = await appointmentsOfPurchases(context, [purchaseId]);
    return nextFreeSession(purchase, lines, appointments);
  };

  it('frees the number of a no-show that consumed nothing, and booking takes that number', async () => {
    const pkg = await fx.addPackage({ lines: [{ service: fx.assessment, sessions: 1 }, { service: fx.therapy, sessions: 2 }] });
    const patient = await fx.addPatient();
    const provider = await fx.addProvider();
    const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
    expect(await next(purchase.id)).toEqual({ sessionNumber: 1, serviceId: fx.assessment.id });
    const bookNext = async (startsAt: Date) => {
      const session = await next(purchase.id);
      return ok(
        await bookAppointment(fx.context('RECEPTIONIST', NOW), {
          patientId: patient.id,
          providerId: provider.id,
          serviceId: session?.serviceId ?? '',
          startsAt,
          packagePurchaseId: purchase.id,
        }),
      );
    };
    const first = await bookNext(fx.at('2026-11-24', '09:00'));
    expect(first.sessionNumberInPackage).toBe(1);
    expect(await next(purchase.id)).toEqual({ sessionNumber: 2, serviceId: fx.therapy.id });

    ok(await setCancellationPolicy(fx.context('ADMIN', NOW), { noShowConsumesSession: false, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 }));
    try {
      ok(await setAppointmentStatus(fx.context('RECEPTIONIST', fx.at('2026-11-24', '10:00')), { appointmentId: first.id, status: 'NO_SHOW' }));
    } finally {
      ok(await setCancellationPolicy(fx.context('ADMIN', NOW), { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 }));
    }
    // The no-show used nothing: session 1 (the assessment) is free again, and booking takes it.
    expect(await next(purchase.id)).toEqual({ sessionNumber: 1, serviceId: fx.assessment.id });
    expect((await bookNext(fx.at('2026-11-25', '09:00'))).sessionNumberInPackage).toBe(1);
    expect((await bookNext(fx.at('2026-11-25', '10:00'))).sessionNumberInPackage).toBe(2);
    expect((await bookNext(fx.at('2026-11-25', '11:00'))).sessionNumberInPackage).toBe(3);
    expect(await next(purchase.id)).toBeNull();
  });
});
