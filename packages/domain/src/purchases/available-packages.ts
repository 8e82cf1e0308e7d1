import { authorize } from '../kernel/actor.js';
import type { Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { findReadable, readFilter } from '../access/read-policy.js';
import { localDateOf } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { countSessions } from './package-sessions.js';
import { isExpiredOn } from './purchase-rules.js';

export interface AvailablePackage {
  packagePurchase: PackagePurchase;
  sessionsRemaining: number;
  /** Remaining sessions that no live appointment holds yet. */
  sessionsUnscheduled: number;
}

/**
 * Rule 5: ACTIVE, unexpired purchases of the patient with sessions remaining; two queries in all.
 * Only a patient and purchases the actor may read (a clinician: their patient, and the purchases
 * that hold a session with them); the counts are the purchase's whole.
 */
export function availablePackages(
  context: UseCaseContext,
  input: { patientId: string; clinicId?: string | null | undefined },
): Promise<Result<AvailablePackage[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    const patient = await findReadable(em, actor, Patient, input.patientId, ['patientId']);
    if (input.clinicId) await findReadable(em, actor, Clinic, input.clinicId, ['clinicId']);
    const purchases = await em.find(
      PackagePurchase,
      {
        $and: [
          readFilter(actor, PackagePurchase),
          { patient, status: 'ACTIVE', ...(input.clinicId && isUuid(input.clinicId) ? { package: { clinic: input.clinicId } } : {}) },
        ],
      },
      { populate: ['package.clinic'], orderBy: { expiryDate: 'asc', createdAt: 'asc' } },
    );
    const open = purchases.filter(
      (purchase) => purchase.sessionsRemaining > 0 && !isExpiredOn(purchase, localDateOf(now, purchase.package.clinic.timeZone)),
    );
    if (open.length === 0) return [];
    const appointments = await em.find(Appointment, { packagePurchase: { $in: open } }, { fields: ['packagePurchase', 'status', 'sessionConsumed'] });
    return open.map((purchase) => {
      const counts = countSessions(
        purchase,
        appointments.filter((a) => a.packagePurchase?.id === purchase.id),
      );
      return { packagePurchase: purchase, sessionsRemaining: counts.sessionsRemaining, sessionsUnscheduled: counts.sessionsUnscheduled };
    });
  });
}
