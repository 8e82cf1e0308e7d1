import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { appointmentsInTimeOff, type Appointment as AppointmentEntity } from '@clinic/domain';
import { asAppointments } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { useCase } from '../viewer.js';
import { Appointment } from '../types/appointment.type.js';
import { TimeOff } from '../types/admin.type.js';
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
}
