import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { InstantScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Clinic, Provider, Service, WorkingHoursRange } from './catalogue.type.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@ObjectType({ description: 'A time a provider is away.' })
export class TimeOff {
  @Field(() => ID, { description: 'Id, for removing it.' }) id!: string;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why, e.g. "annual leave".' }) reason?: string | null;
}

@ObjectType({ description: "The tenant's rules for no-shows and late cancellations." })
export class CancellationPolicy {
  @Field(() => Boolean, { description: 'A no-show uses up the package session.' }) noShowConsumesSession!: boolean;
  @Field(() => Boolean, { description: 'A cancellation within the window uses up the package session.' })
  lateCancellationConsumesSession!: boolean;
  @Field(() => Int, { description: 'Hours before the start within which a cancellation is late.' }) lateCancellationWindowHours!: number;
  @Field(() => String, { nullable: true, description: 'Fee invoiced for a late cancellation of a package session, tax-exclusive ("50.00"); null: none.' })
  lateCancellationFee?: string | null;
  @Field(() => String, { nullable: true, description: 'Fee invoiced for a no-show of a package session, tax-exclusive; null: none.' })
  noShowFee?: string | null;
  @Field(() => Int, { description: 'Incidents (late cancellations and no-shows) of a patient forgiven in each grace period: no session, no fee; 0: off.' })
  graceAllowance!: number;
  @Field(() => Int, { description: 'Days the grace allowance looks back.' }) gracePeriodDays!: number;
}

@InputType({ description: 'A new clinic of the tenant.' })
export class CreateClinicInput {
  @Field(() => String, { description: 'Name in English.' }) nameEn!: string;
  @Field(() => String, { description: 'Name in Arabic.' }) nameAr!: string;
  @Field(() => String, { nullable: true, description: 'IANA time zone; default Asia/Riyadh.' }) timeZone?: string | null;
}

@InputType({ description: 'A new service of a clinic.' })
export class CreateServiceInput {
  @Field(() => ID, { description: 'The clinic.' }) clinicId!: string;
  @Field(() => String, { description: 'Short code, unique in the tenant: letters, digits, dashes.' }) code!: string;
  @Field(() => String, { description: 'Name in English.' }) nameEn!: string;
  @Field(() => String, { description: 'Name in Arabic.' }) nameAr!: string;
  @Field(() => Int, { description: 'Minutes, 5 to 720 in steps of 5.' }) durationMinutes!: number;
  @Field(() => String, { description: 'Decimal amount as a string, e.g. "300.00".' }) price!: string;
}

@InputType({ description: 'A new provider.' })
export class CreateProviderInput {
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Display name in Arabic.' }) nameAr?: string | null;
  @Field(() => [ID], { description: 'The clinics the provider works in.' }) clinicIds!: string[];
}

@InputType({ description: 'One range of weekly hours, clinic-local.' })
export class WorkingHoursRangeInput {
  @Field(() => Int, { description: '0 = Sunday ... 6 = Saturday.' }) weekday!: number;
  @Field(() => String, { description: 'Start, "08:00".' }) startTime!: string;
  @Field(() => String, { description: 'End, "12:00".' }) endTime!: string;
}

@InputType({ description: "Replace a provider's weekly hours in one clinic." })
export class SetWorkingHoursInput {
  @Field(() => ID, { description: 'The provider.' }) providerId!: string;
  @Field(() => ID, { description: 'The clinic.' }) clinicId!: string;
  @Field(() => [WorkingHoursRangeInput], { description: 'All ranges of the week; a break is the gap between two.' })
  ranges!: WorkingHoursRangeInput[];
}

@InputType({ description: 'A provider is away.' })
export class AddTimeOffInput {
  @Field(() => ID, { description: 'The provider.' }) providerId!: string;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why.' }) reason?: string | null;
}

@InputType({ description: 'Remove a time off.' })
export class RemoveTimeOffInput {
  @Field(() => ID, { description: 'The time off.' }) timeOffId!: string;
}

@InputType({ description: "The tenant's rules for no-shows and late cancellations." })
export class SetCancellationPolicyInput {
  @Field(() => Boolean, { description: 'A no-show uses up the package session.' }) noShowConsumesSession!: boolean;
  @Field(() => Boolean, { description: 'A cancellation within the window uses up the package session.' })
  lateCancellationConsumesSession!: boolean;
  @Field(() => Int, { description: 'Hours before the start within which a cancellation is late, 0 to 720.' })
  lateCancellationWindowHours!: number;
  @Field(() => String, { nullable: true, description: 'Fee for a late cancellation, a positive decimal (tax-exclusive); null: none; omitted: unchanged.' })
  lateCancellationFee?: string | null;
  @Field(() => String, { nullable: true, description: 'Fee for a no-show, a positive decimal (tax-exclusive); null: none; omitted: unchanged.' })
  noShowFee?: string | null;
  @Field(() => Int, { nullable: true, description: 'Incidents forgiven per patient in each grace period, 0 (off) to 100; omitted: unchanged.' })
  graceAllowance?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days the grace allowance looks back, 1 to 3650; omitted: unchanged.' })
  gracePeriodDays?: number | null;
}

@ObjectType({ description: 'The answer to createClinic.' })
export class CreateClinicPayload {
  @Field(() => Clinic, { nullable: true, description: 'The new clinic.' }) clinic?: Clinic | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to createService.' })
export class CreateServicePayload {
  @Field(() => Service, { nullable: true, description: 'The new service.' }) service?: Service | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to createProvider.' })
export class CreateProviderPayload {
  @Field(() => Provider, { nullable: true, description: 'The new provider.' }) provider?: Provider | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to setWorkingHours.' })
export class SetWorkingHoursPayload {
  @Field(() => [WorkingHoursRange], { nullable: true, description: 'The hours now in force in that clinic.' })
  workingHours?: WorkingHoursRange[] | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to addTimeOff and removeTimeOff.' })
export class TimeOffPayload {
  @Field(() => TimeOff, { nullable: true, description: 'The time off.' }) timeOff?: TimeOff | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to setCancellationPolicy.' })
export class SetCancellationPolicyPayload {
  @Field(() => CancellationPolicy, { nullable: true, description: 'The policy now in force.' }) cancellationPolicy?: CancellationPolicy | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}
