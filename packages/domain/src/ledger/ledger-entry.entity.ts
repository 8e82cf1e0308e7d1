import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';

/**
 * SOLD: the paid net amount becomes a liability. RECOGNISED: a consumed session's value is
 * earned. BREAKAGE: what is left when the purchase expires. REFUNDED: money given back.
 * REVERSED: a waived session's recognition undone. TRANSFERRED: liability moved to or from
 * another purchase (`transferDirection`).
 */
export const LEDGER_ENTRY_KINDS = ['SOLD', 'RECOGNISED', 'BREAKAGE', 'REFUNDED', 'REVERSED', 'TRANSFERRED'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];
export const TRANSFER_DIRECTIONS = ['IN', 'OUT'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

/**
 * One movement of a purchase's deferred revenue, in net (tax-exclusive) amounts. Append-only: a
 * trigger refuses UPDATE and DELETE, and another adds each inserted statement's rows to the
 * purchase's running totals, whose CHECK constraints hold the invariant
 * `paid + transferredIn = recognised + breakage + refunded + transferredOut + liability`.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['packagePurchase'] })
@Index({ properties: ['tenant', 'occurredOn'] })
@Check({ name: 'ledger_entry_amount_positive', expression: 'amount > 0' })
@Check({ name: 'ledger_entry_transfer_direction', expression: "(kind = 'TRANSFERRED') = (transfer_direction is not null)" })
export class LedgerEntry extends TenantOwned {
  [OptionalProps]?: 'transferDirection' | 'appointment' | 'createdAt';

  @ManyToOne(() => PackagePurchase)
  packagePurchase!: Rel<PackagePurchase>;

  @Enum({ items: () => LEDGER_ENTRY_KINDS })
  kind!: LedgerEntryKind;

  /** Positive; the kind gives the direction. */
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  amount!: string;

  /** The clinic-local day of the cause: the payment, the status change, the expiry. */
  @Property({ type: 'date' })
  occurredOn!: string;

  /** The appointment whose session was recognised (or reversed). */
  @ManyToOne(() => Appointment, { nullable: true, deleteRule: 'restrict' })
  appointment?: Rel<Appointment> | null;

  @Enum({ items: () => TRANSFER_DIRECTIONS, nullable: true })
  transferDirection?: TransferDirection | null;
}
