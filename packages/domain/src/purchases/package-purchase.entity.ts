import { Check, Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Invoice } from '../billing/invoice.entity.js';

export const PACKAGE_PURCHASE_STATUSES = ['ACTIVE', 'EXPIRED', 'COMPLETED', 'CANCELLED'] as const;
export type PackagePurchaseStatus = (typeof PACKAGE_PURCHASE_STATUSES)[number];

/** A patient's paid package, with the sessions it still holds. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
/** Target of the appointment's foreign key that proves patient, package and total match. */
@Unique({ name: 'package_purchase_session_key', properties: ['tenant', 'id', 'patient', 'package', 'totalSessions'] })
@Index({ properties: ['tenant', 'patient', 'status'] })
/** One purchase per invoice, except the purchases transferred from it, which share it. */
@Index({
  name: 'package_purchase_one_per_invoice',
  expression: 'create unique index "package_purchase_one_per_invoice" on "package_purchase" ("invoice_id") where transferred_from_id is null',
})
@Check({ name: 'package_purchase_frozen_days_not_negative', expression: 'frozen_days >= 0' })
@Check({ name: 'package_purchase_sessions_used_range', expression: 'sessions_used >= 0 and sessions_used <= total_sessions' })
@Check({ name: 'package_purchase_total_sessions_positive', expression: 'total_sessions > 0' })
@Check({ name: 'package_purchase_expiry_after_purchase', expression: 'expiry_date >= purchase_date' })
@Check({ name: 'package_purchase_completed_when_used_up', expression: "(status = 'COMPLETED') = (sessions_used = total_sessions)" })
@Check({
  name: 'package_purchase_ledger_balances',
  expression: 'paid + transferred_in = recognised + breakage + refunded + transferred_out + liability',
})
@Check({ name: 'package_purchase_liability_not_negative', expression: 'liability >= 0' })
@Check({ name: 'package_purchase_no_liability_when_ended', expression: "status = 'ACTIVE' or liability = 0" })
@Check({
  name: 'package_purchase_totals_not_negative',
  expression: 'paid >= 0 and recognised >= 0 and breakage >= 0 and refunded >= 0 and transferred_in >= 0 and transferred_out >= 0',
})
export class PackagePurchase extends TenantOwned {
  [OptionalProps]?:
    | 'sessionsRemaining'
    | 'status'
    | 'sessionsUsed'
    | 'createdAt'
    | 'paid'
    | 'recognised'
    | 'breakage'
    | 'refunded'
    | 'transferredIn'
    | 'transferredOut'
    | 'liability'
    | 'frozenDays'
    | 'transferredFrom';

  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @ManyToOne(() => Package)
  package!: Rel<Package>;

  /** The invoice that paid for its sessions (for a transferred purchase: the original's). */
  @ManyToOne(() => Invoice)
  invoice!: Rel<Invoice>;

  @Enum({ items: () => PACKAGE_PURCHASE_STATUSES, default: 'ACTIVE' })
  status: PackagePurchaseStatus = 'ACTIVE';

  /** Clinic-local date the invoice was paid. */
  @Property({ type: 'date' })
  purchaseDate!: string;

  /** purchaseDate + validityDays; sessions may not start after this clinic-local date. */
  @Property({ type: 'date' })
  expiryDate!: string;

  /** Snapshot of the package's total when bought. */
  @Property({ type: 'integer' })
  totalSessions!: number;

  @Property({ type: 'integer', default: 0 })
  sessionsUsed: number = 0;

  // Running totals of the ledger (net amounts). Only the trigger on `ledger_entry` writes them:
  // code appends ledger entries and reads these back (see ledger/ledger.ts).

  /** The net amount of its invoice. */
  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  paid: string = '0.00';

  /** Value of the sessions consumed, net of reversals. */
  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  recognised: string = '0.00';

  /** What was left when it expired. */
  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  breakage: string = '0.00';

  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  refunded: string = '0.00';

  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  transferredIn: string = '0.00';

  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  transferredOut: string = '0.00';

  /** Paid and not yet earned: what the clinic still owes in sessions. */
  @Property({ type: 'decimal', precision: 12, scale: 2, default: 0 })
  liability: string = '0.00';

  /** Days it was paused, all its freezes together; its expiry moved out by as many. */
  @Property({ type: 'integer', default: 0 })
  frozenDays: number = 0;

  /** The purchase whose unused sessions became this one (a transfer). */
  @OneToOne(() => PackagePurchase, { owner: true, nullable: true, unique: 'package_purchase_transferred_from_id_unique', deleteRule: 'restrict' })
  transferredFrom?: Rel<PackagePurchase> | null;

  get sessionsRemaining(): number {
    return this.totalSessions - this.sessionsUsed;
  }
}
