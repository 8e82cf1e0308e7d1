import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import {
  WEEKDAYS,
  addDays,
  isValidLocalDate,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
  type Weekday,
} from '../kernel/local-time.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { loadCalendars } from '../availability/provider-calendar.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { nextAppointmentNumbers } from '../appointments/appointment-numbers.js';
import { lockCalendars } from '../appointments/calendar-locks.js';
import { appointmentSnapshot } from '../appointments/snapshots.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { assertOpenForBooking } from '../purchases/purchase-rules.js';
import { freezesOf, frozenDatesOf } from '../purchases/purchase-freezes.js';
import { freeSessionNumbers, sessionServices } from '../purchases/package-sessions.js';
import { progressOf, type PackageProgress } from '../purchases/package-progress.js';
import {
  planPackageSchedule,
  SEARCH_DAYS,
  type PlacementReason,
  type SessionToPlace,
  type Suggestion,
  type TimeWindow,
} from './plan-package-schedule.js';

export interface SchedulePackageInput {
  packagePurchaseId: string;
  /** Provider of every session that providerAssignments does not name. */
  providerId?: string | null | undefined;
  providerAssignments?: ReadonlyArray<{ sessionNumber: number; providerId: string }> | null | undefined;
  startDate: LocalDate;
  /** Defaults to, and may not pass, the purchase's expiry date. */
  endDate?: LocalDate | null | undefined;
  /** Empty or absent: any day. */
  preferredDays?: readonly Weekday[] | null | undefined;
  /** Clinic-local "HH:MM" to "HH:MM": every session starts and ends inside it. */
  timeWindow?: TimeWindow | null | undefined;
  /** Repeat the first week's week days and start times in later weeks where the calendar allows. */
  keepWeeklySlot?: boolean | null | undefined;
  /** Days between two sessions' dates, 1 (the default) to 30. */
  minDaysBetween?: number | null | undefined;
  /** At most this many sessions in a Sunday-to-Saturday week, 1 to 7. */
  maxSessionsPerWeek?: number | null | undefined;
}

export type SchedulingErrorCode = 'NO_AVAILABILITY' | 'PAST_END_DATE' | 'PROVIDER_NOT_FOUND' | 'PROVIDER_NOT_IN_CLINIC';

export interface SchedulingError {
  sessionNumber: number;
  code: SchedulingErrorCode;
  message: string;
  /** Up to three slots this session could take as is (another provider, day or time, a later end date), with its service. */
  alternatives: Array<Suggestion & { serviceId?: string }>;
}

/** One session of a plan, not yet written. */
export interface PlannedSession {
  sessionNumber: number;
  providerId: string;
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  reason: PlacementReason;
}

export interface PackageSchedulePreview {
  sessions: PlannedSession[];
  schedulingErrors: SchedulingError[];
}

export interface PackageSchedule {
  /** Created by this call, in session order. */
  appointments: Appointment[];
  schedulingErrors: SchedulingError[];
  progress: PackageProgress;
}

const MESSAGES: Record<SchedulingErrorCode, string> = {
  NO_AVAILABILITY: `No free slot within ${SEARCH_DAYS} days.`,
  PAST_END_DATE: 'No free slot before the end date.',
  PROVIDER_NOT_FOUND: 'No such provider.',
  PROVIDER_NOT_IN_CLINIC: "The provider does not work in the package's clinic.",
};

/** A concurrent booking can take a planned slot between our read and our write: look again. */
const ATTEMPTS = 5;

/**
 * Auto-scheduling (docs/domain.md): places every session that has no live appointment, in order,
 * writes them all in one transaction, and reports the sessions it could not place. Safe to
 * repeat. The number of SQL statements does not depend on the number of sessions.
 */
export async function schedulePackage(context: UseCaseContext, input: SchedulePackageInput): Promise<Result<PackageSchedule>> {
  let result = await inTransaction(context, (em) => scheduleOnce(em, context, input));
  const lostARace = (r: Result<PackageSchedule>) => !r.ok && (r.error.code === 'SLOT_TAKEN' || r.error.code === 'CONFLICT');
  for (let attempt = 1; attempt < ATTEMPTS && lostARace(result); attempt += 1) {
    result = await inTransaction(context, (em) => scheduleOnce(em, context, input));
  }
  return result;
}

/**
 * The plan of a purchase's unscheduled sessions without writing anything (the same planning as
 * schedulePackage, so committing the same input when nothing changed creates exactly this).
 */
export function previewPackageSchedule(context: UseCaseContext, input: SchedulePackageInput): Promise<Result<PackageSchedulePreview>> {
  return reading(async () => {
    const planned = await planFor(context.em.fork(), context, input, false);
    return { sessions: planned.sessions, schedulingErrors: planned.schedulingErrors };
  });
}

interface Planned {
  purchase: PackagePurchase;
  existing: Appointment[];
  sessions: PlannedSession[];
  schedulingErrors: SchedulingError[];
}

async function planFor(em: EntityManager, context: UseCaseContext, input: SchedulePackageInput, forWriting: boolean): Promise<Planned> {
  const { actor, now } = context;
  authorize(actor, 'schedulePackage');
  const tenantId = actor.tenantId;
  // Locked: a second call for the same purchase waits, then sees what the first created.
  const purchase = await findInTenant(
    em,
    PackagePurchase,
    input.packagePurchaseId,
    tenantId,
    ['input', 'packagePurchaseId'],
    forWriting ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  await em.populate(purchase, ['package.clinic', 'package.services.service']);
  const clinic = purchase.package.clinic;
  const zone = clinic.timeZone;
  const today = localDateOf(now, zone);
  assertOpenForBooking(purchase, today, ['input', 'packagePurchaseId']);
  const { startDate, endDate } = validateDates(input, purchase.expiryDate, today);
  const preferences = validatePreferences(input);
  const preferredWeekdays = new Set((input.preferredDays ?? []).map((day) => WEEKDAYS.indexOf(day)));
  const existing = await em.find(Appointment, { packagePurchase: purchase });
  const free = new Set(freeSessionNumbers(purchase.totalSessions, existing));
  const lines = purchase.package.services.getItems();
  const toSchedule = sessionServices(lines.map((line) => ({ serviceId: line.service.id, sessions: line.sessions }))).filter(
    (session) => free.has(session.sessionNumber),
  );
  if (toSchedule.length === 0) return { purchase, existing, sessions: [], schedulingErrors: [] };
  const services = new Map(lines.map((line) => [line.service.id, line.service]));

  const providerOf = providerChoice(input, purchase.totalSessions);
  const providerIds = [...new Set(toSchedule.map((session) => providerOf(session.sessionNumber)))];
  const validIds = providerIds.filter(isUuid);
  const providers = validIds.length ? await em.find(Provider, { id: { $in: validIds }, tenant: tenantId }) : [];
  // Every provider of the clinic: who the chosen ones are, and who a suggestion may name.
  const inClinic = await em.find(ProviderClinic, { tenant: tenantId, clinic }, { fields: ['provider'] });
  const known = new Set(providers.map((p) => p.id));
  const working = new Set(inClinic.map((link) => link.provider.id));
  const schedulingErrors: SchedulingError[] = [];
  const sessions: SessionToPlace[] = [];
  for (const session of toSchedule) {
    const providerId = providerOf(session.sessionNumber);
    const problem = !known.has(providerId) ? 'PROVIDER_NOT_FOUND' : !working.has(providerId) ? 'PROVIDER_NOT_IN_CLINIC' : null;
    if (problem) schedulingErrors.push({ sessionNumber: session.sessionNumber, code: problem, message: MESSAGES[problem], alternatives: [] });
    else {
      const service = services.get(session.serviceId);
      sessions.push({ sessionNumber: session.sessionNumber, providerId, durationMinutes: service?.durationMinutes ?? 0 });
    }
  }
  const bookableProviders = [...new Set(sessions.map((s) => s.providerId))];
  if (forWriting) await lockCalendars(em, [...bookableProviders, purchase.patient.id]);
  const calendarProviders = [...new Set([...bookableProviders, ...working])];
  const calendars = await loadCalendars(em, {
    tenantId,
    clinicId: clinic.id,
    providerIds: calendarProviders,
    patientId: purchase.patient.id,
    from: startOfLocalDay(addDays(startDate, -1), zone),
    to: startOfLocalDay(addDays(purchase.expiryDate, 2), zone),
  });
  const plan = planPackageSchedule({
    sessions,
    startDate,
    endDate,
    preferredWeekdays,
    zone,
    notBefore: now,
    weeklyHours: calendars.weeklyHours,
    providerBusy: calendars.providerBusy,
    patientBusy: calendars.patientBusy,
    takenDates: new Set(existing.filter((a) => a.status !== 'CANCELLED').map((a) => localDateOf(a.startsAt, zone))),
    ...preferences,
    alternativeProviderIds: bookableProviders.length ? [...working].sort() : [],
    latestDate: purchase.expiryDate,
    blockedDates: frozenDatesOf(await freezesOf(em, purchase)),
  });
  const serviceOf = new Map(toSchedule.map((session) => [session.sessionNumber, session.serviceId]));
  for (const miss of plan.unplaced) {
    const serviceId = serviceOf.get(miss.sessionNumber) as string;
    const alternatives = (miss.alternatives ?? []).map((suggestion) => ({ ...suggestion, serviceId }));
    schedulingErrors.push({ sessionNumber: miss.sessionNumber, code: miss.code, message: MESSAGES[miss.code], alternatives });
  }
  schedulingErrors.sort((a, b) => a.sessionNumber - b.sessionNumber);
  const planned = plan.placed.map((placement) => ({
    sessionNumber: placement.sessionNumber,
    providerId: placement.providerId,
    serviceId: serviceOf.get(placement.sessionNumber) as string,
    startsAt: placement.startsAt,
    endsAt: placement.endsAt,
    reason: placement.reason,
  }));
  return { purchase, existing, sessions: planned, schedulingErrors };
}

async function scheduleOnce(em: EntityManager, context: UseCaseContext, input: SchedulePackageInput): Promise<PackageSchedule> {
  const { actor, now } = context;
  const tenantId = actor.tenantId;
  const { purchase, existing, sessions, schedulingErrors } = await planFor(em, context, input, true);
  if (sessions.length === 0) return { appointments: [], schedulingErrors, progress: progressOf(purchase, existing) };
  const clinic = purchase.package.clinic;
  const services = new Map(purchase.package.services.getItems().map((line) => [line.service.id, line.service]));
  const numbers = await nextAppointmentNumbers(em, sessions.length, now, clinic.timeZone);
  const created = sessions.map((planned, index) =>
    em.create(Appointment, {
      tenant: tenantId,
      number: numbers[index] as string,
      patient: purchase.patient,
      provider: em.getReference(Provider, planned.providerId),
      clinic,
      service: services.get(planned.serviceId)!,
      startsAt: planned.startsAt,
      endsAt: planned.endsAt,
      status: 'BOOKED',
      sessionConsumed: false,
      package: purchase.package,
      packagePurchase: purchase,
      sessionNumberInPackage: planned.sessionNumber,
      packageTotalSessions: purchase.totalSessions,
      createdAt: now,
      updatedAt: now,
    }),
  );
  recordAudit(
    em,
    actor,
    now,
    created.map((appointment) => ({
      operation: 'schedulePackage',
      entityType: 'Appointment' as const,
      entityId: appointment.id,
      after: appointmentSnapshot(appointment),
    })),
  );
  await em.flush();
  return { appointments: created, schedulingErrors, progress: progressOf(purchase, [...existing, ...created]) };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function validatePreferences(input: SchedulePackageInput) {
  const { timeWindow, minDaysBetween, maxSessionsPerWeek } = input;
  if (timeWindow) {
    if (!TIME.test(timeWindow.from)) refuse('VALIDATION', 'The window starts at a time such as 15:00.', ['input', 'timeWindow', 'from'], { reason: 'NOT_A_TIME' });
    if (!TIME.test(timeWindow.to)) refuse('VALIDATION', 'The window ends at a time such as 17:30.', ['input', 'timeWindow', 'to'], { reason: 'NOT_A_TIME' });
    if (timeWindow.from >= timeWindow.to) refuse('VALIDATION', 'The window must end after it starts.', ['input', 'timeWindow', 'to'], { reason: 'END_BEFORE_START' });
  }
  if (minDaysBetween != null && (!Number.isInteger(minDaysBetween) || minDaysBetween < 1 || minDaysBetween > 30)) {
    refuse('VALIDATION', 'The days between sessions run from 1 to 30.', ['input', 'minDaysBetween'], { reason: 'OUT_OF_RANGE', params: { min: 1, max: 30 } });
  }
  if (maxSessionsPerWeek != null && (!Number.isInteger(maxSessionsPerWeek) || maxSessionsPerWeek < 1 || maxSessionsPerWeek > 7)) {
    refuse('VALIDATION', 'Sessions a week run from 1 to 7.', ['input', 'maxSessionsPerWeek'], { reason: 'OUT_OF_RANGE', params: { min: 1, max: 7 } });
  }
  return {
    timeWindow: timeWindow ? { from: timeWindow.from, to: timeWindow.to } : null,
    keepWeeklySlot: input.keepWeeklySlot ?? false,
    minDaysBetween: minDaysBetween ?? 1,
    maxSessionsPerWeek: maxSessionsPerWeek ?? null,
  };
}

function validateDates(input: SchedulePackageInput, expiryDate: LocalDate, today: LocalDate) {
  if (!isValidLocalDate(input.startDate)) refuse('VALIDATION', 'The start date must be a date such as 2026-11-24.', ['input', 'startDate'], { reason: 'NOT_A_DATE' });
  if (input.endDate && !isValidLocalDate(input.endDate)) {
    refuse('VALIDATION', 'The end date must be a date such as 2026-11-24.', ['input', 'endDate'], { reason: 'NOT_A_DATE' });
  }
  const endDate = input.endDate ?? expiryDate;
  if (endDate > expiryDate) refuse('VALIDATION', `The end date may not pass the expiry date, ${expiryDate}.`, ['input', 'endDate'], { reason: 'END_AFTER_EXPIRY', params: { expiryDate } });
  if (input.startDate < today) refuse('VALIDATION', 'The start date is in the past.', ['input', 'startDate'], { reason: 'DATE_IN_PAST' });
  if (input.startDate > endDate) refuse('VALIDATION', 'The start date is after the end date.', ['input', 'startDate'], { reason: 'END_BEFORE_START' });
  return { startDate: input.startDate, endDate };
}

/** Who delivers each session: its assignment, else the default provider. */
function providerChoice(input: SchedulePackageInput, totalSessions: number): (sessionNumber: number) => string {
  const assigned = new Map<number, string>();
  (input.providerAssignments ?? []).forEach((assignment, index) => {
    const field = ['input', 'providerAssignments', String(index), 'sessionNumber'];
    if (!Number.isInteger(assignment.sessionNumber) || assignment.sessionNumber < 1 || assignment.sessionNumber > totalSessions) {
      refuse('VALIDATION', `Session numbers run from 1 to ${totalSessions}.`, field, { reason: 'SESSION_OUT_OF_RANGE', params: { total: totalSessions } });
    }
    if (assigned.has(assignment.sessionNumber)) refuse('VALIDATION', 'A session is assigned twice.', field, { reason: 'ASSIGNED_TWICE' });
    assigned.set(assignment.sessionNumber, assignment.providerId);
  });
  return (sessionNumber) => {
    const providerId = assigned.get(sessionNumber) ?? input.providerId;
    return providerId ?? refuse('VALIDATION', `Session ${sessionNumber} has no provider: give providerId or an assignment.`, ['input', 'providerId'], { reason: 'NO_PROVIDER', params: { session: sessionNumber } });
  };
}
