import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';

export const INVOICE_STATUSES = ['ISSUED', 'PAID', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** PACKAGE: the price of a package; its payment creates the purchase. FEE: a late cancellation or no-show of a package session. */
export const INVOICE_KINDS = ['PACKAGE', 'FEE'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/**
 * Money a patient owes for a package: the tax-exclusive price (subtotal), the tax at the
 * tenant's rate, and their total. Payments settle it, in one go or in parts; the payment that
 * settles it creates the purchase. `VOID` only while nothing is paid.
 *
 * At most one open (ISSUED) invoice per patient and package, unless it was issued with
 * `allowAnotherOpen`: a partial unique index, so two concurrent requests cannot both pass.
 * A FEE invoice names its appointment (and the package of that session); at most one fee invoice
 * that is not void per appointment.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'number'] })
@Index({
  name: 'invoice_one_open_per_patient_package',
  expression:
    'create unique index "invoice_one_open_per_patient_package" on "invoice" ("tenant_id", "patient_id", "package_id") where status = \'ISSUED\' and not allow_another_open and kind = \'PACKAGE\'',
})
@Index({
  name: 'invoice_one_fee_per_appointment',
  expression: 'create unique index "invoice_one_fee_per_appointment" on "invoice" ("appointment_id") where kind = \'FEE\' and status <> \'VOID\'',
})
@Check({ name: 'invoice_fee_names_appointment', expression: "(kind = 'FEE') = (appointment_id is not null)" })
@Check({ name: 'invoice_total_not_negative', expression: 'total >= 0' })
@Check({ name: 'invoice_paid_at_when_paid', expression: "(status = 'PAID') = (paid_at is not null)" })
@Check({ name: 'invoice_amounts_add_up', expression: 'subtotal >= 0 and tax >= 0 and total = subtotal + tax' })
@Check({ name: 'invoice_paid_within_total', expression: 'amount_paid >= 0 and amount_paid <= total' })
@Check({
  name: 'invoice_status_matches_payments',
  expression:
    "(status = 'PAID' and amount_paid = total) or (status = 'ISSUED' and (amount_paid < total or total = 0)) or (status = 'VOID' and amount_paid = 0)",
})
@Check({
  name: 'invoice_void_with_reason',
  expression: "(status = 'VOID') = (voided_at is not null) and (voided_at is null) = (void_reason is null) and (void_reason is null or btrim(void_reason) <> '')",
})
@Check({ name: 'invoice_tax_rate_range', expression: 'tax_rate >= 0 and tax_rate <= 100' })
export class Invoice extends TenantOwned {
  [OptionalProps]?: 'status' | 'amountPaid' | 'allowAnotherOpen' | 'createdAt' | 'kind' | 'appointment';

  /** INV-2026-000042 */
  @Property({ type: 'text' })
  number!: string;

  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @ManyToOne(() => Package)
  package!: Rel<Package>;

  @Enum({ items: () => INVOICE_KINDS, default: 'PACKAGE' })
  kind: InvoiceKind = 'PACKAGE';

  /** The late-cancelled or no-show appointment a FEE invoice charges for. */
  @ManyToOne(() => Appointment, { nullable: true, deleteRule: 'restrict' })
  appointment?: Rel<Appointment> | null;

  @Enum({ items: () => INVOICE_STATUSES, default: 'ISSUED' })
  status: InvoiceStatus = 'ISSUED';

  /** ISO 4217, the tenant's currency when issued. */
  @Property({ type: 'text' })
  currency!: string;

  /** The package's tax-exclusive price. */
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  subtotal!: string;

  /** Percent applied, e.g. "15.00". */
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  taxRate!: string;

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  tax!: string;

  /** subtotal + tax. */
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  total!: string;

  /** The sum of its payments. */
  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  amountPaid: string = '0.00';

  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  /** When the payment that settled it was received. */
  @Property({ type: 'timestamptz', nullable: true })
  paidAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  voidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  voidReason?: string | null;

  /** Issued on purpose while another invoice for the same patient and package was open. */
  @Property({ type: 'boolean', default: false })
  allowAnotherOpen: boolean = false;
}
