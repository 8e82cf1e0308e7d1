import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment } from '../appointments/appointment.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import type { RecordedPayment } from '../billing/invoices.js';
import { Payment } from '../billing/payment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import type { CancelledPurchase } from '../purchases/cancel-purchase.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { progressOf } from '../purchases/package-progress.js';
import type { PaidInvoice } from '../purchases/purchase-package.js';
import type { TransferredPurchase } from '../purchases/transfer-purchase.js';
import { WaitlistEntry } from '../waitlist/waitlist-entry.entity.js';
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

  // Money: a retried payment or refund must not take or give money twice.
  recordPayment: {
    remember: ({ payment, invoice, packagePurchase }) => ({
      invoiceId: invoice.id,
      paymentId: payment?.id ?? null,
      packagePurchaseId: packagePurchase?.id ?? null,
    }),
    recall: async (em, tenantId, remembered) => ({
      invoice: await em.findOneOrFail(Invoice, { id: field(remembered, 'invoiceId'), tenant: tenantId }),
      payment: await optional(em, Payment, tenantId, remembered, 'paymentId'),
      packagePurchase: await optional(em, PackagePurchase, tenantId, remembered, 'packagePurchaseId'),
    }),
  } satisfies Replay<RecordedPayment>,

  cancelPackagePurchase: {
    remember: ({ packagePurchase, refunded, retained, cancelledAppointments }) => ({
      packagePurchaseId: packagePurchase.id,
      refunded,
      retained,
      appointmentIds: cancelledAppointments.map((appointment) => appointment.id),
    }),
    recall: async (em, tenantId, remembered) => ({
      packagePurchase: await em.findOneOrFail(PackagePurchase, { id: field(remembered, 'packagePurchaseId'), tenant: tenantId }),
      refunded: field(remembered, 'refunded'),
      retained: field(remembered, 'retained'),
      cancelledAppointments: await appointmentsIn(em, tenantId, remembered),
    }),
  } satisfies Replay<CancelledPurchase>,

  transferPackagePurchase: {
    remember: ({ from, to, cancelledAppointments }) => ({
      fromId: from.id,
      toId: to.id,
      appointmentIds: cancelledAppointments.map((appointment) => appointment.id),
    }),
    recall: async (em, tenantId, remembered) => ({
      from: await em.findOneOrFail(PackagePurchase, { id: field(remembered, 'fromId'), tenant: tenantId }),
      to: await em.findOneOrFail(PackagePurchase, { id: field(remembered, 'toId'), tenant: tenantId }),
      cancelledAppointments: await appointmentsIn(em, tenantId, remembered),
    }),
  } satisfies Replay<TransferredPurchase>,

  joinWaitlist: {
    remember: (entry) => ({ waitlistEntryId: entry.id }),
    recall: (em, tenantId, remembered) => em.findOneOrFail(WaitlistEntry, { id: field(remembered, 'waitlistEntryId'), tenant: tenantId }),
  } satisfies Replay<WaitlistEntry>,
};

/** A remembered id that may be null (a payment of nothing, a payment that settled nothing). */
async function optional<T extends Payment | PackagePurchase>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  tenantId: string,
  remembered: unknown,
  name: string,
): Promise<T | null> {
  const value = (remembered as Record<string, unknown> | null)?.[name];
  if (value === null) return null;
  return em.findOneOrFail(entity, { id: field(remembered, name), tenant: tenantId } as never) as Promise<T>;
}

/** The remembered appointments, in the remembered order. */
async function appointmentsIn(em: EntityManager, tenantId: string, remembered: unknown): Promise<Appointment[]> {
  const ids = (remembered as { appointmentIds?: unknown }).appointmentIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new Error('the remembered answer has no appointmentIds');
  if (ids.length === 0) return [];
  const found = await em.find(Appointment, { id: { $in: ids as string[] }, tenant: tenantId });
  const byId = new Map(found.map((appointment) => [appointment.id, appointment]));
  return (ids as string[]).flatMap((id) => byId.get(id) ?? []);
}

function field(remembered: unknown, name: string): string {
  const value = (remembered as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string') throw new Error(`the remembered answer has no ${name}`);
  return value;
}

export type ReplayedOperation = keyof typeof replays;

