import { Check, Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../shared/tenant-owned.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Package } from '../catalogue/package.entity.js';

export const INVOICE_STATUSES = ['ISSUED', 'PAID', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Money a patient owes for a package; paying it creates the purchase. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'number'] })
@Check({ name: 'invoice_total_not_negative', expression: 'total >= 0' })
@Check({ name: 'invoice_paid_at_when_paid', expression: "(status = 'PAID') = (paid_at is not null)" })
export class Invoice extends TenantOwned {
  /** INV-2026-000042 */
  @Property({ type: 'text' })
  number!: string;

  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @ManyToOne(() => Package)
  package!: Rel<Package>;

  @Enum({ items: () => INVOICE_STATUSES, default: 'ISSUED' })
  status: InvoiceStatus = 'ISSUED';

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  total!: string;

  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  paidAt?: Date | null;
}
