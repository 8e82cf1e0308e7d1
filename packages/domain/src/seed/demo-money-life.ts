import { payInvoice, purchasePackage } from '../billing/invoices.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import { createPatient } from '../patients/create-patient.js';
import { cancelPackagePurchase } from '../purchases/cancel-purchase.js';
import { freezePackagePurchase } from '../purchases/freeze-purchase.js';
import { transferPackagePurchase } from '../purchases/transfer-purchase.js';
import { hoursBefore, pick, type SeedUseCaseRunner, type TenantWorld } from './demo-data.js';

/**
 * Al Noor's purchases beyond use, through the use cases the API calls, on patients of their own
 * (no existing story changes): a purchase cancelled with a full refund, a frozen purchase, and a
 * purchase whose unused sessions went to a sibling. None has appointments.
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
}
