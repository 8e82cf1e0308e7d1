import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { readFilter } from '../access/read-policy.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { recordAudit } from '../audit/audit-log.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Provider } from './provider.entity.js';
import { ProviderClinic } from './provider-clinic.entity.js';
import { WorkingHours } from './working-hours.entity.js';
import { TimeOff } from './time-off.entity.js';
import { localDateOf } from '../kernel/local-time.js';
import { workingRangesOn } from '../availability/date-ranges.js';
import { lockProviderTime, offerFreedTime } from '../waitlist/waitlist.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

async function clinicsOfTenant(context: UseCaseContext, em: UseCaseContext['em'], clinicIds: readonly string[]) {
  if (clinicIds.length === 0) refuse('VALIDATION', 'A provider works in at least one clinic.', ['input', 'clinicIds']);
  const clinics = await em.find(Clinic, { id: { $in: clinicIds.filter(isUuid) }, tenant: context.actor.tenantId });
  clinicIds.forEach((id, index) => {
    if (!clinics.some((clinic) => clinic.id === id)) refuse('NOT_FOUND', 'No clinic with that id.', ['input', 'clinicIds', String(index)]);
  });
  return clinics;
}

/** A new provider working in the given clinics, without hours yet. */
export function createProvider(
  context: UseCaseContext,
  input: { name: string; nameAr?: string | null | undefined; clinicIds: readonly string[] },
): Promise<Result<Provider>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const name = input.name.trim();
    if (!name || name.length > 200) refuse('VALIDATION', 'The name is required, at most 200 characters.', ['input', 'name']);
    const clinics = await clinicsOfTenant(context, em, input.clinicIds);
    const provider = em.create(Provider, { tenant: actor.tenantId, name, nameAr: input.nameAr?.trim() || null, active: true, createdAt: now });
    for (const clinic of clinics) em.create(ProviderClinic, { tenant: actor.tenantId, provider, clinic, createdAt: now });
    recordAudit(em, actor, now, [{ operation: 'createProvider', entityType: 'Provider', entityId: provider.id, after: { name } }]);
    await em.flush();
    return provider;
  });
}

export interface WorkingHoursRangeInput {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  startTime: string;
  endTime: string;
}

/** Replaces the provider's weekly hours in one clinic. Ranges of one day may not overlap. */
export function setWorkingHours(
  context: UseCaseContext,
  input: { providerId: string; clinicId: string; ranges: readonly WorkingHoursRangeInput[] },
): Promise<Result<WorkingHours[]>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['input', 'providerId']);
    const clinic = await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['input', 'clinicId']);
    if ((await em.count(ProviderClinic, { provider, clinic })) === 0) {
      refuse('PROVIDER_NOT_IN_CLINIC', 'The provider does not work in this clinic.', ['input', 'clinicId']);
    }
    input.ranges.forEach((range, index) => {
      const field = (name: string) => ['input', 'ranges', String(index), name];
      if (!Number.isInteger(range.weekday) || range.weekday < 0 || range.weekday > 6) refuse('VALIDATION', 'Week days run from 0 (Sunday) to 6.', field('weekday'));
      if (!TIME.test(range.startTime)) refuse('VALIDATION', 'Times are written 08:00.', field('startTime'));
      if (!TIME.test(range.endTime)) refuse('VALIDATION', 'Times are written 16:00.', field('endTime'));
      if (range.startTime >= range.endTime) refuse('VALIDATION', 'A range ends after it starts.', field('endTime'));
      const clash = input.ranges.findIndex(
        (other, j) => j !== index && other.weekday === range.weekday && other.startTime < range.endTime && range.startTime < other.endTime,
      );
      if (clash >= 0) refuse('VALIDATION', 'Two ranges of one day overlap.', field('startTime'));
    });
    const before = await em.find(WorkingHours, { provider, clinic });
    em.remove(before);
    const hours = input.ranges.map((range) =>
      em.create(WorkingHours, { tenant: actor.tenantId, provider, clinic, ...range, createdAt: now }),
    );
    recordAudit(em, actor, now, [
      {
        operation: 'setWorkingHours',
        entityType: 'Provider',
        entityId: provider.id,
        before: { clinicId: clinic.id, ranges: before.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })) },
        after: { clinicId: clinic.id, ranges: input.ranges },
      },
    ]);
    await em.flush();
    return hours;
  });
}

/** The provider is away; existing appointments in that time stay and are for the front desk to move. */
export function addTimeOff(
  context: UseCaseContext,
  input: { providerId: string; startsAt: Date; endsAt: Date; reason?: string | null | undefined },
): Promise<Result<TimeOff>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['input', 'providerId']);
    if (input.endsAt <= input.startsAt) refuse('VALIDATION', 'Time off ends after it starts.', ['input', 'endsAt']);
    if (input.endsAt.getTime() - input.startsAt.getTime() > 366 * 86_400_000) {
      refuse('VALIDATION', 'Time off lasts at most a year.', ['input', 'endsAt']);
    }
    const timeOff = em.create(TimeOff, {
      tenant: actor.tenantId,
      provider,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      reason: input.reason?.trim().slice(0, 500) || null,
      createdAt: now,
    });
    recordAudit(em, actor, now, [
      { operation: 'addTimeOff', entityType: 'Provider', entityId: provider.id, after: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } },
    ]);
    await em.flush();
    return timeOff;
  });
}

export function removeTimeOff(context: UseCaseContext, input: { timeOffId: string }): Promise<Result<TimeOff>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const timeOff = await findInTenant(em, TimeOff, input.timeOffId, actor.tenantId, ['input', 'timeOffId']);
    recordAudit(em, actor, now, [
      { operation: 'removeTimeOff', entityType: 'Provider', entityId: timeOff.provider.id, before: { startsAt: timeOff.startsAt.toISOString(), endsAt: timeOff.endsAt.toISOString() } },
    ]);
    // Its time is free again: waiting entries are offered it in this transaction.
    await lockProviderTime(em, timeOff.provider.id);
    em.remove(timeOff);
    await em.flush();
    await offerFreedTime(em, actor, now, { providerId: timeOff.provider.id, startsAt: timeOff.startsAt, endsAt: timeOff.endsAt });
    return timeOff;
  });
}

/**
 * A time off ends earlier or starts later: its new times lie inside the old ones. The time it no
 * longer covers is free again, and waiting entries are offered it in this transaction.
 */
export function shortenTimeOff(context: UseCaseContext, input: { timeOffId: string; startsAt: Date; endsAt: Date }): Promise<Result<TimeOff>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const timeOff = await findInTenant(em, TimeOff, input.timeOffId, actor.tenantId, ['input', 'timeOffId']);
    if (input.endsAt <= input.startsAt) refuse('VALIDATION', 'Time off ends after it starts.', ['input', 'endsAt'], { reason: 'END_BEFORE_START' });
    if (input.startsAt < timeOff.startsAt || input.endsAt > timeOff.endsAt) {
      refuse('VALIDATION', 'A shortened time off lies inside the one it was.', ['input', 'startsAt'], { reason: 'TIME_OFF_NOT_SHORTER' });
    }
    const before = { startsAt: timeOff.startsAt.toISOString(), endsAt: timeOff.endsAt.toISOString() };
    const freed = [
      { startsAt: timeOff.startsAt, endsAt: input.startsAt },
      { startsAt: input.endsAt, endsAt: timeOff.endsAt },
    ].filter((range) => range.startsAt < range.endsAt);
    await lockProviderTime(em, timeOff.provider.id);
    timeOff.startsAt = input.startsAt;
    timeOff.endsAt = input.endsAt;
    recordAudit(em, actor, now, [
      { operation: 'shortenTimeOff', entityType: 'Provider', entityId: timeOff.provider.id, before, after: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } },
    ]);
    await em.flush();
    for (const range of freed) await offerFreedTime(em, actor, now, { providerId: timeOff.provider.id, ...range });
    return timeOff;
  });
}

/** Time off of a provider that has not ended yet, soonest first. */
export async function upcomingTimeOff(context: UseCaseContext, providerId: string): Promise<TimeOff[]> {
  if (!isUuid(providerId)) return [];
  return context.em.find(
    TimeOff,
    { provider: providerId, tenant: context.actor.tenantId, endsAt: { $gt: context.now } },
    { orderBy: { startsAt: 'asc' } },
  );
}

/**
 * What a time off does to appointments already booked: the provider's open ones inside it (the
 * actor may read), in time order. Nothing is moved; the front desk moves them.
 */
export function appointmentsInTimeOff(context: UseCaseContext, input: { timeOffId: string }): Promise<Result<Appointment[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    const timeOff = await findInTenant(em, TimeOff, input.timeOffId, actor.tenantId, ['timeOffId']);
    return em.find(
      Appointment,
      {
        $and: [
          readFilter(actor, Appointment),
          {
            tenant: actor.tenantId,
            provider: timeOff.provider.id,
            status: { $in: ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'] },
            startsAt: { $lt: timeOff.endsAt },
            endsAt: { $gt: timeOff.startsAt },
          },
        ],
      },
      { populate: ['patient', 'provider', 'service', 'clinic'], orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: 1000 },
    );
  });
}

const OPEN = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'] as const;

/**
 * What the weekly hours do to appointments already booked: the provider's open appointments from
 * now on (in one clinic, or in all) that no working range of their clinic-local day holds whole,
 * in time order, as far as the actor may read them. Nothing is moved; the front desk moves them.
 */
export function appointmentsOutsideHours(
  context: UseCaseContext,
  input: { providerId: string; clinicId?: string | null | undefined },
): Promise<Result<Appointment[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['providerId']);
    const clinic = input.clinicId ? await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['clinicId']) : null;
    const booked = await em.find(
      Appointment,
      {
        $and: [
          readFilter(actor, Appointment),
          { tenant: actor.tenantId, provider: provider.id, status: { $in: [...OPEN] }, endsAt: { $gt: now }, ...(clinic ? { clinic: clinic.id } : {}) },
        ],
      },
      { populate: ['patient', 'provider', 'service', 'clinic'], orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: 1000 },
    );
    if (booked.length === 0) return [];
    const hours = await em.find(WorkingHours, { provider: provider.id, tenant: actor.tenantId });
    return booked.filter((appointment) => {
      const zone = appointment.clinic.timeZone;
      const ofClinic = hours.filter((range) => range.clinic.id === appointment.clinic.id);
      const ranges = workingRangesOn(localDateOf(appointment.startsAt, zone), ofClinic, zone);
      const start = appointment.startsAt.getTime();
      const end = appointment.endsAt.getTime();
      return !ranges.some((range) => range.start <= start && end <= range.end);
    });
  });
}
