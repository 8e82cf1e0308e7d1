import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ExpiryRiskLevel, WaitlistStatus, Weekday } from '../enums.js';
import { InstantScalar, LocalDateScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Appointment } from './appointment.type.js';
import { Clinic, Provider, Service } from './catalogue.type.js';
import { Patient } from './people.type.js';
import { PackagePurchase } from './purchase.type.js';
import { TimeWindowInput } from './inputs.js';
import { Node } from './node.type.js';

@ObjectType({ description: 'Whether a purchase can be delivered before it expires, and the numbers behind the answer.' })
export class ExpiryRisk {
  @Field(() => ExpiryRiskLevel, { description: 'NONE, AT_RISK or CANNOT_FINISH.' }) level!: string;
  @Field(() => Int, { description: 'Sessions neither used nor booked.' }) sessionsToPlace!: number;
  @Field(() => Int, { description: 'Clinic-local days from today to the expiry date (0: it expires today).' }) daysLeft!: number;
  @Field(() => Int, {
    description: "Days from today to expiry on which the purchase's provider (else any provider of its clinic) has a free slot of its service.",
  })
  freeSlotsBeforeExpiry!: number;
}

@ObjectType({ implements: Node, description: 'A patient waiting for an earlier slot; while OFFERED, a slot is held for them.' })
export class WaitlistEntry extends Node {
  @Field(() => Patient, { description: 'Who waits.' }) patient!: Patient;
  @Field(() => Service, { description: 'The service wanted.' }) service!: Service;
  @Field(() => Clinic, { description: "The service's clinic." }) clinic!: Clinic;
  @Field(() => WaitlistStatus, { description: 'Where it stands.' }) status!: string;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase the session would use, if any.' }) packagePurchase?: PackagePurchase | null;
  @Field(() => [Provider], { description: 'Only these providers; empty: any of the clinic.' }) providers!: Provider[];
  @Field(() => [Weekday], { description: 'Only these week days; empty: any.' }) preferredDays!: string[];
  @Field(() => LocalDateScalar, { description: 'The first acceptable day (clinic-local, inclusive).' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'The last acceptable day (inclusive).' }) to!: string;
  @Field(() => String, { nullable: true, description: 'Daily window start, "15:00", if any.' }) windowFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Daily window end, "17:30", if any.' }) windowTo?: string | null;
  @Field(() => Provider, { nullable: true, description: 'The provider of the held slot, while offered.' }) offeredProvider?: Provider | null;
  @Field(() => InstantScalar, { nullable: true, description: 'The held slot, while offered.' }) offeredStartsAt?: Date | null;
  @Field(() => InstantScalar, { nullable: true, description: 'When the held slot passes on if not accepted.' }) offerExpiresAt?: Date | null;
  @Field(() => Appointment, { nullable: true, description: 'The booking, once accepted.' }) appointment?: Appointment | null;
  @Field(() => InstantScalar, { description: 'When it joined: the older waits first (after purchases at risk).' }) createdAt!: Date;
}

@InputType({ description: 'Join the waitlist.' })
export class JoinWaitlistInput {
  @Field(() => ID, { description: 'The patient.' }) patientId!: string;
  @Field(() => ID, { description: 'The service wanted.' }) serviceId!: string;
  @Field(() => ID, { nullable: true, description: 'The purchase the session would use (its expiry bounds `to`).' }) packagePurchaseId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Only these providers of the clinic; absent or empty: any.' }) providerIds?: string[] | null;
  @Field(() => LocalDateScalar, { description: 'The first acceptable day (inclusive).' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'The last acceptable day (inclusive).' }) to!: string;
  @Field(() => [Weekday], { nullable: true, description: 'Only these week days; absent or empty: any.' }) preferredDays?: string[] | null;
  @Field(() => TimeWindowInput, { nullable: true, description: 'The session starts and ends inside this daily window.' }) timeWindow?: TimeWindowInput | null;
}

@InputType({ description: 'The entry whose offer is answered.' })
export class RespondToOfferInput {
  @Field(() => ID, { description: 'The waitlist entry.' }) waitlistEntryId!: string;
}

@ObjectType({ description: 'The answer to joinWaitlist and declineWaitlistOffer.' })
export class WaitlistPayload {
  @Field(() => WaitlistEntry, { nullable: true, description: 'The entry after the change.' }) entry?: WaitlistEntry | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: "The tenant's waitlist settings." })
export class WaitlistSettings {
  @Field(() => Int, { description: 'Minutes an offer holds its slot (never past the slot start); 120 unless changed.' }) holdMinutes!: number;
}

@InputType({ description: 'How long an offer holds its slot.' })
export class SetWaitlistHoldTimeInput {
  @Field(() => Int, { description: 'Minutes, 15 to 2880 (48 hours); offers already made keep theirs.' }) holdMinutes!: number;
}

@ObjectType({ description: 'The answer to setWaitlistHoldTime.' })
export class WaitlistSettingsPayload {
  @Field(() => WaitlistSettings, { nullable: true, description: 'The settings now in force.' }) waitlistSettings?: WaitlistSettings | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'A time off made shorter: new times inside the old ones.' })
export class ShortenTimeOffInput {
  @Field(() => ID, { description: 'The time off.' }) timeOffId!: string;
  @Field(() => InstantScalar, { description: 'The new start (not before the old one).' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'The new end (not after the old one).' }) endsAt!: Date;
}
