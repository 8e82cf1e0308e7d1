import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from './appointment-status.js';
import type { CancellationPolicyTerms } from './cancellation-policy.entity.js';

export const APPOINTMENT_INCIDENTS = ['LATE_CANCELLATION', 'NO_SHOW'] as const;
export type AppointmentIncident = (typeof APPOINTMENT_INCIDENTS)[number];

/**
 * A visit. A package session also names its purchase and its session number; a single
 * appointment leaves all package fields null.
 *
 * The exclusion constraints are declared here, as indexes, so that the schema diff knows them.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'number'] })
@Index({ properties: ['packagePurchase'] })
@Index({ properties: ['tenant', 'startsAt'] })
@Index({
  name: 'appointment_one_live_per_session',
  expression:
    'create unique index "appointment_one_live_per_session" on "appointment" ("package_purchase_id", "session_number_in_package") where (status <> \'CANCELLED\' and status <> \'NO_SHOW\') or session_consumed',
})
@Index({
  name: 'appointment_provider_no_overlap',
  expression:
    'alter table "appointment" add constraint "appointment_provider_no_overlap" exclude using gist ("provider_id" with =, tstzrange("starts_at", "ends_at", \'[)\') with &&) where (status <> \'CANCELLED\')',
})
@Index({
  name: 'appointment_patient_no_overlap',
  expression:
    'alter table "appointment" add constraint "appointment_patient_no_overlap" exclude using gist ("patient_id" with =, tstzrange("starts_at", "ends_at", \'[)\') with &&) where (status <> \'CANCELLED\')',
})
@Check({ name: 'appointment_starts_before_ends', expression: 'starts_at < ends_at' })
@Check({
  name: 'appointment_package_fields_together',
  expression:
    '(package_id is null and package_purchase_id is null and session_number_in_package is null and package_total_sessions is null) or (package_id is not null and package_purchase_id is not null and session_number_in_package is not null and package_total_sessions is not null)',
})
@Check({
  name: 'appointment_session_number_range',
  expression: 'session_number_in_package >= 1 and session_number_in_package <= package_total_sessions',
})
@Check({
  name: 'appointment_waiver_with_reason',
  expression:
    "(waived_at is null) = (waive_reason is null) and (waive_reason is null or btrim(waive_reason) <> '') and (waived_at is null or incident is not null)",
})
@Check({ name: 'appointment_incident_when_final', expression: "incident is null or status = 'CANCELLED' or status = 'NO_SHOW'" })
@Check({
  name: 'appointment_consumed_only_when_final',
  expression: "session_consumed = false or status = 'COMPLETED' or status = 'NO_SHOW' or status = 'CANCELLED'",
})
export class Appointment extends TenantOwned {
  /** APT-2026-000042, unique in the tenant. */
  @Property({ type: 'text' })
  number!: string;

  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @ManyToOne(() => Provider)
  provider!: Rel<Provider>;

  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  @ManyToOne(() => Service)
  service!: Rel<Service>;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Enum({ items: () => APPOINTMENT_STATUSES, default: 'BOOKED' })
  status: AppointmentStatus = 'BOOKED';

  @ManyToOne(() => Package, { nullable: true })
  package?: Rel<Package> | null;

  @ManyToOne(() => PackagePurchase, { nullable: true })
  packagePurchase?: Rel<PackagePurchase> | null;

  @Property({ type: 'integer', nullable: true })
  sessionNumberInPackage?: number | null;

  /** Copy of the purchase's total, held equal by a foreign key, so a check can bound the session number. */
  @Property({ type: 'integer', nullable: true })
  packageTotalSessions?: number | null;

  /** True once this appointment has counted against its purchase: set exactly once. */
  @Property({ type: 'boolean', default: false })
  sessionConsumed: boolean = false;

  /** The tenant's cancellation policy as it was when a cancellation or no-show was recorded. */
  @Property({ type: 'jsonb', nullable: true })
  appliedPolicy?: CancellationPolicyTerms | null;

  @Property({ type: 'text', nullable: true })
  statusReason?: string | null;

  /** What kind of incident a cancellation or no-show was, for fees and the grace allowance. */
  @Enum({ items: () => APPOINTMENT_INCIDENTS, nullable: true })
  incident?: AppointmentIncident | null;

  /** The grace allowance forgave this incident: no session, no fee. */
  @Property({ type: 'boolean', default: false })
  graceApplied: boolean & Opt = false;

  /** Staff waived what the incident cost (the session back, the fee voided). */
  @Property({ type: 'timestamptz', nullable: true })
  waivedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  waiveReason?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
