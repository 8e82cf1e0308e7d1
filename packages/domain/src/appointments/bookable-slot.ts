import type { EntityManager } from '@mikro-orm/postgresql';
import { loadCalendars } from '../availability/provider-calendar.js';
import { withinWorkingHours, type TimeRange } from '../availability/date-ranges.js';
import { localDateOf } from '../kernel/local-time.js';
import { refuse } from '../kernel/domain-error.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';

const DAY_MS = 86_400_000;
const overlaps = (a: TimeRange, b: TimeRange) => a.start < b.end && b.start < a.end;

export async function assertProviderInClinic(
  em: EntityManager,
  tenantId: string,
  providerId: string,
  clinicId: string,
  field: string[],
): Promise<void> {
  const link = await em.count(ProviderClinic, { tenant: tenantId, provider: providerId, clinic: clinicId });
  if (link === 0) refuse('PROVIDER_NOT_IN_CLINIC', 'The provider does not work in this clinic.', field);
}

/**
 * The checks a person expects before a slot is taken: in the future, not in a closure of the
 * clinic, inside the provider's working hours, not during time off, and free for the provider and the patient. The database's
 * exclusion constraints remain the guard against a concurrent booking.
 */
export async function assertBookable(
  em: EntityManager,
  slot: {
    tenantId: string;
    clinicId: string;
    zone: string;
    providerId: string;
    patientId: string;
    startsAt: Date;
    endsAt: Date;
    now: Date;
    excludeAppointmentId?: string | undefined;
  },
): Promise<void> {
  const range = { start: slot.startsAt.getTime(), end: slot.endsAt.getTime() };
  if (range.start < slot.now.getTime()) refuse('VALIDATION', 'The time is in the past.', ['input', 'startsAt'], { reason: 'TIME_IN_PAST' });
  const calendars = await loadCalendars(em, {
    tenantId: slot.tenantId,
    clinicId: slot.clinicId,
    providerIds: [slot.providerId],
    patientId: slot.patientId,
    from: new Date(range.start - DAY_MS),
    to: new Date(range.end + DAY_MS),
    excludeAppointmentId: slot.excludeAppointmentId,
  });
  const closed = calendars.closed.find((closure) => overlaps(closure, range));
  if (closed) refuse('CLINIC_CLOSED', `The clinic is closed then: ${closed.reason}.`, ['input', 'startsAt']);
  const hours = calendars.weeklyHours.get(slot.providerId) ?? [];
  const date = localDateOf(slot.startsAt, slot.zone);
  if (!withinWorkingHours(range, date, hours, slot.zone)) {
    refuse('OUTSIDE_WORKING_HOURS', 'The provider does not work at that time.', ['input', 'startsAt']);
  }
  if ((calendars.held.get(slot.providerId) ?? []).some((held) => overlaps(held, range))) {
    refuse('SLOT_TAKEN', 'The time is held for a waitlist offer.', ['input', 'startsAt'], { reason: 'SLOT_HELD' });
  }
  if ((calendars.providerBusy.get(slot.providerId) ?? []).some((busy) => overlaps(busy, range))) {
    refuse('SLOT_TAKEN', 'The provider is busy or away at that time.', ['input', 'startsAt']);
  }
  if (calendars.patientBusy.some((busy) => overlaps(busy, range))) {
    refuse('SLOT_TAKEN', 'The patient already has an appointment at that time.', ['input', 'startsAt']);
  }
}
