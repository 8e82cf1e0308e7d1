import { Check, Entity, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

export interface CancellationPolicyTerms {
  noShowConsumesSession: boolean;
  lateCancellationConsumesSession: boolean;
  lateCancellationWindowHours: number;
}

/** Whether a no-show, or a cancellation shortly before the start, uses up the session. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant'] })
@Check({ name: 'cancellation_policy_window_range', expression: 'late_cancellation_window_hours >= 0 and late_cancellation_window_hours <= 720' })
export class CancellationPolicy extends TenantOwned implements CancellationPolicyTerms {
  @Property({ type: 'boolean', default: true })
  noShowConsumesSession: boolean = true;

  @Property({ type: 'boolean', default: true })
  lateCancellationConsumesSession: boolean = true;

  @Property({ type: 'integer', default: 24 })
  lateCancellationWindowHours: number = 24;
}

export const DEFAULT_CANCELLATION_POLICY: CancellationPolicyTerms = {
  noShowConsumesSession: true,
  lateCancellationConsumesSession: true,
  lateCancellationWindowHours: 24,
};
