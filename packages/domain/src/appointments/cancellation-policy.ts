import type { EntityManager } from '@mikro-orm/postgresql';
import { CancellationPolicy, DEFAULT_CANCELLATION_POLICY, type CancellationPolicyTerms } from './cancellation-policy.entity.js';
import type { AppointmentStatus } from './appointment-status.js';

/** The terms in force, each of them set: a tenant without a policy row has the defaults (no fees, no grace, 90 days). */
export interface CancellationPolicyInForce extends CancellationPolicyTerms {
  lateCancellationFee: string | null;
  noShowFee: string | null;
  graceAllowance: number;
  gracePeriodDays: number;
}

export async function policyOf(em: EntityManager, tenantId: string): Promise<CancellationPolicyInForce> {
  const policy = await em.findOne(CancellationPolicy, { tenant: tenantId });
  if (!policy) return { ...DEFAULT_CANCELLATION_POLICY, lateCancellationFee: null, noShowFee: null, graceAllowance: 0, gracePeriodDays: 90 };
  return {
    noShowConsumesSession: policy.noShowConsumesSession,
    lateCancellationConsumesSession: policy.lateCancellationConsumesSession,
    lateCancellationWindowHours: policy.lateCancellationWindowHours,
    lateCancellationFee: policy.lateCancellationFee ?? null,
    noShowFee: policy.noShowFee ?? null,
    graceAllowance: policy.graceAllowance,
    gracePeriodDays: policy.gracePeriodDays,
  };
}

/** Rules 1 and 2: whether moving to `status` uses up the package session. */
export function consumesSession(
  status: AppointmentStatus,
  startsAt: Date,
  now: Date,
  policy: CancellationPolicyTerms,
): boolean {
  switch (status) {
    case 'COMPLETED':
      return true;
    case 'NO_SHOW':
      return policy.noShowConsumesSession;
    case 'CANCELLED': {
      const hoursBeforeStart = (startsAt.getTime() - now.getTime()) / 3_600_000;
      return policy.lateCancellationConsumesSession && hoursBeforeStart < policy.lateCancellationWindowHours;
    }
    default:
      return false;
  }
}
