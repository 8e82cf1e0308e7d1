import { Check, Entity, Enum, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from '../tenancy/user.entity.js';

export const PATIENT_LANGUAGES = ['en', 'ar'] as const;
export type PatientLanguage = (typeof PATIENT_LANGUAGES)[number];

/** A person treated by the tenant, known by the medical record number. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'mrn'] })
@Check({ name: 'patient_consent_recorded', expression: 'not (reminders_by_email or reminders_by_sms) or consent_recorded_at is not null' })
@Check({ name: 'patient_email_shape', expression: "email is null or email ~ '^[^@[:space:]]+@[^@[:space:]]+$'" })
export class Patient extends TenantOwned {
  @Property({ type: 'text' })
  mrn!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  nameAr?: string | null;

  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  /** The language of the messages the patient is sent. */
  @Enum({ items: () => PATIENT_LANGUAGES, default: 'en' })
  preferredLanguage: PatientLanguage & Opt = 'en';

  /** Consent to reminders by e-mail (off until the patient says yes). */
  @Property({ type: 'boolean', default: false })
  remindersByEmail: boolean & Opt = false;

  /** Consent to reminders by SMS. */
  @Property({ type: 'boolean', default: false })
  remindersBySms: boolean & Opt = false;

  /** When the consent was last given or withdrawn, and by which staff member. */
  @Property({ type: 'timestamptz', nullable: true })
  consentRecordedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  consentRecordedBy?: Rel<User> | null;
}
