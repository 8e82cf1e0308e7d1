import type { EntityManager } from '@mikro-orm/postgresql';
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
  /** Waitlist holds on each provider's time (also in `providerBusy`): nobody else may book them. */
  held: Map<string, TimeRange[]>;
}

const range = (start: Date, end: Date): TimeRange => ({ start: start.getTime(), end: end.getTime() });

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Four queries whatever the number of providers, sessions or days: working hours, closures,
 * time off, and live appointments of the providers or the patient with the waitlist holds on the
 * providers' time within [from, to).
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
  const calendars: Calendars = { weeklyHours: new Map(), providerBusy: new Map(), patientBusy: [], closed: [], held: new Map() };
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

  // One statement for the live appointments of the providers or the patient and the waitlist
  // holds on the providers' time: a held slot is busy for everyone (its holder takes it by
  // accepting the offer, whose transaction names the entry in clinic.accepting_hold, as
  // the trigger of migration 014 reads it).
  const providerList = providerIds.map(() => '?').join(', ');
  const params: unknown[] = [tenantId, to, from];
  const whose: string[] = [];
  if (providerIds.length) {
    whose.push(`provider_id in (${providerList})`);
    params.push(...providerIds);
  }
  if (patientId) {
    whose.push('patient_id = ?');
    params.push(patientId);
  }
  let sql = `select false as held, provider_id, patient_id, starts_at, ends_at from appointment
    where tenant_id = ? and status <> 'CANCELLED' and starts_at < ? and ends_at > ? and (${whose.join(' or ')})`;
  if (excludeAppointmentId) {
    sql += ' and id <> ?';
    params.push(excludeAppointmentId);
  }
  if (providerIds.length) {
    sql += ` union all select true, offered_provider_id, patient_id, offered_starts_at, offered_ends_at from waitlist_entry
    where tenant_id = ? and status = 'OFFERED' and offered_starts_at < ? and offered_ends_at > ? and offered_provider_id in (${providerList})
      and id::text is distinct from nullif(current_setting('clinic.accepting_hold', true), '')`;
    params.push(tenantId, to, from, ...providerIds);
  }
  const rows = await em.execute<Array<{ held: boolean; provider_id: string; patient_id: string; starts_at: Date | string; ends_at: Date | string }>>(sql, params);
  for (const row of rows) {
    const busy = range(new Date(row.starts_at), new Date(row.ends_at));
    if (row.held) {
      push(calendars.providerBusy, row.provider_id, busy);
      push(calendars.held, row.provider_id, busy);
      continue;
    }
    if (providerIds.includes(row.provider_id)) push(calendars.providerBusy, row.provider_id, busy);
    if (patientId && row.patient_id === patientId) calendars.patientBusy.push(busy);
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
