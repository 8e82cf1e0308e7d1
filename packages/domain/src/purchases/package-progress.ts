import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import type { Result } from '../kernel/domain-error.js';
import { findReadable, mayReadAppointment } from '../access/read-policy.js';
import type { Actor } from '../kernel/actor.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { countSessions, type SessionCounts } from './package-sessions.js';

/**
 * Rule 6: the counts of a purchase and its appointments in session order. The counts describe
 * the whole purchase (they agree with its sessionsUsed and sessionsRemaining whoever reads them);
 * `appointments` lists the sessions the reader may read: for a clinician, their own.
 */
export interface PackageProgress extends SessionCounts {
  packagePurchase: PackagePurchase;
  appointments: Appointment[];
}

/** `appointments`: every session of the purchase; `reader`: who the list is for (none: the system). */
export function progressOf(purchase: PackagePurchase, appointments: readonly Appointment[], reader?: Actor): PackageProgress {
  const ordered = [...appointments].sort(
    (a, b) =>
      (a.sessionNumberInPackage ?? 0) - (b.sessionNumberInPackage ?? 0) || a.startsAt.getTime() - b.startsAt.getTime(),
  );
  const listed = reader ? ordered.filter((appointment) => mayReadAppointment(reader, appointment)) : ordered;
  return { packagePurchase: purchase, ...countSessions(purchase, ordered), appointments: listed };
}

export async function loadProgress(em: EntityManager, purchase: PackagePurchase, reader?: Actor): Promise<PackageProgress> {
  const appointments = await em.find(Appointment, { packagePurchase: purchase });
  return progressOf(purchase, appointments, reader);
}

export function packageProgress(context: UseCaseContext, packagePurchaseId: string): Promise<Result<PackageProgress>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    const purchase = await findReadable(em, actor, PackagePurchase, packagePurchaseId, ['packagePurchaseId']);
    return loadProgress(em, purchase, actor);
  });
}
