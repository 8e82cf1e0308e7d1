import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import {
  WEEKDAYS,
  addDays,
  instantAt,
  isValidLocalDate,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
  type Weekday,
} from '../kernel/local-time.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { loadCalendars } from '../availability/provider-calendar.js';
import { withinWorkingHours, type TimeRange } from '../availability/date-ranges.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { isFinal } from '../appointments/appointment-life-cycle.js';
import { lockCalendars } from '../appointments/calendar-locks.js';
import { appointmentSnapshot } from '../appointments/snapshots.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { assertOpenForBooking } from '../purchases/purchase-rules.js';
import { freezesOf, frozenDatesOf } from '../purchases/purchase-freezes.js';
import { planPackageSchedule, SEARCH_DAYS, type TimeWindow } from './plan-package-schedule.js';
import type { SchedulingError } from './schedule-package.js';

export interface RescheduleSeriesInput {
  packagePurchaseId: string;
  /** This session and the following open ones of the purchase move. */
  fromSessionNumber: number;
  /** The first day a moved session may take (clinic-local). */
  startDate: LocalDate;
  /** Empty or absent: any day. */
  preferredDays?: readonly Weekday[] | null | undefined;
  /** Clinic-local "HH:MM" to "HH:MM"; absent: none. */
  timeWindow?: TimeWindow | null | undefined;
  /** Another provider of the clinic for every session of the series; absent keeps each session's own. */
  providerId?: string | null | undefined;
}

/** One open session of the series: where it is and where it would be. */
export interface SeriesSession {
  sessionNumber: number;
  appointment: Appointment;
  /** False: it already keeps the new rules and stays where it is. */
  moves: boolean;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SeriesPlan {
  /** Every open session of the series, in session order, with its new slot (its old one when it stays). */
  sessions: SeriesSession[];
  /** Sessions that cannot be placed; when there is any, nothing moves. */
  schedulingErrors: SchedulingError[];
}

export interface SeriesMove extends SeriesPlan {
  /** The appointments this call moved (none when any session could not be placed). */
  moved: Appointment[];
}

const MESSAGES = {
  NO_AVAILABILITY: `No free slot within ${SEARCH_DAYS} days.`,
  PAST_END_DATE: 'No free slot before the expiry date.',
} as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ATTEMPTS = 5;
const PARKED = Date.UTC(1900, 0, 1);

/**
 * Moving a series (docs/domain.md): this and the following open sessions of a purchase keep new
 * rules (start date, week days, time window, provider). A session that already keeps them stays;
 * the others are re-planned in memory by the auto-scheduler, in session order. All or nothing:
 * if any session has no slot, nothing moves and the answer says why, with suggestions.
 */
export async function rescheduleSeries(context: UseCaseContext, input: RescheduleSeriesInput): Promise<Result<SeriesMove>> {
  let result = await inTransaction(context, (em) => moveOnce(em, context, input));
  const lostARace = (r: Result<SeriesMove>) => !r.ok && (r.error.code === 'SLOT_TAKEN' || r.error.code === 'CONFLICT');
  for (let attempt = 1; attempt < ATTEMPTS && lostARace(result); attempt += 1) {
    result = await inTransaction(context, (em) => moveOnce(em, context, input));
  }
  return result;
}

/** The same plan without writing anything: what rescheduleSeries would do now. */
export function previewRescheduleSeries(context: UseCaseContext, input: RescheduleSeriesInput): Promise<Result<SeriesPlan>> {
  return reading(() => planSeries(context.em.fork(), context, input, false));
}

async function moveOnce(em: EntityManager, context: UseCaseContext, input: RescheduleSeriesInput): Promise<SeriesMove> {
  const { actor, now } = context;
  const plan = await planSeries(em, context, input, true);
  if (plan.schedulingErrors.length > 0) return { ...plan, moved: [] };
  const moving = plan.sessions.filter((session) => session.moves);
  if (moving.length === 0) return { ...plan, moved: [] };
  const before = moving.map((session) => appointmentSnapshot(session.appointment));
  // A moved session may take the old slot of another one that moves too, and the database checks
  // overlaps row by row: the moving rows first step aside (far in the past, apart from each
  // other), then take their new slots. One transaction: no one else ever sees them parked.
  moving.forEach((session, index) => {
    session.appointment.startsAt = new Date(PARKED + index * 120_000);
    session.appointment.endsAt = new Date(PARKED + index * 120_000 + 60_000);
  });
  await em.flush();
  const audit = moving.map((session, index) => {
    const appointment = session.appointment;
    appointment.provider = em.getReference(Provider, session.providerId);
    appointment.startsAt = session.startsAt;
    appointment.endsAt = session.endsAt;
    appointment.updatedAt = now;
    return { operation: 'rescheduleSeries', entityType: 'Appointment' as const, entityId: appointment.id, before: before[index], after: appointmentSnapshot(appointment) };
  });
  recordAudit(em, actor, now, audit);
  await em.flush();
  return { ...plan, moved: moving.map((session) => session.appointment) };
}

async function planSeries(em: EntityManager, context: UseCaseContext, input: RescheduleSeriesInput, forWriting: boolean): Promise<SeriesPlan> {
  const { actor, now } = context;
  authorize(actor, 'rescheduleAppointment');
  const tenantId = actor.tenantId;
  const purchase = await findInTenant(
    em,
    PackagePurchase,
    input.packagePurchaseId,
    tenantId,
    ['input', 'packagePurchaseId'],
    forWriting ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  await em.populate(purchase, ['package.clinic']);
  const clinic = purchase.package.clinic;
  const zone = clinic.timeZone;
  const today = localDateOf(now, zone);
  assertOpenForBooking(purchase, today, ['input', 'packagePurchaseId']);
  validate(input, purchase.totalSessions, purchase.expiryDate, today);
  const window = input.timeWindow ? { from: input.timeWindow.from, to: input.timeWindow.to } : null;
  const weekdays = new Set((input.preferredDays ?? []).map((day) => WEEKDAYS.indexOf(day)));

  const existing = await em.find(Appointment, { packagePurchase: purchase }, { populate: ['service'], orderBy: { sessionNumberInPackage: 'asc', startsAt: 'asc' } });
  // Open sessions still to come: one that already started is the desk's to record, not to move.
  const series = existing.filter((a) => !isFinal(a.status) && a.startsAt >= now && (a.sessionNumberInPackage ?? 0) >= input.fromSessionNumber);
  if (series.length === 0) {
    refuse('VALIDATION', `Session ${input.fromSessionNumber} and the following have no open appointment.`, ['input', 'fromSessionNumber'], {
      reason: 'NO_OPEN_SESSIONS',
      params: { session: input.fromSessionNumber },
    });
  }
  const inClinic = await em.find(ProviderClinic, { tenant: tenantId, clinic }, { fields: ['provider'] });
  const working = [...new Set(inClinic.map((link) => link.provider.id))].sort();
  if (input.providerId) {
    const field = ['input', 'providerId'];
    if (!isUuid(input.providerId) || (await em.count(Provider, { id: input.providerId, tenant: tenantId })) === 0) refuse('NOT_FOUND', 'No such provider.', field);
    if (!working.includes(input.providerId)) refuse('PROVIDER_NOT_IN_CLINIC', 'The provider does not work in this clinic.', field);
  }
  const providerOf = (a: Appointment) => input.providerId ?? a.provider.id;
  if (forWriting) await lockCalendars(em, [...new Set(series.map(providerOf)), purchase.patient.id]);
  const earliestStart = series.reduce((a, b) => (a.startsAt < b.startsAt ? a : b)).startsAt;
  const from = new Date(Math.min(startOfLocalDay(addDays(input.startDate, -1), zone).getTime(), earliestStart.getTime()));
  const calendars = await loadCalendars(em, {
    tenantId,
    clinicId: clinic.id,
    providerIds: [...new Set([...working, ...series.map((a) => a.provider.id)])],
    patientId: purchase.patient.id,
    from,
    to: startOfLocalDay(addDays(purchase.expiryDate, 2), zone),
  });

  // The calendars as the plan goes: the series' own slots are free until each session is decided
  // (kept, or placed), then its slot is taken for the sessions after it.
  const slotOf = (a: Appointment): TimeRange => ({ start: a.startsAt.getTime(), end: a.endsAt.getTime() });
  const seriesSlots = series.map(slotOf);
  const notSeries = (ranges: readonly TimeRange[]) => ranges.filter((r) => !seriesSlots.some((x) => x.start === r.start && x.end === r.end));
  const providerBusy = new Map([...calendars.providerBusy].map(([id, ranges]) => [id, notSeries(ranges)]));
  const patientBusy = notSeries(calendars.patientBusy);
  const busyOf = (id: string) => providerBusy.get(id) ?? providerBusy.set(id, []).get(id)!;
  const seriesIds = new Set(series.map((a) => a.id));
  /** The dates of the purchase's live sessions outside the series, then of each decided session. */
  /** Nothing moves into a freeze of the purchase (closures are busy time of every provider already). */
  const frozen = frozenDatesOf(await freezesOf(em, purchase));
  const takenDates = new Set(existing.filter((a) => a.status !== 'CANCELLED' && !seriesIds.has(a.id)).map((a) => localDateOf(a.startsAt, zone)));

  const sessions: SeriesSession[] = [];
  const schedulingErrors: SchedulingError[] = [];
  let cursor = input.startDate;
  for (const appointment of series) {
    const sessionNumber = appointment.sessionNumberInPackage ?? 0;
    const providerId = providerOf(appointment);
    const own = slotOf(appointment);
    const date = localDateOf(appointment.startsAt, zone);
    const overlaps = (r: TimeRange) => r.start < own.end && own.start < r.end;
    const keeps =
      providerId === appointment.provider.id &&
      date >= cursor &&
      date <= purchase.expiryDate &&
      !takenDates.has(date) &&
      !frozen.has(date) &&
      (weekdays.size === 0 || weekdays.has(new Date(Date.parse(date)).getUTCDay())) &&
      (!window || (instantAt(date, window.from, zone).getTime() <= own.start && own.end <= instantAt(date, window.to, zone).getTime())) &&
      withinWorkingHours(own, date, calendars.weeklyHours.get(providerId) ?? [], zone) &&
      !busyOf(providerId).some(overlaps) &&
      !patientBusy.some(overlaps);
    if (keeps) {
      busyOf(providerId).push(own);
      patientBusy.push(own);
      takenDates.add(date);
      sessions.push({ sessionNumber, appointment, moves: false, providerId, startsAt: appointment.startsAt, endsAt: appointment.endsAt });
      cursor = addDays(date, 1);
      continue;
    }
    const plan = planPackageSchedule({
      sessions: [{ sessionNumber, providerId, durationMinutes: appointment.service.durationMinutes }],
      startDate: cursor,
      endDate: purchase.expiryDate,
      preferredWeekdays: weekdays,
      zone,
      notBefore: now,
      weeklyHours: calendars.weeklyHours,
      providerBusy,
      patientBusy,
      takenDates,
      blockedDates: frozen,
      timeWindow: window,
      alternativeProviderIds: working,
      latestDate: purchase.expiryDate,
    });
    const placed = plan.placed[0];
    if (!placed) {
      const miss = plan.unplaced[0]!;
      const alternatives = (miss.alternatives ?? []).map((s) => ({ ...s, serviceId: appointment.service.id }));
      schedulingErrors.push({ sessionNumber, code: miss.code, message: MESSAGES[miss.code], alternatives });
      // Each slot is offered to one session only: the next unplaced session is offered another.
      for (const s of alternatives) {
        busyOf(s.providerId).push({ start: s.startsAt.getTime(), end: s.endsAt.getTime() });
        patientBusy.push({ start: s.startsAt.getTime(), end: s.endsAt.getTime() });
      }
      sessions.push({ sessionNumber, appointment, moves: false, providerId: appointment.provider.id, startsAt: appointment.startsAt, endsAt: appointment.endsAt });
      continue;
    }
    const slot = { start: placed.startsAt.getTime(), end: placed.endsAt.getTime() };
    busyOf(providerId).push(slot);
    patientBusy.push(slot);
    takenDates.add(placed.date);
    sessions.push({ sessionNumber, appointment, moves: true, providerId, startsAt: placed.startsAt, endsAt: placed.endsAt });
    cursor = addDays(placed.date, 1);
  }
  return { sessions, schedulingErrors };
}

function validate(input: RescheduleSeriesInput, totalSessions: number, expiryDate: LocalDate, today: LocalDate) {
  if (!Number.isInteger(input.fromSessionNumber) || input.fromSessionNumber < 1 || input.fromSessionNumber > totalSessions) {
    refuse('VALIDATION', `Session numbers run from 1 to ${totalSessions}.`, ['input', 'fromSessionNumber'], {
      reason: 'SESSION_OUT_OF_RANGE',
      params: { total: totalSessions },
    });
  }
  if (!isValidLocalDate(input.startDate)) refuse('VALIDATION', 'The start date must be a date such as 2026-11-24.', ['input', 'startDate'], { reason: 'NOT_A_DATE' });
  if (input.startDate < today) refuse('VALIDATION', 'The start date is in the past.', ['input', 'startDate'], { reason: 'DATE_IN_PAST' });
  if (input.startDate > expiryDate) {
    refuse('VALIDATION', `The start date may not pass the expiry date, ${expiryDate}.`, ['input', 'startDate'], { reason: 'END_AFTER_EXPIRY', params: { expiryDate } });
  }
  for (const day of input.preferredDays ?? []) {
    if (!WEEKDAYS.includes(day)) refuse('VALIDATION', 'Week days are SUNDAY to SATURDAY.', ['input', 'preferredDays'], { reason: 'NOT_A_WEEKDAY' });
  }
  const window = input.timeWindow;
  if (window) {
    if (!TIME.test(window.from)) refuse('VALIDATION', 'The window starts at a time such as 15:00.', ['input', 'timeWindow', 'from'], { reason: 'NOT_A_TIME' });
    if (!TIME.test(window.to)) refuse('VALIDATION', 'The window ends at a time such as 17:30.', ['input', 'timeWindow', 'to'], { reason: 'NOT_A_TIME' });
    if (window.from >= window.to) refuse('VALIDATION', 'The window must end after it starts.', ['input', 'timeWindow', 'to'], { reason: 'END_BEFORE_START' });
  }
}
