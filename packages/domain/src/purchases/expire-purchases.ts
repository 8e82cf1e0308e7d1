import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit-log.js';
import { systemActor } from '../shared/actor.js';
import { localDateOf } from '../shared/local-time.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';

/**
 * Rule 3: marks EXPIRED every ACTIVE purchase whose expiry date is before the clinic-local
 * today. Reads never wait for this job (they judge expiry by date), it keeps the stored status
 * true for reports. Returns how many purchases it expired.
 */
export async function expirePurchases(rootEm: EntityManager, now: Date): Promise<number> {
  return rootEm.fork().transactional(async (em) => {
    // The earliest zone on Earth is UTC+14: nothing can have expired after yesterday there.
    const candidates = await em.find(
      PackagePurchase,
      { status: 'ACTIVE', expiryDate: { $lt: localDateOf(now, 'Pacific/Kiritimati') } },
      { populate: ['package.clinic'] },
    );
    const expired = candidates.filter((purchase) => purchase.expiryDate < localDateOf(now, purchase.package.clinic.timeZone));
    for (const purchase of expired) {
      const before = purchaseSnapshot(purchase);
      purchase.status = 'EXPIRED';
      recordAudit(em, systemActor(purchase.tenant.id), now, [
        { operation: 'expirePurchases', entityType: 'PackagePurchase', entityId: purchase.id, before, after: purchaseSnapshot(purchase) },
      ]);
    }
    await em.flush();
    return expired.length;
  });
}
