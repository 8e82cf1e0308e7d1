import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { Appointment } from '../appointments/appointment.entity.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import type { Patient } from '../patients/patient.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { MESSAGE_CHANNELS, PatientMessage, type MessageChannel, type MessageLanguage, type MessageTemplate, type SkipReason } from './patient-message.entity.js';
import { render, type TemplateFacts } from './templates.js';

/** One message for a transport: the address, and the words in the patient's language. */
export interface OutgoingMessage {
  readonly channel: MessageChannel;
  readonly to: string;
  readonly language: MessageLanguage;
  readonly subject: string | null;
  readonly body: string;
}

/** Sends one message (SMTP, an SMS provider, a log); throws when the provider refuses it. */
export interface MessageTransport {
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
}

export type Transports = Readonly<Record<MessageChannel, MessageTransport>>;

export interface ReminderSettings {
  /** An appointment is reminded of once it starts within this many hours (default 24). */
  readonly appointmentLeadHours: number;
  /** A purchase with sessions left is reminded of this many days before it expires (default 14). */
  readonly expiryLeadDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { appointmentLeadHours: 24, expiryLeadDays: 14 };

export interface ReminderRun {
  readonly sent: number;
  readonly failed: number;
  readonly skipped: number;
}

const LIVE = ['BOOKED', 'CONFIRMED'] as const;
const BATCH = 200;

/** A message to claim: who, about what, for which occasion, and why not when it is not to go. */
interface Planned {
  readonly tenantId: string;
  readonly patient: Patient;
  readonly template: MessageTemplate;
  readonly appointmentId: string | null;
  readonly packagePurchaseId: string | null;
  readonly occasion: string;
  readonly facts: TemplateFacts;
  /** Read again in the claim's transaction: the reason not to send, if the occasion has passed. */
  readonly recheck: (em: EntityManager) => Promise<SkipReason | null>;
}

/**
 * Sends the reminders that are due at `now`, for every tenant: appointments starting within the
 * lead time, and purchases with sessions left expiring within theirs. Each message (patient,
 * channel, template, occasion) is claimed first, by inserting its record under the unique index
 * `patient_message_once`: a second run, in this process or another, finds it claimed and moves
 * on, so a reminder goes at most once. Then it is sent and marked SENT or FAILED. No consent for
 * the channel, no address, or an occasion gone (cancelled, moved, ended) is recorded SKIPPED.
 */
export async function sendReminders(rootEm: EntityManager, now: Date, transports: Transports, settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS): Promise<ReminderRun> {
  const planned = [...(await dueAppointments(rootEm.fork(), now, settings)), ...(await dueExpiries(rootEm.fork(), now, settings))];
  const tally = { sent: 0, failed: 0, skipped: 0 };
  for (const plan of planned) {
    for (const channel of MESSAGE_CHANNELS) {
      const outcome = await deliver(rootEm, now, transports, plan, channel);
      if (outcome) tally[outcome] += 1;
    }
  }
  return tally;
}

async function dueAppointments(em: EntityManager, now: Date, settings: ReminderSettings): Promise<Planned[]> {
  const until = new Date(now.getTime() + settings.appointmentLeadHours * 3_600_000);
  const appointments = await em.find(
    Appointment,
    {
      status: { $in: [...LIVE] },
      startsAt: { $gt: now, $lte: until },
      // Only those with a channel still to do for this start time (the occasion is its ISO instant).
      [raw((a: string) => `(select count(*) from patient_message m where m.appointment_id = ${a}.id and m.occasion = to_char(${a}.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`)]: { $lt: MESSAGE_CHANNELS.length },
    },
    { populate: ['patient', 'clinic', 'service', 'provider'], orderBy: { startsAt: 'asc', id: 'asc' }, limit: BATCH },
  );
  return appointments.map((appointment) => {
    const occasion = appointment.startsAt.toISOString();
    return {
      tenantId: appointment.tenant.id,
      patient: appointment.patient,
      template: 'APPOINTMENT_REMINDER',
      appointmentId: appointment.id,
      packagePurchaseId: null,
      occasion,
      facts: {
        template: 'APPOINTMENT_REMINDER',
        facts: {
          patientName: nameIn(appointment.patient.preferredLanguage, appointment.patient.nameEn, appointment.patient.nameAr),
          clinicName: nameIn(appointment.patient.preferredLanguage, appointment.clinic.nameEn, appointment.clinic.nameAr),
          serviceName: nameIn(appointment.patient.preferredLanguage, appointment.service.nameEn, appointment.service.nameAr),
          providerName: nameIn(appointment.patient.preferredLanguage, appointment.provider.name, appointment.provider.nameAr),
          startsAt: appointment.startsAt,
          timeZone: appointment.clinic.timeZone,
        },
      },
      recheck: async (tx) => {
        const [row] = await tx.execute<Array<{ status: string; starts_at: Date }>>('select status, starts_at from appointment where id = ? for share', [appointment.id]);
        if (!row || !(LIVE as readonly string[]).includes(row.status)) return 'APPOINTMENT_CANCELLED';
        return new Date(row.starts_at).toISOString() === occasion ? null : 'APPOINTMENT_MOVED';
      },
    } satisfies Planned;
  });
}

async function dueExpiries(em: EntityManager, now: Date, settings: ReminderSettings): Promise<Planned[]> {
  // A day either side of UTC's date covers every clinic's zone; each purchase is then checked in its own.
  const from = addDays(localDateOf(now, 'UTC'), -1);
  const until = addDays(localDateOf(now, 'UTC'), settings.expiryLeadDays + 1);
  const purchases = await em.find(
    PackagePurchase,
    {
      status: 'ACTIVE',
      expiryDate: { $gte: from, $lte: until },
      [raw((p: string) => `(select count(*) from patient_message m where m.package_purchase_id = ${p}.id and m.occasion = ${p}.expiry_date::text)`)]: { $lt: MESSAGE_CHANNELS.length },
    },
    { populate: ['patient', 'package', 'package.clinic'], orderBy: { expiryDate: 'asc', id: 'asc' }, limit: BATCH },
  );
  return purchases
    .filter((purchase) => {
      const today = localDateOf(now, purchase.package.clinic.timeZone);
      return purchase.sessionsRemaining > 0 && purchase.expiryDate >= today && purchase.expiryDate <= addDays(today, settings.expiryLeadDays);
    })
    .map((purchase) => {
      const language = purchase.patient.preferredLanguage;
      const occasion = purchase.expiryDate;
      return {
        tenantId: purchase.tenant.id,
        patient: purchase.patient,
        template: 'PACKAGE_EXPIRY_REMINDER',
        appointmentId: null,
        packagePurchaseId: purchase.id,
        occasion,
        facts: {
          template: 'PACKAGE_EXPIRY_REMINDER',
          facts: {
            patientName: nameIn(language, purchase.patient.nameEn, purchase.patient.nameAr),
            clinicName: nameIn(language, purchase.package.clinic.nameEn, purchase.package.clinic.nameAr),
            packageName: nameIn(language, purchase.package.nameEn, purchase.package.nameAr),
            sessionsRemaining: purchase.sessionsRemaining,
            expiryDate: purchase.expiryDate,
          },
        },
        recheck: async (tx) => {
          const [row] = await tx.execute<Array<{ status: string; left: number; expiry_date: string }>>(
            'select status, total_sessions - sessions_used as left, expiry_date::text as expiry_date from package_purchase where id = ? for share',
            [purchase.id],
          );
          if (!row || row.status !== 'ACTIVE' || row.expiry_date !== occasion) return 'PURCHASE_ENDED';
          return row.left > 0 ? null : 'NO_SESSIONS_LEFT';
        },
      } satisfies Planned;
    });
}

function nameIn(language: MessageLanguage, en: string, ar: string | null | undefined): string {
  return language === 'ar' && ar ? ar : en;
}

function addressOf(patient: Patient, channel: MessageChannel): string | null {
  return (channel === 'EMAIL' ? patient.email : patient.phone) ?? null;
}

function consents(patient: Patient, channel: MessageChannel): boolean {
  return channel === 'EMAIL' ? patient.remindersByEmail : patient.remindersBySms;
}

/**
 * Claims one message and sends it. Returns what became of it, or null when another run had
 * claimed it already (nothing done).
 */
async function deliver(rootEm: EntityManager, now: Date, transports: Transports, plan: Planned, channel: MessageChannel): Promise<'sent' | 'failed' | 'skipped' | null> {
  const { patient } = plan;
  const language = patient.preferredLanguage;
  const to = addressOf(patient, channel);
  const words = render(plan.facts, language, channel);
  const claimed = await rootEm.fork().transactional(async (em) => {
    const reason: SkipReason | null = !consents(patient, channel) ? 'NO_CONSENT' : !to ? 'NO_ADDRESS' : await plan.recheck(em);
    const rows = await em.execute<Array<{ id: string }>>(
      `insert into patient_message (id, tenant_id, created_at, patient_id, channel, template, language, status, reason, appointment_id, package_purchase_id, occasion, recipient, subject, body)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict do nothing returning id`,
      [
        plan.tenantId,
        now,
        patient.id,
        channel,
        plan.template,
        language,
        reason ? 'SKIPPED' : 'PENDING',
        reason,
        plan.appointmentId,
        plan.packagePurchaseId,
        plan.occasion,
        to,
        reason ? null : words.subject,
        reason ? null : words.body,
      ],
    );
    return rows[0] ? { id: rows[0].id, reason } : null;
  });
  if (!claimed) return null;
  if (claimed.reason) return 'skipped';
  let outcome: { status: 'SENT'; providerMessageId: string | null } | { status: 'FAILED'; error: string };
  try {
    const { providerMessageId } = await transports[channel].send({ channel, to: to as string, language, subject: words.subject, body: words.body });
    outcome = { status: 'SENT', providerMessageId };
  } catch (error) {
    outcome = { status: 'FAILED', error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
  await rootEm
    .fork()
    .nativeUpdate(
      PatientMessage,
      { id: claimed.id },
      outcome.status === 'SENT' ? { status: 'SENT', sentAt: now, providerMessageId: outcome.providerMessageId } : { status: 'FAILED', error: outcome.error },
    );
  return outcome.status === 'SENT' ? 'sent' : 'failed';
}
