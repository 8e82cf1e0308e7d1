import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PAYMENT_METHODS } from '@clinic/domain';
import { InvoiceStatus, PackagePurchaseStatus } from '../enums.js';
import { LocalDateScalar, InstantScalar } from '../scalars.js';
import { Node } from './node.type.js';
import { Package } from './catalogue.type.js';
import { Patient } from './people.type.js';
import { Appointment } from './appointment.type.js';

export const PaymentMethod = Object.fromEntries(PAYMENT_METHODS.map((method) => [method, method])) as {
  [K in (typeof PAYMENT_METHODS)[number]]: K;
};
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How a payment was made.',
  valuesConfig: {
    CASH: { description: 'Cash at the desk.' },
    CARD: { description: 'A card payment.' },
    BANK_TRANSFER: { description: 'A bank transfer.' },
    OTHER: { description: 'Any other way, or not said.' },
  },
});

@ObjectType({ implements: Node, description: 'Money received against an invoice.' })
export class Payment extends Node {
  @Field({ description: 'Decimal amount in the invoice\'s currency, e.g. "500.00".' }) amount!: string;
  @Field(() => PaymentMethod, { description: 'How it was paid.' }) method!: string;
  @Field(() => String, { nullable: true, description: 'Card slip, transfer reference...' }) reference?: string | null;
  @Field(() => InstantScalar, { description: 'When it was received.' }) receivedAt!: Date;
}

@ObjectType({ implements: Node, description: 'Money a patient owes for a package; paying it creates the purchase.' })
export class Invoice extends Node {
  @Field({ description: 'Human number, e.g. INV-2026-000042.' }) number!: string;
  @Field(() => InvoiceStatus, { description: 'ISSUED, then PAID (or VOID).' }) status!: string;
  @Field({ description: 'ISO 4217 currency of every amount of the invoice, e.g. SAR.' }) currency!: string;
  @Field({ description: 'The package\'s tax-exclusive price, a decimal string, e.g. "1500.00".' }) subtotal!: string;
  @Field({ description: 'Tax at the tenant\'s rate when issued.' }) tax!: string;
  @Field({ description: 'subtotal + tax: a decimal string, e.g. "1725.00".' }) total!: string;
  @Field({ description: 'The sum of its payments.' }) amountPaid!: string;
  @Field({ description: 'total - amountPaid; "0.00" once paid, and for a void invoice.' }) balance!: string;
  @Field(() => [Payment], { description: 'Its payments, oldest first.' }) payments!: Payment[];
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
  @Field({ description: 'What the ledger holds for this purchase now: paid (net of tax) and not yet earned.' }) liability!: string;
  @Field({ description: 'Value of the consumed sessions, net of reversals.' }) recognised!: string;
  @Field({ description: 'Money refunded from it.' }) refunded!: string;
  @Field({ description: 'What was left unused when it expired.' }) breakage!: string;
  @Field(() => Int, { description: 'Days it was paused (frozen).' }) frozenDays!: number;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase its unused sessions moved to.' })
  transferredTo?: PackagePurchase | null;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase its sessions came from.' })
  transferredFrom?: PackagePurchase | null;
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
