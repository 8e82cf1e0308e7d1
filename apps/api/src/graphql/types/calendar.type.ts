import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UNAVAILABLE_KINDS } from '@clinic/domain';
import { AppointmentStatus } from '../enums.js';
import { InstantScalar, LocalDateScalar } from '../scalars.js';
import { Clinic, Provider } from './catalogue.type.js';

export const UnavailableKind = Object.fromEntries(UNAVAILABLE_KINDS.map((kind) => [kind, kind])) as {
  [K in (typeof UNAVAILABLE_KINDS)[number]]: K;
};

registerEnumType(UnavailableKind, {
  name: 'UnavailableKind',
  description: 'Why a provider cannot be booked at a time.',
  valuesConfig: {
    TIME_OFF: { description: 'Time off (leave, training...); its reason comes with it.' },
    NOT_WORKING_DAY: { description: 'The provider has no working hours in this clinic on that week day.' },
    CLOSED: { description: 'The clinic (or the whole tenant) is closed that day; the closure\'s reason comes with it.' },
  },
});

/*
 * The calendar's own types are plain data read as they are (`simpleResolvers`: graphql-js's
 * default resolver, no type-graphql wrapper per field): a week is thousands of fields.
 */
@ObjectType({ description: 'A stretch of time on one clinic-local day of the calendar.', simpleResolvers: true })
export class CalendarInterval {
  @Field(() => LocalDateScalar, { description: 'The clinic-local day it lies in; an interval never crosses local midnight.' }) date!: string;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
}

@ObjectType({ description: 'A time a provider cannot be booked, and why.', simpleResolvers: true })
export class UnavailableInterval {
  @Field(() => LocalDateScalar, { description: 'The clinic-local day it lies in.' }) date!: string;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field(() => UnavailableKind, { description: 'Time off, or a day not worked.' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The reason given with the time off; null for a day not worked.' }) reason?: string | null;
}

@ObjectType({ description: "A provider's column of the calendar.", simpleResolvers: true })
export class CalendarProvider {
  @Field(() => Provider, { description: 'The provider.' }) provider!: Provider;
  @Field(() => [CalendarInterval], { description: 'When they work in this clinic (weekly hours as instants, minus time off), in time order.' })
  working!: CalendarInterval[];
  @Field(() => [UnavailableInterval], { description: 'Days not worked and time off, in time order.' }) unavailable!: UnavailableInterval[];
}

@ObjectType({ description: 'An appointment as the calendar draws it.', simpleResolvers: true })
export class CalendarAppointment {
  @Field(() => ID, { description: "The appointment's id: ask `node` for the rest of it." }) appointmentId!: string;
  @Field(() => ID, { description: "The provider's id: the column it belongs in." }) providerId!: string;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field(() => AppointmentStatus, { description: 'Where it stands in its life cycle.' }) status!: string;
  @Field({ description: "The patient's name in English." }) patientNameEn!: string;
  @Field(() => String, { nullable: true, description: "The patient's name in Arabic." }) patientNameAr?: string | null;
  @Field({ description: "The service's code, e.g. SLP-THERAPY." }) serviceCode!: string;
  @Field({ description: "The service's name in English." }) serviceNameEn!: string;
  @Field({ description: "The service's name in Arabic." }) serviceNameAr!: string;
  @Field(() => Int, { nullable: true, description: 'For a package session: its number in the package (the 4 of 4/10).' }) sessionNumber?: number | null;
  @Field(() => Int, { nullable: true, description: 'For a package session: the sessions of the package (the 10 of 4/10).' }) sessionTotal?: number | null;
  @Field({ description: 'False when the appointment is in another clinic the provider also works in.' }) inThisClinic!: boolean;
  @Field({ description: 'True when the viewer may move it to another time or provider now (as Appointment.canReschedule): the calendar lets them drag it.' })
  canReschedule!: boolean;
}

@ObjectType({ description: "A clinic's calendar over at most 31 days: a column per provider, and the appointments the viewer may see.", simpleResolvers: true })
export class ClinicCalendar {
  @Field(() => Clinic, { description: 'The clinic.' }) clinic!: Clinic;
  @Field({ description: "The clinic's IANA time zone: draw the calendar in it." }) timeZone!: string;
  @Field(() => LocalDateScalar, { description: 'The first day.' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'The last day (inclusive).' }) to!: string;
  @Field(() => [LocalDateScalar], { description: 'Every clinic-local day from the first to the last.' }) days!: string[];
  @Field(() => [CalendarProvider], { description: 'A column per active provider of the clinic (or of those asked for), by name.' })
  providers!: CalendarProvider[];
  @Field(() => [CalendarAppointment], {
    description: "The appointments of these providers that start in the range, cancelled ones included, in time order. A clinician sees their own.",
  })
  appointments!: CalendarAppointment[];
}
