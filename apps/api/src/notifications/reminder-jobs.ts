import { sendReminders, type Database, type ReminderSettings, type Transports } from '@clinic/domain';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import { QUEUE_DECLARATION_LOCK } from '../jobs/jobs.js';
import { createMailer, emailTransport, type Mailer } from './mailer.js';
import type { NotificationSettings } from './settings.js';
import { smsProviderOf, smsTransport } from './sms.js';

export const REMINDER_QUEUE = 'send-reminders';

export interface ReminderJobsOptions {
  readonly boss: PgBoss;
  readonly orm: Database['orm'];
  readonly logger: Logger;
  readonly now: () => Date;
  readonly settings: NotificationSettings;
}

export interface ReminderJobs {
  readonly transports: Transports;
  /** Closes the SMTP connection (the queue is stopped with the other jobs). */
  stop(): void;
}

/** The channels of an installation: nodemailer (SMTP_URL or the log) and the SMS provider. */
export function transportsOf(settings: NotificationSettings, logger: Logger): { transports: Transports; mailer: Mailer } {
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, logger });
  return { mailer, transports: { EMAIL: emailTransport(mailer), SMS: smsTransport(smsProviderOf(settings, logger)) } };
}

/** One run: the reminders due now, each claimed before it is sent (see sendReminders). */
export async function runReminders(orm: Database['orm'], now: Date, transports: Transports, reminders: ReminderSettings, log: Logger) {
  const run = await sendReminders(orm.em, now, transports, reminders);
  if (run.sent + run.failed + run.skipped > 0) log.info(run, 'reminders: messages sent, failed and skipped');
  return run;
}

/**
 * The reminder run as a scheduled pg-boss job: declared by every process (one job per cron slot
 * whatever their number), worked by one of them; also asked for once at start-up. A run that
 * overlaps another sends nothing twice: each message is claimed in the database first.
 */
export async function startReminderJobs({ boss, orm, logger, now, settings }: ReminderJobsOptions): Promise<ReminderJobs> {
  const log = logger.child({ component: 'reminders' });
  const { transports, mailer } = transportsOf(settings, logger);
  // Declared under the same lock as the other queues (concurrent DDL of pg-boss deadlocks).
  await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [QUEUE_DECLARATION_LOCK]);
    await boss.createQueue(REMINDER_QUEUE);
    await boss.schedule(REMINDER_QUEUE, settings.remindersCron);
  });
  await boss.work(REMINDER_QUEUE, async () => runReminders(orm, now(), transports, settings.reminders, log));
  await boss.send(REMINDER_QUEUE, {}, { singletonKey: 'start-up', singletonSeconds: 60 });
  return { transports, stop: () => mailer.close() };
}
