import { listInvoices, payInvoice, purchasePackage, recordPayment } from '../billing/invoices.js';
import { waiveCharge } from '../billing/waive-charge.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { addDays, instantAt, localDateOf, weekdayIndexOf } from '../kernel/local-time.js';
import { createPatient } from '../patients/create-patient.js';
import { cancelPackagePurchase } from '../purchases/cancel-purchase.js';
import { freezePackagePurchase } from '../purchases/freeze-purchase.js';
import { transferPackagePurchase } from '../purchases/transfer-purchase.js';
import { hoursBefore, pick, type SeedUseCaseRunner, type TenantWorld } from './demo-data.js';

/**
 * Al Noor's purchases beyond use, through the use cases the API calls, on patients of their own
 * (no existing story changes): a purchase cancelled with a full refund, a frozen purchase, and a
 * purchase whose unused sessions went to a sibling, none with appointments; a no-show whose
 * session was given back (waived) because the child was taken to hospital; and a part payment on
 * the open invoice, so one invoice is partly paid.
 */
export async function moneyLifeStories(run: SeedUseCaseRunner, world: TenantWorld, now: Date): Promise<void> {
  const { at, ok } = run;
  const year = Number(localDateOf(now, 'Asia/Riyadh').slice(0, 4));
  const patient = async (mrn: string, nameEn: string, nameAr: string, when: Date, age: number, phone: string) =>
    ok(await createPatient(at(when), { mrn, nameEn, nameAr, phone, dateOfBirth: `${year - age}-04-10` }));
  const bought = async (patientId: string, packageKey: string, when: Date) => {
    const invoice = ok(await purchasePackage(at(when), { patientId, packageId: pick(world.packages, packageKey).entity.id }));
    const paid = ok(await payInvoice(at(new Date(when.getTime() + 600_000)), { invoiceId: invoice.id }));
    if (!paid.packagePurchase) throw new Error('demo data: paying the invoice must create the purchase');
    return paid.packagePurchase;
  };

  // Rana: 10 SLP sessions bought twelve days ago; the family moved away: cancelled yesterday, all of it refunded.
  const rana = await patient('MRN-100101', 'Rana Al-Habib', 'رنا الحبيب', hoursBefore(now, 24 * 12 + 1), 7, '+966 55 318 7720');
  const refunded = await bought(rana.id, 'slp10', hoursBefore(now, 24 * 12));
  ok(await cancelPackagePurchase(at(hoursBefore(now, 24)), { packagePurchaseId: refunded.id, reason: 'The family moved to Jeddah.' }));

  // Bandar: 12 OT sessions bought five days ago, paused for two weeks of family travel starting in three days.
  const bandar = await patient('MRN-100102', 'Bandar Al-Saleh', 'بندر الصالح', hoursBefore(now, 24 * 5 + 1), 9, '+966 54 602 1187');
  const toFreeze = await bought(bandar.id, 'ot12', hoursBefore(now, 24 * 5));
  const today = localDateOf(now, pick(world.clinics, 'ot').timeZone);
  ok(await freezePackagePurchase(at(hoursBefore(now, 2)), { packagePurchaseId: toFreeze.id, from: addDays(today, 3), to: addDays(today, 16), reason: 'Family travel' }));

  // Ghada's SLP assessment and 8 sessions, bought three weeks ago, went to her brother Fahad yesterday.
  const ghada = await patient('MRN-100103', 'Ghada Al-Fahad', 'غادة الفهد', hoursBefore(now, 24 * 21 + 1), 8, '+966 50 744 3906');
  const fahad = await patient('MRN-100104', 'Fahad Al-Fahad', 'فهد الفهد', hoursBefore(now, 24 * 21 + 1), 5, '+966 50 744 3907');
  const toTransfer = await bought(ghada.id, 'slp-assess-8', hoursBefore(now, 24 * 21));
  ok(await transferPackagePurchase(at(hoursBefore(now, 20)), { packagePurchaseId: toTransfer.id, toPatientId: fahad.id, reason: 'Ghada finished her therapy; her brother continues.' }));

  // Nawaf: 12 OT sessions bought ten days ago; he missed a session (a no-show, the session used),
  // and finance gave it back the same day: he was in hospital.
  const nawaf = await patient('MRN-100105', 'Nawaf Al-Rasheed', 'نواف الرشيد', hoursBefore(now, 24 * 10 + 1), 6, '+966 56 219 4485');
  const missed = await bought(nawaf.id, 'ot12', hoursBefore(now, 24 * 10));
  const zone = pick(world.clinics, 'ot').timeZone;
  const bookedAt = hoursBefore(now, 24 * 10 - 1);
  const service = pick(world.services, 'OT-THERAPY');
  let noShow: { id: string; startsAt: Date } | null = null;
  // The latest free working slot two to eight days ago (Sunday to Thursday), with either OT therapist.
  search: for (let back = 2; back <= 8; back += 1) {
    const day = addDays(today, -back);
    if (weekdayIndexOf(day) > 4) continue;
    for (const time of ['15:00', '14:00', '13:00', '11:00', '10:00', '09:00', '08:00']) {
      for (const providerKey of ['tariq', 'lina']) {
        const startsAt = instantAt(day, time, zone);
        const booked = await bookAppointment(at(bookedAt), { patientId: nawaf.id, providerId: pick(world.providers, providerKey).id, serviceId: service.id, startsAt, packagePurchaseId: missed.id });
        if (booked.ok) {
          noShow = { id: booked.value.id, startsAt };
          break search;
        }
      }
    }
  }
  if (!noShow) throw new Error('demo data: no free OT slot for the waived no-show');
  ok(await setAppointmentStatus(at(new Date(noShow.startsAt.getTime() + 3_600_000)), { appointmentId: noShow.id, status: 'NO_SHOW' }));
  ok(await waiveCharge(at(new Date(noShow.startsAt.getTime() + 5 * 3_600_000)), { appointmentId: noShow.id, reason: 'He was admitted to hospital that morning.' }));

  // Ziyad's OT invoice, issued half an hour ago: the family paid 1000.00 in cash towards it; the rest is owed.
  const [open] = ok(await listInvoices(at(now), { patientId: pick(world.patients, 'ziyad').id, status: ['ISSUED'] }));
  if (!open) throw new Error("demo data: Ziyad's invoice must be open");
  ok(await recordPayment(at(hoursBefore(now, 0.25)), { invoiceId: open.id, amount: '1000.00', method: 'CASH', reference: null }));
}
