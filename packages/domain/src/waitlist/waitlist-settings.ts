import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Tenant } from '../tenancy/tenant.entity.js';

/** How long an offer may hold its slot, in minutes: a quarter of an hour to two days. */
export const WAITLIST_HOLD_MINUTES_MIN = 15;
export const WAITLIST_HOLD_MINUTES_MAX = 48 * 60;

export interface WaitlistSettings {
  /** How long an offer holds its slot (never past the slot's start). */
  holdMinutes: number;
}

/** The tenant's waitlist settings (ADMIN, as the rest of the tenant's policy). */
export function waitlistSettings(context: UseCaseContext): Promise<Result<WaitlistSettings>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'managePolicy');
    const tenant = await em.fork().findOneOrFail(Tenant, actor.tenantId, { fields: ['waitlistHoldMinutes'] });
    return { holdMinutes: tenant.waitlistHoldMinutes };
  });
}

/**
 * Changes how long an offer holds its slot, from the next offer on: offers already made keep the
 * time they were given. 15 minutes to 48 hours, whole minutes; audited.
 */
export function setWaitlistHoldTime(context: UseCaseContext, input: { holdMinutes: number }): Promise<Result<WaitlistSettings>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'managePolicy');
    const minutes = input.holdMinutes;
    if (!Number.isInteger(minutes) || minutes < WAITLIST_HOLD_MINUTES_MIN || minutes > WAITLIST_HOLD_MINUTES_MAX) {
      refuse('VALIDATION', `An offer holds its slot ${WAITLIST_HOLD_MINUTES_MIN} to ${WAITLIST_HOLD_MINUTES_MAX} minutes.`, ['input', 'holdMinutes'], {
        reason: 'HOLD_TIME_OUT_OF_RANGE',
        params: { min: WAITLIST_HOLD_MINUTES_MIN, max: WAITLIST_HOLD_MINUTES_MAX },
      });
    }
    const tenant = await em.findOneOrFail(Tenant, actor.tenantId);
    const before = tenant.waitlistHoldMinutes;
    if (before !== minutes) {
      tenant.waitlistHoldMinutes = minutes;
      recordAudit(em, actor, now, [
        { operation: 'setWaitlistHoldTime', entityType: 'Tenant', entityId: tenant.id, before: { waitlistHoldMinutes: before }, after: { waitlistHoldMinutes: minutes } },
      ]);
    }
    await em.flush();
    return { holdMinutes: tenant.waitlistHoldMinutes };
  });
}
