import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../shared/actor.js';
import type { Result } from '../shared/domain-error.js';
import { findInTenant } from '../shared/find.js';
import { reading, type UseCaseContext } from '../shared/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { countSessions, type SessionCounts } from './package-sessions.js';

/** Rule 6: the counts of a purchase and its appointments in session order. */
export interface PackageProgress extends SessionCounts {
  packagePurchase: PackagePurchase;
  appointments: Appointment[];
}

export function progressOf(purchase: PackagePurchase, appointments: readonly Appointment[]): PackageProgress {
  const ordered = [...appointments].sort(
    (a, b) =>
      (a.sessionNumberInPackage ?? 0) - (b.sessionNumberInPackage ?? 0) || a.startsAt.getTime() - b.startsAt.getTime(),
  );
  return { packagePurchase: purchase, ...countSessions(purchase, ordered), appointments: ordered };
}

export async function loadProgress(em: EntityManager, purchase: PackagePurchase): Promise<PackageProgress> {
  const appointments = await em.find(Appointment, { packagePurchase: purchase });
  return progressOf(purchase, appointments);
}

export function packageProgress(context: UseCaseContext, packagePurchaseId: string): Promise<Result<PackageProgress>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    const purchase = await findInTenant(em, PackagePurchase, packagePurchaseId, actor.tenantId, ['packagePurchaseId']);
    return loadProgress(em, purchase);
  });
}
