import { Field, ID, InputType, Int } from 'type-graphql';
import { AppointmentStatus, Weekday } from '../enums.js';
import { InstantScalar, LocalDateScalar } from '../scalars.js';
import { Language } from '../../notifications/message.type.js';

@InputType({ description: 'Sign in with email and password.' })
export class LoginInput {
  @Field(() => String, { description: 'The email the account was created with.' }) email!: string;
  @Field(() => String, { description: 'The password.' }) password!: string;
}

@InputType({ description: 'A new patient.' })
export class CreatePatientInput {
  @Field(() => String, { description: 'Medical record number, unique in the tenant.' }) mrn!: string;
  @Field(() => String, { description: 'Name in English.' }) nameEn!: string;
  @Field(() => String, { nullable: true, description: 'Name in Arabic.' }) nameAr?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth.' }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone number.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address for reminders.' }) email?: string | null;
  @Field(() => Language, { nullable: true, description: 'The language of the messages the patient is sent (default EN).' }) preferredLanguage?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The patient agrees to reminders by e-mail (default false).' }) remindersByEmail?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The patient agrees to reminders by SMS (default false).' }) remindersBySms?: boolean | null;
}

@InputType({ description: "Corrections to a patient's registration: a field left out stays as it is; null clears an optional one." })
export class UpdatePatientInput {
  @Field(() => ID, { description: 'The patient.' }) patientId!: string;
  @Field(() => String, { nullable: true, description: 'Medical record number, unique in the tenant.' }) mrn?: string | null;
  @Field(() => String, { nullable: true, description: 'Name in English.' }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Name in Arabic; null clears it.' }) nameAr?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of birth; null clears it.' }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone number; null clears it.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address; null clears it.' }) email?: string | null;
  @Field(() => Language, { nullable: true, description: 'The language of the messages the patient is sent.' }) preferredLanguage?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Consent to reminders by e-mail, given (true) or withdrawn (false); when and by whom is recorded.' }) remindersByEmail?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Consent to reminders by SMS, given (true) or withdrawn (false).' }) remindersBySms?: boolean | null;
}

@InputType({ description: 'A service of a new package and its number of sessions.' })
export class PackageServiceLineInput {
  @Field(() => ID, { description: 'A service of the package\'s clinic.' }) serviceId!: string;
  @Field(() => Int, { description: 'Sessions of this service, 1 to 200.' }) sessions!: number;
}

@InputType({ description: 'A new catalogue package.' })
export class CreatePackageInput {
  @Field(() => String, { description: 'Name in English.' }) nameEn!: string;
  @Field(() => String, { description: 'Name in Arabic.' }) nameAr!: string;
  @Field(() => String, { nullable: true, description: 'What the package is for.' }) description?: string | null;
  @Field(() => String, { description: 'Decimal amount as a string, e.g. "1500.00".' }) price!: string;
  @Field(() => Int, { description: 'Days from purchase to expiry, 1 to 3650.' }) validityDays!: number;
  @Field(() => [PackageServiceLineInput], { description: 'Its services in delivery order; all of one clinic.' })
  services!: PackageServiceLineInput[];
}

@InputType({ description: 'Sell a package to a patient.' })
export class PurchasePackageInput {
  @Field(() => ID, { description: 'The patient.' }) patientId!: string;
  @Field(() => ID, { description: 'The catalogue package.' }) packageId!: string;
  @Field(() => Boolean, { nullable: true, description: 'Issue a second open invoice for the same package on purpose.' })
  allowAnotherOpenInvoice?: boolean | null;
}

@InputType({ description: 'Record the payment of an invoice.' })
export class PayInvoiceInput {
  @Field(() => ID, { description: 'The invoice.' }) invoiceId!: string;
}

@InputType({ description: 'Who delivers one session.' })
export class ProviderAssignmentInput {
  @Field(() => Int, { description: 'The session number, 1..totalSessions.' }) sessionNumber!: number;
  @Field(() => ID, { description: 'The provider.' }) providerId!: string;
}

@InputType({ description: 'A clinic-local daily time window: a session starts and ends inside it.' })
export class TimeWindowInput {
  @Field(() => String, { description: 'Local start, "15:00".' }) from!: string;
  @Field(() => String, { description: 'Local end, "17:30".' }) to!: string;
}

@InputType({ description: 'Place every unscheduled session of a purchase automatically.' })
export class SchedulePackageInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => ID, { nullable: true, description: 'Provider of every session that providerAssignments does not name.' })
  providerId?: string | null;
  @Field(() => [ProviderAssignmentInput], { nullable: true, description: 'A provider per session number.' })
  providerAssignments?: ProviderAssignmentInput[] | null;
  @Field(() => LocalDateScalar, { description: 'The first day a session may take (clinic-local).' }) startDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: "Defaults to, and may not pass, the purchase's expiry date." })
  endDate?: string | null;
  @Field(() => [Weekday], { nullable: true, description: 'Empty or absent: any day.' }) preferredDays?: string[] | null;
  @Field(() => TimeWindowInput, { nullable: true, description: 'Every session starts and ends inside this daily window.' })
  timeWindow?: TimeWindowInput | null;
  @Field(() => Boolean, { nullable: true, description: "Repeat the first week's days and start times in later weeks where the calendar allows." })
  keepWeeklySlot?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Days between the dates of two sessions, 1 (the default) to 30.' })
  minDaysBetween?: number | null;
  @Field(() => Int, { nullable: true, description: 'At most this many sessions in a Sunday-to-Saturday week, 1 to 7.' })
  maxSessionsPerWeek?: number | null;
}

@InputType({ description: 'Book one appointment.' })
export class BookAppointmentInput {
  @Field(() => ID, { description: 'The patient.' }) patientId!: string;
  @Field(() => ID, { description: 'The provider.' }) providerId!: string;
  @Field(() => ID, { description: 'The service; its clinic is where the appointment takes place.' }) serviceId!: string;
  @Field(() => InstantScalar, { description: 'Start; the end follows from the service duration.' }) startsAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Book as the next free session of this purchase.' })
  packagePurchaseId?: string | null;
}

@InputType({ description: 'Move an appointment along its life cycle.' })
export class SetAppointmentStatusInput {
  @Field(() => ID, { description: 'The appointment.' }) appointmentId!: string;
  @Field(() => AppointmentStatus, { description: 'The new status.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Why; kept in the history (e.g. the reason for a cancellation).' })
  reason?: string | null;
}

@InputType({ description: 'Move an appointment to another time, and possibly another provider.' })
export class RescheduleAppointmentInput {
  @Field(() => ID, { description: 'The appointment.' }) appointmentId!: string;
  @Field(() => InstantScalar, { description: 'The new start.' }) startsAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Another provider of the same clinic.' }) providerId?: string | null;
}

@InputType({ description: 'Which appointments to list.' })
export class AppointmentFilter {
  @Field(() => ID, { nullable: true, description: 'Only this patient\'s.' }) patientId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this provider\'s.' }) providerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only the sessions of this purchase.' }) packagePurchaseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only sessions of purchases of this catalogue package.' }) packageId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: package sessions only; false: single appointments only.' })
  hasPackage?: boolean | null;
  @Field(() => [AppointmentStatus], { nullable: true, description: 'Only these statuses.' }) status?: string[] | null;
  @Field(() => InstantScalar, { nullable: true, description: 'Starting at or after.' }) from?: Date | null;
  @Field(() => InstantScalar, { nullable: true, description: 'Starting before.' }) to?: Date | null;
}
