import { Migration } from '@mikro-orm/migrations';

/**
 * A password-reset link's e-mail, recorded on the link (one e-mail per link): its state, the
 * address, when it was sent or why not. The link's secret is kept only while the e-mail is
 * PENDING (queued in the transaction that issued the link); the worker that claims it clears it.
 */
export class PasswordResetEmails extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "password_reset" add column "email_status" text check ("email_status" in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')) null, add column "email_to" text null, add column "email_token" text null, add column "emailed_at" timestamptz null, add column "email_message_id" text null, add column "email_error" text null, add column "email_skip_reason" text check ("email_skip_reason" in ('LINK_SPENT', 'LINK_EXPIRED', 'USER_DEACTIVATED')) null`,
    );
    this.addSql(`alter table "password_reset" add constraint password_reset_email_skip_reason check((email_status is not null and email_status = 'SKIPPED') = (email_skip_reason is not null))`);
    this.addSql(`alter table "password_reset" add constraint password_reset_emailed_at_when_sent check((email_status is not null and email_status = 'SENT') = (emailed_at is not null))`);
    this.addSql(`alter table "password_reset" add constraint password_reset_email_to_with_status check((email_status is null) = (email_to is null))`);
    this.addSql(`alter table "password_reset" add constraint password_reset_email_token_only_pending check(email_token is null or email_status = 'PENDING')`);
  }
}
