import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { clinicCalendar, mayReschedule, type Actor, type ClinicCalendar as Calendar } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, toGlobalId } from '../global-id.js';
import { LocalDateScalar } from '../scalars.js';
import { actorOf, useCase } from '../viewer.js';
import { ClinicCalendar } from '../types/calendar.type.js';
import { orThrow } from './query-result.js';

@Resolver()
export class CalendarResolver {
  @Query(() => ClinicCalendar, {
    description:
      "A clinic's calendar from one clinic-local day to another (at most 31 days): each provider's working hours, time off with its reason and days not worked, and the appointments.",
  })
  async clinicCalendar(
    @Arg('clinicId', () => ID, { description: 'The clinic.' }) clinicId: string,
    @Arg('from', () => LocalDateScalar, { description: 'The first clinic-local day.' }) from: string,
    @Arg('to', () => LocalDateScalar, { description: 'The last clinic-local day, inclusive; at most 30 days after the first.' }) to: string,
    @Arg('providerIds', () => [ID], { nullable: true, description: 'Only these providers of the clinic; all of them when left out.' })
    providerIds: string[] | null,
    @Ctx() context: GraphqlContext,
  ): Promise<ClinicCalendar> {
    const calendar = orThrow(
      await clinicCalendar(useCase(context), {
        clinicId: idOf('Clinic', clinicId),
        from,
        to,
        providerIds: providerIds?.map((id) => idOf('Provider', id)),
      }),
    );
    return answerOf(calendar, actorOf(context));
  }
}

/** The domain's calendar in the schema's shape: entities stay entities, so their fields resolve as everywhere else. */
function answerOf(calendar: Calendar, actor: Actor): ClinicCalendar {
  return {
    clinic: calendar.clinic as never,
    timeZone: calendar.timeZone,
    from: calendar.from,
    to: calendar.to,
    days: calendar.days,
    providers: calendar.columns.map((column) => ({
      provider: column.provider as never,
      working: column.working,
      unavailable: column.unavailable,
    })),
    appointments: calendar.appointments.map((appointment) => ({
      appointmentId: toGlobalId('Appointment', appointment.id),
      providerId: toGlobalId('Provider', appointment.provider.id),
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      status: appointment.status,
      patientNameEn: appointment.patient.nameEn,
      patientNameAr: appointment.patient.nameAr ?? null,
      serviceCode: appointment.service.code,
      serviceNameEn: appointment.service.nameEn,
      serviceNameAr: appointment.service.nameAr,
      sessionNumber: appointment.sessionNumberInPackage ?? null,
      sessionTotal: appointment.packageTotalSessions ?? null,
      inThisClinic: appointment.clinic.id === calendar.clinic.id,
      canReschedule: mayReschedule(actor, appointment),
    })),
  };
}
