import { Check, Entity, Property, Unique, type Opt } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

export interface CancellationPolicyTerms {
  noShowConsumesSession: boolean;
  lateCancellationConsumesSession: boolean;
  lateCancellationWindowHours: number;
  /** A fee invoiced for a late cancellation of a package session, tax-exclusive; null: none. */
  lateCancellationFee?: string | null | undefined;
  /** A fee invoiced for a no-show of a package session, tax-exclusive; null: none. */
  noShowFee?: string | null | undefined;
  /** How many incidents (late cancellations and no-shows) of a patient in `gracePeriodDays` are free; 0: off. */
  graceAllowance?: number | null | undefined;
  gracePeriodDays?: number | null | undefined;
}

/** Whether a no-show, or a cancellation shortly before the start, uses up the session. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant'] })
@Check({
  name: 'cancellation_policy_fees_positive',
  expression: '(late_cancellation_fee is null or late_cancellation_fee > 0) and (no_show_fee is null or no_show_fee > 0)',
})
@Check({
  name: 'cancellation_policy_grace_range',
  expression: 'grace_allowance >= 0 and grace_allowance <= 100 and grace_period_days >= 1 and grace_period_days <= 3650',
})
@Check({ name: 'cancellation_policy_window_range', expression: 'late_cancellation_window_hours >= 0 and late_cancellation_window_hours <= 720' })
export class CancellationPolicy extends TenantOwned implements CancellationPolicyTerms {
  @Property({ type: 'boolean', default: true })
  noShowConsumesSession: boolean = true;

  @Property({ type: 'boolean', default: true })
  lateCancellationConsumesSession: boolean = true;

  @Property({ type: 'integer', default: 24 })
  lateCancellationWindowHours: number = 24;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  lateCancellationFee?: string | null = null;

  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  noShowFee?: string | null = null;

  @Property({ type: 'integer', default: 0 })
  graceAllowance: number & Opt = 0;

  @Property({ type: 'integer', default: 90 })
  gracePeriodDays: number & Opt = 90;
}

export const DEFAULT_CANCELLATION_POLICY: CancellationPolicyTerms = {
  noShowConsumesSession: true,
  lateCancellationConsumesSession: true,
  lateCancellationWindowHours: 24,
};
