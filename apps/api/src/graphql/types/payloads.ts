import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../user-error.js';
import { Package } from './catalogue.type.js';
import { Patient, User } from './people.type.js';
import { Invoice, PackageProgress, PackagePurchase } from './purchase.type.js';
import { Appointment, SchedulingError } from './appointment.type.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@ObjectType({ description: 'The answer to login.' })
export class LoginPayload {
  @Field(() => String, { nullable: true, description: 'Send as the HTTP header `Authorization: Bearer <token>`.' })
  token?: string | null;
  @Field(() => User, { nullable: true, description: 'The signed-in user.' }) user?: User | null;
  @Field(() => Int, { nullable: true, description: 'With TOO_MANY_ATTEMPTS: seconds to wait before the next try.' })
  retryAfterSeconds?: number | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to createPatient.' })
export class CreatePatientPayload {
  @Field(() => Patient, { nullable: true, description: 'The new patient.' }) patient?: Patient | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to updatePatient.' })
export class UpdatePatientPayload {
  @Field(() => Patient, { nullable: true, description: 'The patient as corrected.' }) patient?: Patient | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to createPackage.' })
export class CreatePackagePayload {
  @Field(() => Package, { nullable: true, description: 'The new package.' }) package?: Package | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'Issues the invoice; the purchase exists once the invoice is paid.' })
export class PurchasePackagePayload {
  @Field(() => Invoice, { nullable: true, description: 'The issued invoice.' }) invoice?: Invoice | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to payInvoice.' })
export class PayInvoicePayload {
  @Field(() => Invoice, { nullable: true, description: 'The paid invoice.' }) invoice?: Invoice | null;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase the payment created.' })
  packagePurchase?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to schedulePackage.' })
export class SchedulePackagePayload {
  @Field(() => [Appointment], { description: 'Created by this call, in session order.' }) appointments!: Appointment[];
  @Field(() => [SchedulingError], { description: 'Sessions this call could not place.' }) schedulingErrors!: SchedulingError[];
  @Field(() => PackageProgress, { nullable: true, description: 'The purchase\'s progress after the call.' })
  progress?: PackageProgress | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to bookAppointment.' })
export class BookAppointmentPayload {
  @Field(() => Appointment, { nullable: true, description: 'The booked appointment.' }) appointment?: Appointment | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to setAppointmentStatus.' })
export class SetAppointmentStatusPayload {
  @Field(() => Appointment, { nullable: true, description: 'The appointment after the change.' }) appointment?: Appointment | null;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase after the change, when the appointment is a package session.' })
  packagePurchase?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to rescheduleAppointment.' })
export class RescheduleAppointmentPayload {
  @Field(() => Appointment, { nullable: true, description: 'The appointment at its new time.' }) appointment?: Appointment | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}
