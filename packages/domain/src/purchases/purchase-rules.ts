import { refuse } from '../kernel/domain-error.js';
import type { LocalDate } from '../kernel/local-time.js';
import type { PackagePurchase } from './package-purchase.entity.js';

/** Rule 3: a purchase is expired from the day after its expiry date, whatever its stored status says yet. */
export function isExpiredOn(purchase: Pick<PackagePurchase, 'status' | 'expiryDate'>, today: LocalDate): boolean {
  return purchase.status === 'EXPIRED' || (purchase.status === 'ACTIVE' && today > purchase.expiryDate);
}

/** Rules 3 and 5: sessions can be booked or scheduled only on an active, unexpired purchase. */
export function assertOpenForBooking(purchase: PackagePurchase, today: LocalDate, field: string[]): void {
  if (isExpiredOn(purchase, today)) refuse('PACKAGE_EXPIRED', `The package expired on ${purchase.expiryDate}.`, field);
  if (purchase.status !== 'ACTIVE') {
    refuse('PACKAGE_NOT_ACTIVE', `The package is ${purchase.status.toLowerCase()}.`, field);
  }
  if (purchase.sessionsRemaining <= 0) refuse('NO_SESSIONS_REMAINING', 'Every session of the package is used.', field);
}
