import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Invoice } from './invoice.entity.js';

export const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Money received against an invoice; several partial payments may settle one invoice. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['invoice'] })
@Check({ name: 'payment_amount_positive', expression: 'amount > 0' })
@Check({ name: 'payment_reference_not_blank', expression: "reference is null or btrim(reference) <> ''" })
export class Payment extends TenantOwned {
  @ManyToOne(() => Invoice)
  invoice!: Rel<Invoice>;

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  @Enum({ items: () => PAYMENT_METHODS })
  method!: PaymentMethod;

  /** Card slip, transfer reference... */
  @Property({ type: 'text', nullable: true })
  reference?: string | null;

  @Property({ type: 'timestamptz' })
  receivedAt!: Date;
}
