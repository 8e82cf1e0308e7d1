import type { EntityManager } from '@mikro-orm/postgresql';
import { refuse } from '../kernel/domain-error.js';
import { addDays, type LocalDate } from '../kernel/local-time.js';
import { PackageFreeze } from './package-freeze.entity.js';

/** A purchase as the freeze checks need it: its id and tenant. */
interface PurchaseRef {
  id: string;
  tenant: { id: string } | string;
}

const tenantIdOf = (purchase: PurchaseRef) => (typeof purchase.tenant === 'string' ? purchase.tenant : purchase.tenant.id);

/** The pauses of a purchase, earliest first. */
export function freezesOf(em: EntityManager, purchase: PurchaseRef): Promise<PackageFreeze[]> {
  return em.find(PackageFreeze, { tenant: tenantIdOf(purchase), packagePurchase: purchase.id }, { orderBy: { startDate: 'asc' } });
}

/** Every clinic-local date inside the given pauses (both ends included). */
export function frozenDatesOf(freezes: readonly Pick<PackageFreeze, 'startDate' | 'endDate'>[]): Set<LocalDate> {
  const dates = new Set<LocalDate>();
  for (const freeze of freezes) {
    for (let date = freeze.startDate; date <= freeze.endDate; date = addDays(date, 1)) dates.add(date);
  }
  return dates;
}

/**
 * Refuses a session of the purchase on a clinic-local date inside one of its pauses
 * (PURCHASE_FROZEN, with the pause's first and last day): nothing is booked, moved or scheduled
 * into a freeze.
 */
export async function assertNotFrozen(em: EntityManager, purchase: PurchaseRef, date: LocalDate, field: string[]): Promise<void> {
  const freeze = await em.findOne(
    PackageFreeze,
    { tenant: tenantIdOf(purchase), packagePurchase: purchase.id, startDate: { $lte: date }, endDate: { $gte: date } },
    { fields: ['startDate', 'endDate'] },
  );
  if (freeze) {
    refuse('PURCHASE_FROZEN', `The package is frozen from ${freeze.startDate} to ${freeze.endDate}.`, field, {
      reason: 'PURCHASE_FROZEN',
      params: { from: freeze.startDate, to: freeze.endDate },
    });
  }
}
