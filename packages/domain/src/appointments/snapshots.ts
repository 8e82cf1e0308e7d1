import type { Appointment } from './appointment.entity.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';

/** What the audit keeps of an appointment: the fields a change can touch. */
export function appointmentSnapshot(appointment: Appointment): Record<string, unknown> {
  return {
    number: appointment.number,
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    providerId: appointment.provider.id,
    patientId: appointment.patient.id,
    serviceId: appointment.service.id,
    packagePurchaseId: appointment.packagePurchase?.id ?? null,
    sessionNumberInPackage: appointment.sessionNumberInPackage ?? null,
    sessionConsumed: appointment.sessionConsumed,
  };
}

export function purchaseSnapshot(purchase: PackagePurchase): Record<string, unknown> {
  return {
    status: purchase.status,
    sessionsUsed: purchase.sessionsUsed,
    totalSessions: purchase.totalSessions,
    expiryDate: purchase.expiryDate,
  };
}
