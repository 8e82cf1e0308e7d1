import type { MessageChannel, MessageLanguage, MessageTemplate } from './patient-message.entity.js';

/**
 * The words of every message, in English and Arabic. A template takes plain facts (names, an
 * instant, a clinic's time zone) and gives the subject and body for a channel; times are shown
 * in the clinic's zone, Arabic with Arabic-Indic digits.
 */

export interface AppointmentFacts {
  readonly patientName: string;
  readonly clinicName: string;
  readonly serviceName: string;
  readonly providerName: string;
  readonly startsAt: Date;
  readonly timeZone: string;
}

export interface ExpiryFacts {
  readonly patientName: string;
  readonly clinicName: string;
  readonly packageName: string;
  readonly sessionsRemaining: number;
  /** Clinic-local date, YYYY-MM-DD. */
  readonly expiryDate: string;
}

export type TemplateFacts =
  | { readonly template: 'APPOINTMENT_REMINDER'; readonly facts: AppointmentFacts }
  | { readonly template: 'PACKAGE_EXPIRY_REMINDER'; readonly facts: ExpiryFacts };

export interface RenderedMessage {
  /** E-mail only; null for SMS. */
  readonly subject: string | null;
  readonly body: string;
}

const LOCALES: Record<MessageLanguage, string> = { en: 'en-GB', ar: 'ar-SA-u-nu-arab-ca-gregory' };

function when(language: MessageLanguage, startsAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }).format(startsAt);
}

function day(language: MessageLanguage, date: string): string {
  // A local date: formatted at noon UTC, in UTC, so it is the same day everywhere.
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
}

function count(language: MessageLanguage, sessions: number): string {
  if (language === 'en') return sessions === 1 ? '1 session' : `${sessions} sessions`;
  const digits = new Intl.NumberFormat(LOCALES.ar).format(sessions);
  switch (new Intl.PluralRules('ar').select(sessions)) {
    case 'one':
      return 'جلسة واحدة';
    case 'two':
      return 'جلستان';
    case 'few':
      return `${digits} جلسات`;
    default:
      return `${digits} جلسة`;
  }
}

const WORDS = {
  APPOINTMENT_REMINDER: {
    en: (f: AppointmentFacts) => ({
      subject: `Reminder: your appointment at ${f.clinicName}`,
      sms: `${f.clinicName}: reminder of ${f.patientName}'s ${f.serviceName} appointment on ${when('en', f.startsAt, f.timeZone)}.`,
      email: `Dear ${f.patientName},\n\nThis is a reminder of your ${f.serviceName} appointment with ${f.providerName} at ${f.clinicName} on ${when('en', f.startsAt, f.timeZone)}.\n\nIf you cannot come, please call the clinic.\n\n${f.clinicName}`,
    }),
    ar: (f: AppointmentFacts) => ({
      subject: `تذكير بموعدك في ${f.clinicName}`,
      sms: `${f.clinicName}: تذكير بموعد ${f.serviceName} للمريض ${f.patientName} يوم ${when('ar', f.startsAt, f.timeZone)}.`,
      email: `عزيزنا ${f.patientName}،\n\nنذكّرك بموعد ${f.serviceName} مع ${f.providerName} في ${f.clinicName} يوم ${when('ar', f.startsAt, f.timeZone)}.\n\nإن تعذّر عليك الحضور فاتصل بالعيادة من فضلك.\n\n${f.clinicName}`,
    }),
  },
  PACKAGE_EXPIRY_REMINDER: {
    en: (f: ExpiryFacts) => ({
      subject: `Your ${f.packageName} package expires on ${day('en', f.expiryDate)}`,
      sms: `${f.clinicName}: ${f.patientName}'s ${f.packageName} package has ${count('en', f.sessionsRemaining)} left and expires on ${day('en', f.expiryDate)}.`,
      email: `Dear ${f.patientName},\n\nYour ${f.packageName} package has ${count('en', f.sessionsRemaining)} left. It expires on ${day('en', f.expiryDate)}; sessions not used by then are lost.\n\nCall the clinic to book them.\n\n${f.clinicName}`,
    }),
    ar: (f: ExpiryFacts) => ({
      subject: `تنتهي باقة ${f.packageName} في ${day('ar', f.expiryDate)}`,
      sms: `${f.clinicName}: بقي في باقة ${f.packageName} للمريض ${f.patientName} ${count('ar', f.sessionsRemaining)}، وتنتهي في ${day('ar', f.expiryDate)}.`,
      email: `عزيزنا ${f.patientName}،\n\nبقي في باقة ${f.packageName} ${count('ar', f.sessionsRemaining)}. تنتهي الباقة في ${day('ar', f.expiryDate)}، وما لم يُستخدم من الجلسات حتى ذلك اليوم لا يُسترد.\n\nاتصل بالعيادة لحجزها.\n\n${f.clinicName}`,
    }),
  },
} satisfies Record<MessageTemplate, Record<MessageLanguage, (facts: never) => { subject: string; sms: string; email: string }>>;

/** The message of a template in a language for a channel. */
export function render(message: TemplateFacts, language: MessageLanguage, channel: MessageChannel): RenderedMessage {
  const words = message.template === 'APPOINTMENT_REMINDER' ? WORDS.APPOINTMENT_REMINDER[language](message.facts) : WORDS.PACKAGE_EXPIRY_REMINDER[language](message.facts);
  return channel === 'EMAIL' ? { subject: words.subject, body: words.email } : { subject: null, body: words.sms };
}
