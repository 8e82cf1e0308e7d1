import { can, type Actor } from '../kernel/actor.js';
import type { LocalDate } from '../kernel/local-time.js';
import type { PackagePurchaseStatus } from './package-purchase.entity.js';

/** What may be done to a purchase's life, beyond booking its sessions. */
export const PURCHASE_ACTIONS = ['FREEZE', 'EXTEND', 'TRANSFER', 'CANCEL'] as const;
export type PurchaseAction = (typeof PURCHASE_ACTIONS)[number];

export interface PurchaseActionFacts {
  status: PackagePurchaseStatus;
  expiryDate: LocalDate;
  frozenDays: number;
}

/**
 * The changes the actor may ask of the purchase now: their role, the purchase's state and the
 * clinic-local day together, as the use cases would decide (a screen offers exactly these).
 * - FREEZE: desk, finance, admin; an active purchase not past its expiry, with days of the
 *   tenant's freeze cap left (a pause starts today or later, on or before the expiry).
 * - EXTEND: admin; an active purchase.
 * - TRANSFER: finance, admin; an active purchase not past its expiry.
 * - CANCEL (with a refund): finance, admin; an active purchase.
 * What the use case checks against the input (the dates, the receiving patient, open
 * appointments) is still refused there, in words.
 */
export function allowedPurchaseActions(actor: Actor, purchase: PurchaseActionFacts, today: LocalDate, freezeCapDays: number): PurchaseAction[] {
  if (purchase.status !== 'ACTIVE') return [];
  const unexpired = today <= purchase.expiryDate;
  const actions: PurchaseAction[] = [];
  if (can(actor, 'freezePackagePurchase') && unexpired && purchase.frozenDays < freezeCapDays) actions.push('FREEZE');
  if (can(actor, 'extendPackagePurchase')) actions.push('EXTEND');
  if (can(actor, 'transferPackagePurchase') && unexpired) actions.push('TRANSFER');
  if (can(actor, 'cancelPackagePurchase')) actions.push('CANCEL');
  return actions;
}
