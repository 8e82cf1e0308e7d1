import { authorize } from '../kernel/actor.js';
import { DomainError, refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { addDays, isValidLocalDate, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import type { Provider } from '../providers/provider.entity.js';
import { listProviders } from '../queries/catalogue-queries.js';
import { listAppointments } from '../queries/list-appointments.js';
import { MAX_PAGE_SIZE, type Page } from '../queries/pagination.js';
import { workingRangesOn, type TimeRange } from '../availability/date-ranges.js';
import { loadTimeOff, loadWeeklyHours, type TimeOffRow } from '../availability/provider-calendar.js';
import { Timeline } from '../availability/timeline.js';
import { loadClosedRanges } from '../closures/closures.js';

/**
 * The clinic's calendar over a few days: a column per provider with the hours they work, the
 * time they are unavailable and why, and the appointments the actor may see. Everything a
 * time grid draws is decided here, in the clinic's zone, so the web app holds no rule.
 */

/** The longest range one read may ask for, in days (a month view at most). */
export const MAX_CALENDAR_DAYS = 31;

export const UNAVAILABLE_KINDS = ['TIME_OFF', 'NOT_WORKING_DAY', 'CLOSED'] as const;
export type UnavailableKind = (typeof UNAVAILABLE_KINDS)[number];

export interface CalendarInterval {
  /** The clinic-local date the interval lies in (intervals never cross a local midnight). */
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
}

export interface UnavailableInterval extends CalendarInterval {
  kind: UnavailableKind;
  /** The reason given with the time off or the closure; null for a day the provider does not work. */
  reason: string | null;
}

export interface CalendarColumn {
  provider: Provider;
  /** Working hours as instants, minus time off: when the provider can be booked. */
  working: CalendarInterval[];
  unavailable: UnavailableInterval[];
}

export interface ClinicCalendar {
  clinic: Clinic;
  timeZone: string;
  from: LocalDate;
  to: LocalDate;
  days: LocalDate[];
  columns: CalendarColumn[];
  /**
   * The appointments of these providers that start in the range and that the actor may read
   * (a clinician: their own), live or not, in time order, with patient, service and purchase loaded.
   */
  appointments: Appointment[];
}

export interface ClinicCalendarInput {
  clinicId: string;
  /** First clinic-local date, inclusive. */
  from: LocalDate;
  /** Last clinic-local date, inclusive. */
  to: LocalDate;
  /** Only these providers of the clinic (unknown ids are ignored); all of them when absent. */
  providerIds?: readonly string[] | null | undefined;
}

const toRange = (row: { startsAt: Date; endsAt: Date }): TimeRange => ({ start: row.startsAt.getTime(), end: row.endsAt.getTime() });

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new DomainError(result.error.code, result.error.message, result.error.field);
}

/** Statements: clinic, providers, weekly hours, closures, time off, then two per 100 appointments. */
export function clinicCalendar(context: UseCaseContext, input: ClinicCalendarInput): Promise<Result<ClinicCalendar>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!isValidLocalDate(input.from)) refuse('VALIDATION', 'The first day must be a date such as 2026-11-24.', ['from'], { reason: 'NOT_A_DATE' });
    if (!isValidLocalDate(input.to)) refuse('VALIDATION', 'The last day must be a date such as 2026-11-24.', ['to'], { reason: 'NOT_A_DATE' });
    if (input.to < input.from) refuse('VALIDATION', 'The last day comes before the first.', ['to'], { reason: 'END_BEFORE_START' });
    const days: LocalDate[] = [];
    for (let day = input.from; day <= input.to && days.length <= MAX_CALENDAR_DAYS; day = addDays(day, 1)) days.push(day);
    if (days.length > MAX_CALENDAR_DAYS) refuse('VALIDATION', `Ask for at most ${MAX_CALENDAR_DAYS} days at a time.`, ['to'], { reason: 'TOO_MANY_DAYS', params: { max: MAX_CALENDAR_DAYS } });
    if (input.providerIds && input.providerIds.length > 100) refuse('VALIDATION', 'Ask for at most 100 providers at a time.', ['providerIds']);

    const clinic = await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['clinicId']);
    const zone = clinic.timeZone;
    const wanted = input.providerIds ? new Set(input.providerIds) : null;
    const providers = unwrap(await listProviders(context, clinic.id)).filter((provider) => !wanted || wanted.has(provider.id));
    const providerIds = providers.map((provider) => provider.id);
    const from = startOfLocalDay(input.from, zone);
    const to = startOfLocalDay(addDays(input.to, 1), zone);

    const weeklyHours = await loadWeeklyHours(em, { tenantId: actor.tenantId, clinicId: clinic.id, providerIds });
    const closed = await loadClosedRanges(em, { tenantId: actor.tenantId, clinicId: clinic.id, from, to });
    const timeOff = await loadTimeOff(em, { tenantId: actor.tenantId, providerIds, from, to });
    const dayBounds = days.map((date) => ({ date, start: startOfLocalDay(date, zone).getTime(), end: startOfLocalDay(addDays(date, 1), zone).getTime() }));

    const columns = providers.map((provider): CalendarColumn => {
      const away = timeOff.filter((row) => row.providerId === provider.id);
      const column: CalendarColumn = { provider, working: [], unavailable: [] };
      for (const day of dayBounds) {
        // A closed day is closed for everyone, whatever their hours: the reason is what the desk needs.
        const closure = closed.find((range) => range.start < day.end && range.end > day.start);
        if (closure) {
          column.unavailable.push({ date: day.date, startsAt: new Date(day.start), endsAt: new Date(day.end), kind: 'CLOSED', reason: closure.reason });
          continue;
        }
        const hours = workingRangesOn(day.date, weeklyHours.get(provider.id) ?? [], zone);
        if (hours.length === 0) {
          column.unavailable.push({ date: day.date, startsAt: new Date(day.start), endsAt: new Date(day.end), kind: 'NOT_WORKING_DAY', reason: null });
          continue;
        }
        const awayToday = away.filter((row) => row.startsAt.getTime() < day.end && row.endsAt.getTime() > day.start);
        for (const row of awayToday) column.unavailable.push(timeOffOn(day, row));
        for (const range of new Timeline(awayToday.map(toRange)).cutFrom(hours)) {
          column.working.push({ date: day.date, startsAt: new Date(range.start), endsAt: new Date(range.end) });
        }
      }
      return column;
    });

    const appointments = await appointmentsOf(context, providerIds, from, to);
    return { clinic, timeZone: zone, from: input.from, to: input.to, days, columns, appointments };
  });
}

function timeOffOn(day: { date: LocalDate; start: number; end: number }, row: TimeOffRow): UnavailableInterval {
  return {
    date: day.date,
    startsAt: new Date(Math.max(day.start, row.startsAt.getTime())),
    endsAt: new Date(Math.min(day.end, row.endsAt.getTime())),
    kind: 'TIME_OFF',
    reason: row.reason,
  };
}

/**
 * Through `listAppointments`, so the calendar applies the same read policy as every other path
 * (a clinician reaches only their own appointments), a page of 100 at a time.
 */
async function appointmentsOf(context: UseCaseContext, providerIds: readonly string[], from: Date, to: Date): Promise<Appointment[]> {
  if (providerIds.length === 0) return [];
  const columns = new Set(providerIds);
  const found: Appointment[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<Appointment> = unwrap(
      await listAppointments(context, {
        filter: { from, to, ...(providerIds.length === 1 ? { providerId: providerIds[0] } : {}) },
        first: MAX_PAGE_SIZE,
        after,
      }),
    );
    found.push(...page.nodes.filter((appointment) => columns.has(appointment.provider.id)));
    if (!page.hasNextPage || !page.endCursor) return found;
    after = page.endCursor;
  }
}
