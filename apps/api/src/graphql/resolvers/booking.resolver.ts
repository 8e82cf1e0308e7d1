import { Arg, Ctx, ID, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Query } from '../answers.js';
import { dayStatus, firstAvailableSlots, type AvailableSlot as AvailableSlotRow } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { InstantScalar, LocalDateScalar } from '../scalars.js';
import { asAvailableSlots, asProvider } from '../source.js';
import { useCase } from '../viewer.js';
import { Provider } from '../types/catalogue.type.js';
import { AvailableSlot, DayStatus } from '../types/booking.type.js';
import { orThrow } from './query-result.js';

@Resolver()
export class BookingResolver {
  @Query(() => [AvailableSlot], {
    description: "The earliest free slots for a service across the providers of its clinic (within four weeks), in time order: 'first available'.",
  })
  async firstAvailableSlots(
    @Arg('clinicId', () => ID, { description: 'The clinic; it must offer the service.' }) clinicId: string,
    @Arg('serviceId', () => ID, { description: 'The service; its duration decides the slots.' }) serviceId: string,
    @Arg('from', () => InstantScalar, { nullable: true, description: 'Not before this instant (never before now).' }) from: Date | null,
    @Arg('providerIds', () => [ID], { nullable: true, description: 'Only these providers of the clinic; all of them when absent.' }) providerIds: string[] | null,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many slots, 1 to 50.' }) first: number,
    @Arg('packagePurchaseId', () => ID, { nullable: true, description: "Slots for a session of this purchase: none on its frozen dates or after its expiry." })
    packagePurchaseId: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<AvailableSlot[]> {
    return asAvailableSlots(orThrow(
      await firstAvailableSlots(useCase(context), {
        clinicId: idOf('Clinic', clinicId),
        serviceId: idOf('Service', serviceId),
        from,
        providerIds: providerIds?.map((id) => idOf('Provider', id)),
        first,
        packagePurchaseId: optionalIdOf('PackagePurchase', packagePurchaseId),
      }),
    ));
  }

  @Query(() => DayStatus, { description: "Whether a provider's clinic-local day has a free slot for a service and, if not, why." })
  async dayStatus(
    @Arg('providerId', () => ID, { description: 'The provider.' }) providerId: string,
    @Arg('serviceId', () => ID, { description: 'The service; its duration and clinic decide the slots.' }) serviceId: string,
    @Arg('date', () => LocalDateScalar, { description: 'The clinic-local day.' }) date: string,
    @Arg('patientId', () => ID, { nullable: true, description: "Count the patient's own busy times too, as freeSlots does." }) patientId: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    return orThrow(
      await dayStatus(useCase(context), {
        providerId: idOf('Provider', providerId),
        serviceId: idOf('Service', serviceId),
        date,
        patientId: optionalIdOf('Patient', patientId),
      }),
    );
  }
}

@Resolver(() => AvailableSlot)
export class AvailableSlotFieldsResolver {
  @FieldResolver(() => Provider, { description: 'Who is free.' })
  async provider(@Root() slot: AvailableSlotRow, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    const provider = await context.loaders.provider.load(slot.providerId);
    return provider && asProvider(provider);
  }
}
