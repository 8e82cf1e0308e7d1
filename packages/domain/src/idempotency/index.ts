export { IdempotencyKey } from './idempotency-key.entity.js';
export {
  idempotently,
  purgeExpiredIdempotencyKeys,
  hashOf,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_KEY_TTL_MS,
  type Idempotent,
  type IdempotencyRequest,
  type Replay,
} from './idempotently.js';
export type { IdempotencyScope, IdempotencyClaim } from './claim.js';
export {
  createPatientOnce,
  purchasePackageOnce,
  payInvoiceOnce,
  bookAppointmentOnce,
  schedulePackageOnce,
  recordPaymentOnce,
  cancelPackagePurchaseOnce,
  transferPackagePurchaseOnce,
  joinWaitlistOnce,
  IDEMPOTENT_OPERATIONS,
  type Once,
} from './idempotent-use-cases.js';
