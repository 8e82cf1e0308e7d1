import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlExecutor } from '../outbox/relay.js';
import type { ResetEmailSkipReason } from './password-reset.entity.js';
import { PASSWORD_RESET_TTL_HOURS } from './staff-accounts.js';

/** Queues the e-mail of a new link (a job naming it) through the issuing transaction. */
export type EnqueuePasswordResetEmail = (passwordResetId: string, transaction: SqlExecutor) => Promise<void>;

/** Given to createUser and issuePasswordReset when the installation e-mails links. */
export interface PasswordResetEmailing {
  readonly enqueue: EnqueuePasswordResetEmail;
}

/** One e-mail for the mail server; throws when it refuses it. */
export type SendMail = (mail: { to: string; subject: string; text: string }) => Promise<{ messageId: string | null }>;

export type PasswordResetEmailOutcome = 'SENT' | 'FAILED' | 'SKIPPED';

interface Claimed {
  readonly to: string;
  readonly token: string;
  readonly name: string;
  readonly organisation: string;
}

/**
 * Sends a link's e-mail, at most once whatever the number of workers or runs: the e-mail is
 * claimed first (PENDING -> SENDING, the secret cleared, under a row lock), then sent, then
 * recorded SENT or FAILED. A link already spent or expired, or an account deactivated, is
 * recorded SKIPPED with the reason and nothing is sent. Answers null when there was nothing to
 * do (unknown, already claimed or never e-mailed). `publicUrl` is the web app's address.
 */
export async function sendPasswordResetEmail(
  rootEm: EntityManager,
  now: Date,
  passwordResetId: string,
  { publicUrl, send }: { publicUrl: string; send: SendMail },
): Promise<PasswordResetEmailOutcome | null> {
  const claimed = await rootEm.fork().transactional(async (em): Promise<Claimed | 'SKIPPED' | null> => {
    const [row] = await em.execute<
      Array<{ email_status: string | null; email_to: string; email_token: string | null; spent_at: Date | null; expires_at: Date; deactivated_at: Date | null; name: string; organisation: string }>
    >(
      `select r.email_status, r.email_to, r.email_token, r.spent_at, r.expires_at, u.deactivated_at, u.name, t.name as organisation
         from password_reset r join app_user u on u.id = r.user_id join tenant t on t.id = r.tenant_id
        where r.id = ? for update of r`,
      [passwordResetId],
    );
    if (!row || row.email_status !== 'PENDING' || !row.email_token) return null;
    const skip: ResetEmailSkipReason | null = row.deactivated_at ? 'USER_DEACTIVATED' : row.spent_at ? 'LINK_SPENT' : row.expires_at <= now ? 'LINK_EXPIRED' : null;
    if (skip) {
      await em.execute(`update password_reset set email_status = 'SKIPPED', email_skip_reason = ?, email_token = null where id = ?`, [skip, passwordResetId]);
      return 'SKIPPED';
    }
    await em.execute(`update password_reset set email_status = 'SENDING', email_token = null where id = ?`, [passwordResetId]);
    return { to: row.email_to, token: row.email_token, name: row.name, organisation: row.organisation };
  });
  if (claimed === null || claimed === 'SKIPPED') return claimed;

  const mail = passwordResetMail({ ...claimed, link: `${publicUrl.replace(/\/+$/, '')}/reset-password/${encodeURIComponent(claimed.token)}` });
  let outcome: { status: 'SENT'; messageId: string | null } | { status: 'FAILED'; error: string };
  try {
    outcome = { status: 'SENT', ...(await send({ to: claimed.to, ...mail })) };
  } catch (error) {
    outcome = { status: 'FAILED', error: error instanceof Error ? error.message.slice(0, 2000) : String(error).slice(0, 2000) };
  }
  await rootEm
    .fork()
    .getConnection()
    .execute(
      `update password_reset set email_status = ?, emailed_at = ?, email_message_id = ?, email_error = ? where id = ? and email_status = 'SENDING'`,
      outcome.status === 'SENT' ? ['SENT', now, outcome.messageId, null, passwordResetId] : ['FAILED', null, null, outcome.error, passwordResetId],
    );
  return outcome.status;
}

/**
 * The e-mail's words. A staff account has no language of its own (the web app keeps each
 * person's choice in their browser), so one message carries both: English, then Arabic.
 */
export function passwordResetMail({ name, organisation, link }: { name: string; organisation: string; link: string }): { subject: string; text: string } {
  const hoursAr = new Intl.NumberFormat('ar-SA-u-nu-arab').format(PASSWORD_RESET_TTL_HOURS);
  return {
    subject: `${organisation}: set your password / تعيين كلمة المرور`,
    text: [
      `Hello ${name},`,
      '',
      `An administrator of ${organisation} gave you this link to set your password:`,
      link,
      '',
      `It works once, for ${PASSWORD_RESET_TTL_HOURS} hours. If you did not expect it, tell your administrator.`,
      '',
      '—',
      '',
      `مرحبًا ${name}،`,
      '',
      `أرسل إليك أحد مسؤولي ${organisation} هذا الرابط لتعيين كلمة المرور:`,
      link,
      '',
      `يعمل الرابط مرة واحدة خلال ${hoursAr} ساعة. إن لم تكن تنتظره فأبلغ المسؤول لديك.`,
    ].join('\n'),
  };
}
