import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { localDateOf } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { Decimal, formatAmount, parseAmount, toColumn } from '../billing/money.js';
import { recordBreakageOn, recordRefund, reloadTotals } from '../ledger/ledger.js';
import type { PackagePurchase } from './package-purchase.entity.js';
import { cancelFutureAppointments, lockPurchase, moneyContextOf, requireActive, requireReason } from './purchase-life.js';

export interface CancelPackagePurchaseInput {
  packagePurchaseId: string;
  reason: string;
  /**
   * The net (tax-exclusive) amount to give back, as a decimal string; at most what is left (the
   * purchase's liability). Default: the unconsumed sessions at their value, i.e. all that is left.
   */
  refundAmount?: string | null | undefined;
}

export interface CancelledPurchase {
  packagePurchase: PackagePurchase;
  /** The net amount refunded ("0.00" when nothing was). */
  refunded: string;
  /** What the clinic kept beyond the refund (BREAKAGE). */
  retained: string;
  /** The open future appointments it cancelled first. */
  cancelledAppointments: Appointment[];
}

/**
 * Cancels an ACTIVE purchase with a refund (FINANCE, ADMIN), in one transaction: its open future
 * appointments are cancelled first (no session consumed), then the ledger gives back the refund
 * (REFUNDED) and, when the refund was lowered, earns the rest as BREAKAGE, so the cancelled
 * purchase holds no liability. The refund's default is the unconsumed sessions at their value:
 * with the last session taking the rounding remainder, that is exactly the liability left. A
 * refund above it is refused (REFUND_TOO_LARGE). Every change is audited with the reason.
 */
export function cancelPackagePurchase(context: UseCaseContext, input: CancelPackagePurchaseInput): Promise<Result<CancelledPurchase>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'cancelPackagePurchase');
    const reason = requireReason(input.reason, 'the purchase is cancelled');
    const purchase = await lockPurchase(em, actor, input.packagePurchaseId);
    requireActive(purchase);
    const { currency, timeZone } = await moneyContextOf(em, purchase);
    const left = new Decimal(purchase.liability);
    let refund = left;
    if (input.refundAmount != null) {
      const asked = parseAmount(input.refundAmount.trim(), currency);
      if (!asked) refuse('VALIDATION', `The refund is a decimal in ${currency}, e.g. "500.00" (0 for none).`, ['input', 'refundAmount']);
      if ((asked as Decimal).gt(left)) {
        refuse('REFUND_TOO_LARGE', `At most ${formatAmount(left, currency)} ${currency} is left to refund.`, ['input', 'refundAmount'], {
          reason: 'REFUND_TOO_LARGE',
          params: { max: formatAmount(left, currency), currency },
        });
      }
      refund = asked as Decimal;
    }
    const audit: AuditEntry[] = [];
    const cancelledAppointments = await cancelFutureAppointments(em, purchase, now, `package cancelled: ${reason}`, 'cancelPackagePurchase', audit);
    const before = purchaseSnapshot(purchase);
    const today = localDateOf(now, timeZone);
    // The ledger rows are inserted before the status moves (one flush: inserts, then updates), so the
    // trigger has emptied the liability when the CHECK sees a CANCELLED purchase.
    recordRefund(em, purchase, refund, today);
    recordBreakageOn(em, purchase, left.sub(refund), today);
    purchase.status = 'CANCELLED';
    audit.unshift({
      operation: 'cancelPackagePurchase',
      entityType: 'PackagePurchase',
      entityId: purchase.id,
      before: { ...before, liability: purchase.liability },
      after: { ...purchaseSnapshot(purchase), refunded: toColumn(refund), retained: toColumn(left.sub(refund)), liability: '0.00' },
      reason,
    });
    recordAudit(em, actor, now, audit);
    await em.flush();
    await reloadTotals(em, purchase);
    return {
      packagePurchase: purchase,
      refunded: formatAmount(refund, currency),
      retained: formatAmount(left.sub(refund), currency),
      cancelledAppointments,
    };
  });
}
