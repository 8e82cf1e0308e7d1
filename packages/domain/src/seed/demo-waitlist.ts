import { Appointment } from '../appointments/appointment.entity.js';
import { payInvoice, purchasePackage } from '../billing/invoices.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import { createPatient } from '../patients/create-patient.js';
import { joinWaitlist } from '../waitlist/waitlist.js';
import { DateTime } from 'luxon';
import { hoursBefore, pick, type SeedUseCaseRunner, type TenantWorld } from './demo-data.js';

/**
 * Al Noor's waitlist, through the use cases the API calls, on a patient of its own: Reem bought
 * 10 speech-therapy sessions seventy days ago and has booked none (twenty days left: AT_RISK on
 * the desk's list); she waits for the time of a speech-therapy visit booked for later this
 * week, so the day that visit is cancelled, the slot is offered to her (held) first.
 */
export async function waitlistStories({ at, ok }: SeedUseCaseRunner, world: TenantWorld, now: Date): Promise<void> {
  const clinic = pick(world.clinics, 'slp');
  const zone = clinic.timeZone;
  const year = Number(localDateOf(now, zone).slice(0, 4));
  const reem = ok(
    await createPatient(at(hoursBefore(now, 24 * 70 + 1)), {
      mrn: 'MRN-100201',
      nameEn: 'Reem Al-Anazi',
      nameAr: 'ريم العنزي',
      phone: '+966 55 407 2291',
      dateOfBirth: `${year - 6}-08-21`,
    }),
  );
  const invoice = ok(await purchasePackage(at(hoursBefore(now, 24 * 70)), { patientId: reem.id, packageId: pick(world.packages, 'slp10').entity.id }));
  const paid = ok(await payInvoice(at(hoursBefore(now, 24 * 70 - 0.2)), { invoiceId: invoice.id }));
  if (!paid.packagePurchase) throw new Error('demo data: paying the invoice must create the purchase');

  // The first speech-therapy visit booked two or more days ahead: Reem waits for exactly its time.
  const therapy = pick(world.services, 'SLP-THERAPY');
  const today = localDateOf(now, zone);
  const target = await at(now).em.findOne(
    Appointment,
    { tenant: world.tenant.id, service: therapy.id, status: 'BOOKED', startsAt: { $gte: DateTime.fromISO(addDays(today, 2), { zone }).toJSDate() } },
    { orderBy: { startsAt: 'asc' } },
  );
  if (!target) throw new Error('demo data: no booked speech-therapy visit ahead for the waitlist story');
  const day = localDateOf(target.startsAt, zone);
  const time = (instant: Date) => DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
  const entry = ok(
    await joinWaitlist(at(hoursBefore(now, 3)), {
      patientId: reem.id,
      serviceId: therapy.id,
      packagePurchaseId: paid.packagePurchase.id,
      providerIds: [target.provider.id],
      from: day,
      to: day,
      timeWindow: { from: time(target.startsAt), to: time(target.endsAt) },
    }),
  );
  if (entry.status !== 'WAITING') throw new Error('demo data: the waitlist entry must wait for the booked slot');
}
