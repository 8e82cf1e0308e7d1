import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DAY_STATUSES } from '@clinic/domain';
import { InstantScalar } from '../scalars.js';
import { Provider } from './catalogue.type.js';

export const DayStatusCode = Object.fromEntries(DAY_STATUSES.map((code) => [code, code])) as {
  [K in (typeof DAY_STATUSES)[number]]: K;
};
registerEnumType(DayStatusCode, {
  name: 'DayStatusCode',
  description: "Whether a provider's day has a free slot and, if not, why, as a stable code to word in any language.",
  valuesConfig: {
    OPEN: { description: 'At least one slot is free.' },
    PAST: { description: 'The day (or what is left of it) is over.' },
    CLOSED: { description: 'The clinic is closed that day; the reason says why.' },
    NOT_WORKING_DAY: { description: 'The provider has no working hours in this clinic on that weekday.' },
    PROVIDER_AWAY: { description: "The provider's time off covers the day's working hours; the reason says why." },
    FULL: { description: 'Every slot of the working hours is taken.' },
  },
});

@ObjectType({ description: "A provider's day for a service: free or why not." })
export class DayStatus {
  @Field(() => DayStatusCode, { description: 'OPEN, or why the day offers no slot.' }) status!: string;
  @Field(() => String, { nullable: true, description: "The closure's or the time off's reason, as written by the clinic." }) reason!: string | null;
  @Field(() => Int, { description: 'How many slots are free.' }) freeSlotCount!: number;
}

@ObjectType({ description: 'A free slot of one of the providers of a clinic: book it with bookAppointment.' })
export class AvailableSlot {
  @Field(() => Provider, { description: 'Who is free.' }) provider!: Provider;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
}
