import { Appointment } from '../appointments/appointment.entity.js';
import { sendReminders, type Transports } from '../notifications/reminders.js';
import { updatePatient } from '../patients/update-patient.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import type { SeedUseCaseRunner, TenantWorld } from './demo-data.js';

/** The demo sends nothing anywhere: each message is recorded as a transport would answer. */
const RECORDED_ONLY: Transports = {
  EMAIL: { send: () => Promise.resolve({ providerMessageId: `demo-mail-${crypto.randomUUID()}` }) },
  SMS: { send: () => Promise.resolve({ providerMessageId: `demo-sms-${crypto.randomUUID()}` }) },
};

/**
 * Al Noor's patients' contact details and consent, through the use case the API calls, for the
 * families the reminders concern at the seed's "now": the first patient with an appointment in
 * the next 24 hours reads English and agreed to e-mail and SMS; the second reads Arabic and
 * agreed to e-mail only; so did the first with a purchase expiring within 14 days (sessions
 * left), who reads Arabic. Everyone else has given no consent. Then the reminder run at "now"
 * records the messages due (sent, or skipped with why), so patient pages show messages at once.
 */
export async function notificationStories({ at, ok }: SeedUseCaseRunner, world: TenantWorld, now: Date): Promise<void> {
  const { em } = at(now);
  const soon = await em.find(
    Appointment,
    { tenant: world.tenant, status: { $in: ['BOOKED', 'CONFIRMED'] }, startsAt: { $gt: now, $lte: new Date(now.getTime() + 24 * 3_600_000) } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  const today = localDateOf(now, 'Asia/Riyadh');
  const expiring = await em.find(
    PackagePurchase,
    { tenant: world.tenant, status: 'ACTIVE', expiryDate: { $gte: today, $lte: addDays(today, 14) } },
    { orderBy: { expiryDate: 'asc', id: 'asc' } },
  );
  const patients = [...new Set(soon.map((appointment) => appointment.patient.id))];
  const withSessions = expiring.find((purchase) => purchase.sessionsRemaining > 0 && !patients.slice(0, 2).includes(purchase.patient.id));
  const contact = [
    { patientId: patients[0], email: 'family.one@example.com', preferredLanguage: 'en', remindersByEmail: true, remindersBySms: true },
    { patientId: patients[1], email: 'family.two@example.com', preferredLanguage: 'ar', remindersByEmail: true, remindersBySms: false },
    { patientId: withSessions?.patient.id, email: 'family.three@example.com', preferredLanguage: 'ar', remindersByEmail: true, remindersBySms: false },
  ];
  for (const { patientId, ...fields } of contact) {
    if (patientId) ok(await updatePatient(at(now), { patientId, ...fields }));
  }
  await sendReminders(em, now, RECORDED_ONLY);
}
