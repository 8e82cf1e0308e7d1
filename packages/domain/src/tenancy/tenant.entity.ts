import { randomUUID } from 'node:crypto';
import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';

/** One clinic organisation. Nothing ever crosses tenants. */
@Entity()
@Check({ name: 'tenant_currency_iso_code', expression: "currency ~ '^[A-Z]{3}$'" })
@Check({ name: 'tenant_tax_rate_range', expression: 'tax_rate >= 0 and tax_rate <= 100' })
@Check({ name: 'tenant_freeze_cap_range', expression: 'freeze_cap_days >= 0 and freeze_cap_days <= 3650' })
@Check({ name: 'tenant_waitlist_hold_range', expression: 'waitlist_hold_minutes >= 5 and waitlist_hold_minutes <= 10080' })
@Check({ name: 'tenant_vat_number_not_blank', expression: "vat_number is null or btrim(vat_number) <> ''" })
export class Tenant {
  [OptionalProps]?: 'currency' | 'taxRate' | 'vatNumber' | 'freezeCapDays' | 'waitlistHoldMinutes';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  slug: string;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** ISO 4217 code of every amount of the tenant; its minor units come from ICU (billing/money.ts). */
  @Property({ type: 'text', default: 'SAR' })
  currency: string = 'SAR';

  /** Percent added to the tax-exclusive package price on an invoice, e.g. "15.00" (VAT). */
  @Property({ type: 'decimal', precision: 5, scale: 2, default: 15 })
  taxRate: string = '15.00';

  /** VAT registration number printed on receipts. */
  @Property({ type: 'text', nullable: true })
  vatNumber?: string | null = null;

  /** The most days a purchase may be frozen, all its freezes together. */
  @Property({ type: 'integer', default: 60 })
  freezeCapDays: number = 60;

  /** How long a waitlist offer holds its slot before it passes on, in minutes. */
  @Property({ type: 'integer', default: 120 })
  waitlistHoldMinutes: number = 120;

  constructor(slug: string, name: string) {
    this.slug = slug;
    this.name = name;
  }
}
