import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { localDateOf } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { assertOpenForBooking } from '../purchases/purchase-rules.js';
import { assertNotFrozen } from '../purchases/purchase-freezes.js';
import { freeSessionNumbers, sessionServices } from '../purchases/package-sessions.js';
import { Appointment } from './appointment.entity.js';
import { nextAppointmentNumbers } from './appointment-numbers.js';
import { assertBookable, assertProviderInClinic } from './bookable-slot.js';
import { lockCalendars } from './calendar-locks.js';
import { appointmentSnapshot } from './snapshots.js';

export interface BookAppointmentInput {
  patientId: string;
  providerId: string;
  serviceId: string;
  startsAt: Date;
  /** Book as the lowest free session of this purchase (rule 7). */
  packagePurchaseId?: string | null | undefined;
}

export function bookAppointment(context: UseCaseContext, input: BookAppointmentInput): Promise<Result<Appointment>> {
  return inTransaction(context, (em) => bookWithin(em, context, input));
}

/** The booking inside a transaction the caller holds (accepting a waitlist offer books this way). */
export async function bookWithin(em: EntityManager, context: UseCaseContext, input: BookAppointmentInput): Promise<Appointment> {
  const { actor, now } = context;
  {
    authorize(actor, 'bookAppointment');
    const tenantId = actor.tenantId;
    const patient = await findInTenant(em, Patient, input.patientId, tenantId, ['input', 'patientId']);
    const provider = await findInTenant(em, Provider, input.providerId, tenantId, ['input', 'providerId']);
    const service = await findInTenant(em, Service, input.serviceId, tenantId, ['input', 'serviceId'], {
      populate: ['clinic'],
    });
    const clinic = service.clinic;
    await assertProviderInClinic(em, tenantId, provider.id, clinic.id, ['input', 'providerId']);
    const startsAt = input.startsAt;
    const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);

    let packageFields: Pick<Appointment, 'package' | 'packagePurchase' | 'sessionNumberInPackage' | 'packageTotalSessions'> = {
      package: null,
      packagePurchase: null,
      sessionNumberInPackage: null,
      packageTotalSessions: null,
    };
    if (input.packagePurchaseId) {
      const field = ['input', 'packagePurchaseId'];
      // Locked: two bookings against one purchase take session numbers one after the other.
      const purchase = await findInTenant(em, PackagePurchase, input.packagePurchaseId, tenantId, field, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      await em.populate(purchase, ['package.services']);
      if (purchase.patient.id !== patient.id) {
        refuse('PACKAGE_NOT_FOR_PATIENT', 'The package belongs to another patient.', field);
      }
      assertOpenForBooking(purchase, localDateOf(now, clinic.timeZone), field);
      if (localDateOf(startsAt, clinic.timeZone) > purchase.expiryDate) {
        refuse('PACKAGE_EXPIRED', `The package expires on ${purchase.expiryDate}, before that day.`, ['input', 'startsAt']);
      }
      await assertNotFrozen(em, purchase, localDateOf(startsAt, clinic.timeZone), ['input', 'startsAt']);
      const lines = purchase.package.services.getItems().map((line) => ({ serviceId: line.service.id, sessions: line.sessions }));
      if (!lines.some((line) => line.serviceId === service.id)) {
        refuse('SERVICE_NOT_IN_PACKAGE', 'The package does not include this service.', ['input', 'serviceId']);
      }
      const sessions = await em.find(Appointment, { packagePurchase: purchase });
      const free = new Set(freeSessionNumbers(purchase.totalSessions, sessions));
      const session = sessionServices(lines).find((s) => s.serviceId === service.id && free.has(s.sessionNumber));
      if (!session) refuse('NO_SESSIONS_REMAINING', 'Every session of the package for this service is booked.', field);
      packageFields = {
        package: purchase.package,
        packagePurchase: purchase,
        sessionNumberInPackage: session?.sessionNumber ?? null,
        packageTotalSessions: purchase.totalSessions,
      };
    }

    // Bookings of the same provider or patient take turns with each other and with the scheduler,
    // so that the one that waited is refused by the check below (SLOT_TAKEN), not by a deadlock.
    await lockCalendars(em, [provider.id, patient.id]);
    await assertBookable(em, {
      tenantId,
      clinicId: clinic.id,
      zone: clinic.timeZone,
      providerId: provider.id,
      patientId: patient.id,
      startsAt,
      endsAt,
      now,
    });
    const [number] = await nextAppointmentNumbers(em, 1, now, clinic.timeZone);
    const appointment = em.create(Appointment, {
      tenant: tenantId,
      number: number as string,
      patient,
      provider,
      clinic,
      service,
      startsAt,
      endsAt,
      status: 'BOOKED',
      sessionConsumed: false,
      createdAt: now,
      updatedAt: now,
      ...packageFields,
    });
    recordAudit(em, actor, now, [
      { operation: 'bookAppointment', entityType: 'Appointment', entityId: appointment.id, after: appointmentSnapshot(appointment) },
    ]);
    await em.flush();
    return appointment;
  }
}
