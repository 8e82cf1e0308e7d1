import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { addDays, isValidLocalDate, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Service } from '../catalogue/service.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { allSlots, workingRangesOn } from './date-ranges.js';
import { loadCalendars } from './provider-calendar.js';
import { Timeline } from './timeline.js';

export interface FreeSlot {
  startsAt: Date;
  endsAt: Date;
}

/** The slots of a provider on one clinic-local day for a service, minus the patient's own appointments if given. */
export function freeSlots(
  context: UseCaseContext,
  input: { providerId: string; serviceId: string; date: LocalDate; patientId?: string | null | undefined },
): Promise<Result<FreeSlot[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!isValidLocalDate(input.date)) refuse('VALIDATION', 'The day must be a date such as 2026-11-24.', ['date'], { reason: 'NOT_A_DATE' });
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['providerId']);
    const service = await findInTenant(em, Service, input.serviceId, actor.tenantId, ['serviceId'], { populate: ['clinic'] });
    const patient = input.patientId ? await findInTenant(em, Patient, input.patientId, actor.tenantId, ['patientId']) : null;
    const zone = service.clinic.timeZone;
    const calendars = await loadCalendars(em, {
      tenantId: actor.tenantId,
      clinicId: service.clinic.id,
      providerIds: [provider.id],
      patientId: patient?.id,
      from: startOfLocalDay(input.date, zone),
      to: startOfLocalDay(addDays(input.date, 1), zone),
    });
    const working = workingRangesOn(input.date, calendars.weeklyHours.get(provider.id) ?? [], zone);
    const free = new Timeline(calendars.patientBusy).cutFrom(new Timeline(calendars.providerBusy.get(provider.id) ?? []).cutFrom(working));
    return allSlots(free, service.durationMinutes * 60_000, now.getTime()).map((slot) => ({
      startsAt: new Date(slot.start),
      endsAt: new Date(slot.end),
    }));
  });
}
