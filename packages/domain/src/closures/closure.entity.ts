import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';

/**
 * Closed dates of one clinic, or of the whole tenant when `clinic` is null: a public holiday,
 * a training day. Dates are clinic-local and inclusive (a tenant-wide closure is read in each
 * clinic's own zone). Nothing is booked or scheduled into one.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['tenant', 'startDate'] })
@Check({ name: 'closure_dates_in_order', expression: 'start_date <= end_date' })
@Check({ name: 'closure_at_most_a_year', expression: 'end_date - start_date < 366' })
@Check({ name: 'closure_reason_not_blank', expression: "btrim(reason) <> ''" })
export class Closure extends TenantOwned {
  /** Null: every clinic of the tenant. */
  @ManyToOne(() => Clinic, { nullable: true, deleteRule: 'cascade' })
  clinic?: Rel<Clinic> | null;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date' })
  endDate!: string;

  @Property({ type: 'text' })
  reason!: string;
}
