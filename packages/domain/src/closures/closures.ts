import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { addDays, isValidLocalDate, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { readFilter } from '../access/read-policy.js';
import { Appointment } from '../appointments/appointment.entity.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Closure } from './closure.entity.js';

/** A closure lasts at most this many days. */
export const MAX_CLOSURE_DAYS = 366;
const MAX_REASON_LENGTH = 200;
/** Appointments that still need the desk: not cancelled and not over. */
const OPEN_STATUSES: AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'];

export interface CreateClosureInput {
  /** Null or absent: the whole tenant. */
  clinicId?: string | null | undefined;
  startDate: LocalDate;
  endDate: LocalDate;
  reason: string;
}

export interface CreatedClosure {
  closure: Closure;
  /** Appointments already inside it, for the front desk to move; nothing was moved. */
  affectedAppointments: Appointment[];
}

function validate(input: CreateClosureInput): { startDate: LocalDate; endDate: LocalDate; reason: string } {
  if (!isValidLocalDate(input.startDate)) refuse('VALIDATION', 'The first day must be a date such as 2026-11-24.', ['input', 'startDate']);
  if (!isValidLocalDate(input.endDate)) refuse('VALIDATION', 'The last day must be a date such as 2026-11-24.', ['input', 'endDate']);
  if (input.endDate < input.startDate) refuse('VALIDATION', 'The last day comes before the first.', ['input', 'endDate']);
  if (addDays(input.startDate, MAX_CLOSURE_DAYS) <= input.endDate) {
    refuse('VALIDATION', `A closure lasts at most ${MAX_CLOSURE_DAYS} days.`, ['input', 'endDate']);
  }
  const reason = input.reason.trim();
  if (!reason) refuse('VALIDATION', 'Give the reason for the closure.', ['input', 'reason']);
  if (reason.length > MAX_REASON_LENGTH) refuse('VALIDATION', `The reason is at most ${MAX_REASON_LENGTH} characters.`, ['input', 'reason']);
  return { startDate: input.startDate, endDate: input.endDate, reason };
}

/** Closes a clinic (or every clinic) on some dates. Appointments already there are listed, never moved. */
export function createClosure(context: UseCaseContext, input: CreateClosureInput): Promise<Result<CreatedClosure>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    const fields = validate(input);
    const clinic = input.clinicId ? await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['input', 'clinicId']) : null;
    const closure = em.create(Closure, { tenant: actor.tenantId, clinic, ...fields, createdAt: now });
    const affectedAppointments = await appointmentsInside(em, context, closure);
    recordAudit(em, actor, now, [
      {
        operation: 'createClosure',
        entityType: 'Closure',
        entityId: closure.id,
        after: { clinicId: clinic?.id ?? null, ...fields, appointmentsInside: affectedAppointments.map((a) => a.number) },
      },
    ]);
    await em.flush();
    return { closure, affectedAppointments };
  });
}

/** Opens the dates again. */
export function deleteClosure(context: UseCaseContext, input: { closureId: string }): Promise<Result<Closure>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    const closure = await findInTenant(em, Closure, input.closureId, actor.tenantId, ['input', 'closureId']);
    recordAudit(em, actor, now, [
      {
        operation: 'deleteClosure',
        entityType: 'Closure',
        entityId: closure.id,
        before: { clinicId: closure.clinic?.id ?? null, startDate: closure.startDate, endDate: closure.endDate, reason: closure.reason },
      },
    ]);
    em.remove(closure);
    await em.flush();
    return closure;
  });
}

/**
 * Closures that overlap [from, to] (inclusive local dates, either open), by first day. With a
 * clinic: its own and the tenant-wide ones.
 */
export function listClosures(
  context: UseCaseContext,
  input: { clinicId?: string | null | undefined; from?: LocalDate | null | undefined; to?: LocalDate | null | undefined },
): Promise<Result<Closure[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readCatalogue');
    if (input.from && !isValidLocalDate(input.from)) refuse('VALIDATION', 'The first day must be a date such as 2026-11-24.', ['from']);
    if (input.to && !isValidLocalDate(input.to)) refuse('VALIDATION', 'The last day must be a date such as 2026-11-24.', ['to']);
    if (input.from && input.to && input.to < input.from) refuse('VALIDATION', 'The last day comes before the first.', ['to']);
    if (input.clinicId && !isUuid(input.clinicId)) return [];
    const where: FilterQuery<Closure> & Record<string, unknown> = { tenant: actor.tenantId };
    if (input.clinicId) where.$or = [{ clinic: input.clinicId }, { clinic: null }];
    if (input.from) where.endDate = { $gte: input.from };
    if (input.to) where.startDate = { $lte: input.to };
    return em.find(Closure, where, { orderBy: [{ startDate: 'asc' }, { id: 'asc' }], limit: 500 });
  });
}

/** The open appointments inside a closure that the actor may read, in time order. */
export function appointmentsInClosure(context: UseCaseContext, closure: Closure): Promise<Result<Appointment[]>> {
  return reading(async () => {
    authorize(context.actor, 'readAppointments');
    return appointmentsInside(context.em, context, closure);
  });
}

async function appointmentsInside(em: EntityManager, context: UseCaseContext, closure: Closure): Promise<Appointment[]> {
  const { actor } = context;
  const clinics = await em.find(Clinic, closure.clinic ? { id: closure.clinic.id, tenant: actor.tenantId } : { tenant: actor.tenantId });
  if (clinics.length === 0) return [];
  const inside = clinics.map((clinic) => ({
    clinic: clinic.id,
    startsAt: { $lt: startOfLocalDay(addDays(closure.endDate, 1), clinic.timeZone) },
    endsAt: { $gt: startOfLocalDay(closure.startDate, clinic.timeZone) },
  }));
  return em.find(
    Appointment,
    { $and: [readFilter(actor, Appointment), { tenant: actor.tenantId, status: { $in: OPEN_STATUSES }, $or: inside }] },
    { populate: ['patient', 'provider', 'service', 'clinic'], orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: 1000 },
  );
}

export interface ClosedRange {
  start: number;
  end: number;
  reason: string;
}

/**
 * One statement: the closures of a clinic (its own and the tenant-wide ones) that touch
 * [from, to), as instants in the clinic's zone.
 */
export async function loadClosedRanges(
  em: EntityManager,
  query: { tenantId: string; clinicId: string; from: Date; to: Date },
): Promise<ClosedRange[]> {
  const rows = await em.execute<Array<{ start_date: string; end_date: string; reason: string; time_zone: string }>>(
    `select to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.end_date, 'YYYY-MM-DD') as end_date, c.reason, k.time_zone
       from closure c join clinic k on k.id = ? and k.tenant_id = c.tenant_id
      where c.tenant_id = ? and (c.clinic_id = k.id or c.clinic_id is null)
        and c.start_date <= (?::timestamptz at time zone k.time_zone)::date
        and c.end_date >= (?::timestamptz at time zone k.time_zone)::date
      order by c.start_date`,
    [query.clinicId, query.tenantId, query.to.toISOString(), query.from.toISOString()],
  );
  return rows.map((row) => ({
    start: startOfLocalDay(row.start_date, row.time_zone).getTime(),
    end: startOfLocalDay(addDays(row.end_date, 1), row.time_zone).getTime(),
    reason: row.reason,
  }));
}
