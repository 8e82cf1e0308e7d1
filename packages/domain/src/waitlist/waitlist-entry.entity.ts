import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';

export const WAITLIST_STATUSES = ['WAITING', 'OFFERED', 'BOOKED', 'LAPSED', 'CANCELLED'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** A slot an entry was offered and declined: it is not offered to the same entry again. */
export interface DeclinedSlot {
  providerId: string;
  startsAt: string;
}

/**
 * A patient waiting for an earlier slot. While OFFERED, the entry is the hold: its provider and
 * range are a row of the exclusion constraint below (never two holds on one provider's time),
 * and the triggers of migration 014 keep holds and live appointments apart in both directions.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['tenant', 'status', 'createdAt'] })
@Index({
  name: 'waitlist_entry_one_hold_per_slot',
  expression:
    'alter table "waitlist_entry" add constraint "waitlist_entry_one_hold_per_slot" exclude using gist ("offered_provider_id" with =, tstzrange("offered_starts_at", "offered_ends_at", \'[)\') with &&) where (status = \'OFFERED\')',
})
@Check({ name: 'waitlist_entry_dates_in_order', expression: 'from_date <= to_date' })
@Check({
  name: 'waitlist_entry_window_in_order',
  expression: '(window_from is null) = (window_to is null) and (window_from is null or window_from < window_to)',
})
@Check({
  name: 'waitlist_entry_offer_complete',
  expression:
    "status <> 'OFFERED' or (offered_provider_id is not null and offered_starts_at is not null and offered_ends_at is not null and offer_expires_at is not null)",
})
@Check({ name: 'waitlist_entry_offer_in_order', expression: 'offered_starts_at is null or offered_starts_at < offered_ends_at' })
@Check({ name: 'waitlist_entry_booked_has_appointment', expression: "(status = 'BOOKED') = (appointment_id is not null)" })
export class WaitlistEntry extends TenantOwned {
  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  @ManyToOne(() => Service)
  service!: Rel<Service>;

  @ManyToOne(() => PackagePurchase, { nullable: true })
  packagePurchase?: Rel<PackagePurchase> | null;

  /** Only these providers; empty: any provider of the clinic. */
  @Property({ type: 'jsonb' })
  providerIds: string[] & Opt = [];

  /** Clinic-local week days, 0 = Sunday; empty: any day. */
  @Property({ type: 'jsonb' })
  weekdays: number[] & Opt = [];

  /** Clinic-local inclusive dates. */
  @Property({ type: 'date' })
  fromDate!: string;

  @Property({ type: 'date' })
  toDate!: string;

  /** Clinic-local 'HH:MM': the session starts and ends inside. */
  @Property({ type: 'text', nullable: true })
  windowFrom?: string | null;

  @Property({ type: 'text', nullable: true })
  windowTo?: string | null;

  @Enum({ items: () => WAITLIST_STATUSES, default: 'WAITING' })
  status: WaitlistStatus & Opt = 'WAITING';

  @ManyToOne(() => Provider, { nullable: true })
  offeredProvider?: Rel<Provider> | null;

  @Property({ type: 'timestamptz', nullable: true })
  offeredStartsAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  offeredEndsAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  offerExpiresAt?: Date | null;

  @Property({ type: 'jsonb' })
  declinedSlots: DeclinedSlot[] & Opt = [];

  @ManyToOne(() => Appointment, { nullable: true })
  appointment?: Rel<Appointment> | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();
}
