import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Provider } from './provider.entity.js';

/**
 * One range of a provider's weekly schedule in one clinic, in that clinic's local time:
 * "Sunday 08:00-12:00 at Speech-Language Pathology". A break is the gap between two ranges.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['provider', 'weekday'] })
@Check({ name: 'working_hours_weekday_range', expression: 'weekday >= 0 and weekday <= 6' })
@Check({ name: 'working_hours_start_before_end', expression: 'start_time < end_time' })
export class WorkingHours extends TenantOwned {
  @ManyToOne(() => Provider, { deleteRule: 'cascade' })
  provider!: Rel<Provider>;

  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  /** 0 = Sunday ... 6 = Saturday, the clinic's local week day. */
  @Property({ type: 'smallint' })
  weekday!: number;

  /** Local wall-clock time, "08:00". */
  @Property({ type: 'time' })
  startTime!: string;

  @Property({ type: 'time' })
  endTime!: string;
}
