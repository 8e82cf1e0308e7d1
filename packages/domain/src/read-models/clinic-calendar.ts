import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { addDays, isValidLocalDate, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { reachOf } from '../access/read-policy.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { workingRangesOn, type TimeRange, type WeeklyHours } from '../availability/date-ranges.js';
import { Timeline } from '../availability/timeline.js';
import { MAX_CALENDAR_DAYS, type CalendarInterval, type UnavailableInterval } from '../calendar/clinic-calendar.js';
import { clinicJson, clinicView, providerJson, providerView, readJson, type ClinicView, type ProviderView } from './views.js';

/**
 * A clinic's calendar (a week, at most 31 days) in one statement: the clinic, the active
 * providers who work there now (or those asked for; a link left inactive does not count), their weekly hours there, the closures, their time off and the
 * appointments the reader may see, each as the time grid draws it. The columns are then cut in
 * memory exactly as `clinicCalendar` (calendar/clinic-calendar.ts) cuts them.
 */

export interface CalendarColumnView {
  provider: ProviderView;
  /** Working hours as instants, minus time off: when the provider can be booked. */
  working: CalendarInterval[];
  unavailable: UnavailableInterval[];
}

/** An appointment as the calendar draws it: no entity, only what a block on the grid shows. */
export interface CalendarAppointmentView {
  id: string;
  providerId: string;
  clinicId: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  patientNameEn: string;
  patientNameAr: string | null;
  serviceCode: string;
  serviceNameEn: string;
  serviceNameAr: string;
  sessionNumberInPackage: number | null;
  packageTotalSessions: number | null;
}

export interface ClinicCalendarView {
  clinic: ClinicView;
  timeZone: string;
  from: LocalDate;
  to: LocalDate;
  days: LocalDate[];
  columns: CalendarColumnView[];
  /** The columns' appointments that start in the range and that the reader may read (a clinician: their own), in time order. */
  appointments: CalendarAppointmentView[];
}

export interface ClinicCalendarViewInput {
  clinicId: string;
  from: LocalDate;
  to: LocalDate;
  /** Only these providers of the clinic (unknown ids are ignored); all of them when absent. */
  providerIds?: readonly string[] | null | undefined;
}

const NO_PROVIDER = '00000000-0000-0000-0000-000000000000';

/**
 * The bounds are the clinic-local midnights of the first day and of the day after the last; the
 * read policy is in the statement (a clinician's appointments only: reach OWN_APPOINTMENTS).
 * `wanted` is a JSON array of provider ids, or null for all of the clinic's.
 */
const CALENDAR_SQL = `
with params as (select ?::uuid as clinic_id, ?::uuid as tenant_id, ?::text as reach, ?::uuid as provider_id, ?::date as from_day, ?::date as to_day, ?::json as wanted),
k as (
  select c.*, (params.from_day::timestamp at time zone c.time_zone) as from_at, ((params.to_day + 1)::timestamp at time zone c.time_zone) as to_at
  from clinic c, params where c.id = params.clinic_id and c.tenant_id = params.tenant_id
),
pv as (
  select pr.* from provider pr
  join provider_clinic pc on pc.provider_id = pr.id and pc.tenant_id = pr.tenant_id and pc.active
  join k on k.id = pc.clinic_id, params
  where pr.tenant_id = params.tenant_id and pr.active
    and (params.wanted is null or pr.id::text in (select json_array_elements_text(params.wanted)))
)
select
  ${clinicJson('k')} as clinic,
  coalesce((select json_agg(${providerJson('pv')} order by pv.name, pv.id) from pv), '[]'::json) as providers,
  coalesce((
    select json_agg(json_build_object('providerId', w.provider_id, 'weekday', w.weekday, 'startTime', w.start_time::text, 'endTime', w.end_time::text))
    from working_hours w where w.tenant_id = params.tenant_id and w.clinic_id = k.id and w.provider_id in (select id from pv)
  ), '[]'::json) as hours,
  coalesce((
    select json_agg(json_build_object('startDate', to_char(c.start_date, 'YYYY-MM-DD'), 'endDate', to_char(c.end_date, 'YYYY-MM-DD'), 'reason', c.reason) order by c.start_date)
    from closure c where c.tenant_id = params.tenant_id and (c.clinic_id = k.id or c.clinic_id is null)
      and c.start_date <= params.to_day + 1 and c.end_date >= params.from_day
  ), '[]'::json) as closures,
  coalesce((
    select json_agg(json_build_object('providerId', t.provider_id, 'startsAt', t.starts_at, 'endsAt', t.ends_at, 'reason', t.reason) order by t.starts_at)
    from time_off t where t.tenant_id = params.tenant_id and t.provider_id in (select id from pv) and t.starts_at < k.to_at and t.ends_at > k.from_at
  ), '[]'::json) as time_off,
  coalesce((
    select json_agg(json_build_object(
        'id', a.id, 'providerId', a.provider_id, 'clinicId', a.clinic_id, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'status', a.status,
        'patientNameEn', ap.name_en, 'patientNameAr', ap.name_ar, 'serviceCode', asv.code, 'serviceNameEn', asv.name_en, 'serviceNameAr', asv.name_ar,
        'sessionNumberInPackage', a.session_number_in_package, 'packageTotalSessions', a.package_total_sessions)
      order by a.starts_at, a.id)
    from appointment a
    join patient ap on ap.id = a.patient_id
    join service asv on asv.id = a.service_id
    where a.tenant_id = params.tenant_id and a.provider_id in (select id from pv)
      and a.starts_at >= k.from_at and a.starts_at < k.to_at
      and (params.reach = 'TENANT' or a.provider_id = params.provider_id)
  ), '[]'::json) as appointments
from k, params`;

type Json = Record<string, unknown>;

interface Row {
  clinic: Json;
  providers: Json[];
  hours: Array<WeeklyHours & { providerId: string }>;
  closures: Array<{ startDate: LocalDate; endDate: LocalDate; reason: string }>;
  time_off: Array<{ providerId: string; startsAt: string; endsAt: string; reason: string | null }>;
  appointments: Json[];
}

interface Day {
  date: LocalDate;
  start: number;
  end: number;
}

/** Statements: one, whatever the range, providers and appointments. */
export function clinicCalendarView(context: UseCaseContext, input: ClinicCalendarViewInput): Promise<Result<ClinicCalendarView>> {
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
    if (!isUuid(input.clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);

    const [row] = await em.execute<Row[]>(CALENDAR_SQL, [
      input.clinicId,
      actor.tenantId,
      reachOf(actor),
      actor.providerId ?? NO_PROVIDER,
      input.from,
      input.to,
      input.providerIds ? JSON.stringify(input.providerIds) : null,
    ]);
    if (!row) return refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);

    const clinic = clinicView(row.clinic);
    const zone = clinic.timeZone;
    const dayBounds: Day[] = days.map((date) => ({ date, start: startOfLocalDay(date, zone).getTime(), end: startOfLocalDay(addDays(date, 1), zone).getTime() }));
    const closed = row.closures.map((closure) => ({
      start: startOfLocalDay(closure.startDate, zone).getTime(),
      end: startOfLocalDay(addDays(closure.endDate, 1), zone).getTime(),
      reason: closure.reason,
    }));
    const timeOff = row.time_off.map((away) => ({ providerId: away.providerId, start: Date.parse(away.startsAt), end: Date.parse(away.endsAt), reason: away.reason }));

    const columns = row.providers.map((json): CalendarColumnView => {
      const provider = providerView(json);
      const hours = row.hours.filter((range) => range.providerId === provider.id);
      const away = timeOff.filter((range) => range.providerId === provider.id);
      const column: CalendarColumnView = { provider, working: [], unavailable: [] };
      for (const day of dayBounds) {
        // A closed day is closed for everyone, whatever their hours: the reason is what the desk needs.
        const closure = closed.find((range) => range.start < day.end && range.end > day.start);
        if (closure) {
          column.unavailable.push({ date: day.date, startsAt: new Date(day.start), endsAt: new Date(day.end), kind: 'CLOSED', reason: closure.reason });
          continue;
        }
        const working = workingRangesOn(day.date, hours, zone);
        if (working.length === 0) {
          column.unavailable.push({ date: day.date, startsAt: new Date(day.start), endsAt: new Date(day.end), kind: 'NOT_WORKING_DAY', reason: null });
          continue;
        }
        const awayToday = away.filter((range) => range.start < day.end && range.end > day.start);
        for (const range of awayToday) {
          column.unavailable.push({
            date: day.date,
            startsAt: new Date(Math.max(day.start, range.start)),
            endsAt: new Date(Math.min(day.end, range.end)),
            kind: 'TIME_OFF',
            reason: range.reason,
          });
        }
        for (const range of new Timeline(awayToday.map((a): TimeRange => ({ start: a.start, end: a.end }))).cutFrom(working)) {
          column.working.push({ date: day.date, startsAt: new Date(range.start), endsAt: new Date(range.end) });
        }
      }
      return column;
    });

    const { text, textOrNull, intOrNull, instant } = readJson;
    const appointments = row.appointments.map((a): CalendarAppointmentView => ({
      id: text(a, 'id'),
      providerId: text(a, 'providerId'),
      clinicId: text(a, 'clinicId'),
      startsAt: instant(a, 'startsAt'),
      endsAt: instant(a, 'endsAt'),
      status: text(a, 'status') as AppointmentStatus,
      patientNameEn: text(a, 'patientNameEn'),
      patientNameAr: textOrNull(a, 'patientNameAr'),
      serviceCode: text(a, 'serviceCode'),
      serviceNameEn: text(a, 'serviceNameEn'),
      serviceNameAr: text(a, 'serviceNameAr'),
      sessionNumberInPackage: intOrNull(a, 'sessionNumberInPackage'),
      packageTotalSessions: intOrNull(a, 'packageTotalSessions'),
    }));
    return { clinic, timeZone: zone, from: input.from, to: input.to, days, columns, appointments };
  });
}
