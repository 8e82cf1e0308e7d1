import { sendPasswordResetEmail, type Database, type EnqueuePasswordResetEmail, type PasswordResetEmailOutcome } from '@clinic/domain';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import { QUEUE_DECLARATION_LOCK } from '../jobs/jobs.js';
import { createMailer, type Mailer } from './mailer.js';
import type { NotificationSettings } from './settings.js';

/** One job per password-reset link to e-mail; its id is the link's id. */
export const PASSWORD_RESET_EMAIL_QUEUE = 'password-reset-email';

export interface PasswordResetEmailJob {
  readonly passwordResetId: string;
}

/**
 * Queues a link's e-mail through the issuing use case's transaction (pg-boss's `db` option): the
 * job exists exactly when the link does, and survives a restart in the queue's table. A few
 * retries cover a worker that died before it claimed the e-mail; once claimed, a rerun does nothing.
 */
export function enqueuePasswordResetEmailThrough(boss: PgBoss): EnqueuePasswordResetEmail {
  return async (passwordResetId, transaction) => {
    await boss.insert([{ id: passwordResetId, name: PASSWORD_RESET_EMAIL_QUEUE, data: { passwordResetId } satisfies PasswordResetEmailJob, retryLimit: 3, retryDelay: 10, retryBackoff: true }], {
      db: transaction,
    });
  };
}

/** One job: the link's e-mail, claimed then sent by nodemailer (see sendPasswordResetEmail). */
export async function runPasswordResetEmail(
  orm: Database['orm'],
  now: Date,
  job: PasswordResetEmailJob,
  { publicUrl, mailer, log }: { publicUrl: string; mailer: Mailer; log: Logger },
): Promise<PasswordResetEmailOutcome | null> {
  const outcome = await sendPasswordResetEmail(orm.em, now, job.passwordResetId, {
    publicUrl,
    // The link is a credential: the log says that an e-mail went, never its words.
    send: async (mail) => mailer.send(mail),
  });
  if (outcome) log.info({ passwordResetId: job.passwordResetId, outcome }, 'password-reset e-mail');
  return outcome;
}

export interface PasswordResetEmailJobsOptions {
  readonly boss: PgBoss;
  readonly orm: Database['orm'];
  readonly logger: Logger;
  readonly now: () => Date;
  readonly settings: Pick<NotificationSettings, 'smtpUrl' | 'mailFrom'>;
  /** The web app's address (PUBLIC_URL): the links point there. */
  readonly publicUrl: string;
}

/** Declares the queue (under the declarations' lock) and works it in this process; `stop` closes SMTP. */
export async function startPasswordResetEmailJobs({ boss, orm, logger, now, settings, publicUrl }: PasswordResetEmailJobsOptions): Promise<{ stop(): void }> {
  const log = logger.child({ component: 'password-reset-email' });
  // Without SMTP_URL nodemailer's JSON transport writes the message, link included, to the log, as for reminders.
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, logger });
  await declarePasswordResetEmailQueue(boss, orm);
  await boss.work<PasswordResetEmailJob>(PASSWORD_RESET_EMAIL_QUEUE, async (jobs) => {
    for (const job of jobs) await runPasswordResetEmail(orm, now(), job.data, { publicUrl, mailer, log });
  });
  return { stop: () => mailer.close() };
}

export async function declarePasswordResetEmailQueue(boss: PgBoss, orm: Database['orm']): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [QUEUE_DECLARATION_LOCK]);
    await boss.createQueue(PASSWORD_RESET_EMAIL_QUEUE);
  });
}
