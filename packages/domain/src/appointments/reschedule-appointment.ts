import { LockMode } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { localDateOf } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Provider } from '../providers/provider.entity.js';
import { assertNotFrozen } from '../purchases/purchase-freezes.js';
import { Appointment } from './appointment.entity.js';
import { isFinal } from './appointment-life-cycle.js';
import { assertBookable, assertProviderInClinic } from './bookable-slot.js';
import { appointmentSnapshot } from './snapshots.js';
import { lockProviderTime, offerFreedSlot } from '../waitlist/waitlist.js';

export interface RescheduleAppointmentInput {
  appointmentId: string;
  startsAt: Date;
  /** Another provider of the same clinic; absent keeps the current one. */
  providerId?: string | null | undefined;
}

/** Moves the times (and possibly the provider) of an appointment that is not yet final. */
export function rescheduleAppointment(
  context: UseCaseContext,
  input: RescheduleAppointmentInput,
): Promise<Result<Appointment>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'rescheduleAppointment');
    const appointment = await findInTenant(em, Appointment, input.appointmentId, actor.tenantId, ['input', 'appointmentId'], {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      populate: ['clinic', 'service', 'packagePurchase'],
    });
    if (isFinal(appointment.status)) {
      refuse('INVALID_TRANSITION', `An appointment that is ${appointment.status.toLowerCase().replace('_', ' ')} cannot be rescheduled.`, [
        'input',
        'appointmentId',
      ]);
    }
    const provider = input.providerId
      ? await findInTenant(em, Provider, input.providerId, actor.tenantId, ['input', 'providerId'])
      : appointment.provider;
    const clinic = appointment.clinic;
    await assertProviderInClinic(em, actor.tenantId, provider.id, clinic.id, ['input', 'providerId']);
    const startsAt = input.startsAt;
    const endsAt = new Date(startsAt.getTime() + appointment.service.durationMinutes * 60_000);
    const purchase = appointment.packagePurchase;
    if (purchase && localDateOf(startsAt, clinic.timeZone) > purchase.expiryDate) {
      refuse('PACKAGE_EXPIRED', `The package expires on ${purchase.expiryDate}, before that day.`, ['input', 'startsAt']);
    }
    if (purchase) await assertNotFrozen(em, purchase, localDateOf(startsAt, clinic.timeZone), ['input', 'startsAt']);
    await assertBookable(em, {
      tenantId: actor.tenantId,
      clinicId: clinic.id,
      zone: clinic.timeZone,
      providerId: provider.id,
      patientId: appointment.patient.id,
      startsAt,
      endsAt,
      now,
      excludeAppointmentId: appointment.id,
    });
    // The time it leaves goes to the waitlist in this transaction (locked first: see waitlist.ts).
    const freed = { clinicId: clinic.id, providerId: appointment.provider.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt };
    await lockProviderTime(em, freed.providerId);
    const before = appointmentSnapshot(appointment);
    appointment.provider = provider;
    appointment.startsAt = startsAt;
    appointment.endsAt = endsAt;
    appointment.updatedAt = now;
    recordAudit(em, actor, now, [
      { operation: 'rescheduleAppointment', entityType: 'Appointment', entityId: appointment.id, before, after: appointmentSnapshot(appointment) },
    ]);
    await em.flush();
    await offerFreedSlot(em, actor, now, freed);
    return appointment;
  });
}
