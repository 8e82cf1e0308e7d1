import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Service } from '../catalogue/service.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { allSlots, workingRangesOn } from './date-ranges.js';
import { loadCalendars, loadTimeOff } from './provider-calendar.js';
import { Timeline } from './timeline.js';

export const DAY_STATUSES = ['OPEN', 'PAST', 'CLOSED', 'NOT_WORKING_DAY', 'PROVIDER_AWAY', 'FULL'] as const;
export type DayStatusCode = (typeof DAY_STATUSES)[number];

export interface DayStatus {
  /** OPEN when at least one slot is free; otherwise why the day is empty. */
  status: DayStatusCode;
  /** The closure's or the time off's reason, when there is one. */
  reason: string | null;
  freeSlotCount: number;
}

/**
 * Why a provider's day offers no slot for a service, in this order: the day is past, the clinic
 * is closed, the provider does not work that weekday, the provider is away for all the day's
 * working hours, or every slot is taken.
 */
export function dayStatus(
  context: UseCaseContext,
  input: { providerId: string; serviceId: string; date: LocalDate; patientId?: string | null | undefined },
): Promise<Result<DayStatus>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!isValidLocalDate(input.date)) refuse('VALIDATION', 'The day must be a date such as 2026-11-24.', ['date']);
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['providerId']);
    const service = await findInTenant(em, Service, input.serviceId, actor.tenantId, ['serviceId'], { populate: ['clinic'] });
    const zone = service.clinic.timeZone;
    const from = startOfLocalDay(input.date, zone);
    const to = startOfLocalDay(addDays(input.date, 1), zone);
    const calendars = await loadCalendars(em, {
      tenantId: actor.tenantId,
      clinicId: service.clinic.id,
      providerIds: [provider.id],
      patientId: input.patientId ?? undefined,
      from,
      to,
    });
    const working = workingRangesOn(input.date, calendars.weeklyHours.get(provider.id) ?? [], zone);
    const free = new Timeline(calendars.patientBusy).cutFrom(new Timeline(calendars.providerBusy.get(provider.id) ?? []).cutFrom(working));
    const durationMs = service.durationMinutes * 60_000;
    const freeSlotCount = allSlots(free, durationMs, now.getTime()).length;
    const empty = (status: DayStatusCode, reason: string | null = null): DayStatus => ({ status, reason, freeSlotCount: 0 });
    if (freeSlotCount > 0) return { status: 'OPEN', reason: null, freeSlotCount };

    // Today counts as past once the last slot of the working day could no longer start.
    const lastStart = (working.at(-1)?.end ?? to.getTime()) - durationMs;
    if (input.date < localDateOf(now, zone) || lastStart < now.getTime()) return empty('PAST');
    const closure = calendars.closed.find((closed) => closed.start < to.getTime() && closed.end > from.getTime());
    if (closure) return empty('CLOSED', closure.reason);
    if (working.length === 0) return empty('NOT_WORKING_DAY');
    const away = (await loadTimeOff(em, { tenantId: actor.tenantId, providerIds: [provider.id], from, to })).filter((row) =>
      working.some((range) => row.startsAt.getTime() < range.end && row.endsAt.getTime() > range.start),
    );
    const awayAllDay = new Timeline(away.map((row) => ({ start: row.startsAt.getTime(), end: row.endsAt.getTime() }))).cutFrom(working).length === 0;
    if (awayAllDay) return empty('PROVIDER_AWAY', away[0]?.reason ?? null);
    return empty('FULL');
  });
}
