import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '@clinic/domain';
import { ConfigError } from '../config.js';

export const SMS_PROVIDERS = ['log', 'http'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** How this installation sends messages; read once at start-up from the environment. */
export interface NotificationSettings {
  /** smtp:// or smtps:// (user and password in the URL); unset: e-mails are written to the log. */
  readonly smtpUrl: string | undefined;
  /** The From of every e-mail. */
  readonly mailFrom: string;
  readonly smsProvider: SmsProviderName;
  /** SMS_PROVIDER=http: where each SMS is POSTed as JSON, and the bearer token sent with it. */
  readonly smsHttpUrl: string | undefined;
  readonly smsHttpToken: string | undefined;
  readonly reminders: ReminderSettings;
  /** The reminder run's schedule (cron, UTC). */
  readonly remindersCron: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads and validates the notification settings; reports every problem at once. */
export function loadNotificationSettings(env: Environment = process.env): NotificationSettings {
  const problems: string[] = [];
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const smtpUrl = value('SMTP_URL');
  if (smtpUrl !== undefined && !hasProtocol(smtpUrl, ['smtp:', 'smtps:'])) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  const mailFrom = value('MAIL_FROM') ?? 'Clinic reminders <no-reply@clinic.invalid>';
  const smsProvider = value('SMS_PROVIDER') ?? 'log';
  if (!(SMS_PROVIDERS as readonly string[]).includes(smsProvider)) problems.push(`SMS_PROVIDER must be one of ${SMS_PROVIDERS.join(', ')}`);
  const smsHttpUrl = value('SMS_HTTP_URL');
  if (smsProvider === 'http' && (smsHttpUrl === undefined || !hasProtocol(smsHttpUrl, ['https:', 'http:']))) problems.push('SMS_PROVIDER=http needs SMS_HTTP_URL, an http(s):// URL');
  const appointmentLeadHours = whole('REMINDER_APPOINTMENT_HOURS', value('REMINDER_APPOINTMENT_HOURS'), DEFAULT_REMINDER_SETTINGS.appointmentLeadHours, 1, 168, problems);
  const expiryLeadDays = whole('REMINDER_EXPIRY_DAYS', value('REMINDER_EXPIRY_DAYS'), DEFAULT_REMINDER_SETTINGS.expiryLeadDays, 1, 90, problems);
  const remindersCron = value('REMINDERS_CRON') ?? '*/10 * * * *';
  if (!/^(\S+\s+){4}\S+$/.test(remindersCron)) problems.push('REMINDERS_CRON must be a cron expression of five fields');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    smtpUrl,
    mailFrom,
    smsProvider: smsProvider as SmsProviderName,
    smsHttpUrl,
    smsHttpToken: value('SMS_HTTP_TOKEN'),
    reminders: { appointmentLeadHours, expiryLeadDays },
    remindersCron,
  };
}

function hasProtocol(raw: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) problems.push(`${name} must be a whole number from ${min} to ${max}`);
  return parsed;
}
