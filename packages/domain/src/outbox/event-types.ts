import type { AuditEntry } from '../audit/audit-log.js';

/** The event types integrators may subscribe to, in the order the API lists them. */
export const EVENT_TYPES = [
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.status_changed',
  'purchase.created',
  'purchase.completed',
  'purchase.expired',
  'invoice.paid',
  'patient.created',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

const statusOf = (snapshot: Record<string, unknown> | null | undefined): unknown => snapshot?.['status'];

/**
 * What an audited change means to the world outside, if anything. Every use case already
 * describes its changes to the audit log in its own transaction; the outbox event is read off
 * that description, so no use case has to remember to publish.
 */
export function eventTypesOf(entry: AuditEntry): EventType[] {
  const before = statusOf(entry.before);
  const after = statusOf(entry.after);
  const created = !entry.before && Boolean(entry.after);
  switch (entry.entityType) {
    case 'Appointment':
      if (entry.operation === 'bookAppointment' || entry.operation === 'schedulePackage' || (created && entry.operation !== 'seed')) {
        return ['appointment.booked'];
      }
      if (entry.operation === 'rescheduleAppointment') return ['appointment.rescheduled'];
      return before !== undefined && after !== undefined && before !== after ? ['appointment.status_changed'] : [];
    case 'PackagePurchase': {
      const types: EventType[] = [];
      if (created) types.push('purchase.created');
      if (after !== before && after === 'COMPLETED') types.push('purchase.completed');
      if (after !== before && after === 'EXPIRED') types.push('purchase.expired');
      return types;
    }
    case 'Invoice':
      return after === 'PAID' && before !== 'PAID' ? ['invoice.paid'] : [];
    case 'Patient':
      return created ? ['patient.created'] : [];
    default:
      return [];
  }
}
