import { Arg, Ctx, ID, Resolver } from 'type-graphql';
import { Query } from '../answers.js';
import { clinicCalendarView, mayReschedule, type Actor, type ClinicCalendarView } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, toGlobalId } from '../global-id.js';
import { LocalDateScalar } from '../scalars.js';
import { actorOf, useCase } from '../viewer.js';
import { ClinicCalendar } from '../types/calendar.type.js';
import { asClinicCalendar } from '../source.js';
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
    // A read model: one statement for the clinic, its providers' hours, closures, time off and appointments.
    const calendar = orThrow(
      await clinicCalendarView(useCase(context), {
        clinicId: idOf('Clinic', clinicId),
        from,
        to,
        providerIds: providerIds?.map((id) => idOf('Provider', id)),
      }),
    );
    return answerOf(calendar, actorOf(context));
  }
}

/** The read model in the schema's shape: the clinic and providers are views, checked against their GraphQL types like every answer. */
function answerOf(calendar: ClinicCalendarView, actor: Actor): ClinicCalendar {
  return asClinicCalendar({
    clinic: calendar.clinic,
    timeZone: calendar.timeZone,
    from: calendar.from,
    to: calendar.to,
    days: calendar.days,
    providers: calendar.columns.map((column) => ({
      provider: column.provider,
      working: column.working,
      unavailable: column.unavailable,
    })),
    appointments: calendar.appointments.map((appointment) => ({
      appointmentId: toGlobalId('Appointment', appointment.id),
      providerId: toGlobalId('Provider', appointment.providerId),
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      status: appointment.status,
      patientNameEn: appointment.patientNameEn,
      patientNameAr: appointment.patientNameAr,
      serviceCode: appointment.serviceCode,
      serviceNameEn: appointment.serviceNameEn,
      serviceNameAr: appointment.serviceNameAr,
      sessionNumber: appointment.sessionNumberInPackage,
      sessionTotal: appointment.packageTotalSessions,
      inThisClinic: appointment.clinicId === calendar.clinic.id,
      canReschedule: mayReschedule(actor, appointment),
    })),
  });
}
