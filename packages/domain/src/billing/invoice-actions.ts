import { can, type Actor } from '../kernel/actor.js';
import type { ErrorCode } from '../kernel/domain-error.js';
import { Decimal } from './money.js';
import type { InvoiceStatus } from './invoice.entity.js';

/**
 * Why voiding the invoice would be refused for the actor now, as the code voidInvoice would
 * answer (FORBIDDEN, INVOICE_VOID, INVOICE_ALREADY_PAID, INVOICE_HAS_PAYMENTS); null when it may
 * be voided (a reason is still asked).
 */
export function voidBlockedBy(actor: Actor, invoice: { status: InvoiceStatus; amountPaid: string }): ErrorCode | null {
  if (!can(actor, 'voidInvoice')) return 'FORBIDDEN';
  if (invoice.status === 'VOID') return 'INVOICE_VOID';
  if (invoice.status === 'PAID') return 'INVOICE_ALREADY_PAID';
  if (new Decimal(invoice.amountPaid).gt(0)) return 'INVOICE_HAS_PAYMENTS';
  return null;
}
