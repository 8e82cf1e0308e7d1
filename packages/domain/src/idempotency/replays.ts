import { Appointment } from '../appointments/appointment.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { progressOf } from '../purchases/package-progress.js';
import type { PaidInvoice } from '../purchases/purchase-package.js';
import type { PackageSchedule, SchedulingError } from '../scheduling/schedule-package.js';
import type { Replay } from './idempotently.js';

/**
 * What each creating mutation remembers under its key (the ids it created, and for a schedule
 * the sessions it could not place), and how the answer is loaded again. The rows are read as
 * they are now: a retry sees the records the first call created, in their present state.
 */
export const replays = {
  createPatient: {
    remember: (patient) => ({ patientId: patient.id }),
    recall: (em, tenantId, remembered) => em.findOneOrFail(Patient, { id: field(remembered, 'patientId'), tenant: tenantId }),
  } satisfies Replay<Patient>,

  purchasePackage: {
    remember: (invoice) => ({ invoiceId: invoice.id }),
    recall: (em, tenantId, remembered) => em.findOneOrFail(Invoice, { id: field(remembered, 'invoiceId'), tenant: tenantId }),
  } satisfies Replay<Invoice>,

  payInvoice: {
    remember: ({ invoice, packagePurchase }) => ({ invoiceId: invoice.id, packagePurchaseId: packagePurchase.id }),
    recall: async (em, tenantId, remembered) => ({
      invoice: await em.findOneOrFail(Invoice, { id: field(remembered, 'invoiceId'), tenant: tenantId }),
      packagePurchase: await em.findOneOrFail(PackagePurchase, { id: field(remembered, 'packagePurchaseId'), tenant: tenantId }),
    }),
  } satisfies Replay<PaidInvoice>,

  bookAppointment: {
    remember: (appointment) => ({ appointmentId: appointment.id }),
    recall: (em, tenantId, remembered) => em.findOneOrFail(Appointment, { id: field(remembered, 'appointmentId'), tenant: tenantId }),
  } satisfies Replay<Appointment>,

  schedulePackage: {
    remember: ({ appointments, schedulingErrors, progress }) => ({
      packagePurchaseId: progress.packagePurchase.id,
      appointmentIds: appointments.map((appointment) => appointment.id),
      schedulingErrors,
    }),
    recall: async (em, tenantId, remembered) => {
      const { appointmentIds, schedulingErrors } = remembered as { appointmentIds: string[]; schedulingErrors: SchedulingError[] };
      const purchase = await em.findOneOrFail(PackagePurchase, { id: field(remembered, 'packagePurchaseId'), tenant: tenantId });
      const all = await em.find(Appointment, { packagePurchase: purchase, tenant: tenantId });
      const byId = new Map(all.map((appointment) => [appointment.id, appointment]));
      const appointments = appointmentIds.flatMap((id) => byId.get(id) ?? []);
      return { appointments, schedulingErrors, progress: progressOf(purchase, all) };
    },
  } satisfies Replay<PackageSchedule>,
};

function field(remembered: unknown, name: string): string {
  const value = (remembered as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string') throw new Error(`the remembered answer has no ${name}`);
  return value;
}

export type ReplayedOperation = keyof typeof replays;

