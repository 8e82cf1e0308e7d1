import { Arg, Ctx, ID, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  appointmentsInClosure,
  createClosure,
  deleteClosure,
  listClosures,
  type Closure as ClosureEntity,
} from '@clinic/domain';
import { asAppointments, asClinic, asClosure, asClosures } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { related } from '../loaders.js';
import { LocalDateScalar } from '../scalars.js';
import { payload } from '../user-error.js';
import { useCase } from '../viewer.js';
import { Appointment } from '../types/appointment.type.js';
import { Clinic } from '../types/catalogue.type.js';
import { Closure, ClosurePayload, CreateClosureInput, DeleteClosureInput } from '../types/closure.type.js';
import { orThrow } from './query-result.js';

@Resolver(() => Closure)
export class ClosureResolver {
  @Query(() => [Closure], { description: "Closures, by first day: of a clinic (its own and the tenant-wide ones) or all; those touching [from, to] when given." })
  async closures(
    @Arg('clinicId', () => ID, { nullable: true, description: 'Only those that close this clinic.' }) clinicId: string | null,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'Only those ending on or after this day.' }) from: string | null,
    @Arg('to', () => LocalDateScalar, { nullable: true, description: 'Only those starting on or before this day.' }) to: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<Closure[]> {
    return asClosures(orThrow(await listClosures(useCase(context), { clinicId: optionalIdOf('Clinic', clinicId), from, to })));
  }

  @Mutation(() => ClosurePayload, { description: 'Close a clinic, or every clinic, on some dates (ADMIN). Lists the appointments already there; moves none.' })
  async createClosure(@Arg('input', () => CreateClosureInput, { description: 'The closure.' }) input: CreateClosureInput, @Ctx() context: GraphqlContext) {
    const result = await createClosure(useCase(context), { ...input, clinicId: optionalIdOf('Clinic', input.clinicId) });
    const answer = payload(result, (created) => ({ closure: asClosure(created.closure), affectedAppointments: asAppointments(created.affectedAppointments) }));
    return { ...answer, affectedAppointments: answer.affectedAppointments ?? [] };
  }

  @Mutation(() => ClosurePayload, { description: 'Open the dates of a closure again (ADMIN).' })
  async deleteClosure(@Arg('input', () => DeleteClosureInput, { description: 'The closure.' }) input: DeleteClosureInput, @Ctx() context: GraphqlContext) {
    const result = await deleteClosure(useCase(context), { closureId: idOf('Closure', input.closureId) });
    return { affectedAppointments: [], ...payload(result, (closure) => ({ closure: asClosure(closure) })) };
  }

  @FieldResolver(() => Clinic, { nullable: true, description: 'The clinic closed; null when every clinic of the tenant is.' })
  async clinic(@Root() closure: ClosureEntity, @Ctx() context: GraphqlContext): Promise<Clinic | null> {
    return closure.clinic ? asClinic(await related(context.loaders.clinic, closure.clinic)) : null;
  }

  @FieldResolver(() => [Appointment], { description: 'Appointments still open inside it, for the front desk to move. A clinician sees their own.' })
  async appointmentsInside(@Root() closure: ClosureEntity, @Ctx() context: GraphqlContext) {
    return asAppointments(orThrow(await appointmentsInClosure(useCase(context), closure)));
  }
}
