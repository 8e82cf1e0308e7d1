import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit-log.js';
import { systemActor } from '../kernel/actor.js';
import { localDateOf } from '../kernel/local-time.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import { recordBreakage } from '../ledger/ledger.js';

/** The advisory lock that lets one process at a time run the sweep, however many replicas run it. */
export const EXPIRY_SWEEP_LOCK = 'clinic-expire-purchases';

/**
 * Rule 3: marks EXPIRED every ACTIVE purchase whose expiry date is before the clinic-local
 * today. Reads never wait for this job (they judge expiry by date), it keeps the stored status
 * true for reports. Returns how many purchases it expired, or null when another process was
 * running the sweep at that moment (it does the work; this one changes nothing).
 *
 * Every API process runs it at start-up and hourly: a transaction-level advisory lock, tried
 * without waiting, keeps two replicas from expiring the same purchase twice (two audit events).
 * The lock ends with the transaction, so a process that dies mid-sweep holds nothing.
 */
export async function expirePurchases(rootEm: EntityManager, now: Date): Promise<number | null> {
  return rootEm.fork().transactional(async (em) => {
    const [lock] = await em.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [
      EXPIRY_SWEEP_LOCK,
    ]);
    if (!lock?.locked) return null;
    // The earliest zone on Earth is UTC+14: nothing can have expired after yesterday there.
    const candidates = await em.find(
      PackagePurchase,
      { status: 'ACTIVE', expiryDate: { $lt: localDateOf(now, 'Pacific/Kiritimati') } },
      { populate: ['package.clinic'] },
    );
    const expired = candidates.filter((purchase) => purchase.expiryDate < localDateOf(now, purchase.package.clinic.timeZone));
    for (const purchase of expired) {
      const before = purchaseSnapshot(purchase);
      // What is left unused is earned as breakage, in the same transaction (written before the status moves).
      recordBreakage(em, purchase);
      purchase.status = 'EXPIRED';
      recordAudit(em, systemActor(purchase.tenant.id), now, [
        { operation: 'expirePurchases', entityType: 'PackagePurchase', entityId: purchase.id, before, after: purchaseSnapshot(purchase) },
      ]);
    }
    await em.flush();
    return expired.length;
  });
}
