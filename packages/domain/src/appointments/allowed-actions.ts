import { can, type Actor } from '../kernel/actor.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import type { CancellationPolicyTerms } from './cancellation-policy.entity.js';
import { consumesSession, policyOf } from './cancellation-policy.js';
import { canMove, isFinal } from './appointment-life-cycle.js';
import { feeOf, incidentOf } from '../billing/fees.js';
import { formatAmount } from '../billing/money.js';
import type { AppointmentStatus } from './appointment-status.js';

/**
 * What the web app may offer a person, computed here so that no screen keeps its own copy of
 * the rules: which statuses (`statusesActorMayChoose`), whether they may reschedule, and what a
 * status change would do to the package before they confirm it.
 */

export const STATUS_CHANGE_KINDS = [
  'NONE',
  'COMPLETION_CONSUMES',
  'EARLY_COMPLETION',
  'LATE_CANCELLATION_CONSUMES',
  'NO_SHOW_CONSUMES',
  'NOT_ALLOWED',
] as const;
export type StatusChangeKind = (typeof STATUS_CHANGE_KINDS)[number];

export interface StatusChangeConsequence {
  /** A stable code, for a client to word the consequence in its own language. */
  kind: StatusChangeKind;
  consumesSession: boolean;
  /** The fee (tax-exclusive) the change would invoice under the policy; null when none. */
  fee: string | null;
  /** Staff should confirm before the change is made: it uses a session, or completes early. */
  requiresConfirmation: boolean;
  /** The session it concerns, for a package session. */
  sessionNumber: number | null;
  totalSessions: number | null;
  /** The policy's late-cancellation window, for a late cancellation. */
  lateCancellationWindowHours: number | null;
  /** The English wording. */
  message: string;
}

export interface ConsequenceAppointment {
  status: AppointmentStatus;
  startsAt: Date;
  packagePurchase?: unknown;
  sessionNumberInPackage?: number | null | undefined;
  packageTotalSessions?: number | null | undefined;
}

const feeText = (fee: string | null) => (fee === null ? '' : ` A fee of ${fee} (before tax) is invoiced.`);
const words = (status: AppointmentStatus) => status.toLowerCase().replace('_', ' ');

/** Pure: what moving `appointment` to `status` at `now` does under `policy`. */
export function consequenceOfStatusChange(
  appointment: ConsequenceAppointment,
  status: AppointmentStatus,
  now: Date,
  policy: CancellationPolicyTerms,
): StatusChangeConsequence {
  const inPackage = Boolean(appointment.packagePurchase) && appointment.sessionNumberInPackage != null;
  const sessionNumber = inPackage ? (appointment.sessionNumberInPackage ?? null) : null;
  const totalSessions = inPackage ? (appointment.packageTotalSessions ?? null) : null;
  // The policy's fee for a late cancellation or no-show of a package session (the grace allowance is judged at the change itself).
  const fee = inPackage && canMove(appointment.status, status) ? feeOf(incidentOf(status, appointment.startsAt, now, policy), policy) : null;
  const base = { fee: fee === null ? null : formatAmount(fee, 'SAR'), sessionNumber, totalSessions, lateCancellationWindowHours: null };
  if (!canMove(appointment.status, status)) {
    return {
      ...base,
      kind: 'NOT_ALLOWED',
      consumesSession: false,
      requiresConfirmation: false,
      message: `An appointment that is ${words(appointment.status)} cannot become ${words(status)}.`,
    };
  }
  const consumes = inPackage && consumesSession(status, appointment.startsAt, now, policy);
  const session = `session ${sessionNumber} of ${totalSessions} of the package`;
  if (status === 'COMPLETED' && appointment.startsAt.getTime() > now.getTime()) {
    return {
      ...base,
      kind: 'EARLY_COMPLETION',
      consumesSession: consumes,
      requiresConfirmation: true,
      message: `This appointment has not started yet. Completing it now records it as delivered${consumes ? ` and uses ${session}` : ''}.`,
    };
  }
  if (!consumes) {
    if (base.fee !== null) {
      return { ...base, kind: 'NONE', consumesSession: false, requiresConfirmation: true, message: `This change uses no package session; a fee of ${base.fee} (before tax) is invoiced, under the clinic's policy.` };
    }
    return { ...base, kind: 'NONE', consumesSession: false, requiresConfirmation: false, message: 'This change uses no package session.' };
  }
  if (status === 'COMPLETED') {
    return { ...base, kind: 'COMPLETION_CONSUMES', consumesSession: true, requiresConfirmation: true, message: `Completing this appointment uses ${session}.` };
  }
  if (status === 'NO_SHOW') {
    return {
      ...base,
      kind: 'NO_SHOW_CONSUMES',
      consumesSession: true,
      requiresConfirmation: true,
      message: `This no-show uses ${session}, under the clinic's policy.${feeText(base.fee)}`,
    };
  }
  const hours = policy.lateCancellationWindowHours;
  return {
    ...base,
    kind: 'LATE_CANCELLATION_CONSUMES',
    consumesSession: true,
    requiresConfirmation: true,
    lateCancellationWindowHours: hours,
    message: `This late cancellation (less than ${hours} hours before the start) uses ${session}, under the clinic's policy.${feeText(base.fee)}`,
  };
}

/** The consequence under the tenant's current policy (one statement). */
export async function statusChangeConsequence(
  context: UseCaseContext,
  appointment: ConsequenceAppointment,
  status: AppointmentStatus,
): Promise<StatusChangeConsequence> {
  const policy = await policyOf(context.em, context.actor.tenantId);
  return consequenceOfStatusChange(appointment, status, context.now, policy);
}

/** Whether this actor may move the appointment to another time now (as `rescheduleAppointment` checks). */
export function mayReschedule(actor: Actor, appointment: { status: AppointmentStatus }): boolean {
  return can(actor, 'rescheduleAppointment') && !isFinal(appointment.status);
}
