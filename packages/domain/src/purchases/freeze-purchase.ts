import { LockMode } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import type { PackagePurchase } from './package-purchase.entity.js';
import { PackageFreeze } from './package-freeze.entity.js';
import { lockPurchase, moneyContextOf, requireActive, requireReason } from './purchase-life.js';

export interface FreezePackagePurchaseInput {
  packagePurchaseId: string;
  /** First clinic-local day of the pause (inclusive). */
  from: LocalDate;
  /** Last clinic-local day of the pause (inclusive). */
  to: LocalDate;
  reason: string;
}

export interface FrozenPurchase {
  packagePurchase: PackagePurchase;
  freeze: PackageFreeze;
}

const OPEN_STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS'] as const;

/** Days from `from` to `to`, both counted: 2026-03-01..2026-03-10 is 10. */
export function inclusiveDays(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The expiry after a pause from `from` to `to`: out by the paused days, both ends counted. */
export function expiryAfterFreeze(expiryDate: LocalDate, from: LocalDate, to: LocalDate): LocalDate | null {
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || to < from) return null;
  return addDays(expiryDate, inclusiveDays(from, to));
}

/**
 * Pauses an ACTIVE purchase from one clinic-local date to another, both included (RECEPTIONIST,
 * FINANCE, ADMIN). The expiry moves out by the paused days; all its freezes together stay within
 * the tenant's cap (FREEZE_LIMIT_EXCEEDED). The pause starts today or later, on or before the
 * expiry, and does not overlap an earlier freeze of the purchase (VALIDATION). Nothing may be
 * scheduled inside it: when open appointments of the purchase fall on those days, the freeze is
 * refused (APPOINTMENTS_IN_FREEZE) and names them, to be moved or cancelled first. One
 * transaction, audited with the reason; a refusal changes nothing.
 */
export function freezePackagePurchase(context: UseCaseContext, input: FreezePackagePurchaseInput): Promise<Result<FrozenPurchase>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'freezePackagePurchase');
    const reason = requireReason(input.reason, 'the purchase is frozen');
    if (!isValidLocalDate(input.from)) refuse('VALIDATION', 'The first day is a date (YYYY-MM-DD).', ['input', 'from']);
    if (!isValidLocalDate(input.to)) refuse('VALIDATION', 'The last day is a date (YYYY-MM-DD).', ['input', 'to']);
    if (input.to < input.from) {
      refuse('VALIDATION', 'The last day of the freeze comes on or after its first day.', ['input', 'to'], { reason: 'END_BEFORE_START' });
    }
    const purchase = await lockPurchase(em, actor, input.packagePurchaseId);
    requireActive(purchase);
    const { timeZone } = await moneyContextOf(em, purchase);
    const today = localDateOf(now, timeZone);
    if (input.from < today) {
      refuse('VALIDATION', 'A freeze starts today or later.', ['input', 'from'], { reason: 'START_DATE_IN_PAST', params: { today } });
    }
    if (input.from > purchase.expiryDate) {
      refuse('VALIDATION', `A freeze starts on or before the expiry (${purchase.expiryDate}).`, ['input', 'from'], {
        reason: 'FREEZE_AFTER_EXPIRY',
        params: { expiryDate: purchase.expiryDate },
      });
    }
    const days = inclusiveDays(input.from, input.to);
    const tenant = await em.findOneOrFail(Tenant, { id: actor.tenantId });
    if (purchase.frozenDays + days > tenant.freezeCapDays) {
      const left = Math.max(0, tenant.freezeCapDays - purchase.frozenDays);
      refuse('FREEZE_LIMIT_EXCEEDED', `At most ${left} more day(s) may be frozen (cap ${tenant.freezeCapDays}).`, ['input', 'to'], {
        reason: 'FREEZE_LIMIT_EXCEEDED',
        params: { cap: tenant.freezeCapDays, frozen: purchase.frozenDays, left, asked: days },
      });
    }
    const overlapping = await em.count(PackageFreeze, {
      tenant: actor.tenantId,
      packagePurchase: purchase,
      startDate: { $lte: input.to },
      endDate: { $gte: input.from },
    });
    if (overlapping > 0) {
      refuse('VALIDATION', 'The purchase is already frozen on some of those days.', ['input', 'from'], { reason: 'FREEZE_OVERLAPS' });
    }
    const inside = await em.find(
      Appointment,
      {
        tenant: actor.tenantId,
        packagePurchase: purchase,
        status: { $in: [...OPEN_STATUSES] },
        startsAt: { $gte: startOfLocalDay(input.from, timeZone), $lt: startOfLocalDay(addDays(input.to, 1), timeZone) },
      },
      { orderBy: { startsAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_READ },
    );
    if (inside.length > 0) {
      const numbers = inside.map((appointment) => appointment.number).join(', ');
      refuse('APPOINTMENTS_IN_FREEZE', `Move or cancel ${numbers} first: ${inside.length === 1 ? 'it falls' : 'they fall'} inside the freeze.`, ['input', 'from'], {
        reason: 'APPOINTMENTS_IN_FREEZE',
        params: { appointments: numbers, count: inside.length, startsAt: inside.map((appointment) => appointment.startsAt.toISOString()).join(', ') },
      });
    }
    const before = purchaseSnapshot(purchase);
    const freeze = em.create(PackageFreeze, {
      tenant: purchase.tenant,
      packagePurchase: purchase,
      startDate: input.from,
      endDate: input.to,
      days,
      reason,
    });
    purchase.frozenDays += days;
    purchase.expiryDate = expiryAfterFreeze(purchase.expiryDate, input.from, input.to) as LocalDate;
    recordAudit(em, actor, now, [
      {
        operation: 'freezePackagePurchase',
        entityType: 'PackagePurchase',
        entityId: purchase.id,
        before: { ...before, frozenDays: purchase.frozenDays - days },
        after: { ...purchaseSnapshot(purchase), frozenDays: purchase.frozenDays, freeze: { from: input.from, to: input.to, days } },
        reason,
      },
    ]);
    await em.flush();
    return { packagePurchase: purchase, freeze };
  });
}
