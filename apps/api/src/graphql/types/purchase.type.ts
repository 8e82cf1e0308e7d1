import { Field, Float, Int, ObjectType } from 'type-graphql';
import { InvoiceStatus, PackagePurchaseStatus } from '../enums.js';
import { LocalDateScalar, InstantScalar } from '../scalars.js';
import { Node } from './node.type.js';
import { Package } from './catalogue.type.js';
import { Patient } from './people.type.js';
import { Appointment } from './appointment.type.js';

@ObjectType({ implements: Node, description: 'Money a patient owes for a package; paying it creates the purchase.' })
export class Invoice extends Node {
  @Field({ description: 'Human number, e.g. INV-2026-000042.' }) number!: string;
  @Field(() => InvoiceStatus, { description: 'ISSUED, then PAID (or VOID).' }) status!: string;
  @Field({ description: 'Decimal amount as a string, e.g. "1500.00".' }) total!: string;
  @Field(() => Patient, { description: 'Who owes it.' }) patient!: Patient;
  @Field(() => Package, { description: 'What it is for.' }) package!: Package;
  @Field(() => InstantScalar, { description: 'When it was issued.' }) issuedAt!: Date;
  @Field(() => InstantScalar, { nullable: true, description: 'When it was paid.' }) paidAt?: Date | null;
}

@ObjectType({ implements: Node, description: "A patient's paid package and the sessions it still holds." })
export class PackagePurchase extends Node {
  @Field(() => Patient, { description: 'Who owns it.' }) patient!: Patient;
  @Field(() => Package, { description: 'The catalogue package bought.' }) package!: Package;
  @Field(() => Invoice, { description: 'The paid invoice.' }) invoice!: Invoice;
  @Field(() => PackagePurchaseStatus, { description: 'ACTIVE, EXPIRED, COMPLETED or CANCELLED.' }) status!: string;
  @Field(() => LocalDateScalar, { description: 'Clinic-local date of payment.' }) purchaseDate!: string;
  @Field(() => LocalDateScalar, { description: 'Last clinic-local date a session may start: purchaseDate + validityDays.' })
  expiryDate!: string;
  @Field(() => Int, { description: 'Sessions bought (a snapshot of the package).' }) totalSessions!: number;
  @Field(() => Int, { description: 'Sessions used: completed, and no-shows or late cancellations under the policy.' })
  sessionsUsed!: number;
  @Field(() => Int, { description: 'totalSessions - sessionsUsed.' }) sessionsRemaining!: number;
  @Field(() => Int, { description: 'Sessions remaining that no live appointment holds yet.' }) sessionsUnscheduled!: number;
  // `| null` only for TypeScript: decorator metadata of a class declared further down would
  // read it before it exists. The field itself is non-null.
  @Field(() => PackageProgress, { description: 'Counts and appointments of the purchase.' }) progress!: PackageProgress | null;
}

@ObjectType({ description: 'Where a purchase stands: counts, and every appointment in session order.' })
export class PackageProgress {
  @Field(() => PackagePurchase, { description: 'The purchase.' }) packagePurchase!: PackagePurchase;
  @Field(() => Int, { description: 'Sessions bought.' }) totalSessions!: number;
  @Field(() => Int, { description: 'Sessions used.' }) sessionsUsed!: number;
  @Field(() => Int, { description: 'Sessions not yet used.' }) sessionsRemaining!: number;
  @Field(() => Int, { description: 'Sessions remaining that no live appointment holds yet.' }) sessionsUnscheduled!: number;
  @Field(() => Int, { description: 'Live appointments not yet delivered: booked, confirmed, arrived or in progress.' })
  scheduledAppointments!: number;
  @Field(() => Int, { description: 'Completed appointments.' }) completedAppointments!: number;
  @Field(() => Int, { description: 'Cancelled appointments.' }) cancelledAppointments!: number;
  @Field(() => Int, { description: 'No-show appointments.' }) noShowAppointments!: number;
  @Field(() => Float, { description: 'sessionsUsed / totalSessions * 100.' }) percentUsed!: number;
  @Field(() => [Appointment], { description: 'The appointments of the purchase the viewer may read (a clinician: their own), in session order. The counts cover them all.' })
  appointments!: Appointment[];
}
