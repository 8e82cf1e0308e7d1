import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from './user.entity.js';

/**
 * Where a link's e-mail stands: PENDING (queued with the link, in the same transaction), SENDING
 * (claimed by one worker; a crash here leaves it so, never sent twice), SENT, FAILED (the mail
 * server refused it), SKIPPED (the link was already spent, expired or the account deactivated).
 */
export const RESET_EMAIL_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type ResetEmailStatus = (typeof RESET_EMAIL_STATUSES)[number];
export const RESET_EMAIL_SKIP_REASONS = ['LINK_SPENT', 'LINK_EXPIRED', 'USER_DEACTIVATED'] as const;
export type ResetEmailSkipReason = (typeof RESET_EMAIL_SKIP_REASONS)[number];

/**
 * A one-time password-reset link an ADMIN issued for a staff account. Only a SHA-256 of its
 * secret is kept; it works once (`spentAt`), until `expiresAt`, and only while the account is
 * active. Issuing a new one spends the ones still open. When the installation e-mails links, the
 * link's e-mail is recorded here too (one e-mail per link): the secret itself is kept only while
 * the e-mail waits to be sent, and cleared when a worker claims it.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['user'] })
@Check({ name: 'password_reset_expires_after_created', expression: 'expires_at > created_at' })
@Check({ name: 'password_reset_email_token_only_pending', expression: "email_token is null or email_status = 'PENDING'" })
@Check({ name: 'password_reset_email_to_with_status', expression: '(email_status is null) = (email_to is null)' })
@Check({ name: 'password_reset_emailed_at_when_sent', expression: "(email_status is not null and email_status = 'SENT') = (emailed_at is not null)" })
@Check({ name: 'password_reset_email_skip_reason', expression: "(email_status is not null and email_status = 'SKIPPED') = (email_skip_reason is not null)" })
export class PasswordReset extends TenantOwned {
  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the link is used, or replaced by a newer one: it no longer works. */
  @Property({ type: 'timestamptz', nullable: true })
  spentAt?: Date | null;

  /** Null: the link was not e-mailed (the ADMIN hands it over). */
  @Enum({ items: () => RESET_EMAIL_STATUSES, nullable: true })
  emailStatus?: ResetEmailStatus | null;

  /** The account's address when the link was issued. */
  @Property({ type: 'text', nullable: true })
  emailTo?: string | null;

  /** The link's secret, only while its e-mail is PENDING: the worker that claims it clears it. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  emailToken?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  emailedAt?: Date | null;

  /** The mail server's id of the message sent. */
  @Property({ type: 'text', nullable: true })
  emailMessageId?: string | null;

  /** Why the mail server refused it (FAILED). */
  @Property({ type: 'text', nullable: true })
  emailError?: string | null;

  @Enum({ items: () => RESET_EMAIL_SKIP_REASONS, nullable: true })
  emailSkipReason?: ResetEmailSkipReason | null;
}
