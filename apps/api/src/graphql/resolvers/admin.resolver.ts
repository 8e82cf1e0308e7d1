import { Arg, Ctx, ID, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  addTimeOff,
  appointmentsOutsideHours,
  cancellationPolicy,
  createClinic,
  createProvider,
  createService,
  removeTimeOff,
  setCancellationPolicy,
  setWorkingHours,
  upcomingTimeOff,
  type TimeOff as TimeOffEntity,
  type Provider as ProviderEntity,
  type Appointment as AppointmentEntity,
} from '@clinic/domain';
import { Appointment } from '../types/appointment.type.js';
import { orThrow } from './query-result.js';
import { asAppointments, asClinic, asProvider, asService, asWorkingHours } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf } from '../global-id.js';
import { payload } from '../user-error.js';
import { useCase } from '../viewer.js';
import { Provider } from '../types/catalogue.type.js';
import {
  AddTimeOffInput,
  CancellationPolicy,
  CreateClinicInput,
  CreateClinicPayload,
  CreateProviderInput,
  CreateProviderPayload,
  CreateServiceInput,
  CreateServicePayload,
  RemoveTimeOffInput,
  SetCancellationPolicyInput,
  SetCancellationPolicyPayload,
  SetWorkingHoursInput,
  SetWorkingHoursPayload,
  TimeOff,
  TimeOffPayload,
} from '../types/admin.type.js';

const timeOffOf = (row: TimeOffEntity): TimeOff => ({ id: row.id, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason ?? null });

/** What running a clinic needs beyond the contract: clinics, services, providers, hours, time off, policy. */
@Resolver()
export class AdminResolver {
  @Query(() => CancellationPolicy, { description: "The tenant's cancellation policy." })
  cancellationPolicy(@Ctx() context: GraphqlContext) {
    return cancellationPolicy(useCase(context));
  }

  @Mutation(() => CreateClinicPayload, { description: 'Add a clinic (ADMIN).' })
  async createClinic(@Arg('input', () => CreateClinicInput, { description: 'The clinic.' }) input: CreateClinicInput, @Ctx() context: GraphqlContext) {
    return payload(await createClinic(useCase(context), input), (clinic) => ({ clinic: asClinic(clinic) }));
  }

  @Mutation(() => CreateServicePayload, { description: 'Add a service to a clinic (ADMIN).' })
  async createService(@Arg('input', () => CreateServiceInput, { description: 'The service.' }) input: CreateServiceInput, @Ctx() context: GraphqlContext) {
    const result = await createService(useCase(context), { ...input, clinicId: idOf('Clinic', input.clinicId) });
    return payload(result, (service) => ({ service: asService(service) }));
  }

  @Mutation(() => CreateProviderPayload, { description: 'Add a provider working in some clinics (ADMIN).' })
  async createProvider(@Arg('input', () => CreateProviderInput, { description: 'The provider.' }) input: CreateProviderInput, @Ctx() context: GraphqlContext) {
    const result = await createProvider(useCase(context), { ...input, clinicIds: input.clinicIds.map((id) => idOf('Clinic', id)) });
    return payload(result, (provider) => ({ provider: asProvider(provider) }));
  }

  @Mutation(() => SetWorkingHoursPayload, { description: "Replace a provider's weekly hours in one clinic (ADMIN)." })
  async setWorkingHours(@Arg('input', () => SetWorkingHoursInput, { description: 'The hours.' }) input: SetWorkingHoursInput, @Ctx() context: GraphqlContext) {
    const result = await setWorkingHours(useCase(context), {
      providerId: idOf('Provider', input.providerId),
      clinicId: idOf('Clinic', input.clinicId),
      ranges: input.ranges,
    });
    return payload(result, (hours) => ({ workingHours: asWorkingHours(hours) }));
  }

  @Mutation(() => TimeOffPayload, { description: 'Record that a provider is away (ADMIN).' })
  async addTimeOff(@Arg('input', () => AddTimeOffInput, { description: 'The time off.' }) input: AddTimeOffInput, @Ctx() context: GraphqlContext) {
    const result = await addTimeOff(useCase(context), { ...input, providerId: idOf('Provider', input.providerId) });
    return payload(result, (row) => ({ timeOff: timeOffOf(row) }));
  }

  @Mutation(() => TimeOffPayload, { description: 'Remove a time off (ADMIN).' })
  async removeTimeOff(@Arg('input', () => RemoveTimeOffInput, { description: 'The time off.' }) input: RemoveTimeOffInput, @Ctx() context: GraphqlContext) {
    return payload(await removeTimeOff(useCase(context), input), (row) => ({ timeOff: timeOffOf(row) }));
  }

  @Mutation(() => SetCancellationPolicyPayload, { description: "Set the tenant's cancellation policy (ADMIN)." })
  async setCancellationPolicy(
    @Arg('input', () => SetCancellationPolicyInput, { description: 'The terms.' }) input: SetCancellationPolicyInput,
    @Ctx() context: GraphqlContext,
  ) {
    return payload(await setCancellationPolicy(useCase(context), input), (terms) => ({ cancellationPolicy: terms }));
  }
}

@Resolver(() => Provider)
export class ProviderTimeOffResolver {
  @FieldResolver(() => [TimeOff], { description: 'Time off that has not ended yet, soonest first.' })
  async timeOff(@Root() provider: ProviderEntity, @Ctx() context: GraphqlContext): Promise<TimeOff[]> {
    return (await upcomingTimeOff(useCase(context), provider.id)).map(timeOffOf);
  }

  @FieldResolver(() => [Appointment], {
    description:
      "The provider's open appointments from now on that their weekly hours do not hold (in one clinic, or in all), for the front desk to move: changing hours never moves them. A clinician sees their own.",
  })
  async appointmentsOutsideHours(
    @Root() provider: ProviderEntity,
    @Arg('clinicId', () => ID, { nullable: true, description: 'Only those in this clinic.' }) clinicId: string | null | undefined,
    @Ctx() context: GraphqlContext,
  ): Promise<Appointment[]> {
    const rows: AppointmentEntity[] = orThrow(
      await appointmentsOutsideHours(useCase(context), { providerId: provider.id, clinicId: clinicId ? idOf('Clinic', clinicId) : null }),
    );
    return asAppointments(rows);
  }
}
