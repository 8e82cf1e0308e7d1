import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { payInvoice, purchasePackage } from '../billing/invoices.js';
import { addDays, instantAt, localDateOf, weekdayIndexOf, type LocalDate } from '../kernel/local-time.js';
import { createPatient } from '../patients/create-patient.js';
import { hoursBefore, pick, type SeedUseCaseRunner, type TenantWorld } from './demo-data.js';

/**
 * What a visit of the day has become by "now", told by its time rather than by a fixed status,
 * so the desk looks like a real day whatever hour the demo is loaded:
 * - `visit`: confirmed the day before; arrived, started and completed on time.
 * - `booked`: like a visit, but nobody confirmed it yet.
 * - `waiting`: checked in up to half an hour early, still in the waiting room until it ends.
 * - `late`: never confirmed, not here at its start (the desk shows it late); a no-show
 *   45 minutes after its start.
 * - `noShow`: confirmed; not here at its start (late), recorded as a no-show 30 minutes after.
 */
type DeskIntent = 'visit' | 'booked' | 'waiting' | 'late' | 'noShow';

interface DeskVisit {
  provider: string;
  service: string;
  /** Preferred local start; the visit takes the first free quarter hour from it. */
  at: string;
  intent: DeskIntent;
  /** An existing demo patient (a single visit), or a new patient's package session (`newPatient`). */
  patient?: string;
  newPatient?: number;
}

/** Patients of this story, each with a package bought two weeks ago whose first session is today. */
const NEW_PATIENTS = [
  { mrn: 'MRN-100301', nameEn: 'Rakan Al-Otaibi', nameAr: 'راكان العتيبي', age: 7, phone: '+966 55 610 2841', package: 'ot12' },
  { mrn: 'MRN-100302', nameEn: 'Lama Al-Zahrani', nameAr: 'لمى الزهراني', age: 5, phone: '+966 50 233 9175', package: 'ot12' },
  { mrn: 'MRN-100303', nameEn: 'Omar Al-Ghamdi', nameAr: 'عمر الغامدي', age: 8, phone: '+966 54 871 3360', package: 'ot12' },
  { mrn: 'MRN-100304', nameEn: 'Nouf Al-Harbi', nameAr: 'نوف الحربي', age: 4, phone: '+966 56 392 0418', package: 'slp10' },
  { mrn: 'MRN-100305', nameEn: 'Tala Al-Mutairi', nameAr: 'تالا المطيري', age: 6, phone: '+966 53 704 5526', package: 'slp10' },
] as const;

/**
 * The day: Occupational Therapy (the desk's first clinic, by name) and Speech-Language
 * Pathology, two providers each, package sessions and single visits. At 09:00 the OT desk shows
 * a completed visit, a no-show, one in progress, one late, one waiting, and the rest ahead.
 */
const DAY: readonly DeskVisit[] = [
  { provider: 'lina', service: 'OT-THERAPY', at: '08:00', intent: 'visit', newPatient: 0 },
  { provider: 'tariq', service: 'OT-THERAPY', at: '08:00', intent: 'noShow', patient: 'aseel' },
  { provider: 'lina', service: 'OT-THERAPY', at: '08:45', intent: 'visit', patient: 'saud' },
  { provider: 'tariq', service: 'OT-THERAPY', at: '08:45', intent: 'late', patient: 'hala' },
  { provider: 'lina', service: 'OT-THERAPY', at: '09:30', intent: 'waiting', newPatient: 1 },
  { provider: 'tariq', service: 'OT-THERAPY', at: '10:00', intent: 'visit', patient: 'noura' },
  { provider: 'lina', service: 'OT-THERAPY', at: '11:00', intent: 'booked', patient: 'khalid' },
  { provider: 'tariq', service: 'OT-THERAPY', at: '13:00', intent: 'visit', newPatient: 2 },
  { provider: 'huda', service: 'SLP-THERAPY', at: '08:00', intent: 'visit', newPatient: 3 },
  { provider: 'nada', service: 'SLP-THERAPY', at: '08:00', intent: 'noShow', patient: 'dana' },
  { provider: 'huda', service: 'SLP-THERAPY', at: '08:45', intent: 'visit', patient: 'ibrahim' },
  { provider: 'nada', service: 'SLP-ASSESS', at: '09:15', intent: 'waiting', patient: 'maryam' },
  { provider: 'huda', service: 'SLP-THERAPY', at: '10:30', intent: 'visit', newPatient: 4 },
  { provider: 'nada', service: 'SLP-THERAPY', at: '13:00', intent: 'booked', patient: 'turki' },
];

const MINUTE = 60_000;

/** The status steps (each at its time) the intent has reached by `now`; empty while it is only booked. */
export function deskSteps(intent: DeskIntent, startsAt: Date, endsAt: Date, now: Date): Array<{ status: AppointmentStatus; at: Date }> {
  const s = startsAt.getTime();
  const e = endsAt.getTime();
  const n = now.getTime();
  const at = (time: number) => new Date(time);
  // Confirmed the evening before (or half an hour ago when the day is tomorrow's and evening not yet come).
  const confirmed = { status: 'CONFIRMED' as const, at: at(Math.min(s - 15 * 60 * MINUTE, n - 30 * MINUTE)) };
  switch (intent) {
    case 'booked':
    case 'visit': {
      const steps: Array<{ status: AppointmentStatus; at: Date }> = intent === 'visit' ? [confirmed] : [];
      if (n >= s) steps.push({ status: 'ARRIVED', at: at(s - 10 * MINUTE) }, { status: 'IN_PROGRESS', at: at(s) });
      if (n >= e) steps.push({ status: 'COMPLETED', at: at(e) });
      return steps;
    }
    case 'waiting': {
      if (n >= e) return [confirmed, { status: 'ARRIVED', at: at(s - 20 * MINUTE) }, { status: 'COMPLETED', at: at(e) }];
      if (n >= s - 30 * MINUTE) return [confirmed, { status: 'ARRIVED', at: at(Math.min(n, s - 20 * MINUTE)) }];
      return [confirmed];
    }
    case 'late':
      return n >= s + 45 * MINUTE ? [{ status: 'NO_SHOW', at: at(s + 45 * MINUTE) }] : [];
    case 'noShow':
      return n >= s + 30 * MINUTE ? [confirmed, { status: 'NO_SHOW', at: at(s + 30 * MINUTE) }] : [confirmed];
  }
}

/**
 * Al Noor's day at the desk, through the use cases the API calls: today (clinic-local) in both
 * clinics, the visits of DAY in the states a front desk sees at the seed's "now" (deskSteps).
 * When today is not a working day (Friday, Saturday), the day is the next working day, as the
 * other stories' visits are moved: then every visit is still ahead (booked or confirmed).
 * It runs after the other stories, on times they left free: a visit whose preferred time is
 * taken moves to the next free quarter hour of its provider's hours.
 */
export async function deskStories({ at, ok }: SeedUseCaseRunner, world: TenantWorld, now: Date): Promise<void> {
  const zone = pick(world.clinics, 'ot').timeZone;
  let day: LocalDate = localDateOf(now, zone);
  while (weekdayIndexOf(day) > 4) day = addDays(day, 1);
  const year = Number(localDateOf(now, zone).slice(0, 4));

  const purchases: string[] = [];
  const patients: string[] = [];
  for (const [index, seed] of NEW_PATIENTS.entries()) {
    const registered = hoursBefore(now, 24 * 14 + 1 + index * 0.1);
    const patient = ok(
      await createPatient(at(registered), { mrn: seed.mrn, nameEn: seed.nameEn, nameAr: seed.nameAr, phone: seed.phone, dateOfBirth: `${year - seed.age}-02-15` }),
    );
    const invoice = ok(await purchasePackage(at(new Date(registered.getTime() + 10 * MINUTE)), { patientId: patient.id, packageId: pick(world.packages, seed.package).entity.id }));
    const paid = ok(await payInvoice(at(new Date(registered.getTime() + 20 * MINUTE)), { invoiceId: invoice.id }));
    if (!paid.packagePurchase) throw new Error('demo data: paying the invoice must create the purchase');
    patients.push(patient.id);
    purchases.push(paid.packagePurchase.id);
  }

  const bookedAt = hoursBefore(now, 24 * 7);
  for (const visit of DAY) {
    const patientId = visit.newPatient !== undefined ? patients[visit.newPatient]! : pick(world.patients, visit.patient ?? '').id;
    const packagePurchaseId = visit.newPatient !== undefined ? purchases[visit.newPatient]! : null;
    const input = { patientId, providerId: pick(world.providers, visit.provider).id, serviceId: pick(world.services, visit.service).id, packagePurchaseId };
    let booked: { id: string; startsAt: Date; endsAt: Date } | null = null;
    let refused = '';
    for (let startsAt = instantAt(day, visit.at, zone); startsAt < instantAt(day, '16:00', zone); startsAt = new Date(startsAt.getTime() + 15 * MINUTE)) {
      const result = await bookAppointment(at(bookedAt), { ...input, startsAt });
      if (result.ok) {
        booked = result.value;
        break;
      }
      refused = result.error.code;
    }
    if (!booked) throw new Error(`demo data: no free time for ${visit.provider} on ${day} from ${visit.at} (${refused})`);
    for (const step of deskSteps(visit.intent, booked.startsAt, booked.endsAt, now)) {
      ok(await setAppointmentStatus(at(step.at), { appointmentId: booked.id, status: step.status }));
    }
  }
}
