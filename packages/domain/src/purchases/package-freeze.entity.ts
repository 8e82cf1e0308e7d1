import { Check, Entity, Index, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { PackagePurchase } from './package-purchase.entity.js';

/** One pause of a purchase: inclusive clinic-local dates (1-10 March is 10 days) and why. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['packagePurchase'] })
@Check({ name: 'package_freeze_dates_in_order', expression: 'start_date <= end_date' })
@Check({ name: 'package_freeze_days_match', expression: 'days = end_date - start_date + 1' })
@Check({ name: 'package_freeze_reason_not_blank', expression: "btrim(reason) <> ''" })
export class PackageFreeze extends TenantOwned {
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => PackagePurchase)
  packagePurchase!: Rel<PackagePurchase>;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date' })
  endDate!: string;

  @Property({ type: 'integer' })
  days!: number;

  @Property({ type: 'text' })
  reason!: string;
}
