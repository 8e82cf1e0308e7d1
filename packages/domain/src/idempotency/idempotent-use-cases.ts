import type { Result } from '../kernel/domain-error.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { recordPayment } from '../billing/invoices.js';
import { createPatient } from '../patients/create-patient.js';
import { cancelPackagePurchase } from '../purchases/cancel-purchase.js';
import { payInvoice, purchasePackage } from '../purchases/purchase-package.js';
import { transferPackagePurchase } from '../purchases/transfer-purchase.js';
import { schedulePackage } from '../scheduling/schedule-package.js';
import { joinWaitlist } from '../waitlist/waitlist.js';
import { idempotently, type Idempotent, type Replay } from './idempotently.js';
import { replays, type ReplayedOperation } from './replays.js';

/** A use case that runs once per Idempotency-Key (`key` undefined: no key, it just runs). */
export type Once<I, T> = (context: UseCaseContext, input: I, key: string | undefined) => Promise<Idempotent<T>>;

function once<I, T>(operation: ReplayedOperation, replay: Replay<T>, useCase: (context: UseCaseContext, input: I) => Promise<Result<T>>): Once<I, T> {
  return (context, input, key) =>
    idempotently(context, key === undefined ? undefined : { key, operation, input }, replay, (withClaim) => useCase(withClaim, input));
}

/** The mutations that create something or move money, each guarded by the caller's Idempotency-Key. */
export const createPatientOnce = once('createPatient', replays.createPatient, createPatient);
export const purchasePackageOnce = once('purchasePackage', replays.purchasePackage, purchasePackage);
export const payInvoiceOnce = once('payInvoice', replays.payInvoice, payInvoice);
export const bookAppointmentOnce = once('bookAppointment', replays.bookAppointment, bookAppointment);
export const schedulePackageOnce = once('schedulePackage', replays.schedulePackage, schedulePackage);
/** Money: a retried payment, refund or transfer happens once. */
export const recordPaymentOnce = once('recordPayment', replays.recordPayment, recordPayment);
export const cancelPackagePurchaseOnce = once('cancelPackagePurchase', replays.cancelPackagePurchase, cancelPackagePurchase);
export const transferPackagePurchaseOnce = once('transferPackagePurchase', replays.transferPackagePurchase, transferPackagePurchase);
export const joinWaitlistOnce = once('joinWaitlist', replays.joinWaitlist, joinWaitlist);

/** The operations an Idempotency-Key applies to. */
export const IDEMPOTENT_OPERATIONS: readonly ReplayedOperation[] = Object.keys(replays) as ReplayedOperation[];
