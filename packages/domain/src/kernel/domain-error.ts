/** The closed set of codes a caller may see. Stable: integrators switch on them. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION',
  'CONFLICT',
  'PACKAGE_NOT_ACTIVE',
  'PACKAGE_EXPIRED',
  'NO_SESSIONS_REMAINING',
  'SLOT_TAKEN',
  'OUTSIDE_WORKING_HOURS',
  'CLINIC_CLOSED',
  'INVALID_TRANSITION',
  'PROVIDER_NOT_IN_CLINIC',
  'SERVICE_NOT_IN_PACKAGE',
  'PACKAGE_NOT_FOR_PATIENT',
  'INVOICE_VOID',
  'OPEN_INVOICE_EXISTS',
  'OVERPAYMENT',
  'INVOICE_ALREADY_PAID',
  'INVOICE_HAS_PAYMENTS',
  'REFUND_TOO_LARGE',
  'APPOINTMENTS_TO_RECORD',
  'NOTHING_TO_WAIVE',
  'FREEZE_LIMIT_EXCEEDED',
  'APPOINTMENTS_IN_FREEZE',
  'OFFER_NOT_OPEN',
  'OFFER_EXPIRED',
  'PURCHASE_FROZEN',
  'PACKAGE_SOLD',
  'PROVIDER_HAS_APPOINTMENTS',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What exactly was refused, finer than the code: a stable `reason` (UPPER_SNAKE, e.g.
 * START_DATE_IN_PAST) and the values its sentence needs, so a client can say it in its language.
 */
export interface RefusalDetail {
  reason: string;
  params?: Record<string, string | number>;
}

/** A refusal: the operation changed nothing. `field` is the path into the input at fault. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string[] | undefined;
  readonly detail: RefusalDetail | undefined;

  constructor(code: ErrorCode, message: string, field?: string[], detail?: RefusalDetail) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.detail = detail;
  }
}

export interface Refusal {
  code: ErrorCode;
  message: string;
  field?: string[] | undefined;
  detail?: RefusalDetail | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Refusal };

export const refuse = (code: ErrorCode, message: string, field?: string[], detail?: RefusalDetail): never => {
  throw new DomainError(code, message, field, detail);
};

export function toRefusal(error: DomainError): Refusal {
  return { code: error.code, message: error.message, field: error.field, detail: error.detail };
}
