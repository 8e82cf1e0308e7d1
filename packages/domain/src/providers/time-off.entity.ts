import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Provider } from './provider.entity.js';

/** A provider is away: leave, a conference, a training day. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['provider', 'startsAt'] })
@Check({ name: 'time_off_start_before_end', expression: 'starts_at < ends_at' })
export class TimeOff extends TenantOwned {
  @ManyToOne(() => Provider, { deleteRule: 'cascade' })
  provider!: Rel<Provider>;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}
