import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal, floorToMinor, toColumn } from '../billing/money.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { addDays, type LocalDate } from '../kernel/local-time.js';
import { LedgerEntry, type LedgerEntryKind } from './ledger-entry.entity.js';

/**
 * Writing the ledger. Each function adds one entry to the unit of work of its cause, so it
 * commits with the cause or not at all. The purchase's running totals are not touched here: the
 * database's trigger adds every inserted entry to them, and its CHECKs refuse a total that breaks
 * the invariant. After the flush, `reloadTotals` reads them back.
 *
 * The purchase must have been read in this transaction under a row lock (its totals are fresh).
 */

function append(
  em: EntityManager,
  purchase: PackagePurchase,
  kind: LedgerEntryKind,
  amount: Decimal,
  occurredOn: LocalDate,
  appointment: Appointment | null = null,
): LedgerEntry | null {
  if (amount.lte(0)) return null;
  const entry = em.create(LedgerEntry, {
    tenant: purchase.tenant,
    packagePurchase: purchase,
    kind,
    amount: toColumn(amount),
    occurredOn,
    appointment,
  });
  em.persist(entry);
  return entry;
}

/** SOLD: the paid net amount of the invoice becomes the purchase's liability, on the day it was paid. */
export function recordSale(em: EntityManager, purchase: PackagePurchase, net: Decimal.Value, occurredOn: LocalDate): LedgerEntry | null {
  return append(em, purchase, 'SOLD', new Decimal(net), occurredOn);
}

/**
 * The value of one session: the net amount the purchase holds (paid, plus what was transferred
 * in) divided by its sessions, rounded down to the currency's minor unit.
 */
export function sessionValue(purchase: Pick<PackagePurchase, 'paid' | 'transferredIn' | 'totalSessions'>, currency: string): Decimal {
  const net = new Decimal(purchase.paid).add(purchase.transferredIn);
  return floorToMinor(net.div(purchase.totalSessions), currency);
}

/**
 * RECOGNISED: a consumed session earns its value; the consumption that brings the count to the
 * total takes whatever liability is left (the rounding remainder), so the values add up to the
 * net price exactly. Never more than the liability left (a session recorded late on a purchase
 * whose remainder already went to breakage earns nothing more). Call after `sessionsUsed` moved.
 */
export function recogniseSession(
  em: EntityManager,
  purchase: PackagePurchase,
  appointment: Appointment,
  currency: string,
  occurredOn: LocalDate,
): LedgerEntry | null {
  const liability = new Decimal(purchase.liability);
  const amount = purchase.sessionsUsed >= purchase.totalSessions ? liability : Decimal.min(sessionValue(purchase, currency), liability);
  return append(em, purchase, 'RECOGNISED', amount, occurredOn, appointment);
}

/** BREAKAGE: what is left of an expired purchase is earned, dated the day it expired. */
export function recordBreakage(em: EntityManager, purchase: PackagePurchase): LedgerEntry | null {
  return append(em, purchase, 'BREAKAGE', new Decimal(purchase.liability), addDays(purchase.expiryDate, 1));
}

/** BREAKAGE on a given day: what a cancelled purchase keeps beyond its refund. */
export function recordBreakageOn(em: EntityManager, purchase: PackagePurchase, amount: Decimal.Value, occurredOn: LocalDate): LedgerEntry | null {
  return append(em, purchase, 'BREAKAGE', new Decimal(amount), occurredOn);
}

/** REFUNDED: money given back out of the liability, on the clinic-local day of the refund. */
export function recordRefund(em: EntityManager, purchase: PackagePurchase, amount: Decimal.Value, occurredOn: LocalDate): LedgerEntry | null {
  return append(em, purchase, 'REFUNDED', new Decimal(amount), occurredOn);
}

/** REVERSED: a waived session's recognition given back to the liability. */
export function recordReversal(
  em: EntityManager,
  purchase: PackagePurchase,
  amount: Decimal.Value,
  occurredOn: LocalDate,
  appointment: Appointment,
): LedgerEntry | null {
  return append(em, purchase, 'REVERSED', new Decimal(amount), occurredOn, appointment);
}

/** TRANSFERRED: the liability of one purchase moves to another, OUT of one and IN to the other. */
export function recordTransfer(em: EntityManager, from: PackagePurchase, to: PackagePurchase, amount: Decimal.Value, occurredOn: LocalDate): void {
  const value = new Decimal(amount);
  const out = append(em, from, 'TRANSFERRED', value, occurredOn);
  const into = append(em, to, 'TRANSFERRED', value, occurredOn);
  if (out) out.transferDirection = 'OUT';
  if (into) into.transferDirection = 'IN';
}

/** Reads back the running totals the trigger wrote, so the answer shows them. */
export async function reloadTotals(em: EntityManager, purchase: PackagePurchase): Promise<void> {
  await em.refreshOrFail(purchase);
}

/** The tenant's currency and the clinic's time zone, in one statement: what dating and rounding a movement need. */
export async function currencyAndZone(em: EntityManager, tenantId: string, clinicId: string): Promise<{ currency: string; timeZone: string }> {
  const [row] = await em.execute<Array<{ currency: string; time_zone: string }>>(
    'select t.currency, c.time_zone from tenant t join clinic c on c.tenant_id = t.id where t.id = ? and c.id = ?',
    [tenantId, clinicId],
  );
  if (!row) throw new Error(`clinic ${clinicId} of tenant ${tenantId} is missing`);
  return { currency: row.currency, timeZone: row.time_zone };
}
