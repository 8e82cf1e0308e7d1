import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../kernel/actor.js';
import { refuse } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import type { AuditEntry } from '../audit/audit-log.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { appointmentSnapshot } from '../appointments/snapshots.js';
import { PackagePurchase } from './package-purchase.entity.js';

/** What every change to a purchase's life shares: a reason, a locked purchase, its open appointments. */

export const MAX_REASON = 2000;
const OPEN_STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'] as const;

/** A reason a person gives: trimmed, not blank, at most MAX_REASON characters. */
export function requireReason(reason: string | null | undefined, what: string): string {
  const trimmed = (reason ?? '').trim();
  if (!trimmed) refuse('VALIDATION', `Say why ${what}.`, ['input', 'reason']);
  if (trimmed.length > MAX_REASON) refuse('VALIDATION', `A reason has at most ${MAX_REASON} characters.`, ['input', 'reason']);
  return trimmed;
}

/** The purchase under a row lock (its ledger totals are fresh). */
export async function lockPurchase(em: EntityManager, actor: Actor, purchaseId: string, field = ['input', 'packagePurchaseId']): Promise<PackagePurchase> {
  return findInTenant(em, PackagePurchase, purchaseId, actor.tenantId, field, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/** The tenant's currency and the time zone of the purchase's clinic: what dating and rounding its movements need. */
export async function moneyContextOf(em: EntityManager, purchase: PackagePurchase): Promise<{ currency: string; timeZone: string }> {
  const [row] = await em.execute<Array<{ currency: string; time_zone: string }>>(
    `select t.currency, c.time_zone from package_purchase p join tenant t on t.id = p.tenant_id
       join package k on k.id = p.package_id join clinic c on c.id = k.clinic_id where p.id = ?`,
    [purchase.id],
  );
  if (!row) throw new Error(`purchase ${purchase.id} is missing`);
  return { currency: row.currency, timeZone: row.time_zone };
}

/** Refuses a purchase that is not ACTIVE: an ended purchase cannot be cancelled, frozen or transferred. */
export function requireActive(purchase: PackagePurchase): void {
  if (purchase.status !== 'ACTIVE') {
    refuse('PACKAGE_NOT_ACTIVE', `The purchase is ${purchase.status.toLowerCase()}; only an active purchase can change.`, ['input', 'packagePurchaseId'], {
      reason: 'PURCHASE_NOT_ACTIVE',
      params: { status: purchase.status },
    });
  }
}

/**
 * Cancels the purchase's open appointments that start after `now` (the clinic cancels them: no
 * session is consumed, their numbers are freed), and adds their audit entries. An open
 * appointment that already started must be recorded first (completed, no-show or cancelled), or
 * its outcome would land on a purchase that no longer holds it: APPOINTMENTS_TO_RECORD, naming
 * them.
 */
export async function cancelFutureAppointments(
  em: EntityManager,
  purchase: PackagePurchase,
  now: Date,
  statusReason: string,
  operation: string,
  audit: AuditEntry[],
): Promise<Appointment[]> {
  const open = await em.find(
    Appointment,
    { tenant: purchase.tenant, packagePurchase: purchase, status: { $in: [...OPEN_STATUSES] } },
    { orderBy: { startsAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const started = open.filter((appointment) => appointment.startsAt.getTime() <= now.getTime());
  if (started.length > 0) {
    const numbers = started.map((appointment) => appointment.number).join(', ');
    refuse('APPOINTMENTS_TO_RECORD', `Record the outcome of ${numbers} first: ${started.length === 1 ? 'it has' : 'they have'} started.`, ['input', 'packagePurchaseId'], {
      reason: 'APPOINTMENTS_TO_RECORD',
      params: { appointments: numbers, count: started.length },
    });
  }
  for (const appointment of open) {
    const before = appointmentSnapshot(appointment);
    appointment.status = 'CANCELLED';
    appointment.statusReason = statusReason;
    appointment.updatedAt = now;
    audit.push({ operation, entityType: 'Appointment', entityId: appointment.id, before, after: appointmentSnapshot(appointment), reason: statusReason });
  }
  return open;
}
