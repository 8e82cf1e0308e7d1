import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isValidLocalDate, type LocalDate } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import type { PackagePurchase } from './package-purchase.entity.js';
import { lockPurchase, requireActive, requireReason } from './purchase-life.js';

export interface ExtendPackagePurchaseInput {
  packagePurchaseId: string;
  /** The new last clinic-local day sessions may start on; later than the current expiry. */
  expiryDate: LocalDate;
  reason: string;
}

/** At most ten years past the purchase date: a typo, not a decision. */
const MAX_YEARS = 10;

/**
 * Moves the expiry of an ACTIVE purchase later (ADMIN only), with a reason. An expiry on or
 * before the current one is refused (VALIDATION, EXPIRY_NOT_LATER): shortening is not an
 * extension. One transaction, audited; a refusal changes nothing.
 */
export function extendPackagePurchase(context: UseCaseContext, input: ExtendPackagePurchaseInput): Promise<Result<PackagePurchase>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'extendPackagePurchase');
    const reason = requireReason(input.reason, 'the expiry moves');
    if (!isValidLocalDate(input.expiryDate)) refuse('VALIDATION', 'The expiry is a date (YYYY-MM-DD).', ['input', 'expiryDate']);
    const purchase = await lockPurchase(em, actor, input.packagePurchaseId);
    requireActive(purchase);
    if (input.expiryDate <= purchase.expiryDate) {
      refuse('VALIDATION', `The new expiry comes after the current one (${purchase.expiryDate}).`, ['input', 'expiryDate'], {
        reason: 'EXPIRY_NOT_LATER',
        params: { expiryDate: purchase.expiryDate },
      });
    }
    const limit = `${Number(purchase.purchaseDate.slice(0, 4)) + MAX_YEARS}${purchase.purchaseDate.slice(4)}`;
    if (input.expiryDate > limit) {
      refuse('VALIDATION', `The expiry is at most ${MAX_YEARS} years after the purchase (${limit}).`, ['input', 'expiryDate'], {
        reason: 'EXPIRY_TOO_FAR',
        params: { max: limit },
      });
    }
    const before = purchaseSnapshot(purchase);
    purchase.expiryDate = input.expiryDate;
    recordAudit(em, actor, now, [
      { operation: 'extendPackagePurchase', entityType: 'PackagePurchase', entityId: purchase.id, before, after: purchaseSnapshot(purchase), reason },
    ]);
    await em.flush();
    return purchase;
  });
}
