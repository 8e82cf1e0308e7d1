import { LockMode } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { purchaseSnapshot, appointmentSnapshot } from './snapshots.js';
import { Appointment } from './appointment.entity.js';
import type { AppointmentStatus } from './appointment-status.js';
import { canMove, nextStatuses } from './appointment-life-cycle.js';
import { can } from '../kernel/actor.js';
import { consumesSession, policyOf } from './cancellation-policy.js';
import { currencyAndZone, recogniseSession, reloadTotals } from '../ledger/ledger.js';
import { localDateOf } from '../kernel/local-time.js';
import { feeOf, graceForgives, incidentOf, issueFeeInvoice } from '../billing/fees.js';
import type { Invoice } from '../billing/invoice.entity.js';
import { lockProviderTime, offerFreedSlot } from '../waitlist/waitlist.js';

export interface SetAppointmentStatusInput {
  appointmentId: string;
  status: AppointmentStatus;
  reason?: string | null | undefined;
}

export interface AppointmentStatusChange {
  appointment: Appointment;
  /** The purchase after the change, for a package session. */
  packagePurchase: PackagePurchase | null;
  /** The fee invoice the change issued (a late cancellation or no-show under the policy). */
  feeInvoice?: Invoice | null;
}

/** Front-desk work; the clinical steps (in progress, completed) belong to clinicians and admins. */
const RECEPTION_STATUSES: readonly AppointmentStatus[] = ['CONFIRMED', 'ARRIVED', 'CANCELLED', 'NO_SHOW'];

function assertMayMove(actor: Actor, appointment: Appointment, status: AppointmentStatus): void {
  if (actor.role === 'CLINICIAN' && appointment.provider.id !== actor.providerId) {
    refuse('FORBIDDEN', "A clinician may change only their own appointments.", ['input', 'appointmentId']);
  }
  if (actor.role === 'RECEPTIONIST' && !RECEPTION_STATUSES.includes(status)) {
    refuse('FORBIDDEN', `A receptionist may not mark an appointment ${status.toLowerCase().replace('_', ' ')}.`, ['input', 'status']);
  }
}

/** The statuses this actor may move the appointment to now (for the buttons a person sees). */
export function statusesActorMayChoose(actor: Actor, appointment: Appointment): AppointmentStatus[] {
  if (!can(actor, 'changeAppointmentStatus')) return [];
  if (actor.role === 'CLINICIAN' && appointment.provider.id !== actor.providerId) return [];
  return nextStatuses(appointment.status).filter((status) => actor.role !== 'RECEPTIONIST' || RECEPTION_STATUSES.includes(status));
}

/**
 * Moves an appointment along its life cycle. Completing it (and, under the tenant's policy, a
 * no-show or late cancellation) uses up its session: once, in the same transaction, however
 * often or concurrently it is asked, because the appointment row is locked first and a final
 * status cannot move again.
 */
export function setAppointmentStatus(
  context: UseCaseContext,
  input: SetAppointmentStatusInput,
): Promise<Result<AppointmentStatusChange>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'changeAppointmentStatus');
    if ((input.reason?.length ?? 0) > 2000) refuse('VALIDATION', 'A reason has at most 2000 characters.', ['input', 'reason']);
    const appointment = await findInTenant(em, Appointment, input.appointmentId, actor.tenantId, ['input', 'appointmentId'], {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    assertMayMove(actor, appointment, input.status);
    if (!canMove(appointment.status, input.status)) {
      refuse(
        'INVALID_TRANSITION',
        `An appointment that is ${appointment.status.toLowerCase().replace('_', ' ')} cannot become ${input.status.toLowerCase().replace('_', ' ')}.`,
        ['input', 'status'],
      );
    }
    // A future slot a cancellation frees goes to the waitlist in this transaction (locked first: see waitlist.ts).
    const frees = input.status === 'CANCELLED' && appointment.startsAt.getTime() > now.getTime();
    if (frees) await lockProviderTime(em, appointment.provider.id);
    const before = appointmentSnapshot(appointment);
    const audit: AuditEntry[] = [];
    let purchase: PackagePurchase | null = null;
    let recognised = false;
    let feeInvoice: Invoice | null = null;

    if (appointment.packagePurchase) {
      purchase = await em.findOneOrFail(PackagePurchase, appointment.packagePurchase.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const policy = await policyOf(em, actor.tenantId);
      if (input.status === 'CANCELLED' || input.status === 'NO_SHOW') appointment.appliedPolicy = policy;
      // A late cancellation or no-show is an incident: the grace allowance may forgive it (no session, no fee).
      const incident = incidentOf(input.status, appointment.startsAt, now, policy);
      const forgiven = incident !== null && (await graceForgives(em, actor.tenantId, appointment.patient.id, now, policy));
      appointment.incident = incident;
      appointment.graceApplied = forgiven;
      const fee = forgiven ? null : feeOf(incident, policy);
      if (fee) {
        const { timeZone } = await currencyAndZone(em, actor.tenantId, appointment.clinic.id);
        feeInvoice = await issueFeeInvoice(em, actor, now, appointment, fee, timeZone, audit);
      }
      if (!forgiven && consumesSession(input.status, appointment.startsAt, now, policy)) {
        const purchaseBefore = purchaseSnapshot(purchase);
        purchase.sessionsUsed += 1;
        if (purchase.sessionsUsed === purchase.totalSessions) purchase.status = 'COMPLETED';
        appointment.sessionConsumed = true;
        // The session's value is earned on the clinic-local day of the change (the ledger's RECOGNISED).
        const { currency, timeZone } = await currencyAndZone(em, actor.tenantId, appointment.clinic.id);
        recognised = recogniseSession(em, purchase, appointment, currency, localDateOf(now, timeZone)) !== null;
        audit.push({
          operation: 'consumeSession',
          entityType: 'PackagePurchase',
          entityId: purchase.id,
          before: purchaseBefore,
          after: purchaseSnapshot(purchase),
          reason: `appointment ${appointment.number} ${input.status.toLowerCase()}`,
        });
      }
    }
    appointment.status = input.status;
    appointment.statusReason = input.reason ?? null;
    appointment.updatedAt = now;
    audit.unshift({
      operation: 'setAppointmentStatus',
      entityType: 'Appointment',
      entityId: appointment.id,
      before,
      after: appointmentSnapshot(appointment),
      reason: input.reason ?? null,
    });
    recordAudit(em, actor, now, audit);
    await em.flush();
    if (frees) {
      const freed = { clinicId: appointment.clinic.id, providerId: appointment.provider.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt };
      await offerFreedSlot(em, actor, now, freed);
    }
    if (purchase && recognised) await reloadTotals(em, purchase);
    return { appointment, packagePurchase: purchase, feeInvoice };
  });
}
