import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment } from '../appointments/appointment.entity.js';
import { TimeOff } from '../providers/time-off.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { loadClosedRanges, type ClosedRange } from '../closures/closures.js';
import type { TimeRange, WeeklyHours } from './date-ranges.js';

/** Everything scheduling needs to know about who is busy when, loaded once for a window. */
export interface Calendars {
  /** Weekly hours per provider, in the clinic asked for. */
  weeklyHours: Map<string, WeeklyHours[]>;
  /** Closures, time off and live appointments per provider. */
  providerBusy: Map<string, TimeRange[]>;
  /** The clinic's closures (its own and the tenant-wide ones), whole local days. */
  closed: ClosedRange[];
  /** Live appointments of the patient. */
  patientBusy: TimeRange[];
}

const range = (start: Date, end: Date): TimeRange => ({ start: start.getTime(), end: end.getTime() });

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Four queries whatever the number of providers, sessions or days: working hours, closures,
 * time off, and live appointments of the providers or the patient within [from, to).
 */
export async function loadCalendars(
  em: EntityManager,
  query: {
    tenantId: string;
    clinicId: string;
    providerIds: string[];
    patientId?: string | undefined;
    from: Date;
    to: Date;
    /** An appointment being moved does not stand in its own way. */
    excludeAppointmentId?: string | undefined;
  },
): Promise<Calendars> {
  const { tenantId, clinicId, providerIds, patientId, from, to, excludeAppointmentId } = query;
  const calendars: Calendars = { weeklyHours: new Map(), providerBusy: new Map(), patientBusy: [], closed: [] };
  if (providerIds.length === 0 && !patientId) return calendars;

  calendars.weeklyHours = await loadWeeklyHours(em, { tenantId, clinicId, providerIds });
  // A closed day is busy for every provider of the clinic: no slot is offered or scheduled in it.
  calendars.closed = await loadClosedRanges(em, { tenantId, clinicId, from, to });
  for (const providerId of providerIds) {
    for (const closed of calendars.closed) push(calendars.providerBusy, providerId, { start: closed.start, end: closed.end });
  }
  for (const row of await loadTimeOff(em, { tenantId, providerIds, from, to })) {
    push(calendars.providerBusy, row.providerId, range(row.startsAt, row.endsAt));
  }

  const whose = patientId ? [{ provider: { $in: providerIds } }, { patient: patientId }] : [{ provider: { $in: providerIds } }];
  const appointments = await em.find(
    Appointment,
    {
      tenant: tenantId,
      status: { $ne: 'CANCELLED' },
      startsAt: { $lt: to },
      endsAt: { $gt: from },
      $or: whose,
      ...(excludeAppointmentId ? { id: { $ne: excludeAppointmentId } } : {}),
    },
    { fields: ['provider', 'patient', 'startsAt', 'endsAt'], disableIdentityMap: true },
  );
  for (const row of appointments) {
    const busy = range(row.startsAt, row.endsAt);
    if (providerIds.includes(row.provider.id)) push(calendars.providerBusy, row.provider.id, busy);
    if (patientId && row.patient.id === patientId) calendars.patientBusy.push(busy);
  }
  return calendars;
}

/** One statement: the weekly hours of the providers in one clinic, per provider. */
export async function loadWeeklyHours(
  em: EntityManager,
  query: { tenantId: string; clinicId: string; providerIds: readonly string[] },
): Promise<Map<string, WeeklyHours[]>> {
  const weeklyHours = new Map<string, WeeklyHours[]>();
  if (query.providerIds.length === 0) return weeklyHours;
  const hours = await em.find(
    WorkingHours,
    { tenant: query.tenantId, clinic: query.clinicId, provider: { $in: [...query.providerIds] } },
    { fields: ['provider', 'weekday', 'startTime', 'endTime'], disableIdentityMap: true },
  );
  for (const row of hours) push(weeklyHours, row.provider.id, { weekday: row.weekday, startTime: row.startTime, endTime: row.endTime });
  return weeklyHours;
}

export interface TimeOffRow {
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

/** One statement: the providers' time off that overlaps [from, to), in time order. */
export async function loadTimeOff(
  em: EntityManager,
  query: { tenantId: string; providerIds: readonly string[]; from: Date; to: Date },
): Promise<TimeOffRow[]> {
  if (query.providerIds.length === 0) return [];
  const rows = await em.find(
    TimeOff,
    { tenant: query.tenantId, provider: { $in: [...query.providerIds] }, startsAt: { $lt: query.to }, endsAt: { $gt: query.from } },
    { fields: ['provider', 'startsAt', 'endsAt', 'reason'], orderBy: { startsAt: 'asc' }, disableIdentityMap: true },
  );
  return rows.map((row) => ({ providerId: row.provider.id, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason ?? null }));
}
