import { Arg, Ctx, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation } from '../answers.js';
import { appointmentsInTimeOff, shortenTimeOff, type Appointment as AppointmentEntity } from '@clinic/domain';
import { asAppointments } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { useCase } from '../viewer.js';
import { Appointment } from '../types/appointment.type.js';
import { TimeOff, TimeOffPayload } from '../types/admin.type.js';
import { ShortenTimeOffInput } from '../types/waitlist.type.js';
import { payload } from '../user-error.js';
import { orThrow } from './query-result.js';

@Resolver(() => TimeOff)
export class TimeOffAppointmentsResolver {
  @FieldResolver(() => [Appointment], {
    description: "The provider's open appointments already inside this time off, for the front desk to move: adding time off never moves them. A clinician sees their own.",
  })
  async appointmentsInside(@Root() timeOff: TimeOff, @Ctx() context: GraphqlContext): Promise<Appointment[]> {
    const rows: AppointmentEntity[] = orThrow(await appointmentsInTimeOff(useCase(context), { timeOffId: timeOff.id }));
    return asAppointments(rows);
  }

  @Mutation(() => TimeOffPayload, {
    description: 'Shorten a time off (ADMIN): its new times lie inside the old ones. The time it no longer covers is offered to the waitlist at once.',
  })
  async shortenTimeOff(@Arg('input', () => ShortenTimeOffInput, { description: 'The time off and its new times.' }) input: ShortenTimeOffInput, @Ctx() context: GraphqlContext) {
    const result = await shortenTimeOff(useCase(context), { timeOffId: input.timeOffId, startsAt: input.startsAt, endsAt: input.endsAt });
    return payload(result, (row) => ({ timeOff: { id: row.id, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason ?? null } }));
  }
}
