import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';

export const MESSAGE_CHANNELS = ['EMAIL', 'SMS'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_TEMPLATES = ['APPOINTMENT_REMINDER', 'PACKAGE_EXPIRY_REMINDER'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

/** PENDING: claimed by a run and being sent; then SENT, FAILED (the provider refused) or SKIPPED (why in `reason`). */
export const MESSAGE_STATUSES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_LANGUAGES = ['en', 'ar'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** Why a message was not sent. */
export const SKIP_REASONS = ['NO_CONSENT', 'NO_ADDRESS', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_MOVED', 'PURCHASE_ENDED', 'NO_SESSIONS_LEFT'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * One message to a patient on one channel, for one occasion: an appointment at its start time,
 * or a purchase at its expiry date. The unique index is what makes a reminder go once, however
 * many runs or processes reach it: a run claims the row (PENDING) before it sends.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['tenant', 'patient', 'createdAt'] })
@Index({
  name: 'patient_message_once',
  expression:
    'create unique index "patient_message_once" on "patient_message" ("template", "channel", coalesce("appointment_id", "package_purchase_id"), "occasion")',
})
@Check({ name: 'patient_message_about', expression: "(template = 'APPOINTMENT_REMINDER') = (appointment_id is not null) and (template = 'PACKAGE_EXPIRY_REMINDER') = (package_purchase_id is not null)" })
@Check({ name: 'patient_message_skipped_reason', expression: "(status = 'SKIPPED') = (reason is not null)" })
@Check({ name: 'patient_message_sent_at', expression: "(status = 'SENT') = (sent_at is not null)" })
export class PatientMessage extends TenantOwned {
  @ManyToOne(() => Patient)
  patient!: Rel<Patient>;

  @Enum({ items: () => MESSAGE_CHANNELS })
  channel!: MessageChannel;

  @Enum({ items: () => MESSAGE_TEMPLATES })
  template!: MessageTemplate;

  @Enum({ items: () => MESSAGE_LANGUAGES })
  language!: MessageLanguage;

  @Enum({ items: () => MESSAGE_STATUSES, default: 'PENDING' })
  status: MessageStatus & Opt = 'PENDING';

  @Enum({ items: () => SKIP_REASONS, nullable: true })
  reason?: SkipReason | null;

  @ManyToOne(() => Appointment, { nullable: true, deleteRule: 'restrict' })
  appointment?: Rel<Appointment> | null;

  @ManyToOne(() => PackagePurchase, { nullable: true, deleteRule: 'restrict' })
  packagePurchase?: Rel<PackagePurchase> | null;

  /** What the message is about, in time: the appointment's start (ISO instant) or the purchase's expiry date. */
  @Property({ type: 'text' })
  occasion!: string;

  /** The e-mail address or phone number it went to. */
  @Property({ type: 'text', nullable: true })
  recipient?: string | null;

  @Property({ type: 'text', nullable: true })
  subject?: string | null;

  @Property({ type: 'text', nullable: true })
  body?: string | null;

  /** The provider's id of the message (SMTP message id, SMS provider's id). */
  @Property({ type: 'text', nullable: true })
  providerMessageId?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;
}
