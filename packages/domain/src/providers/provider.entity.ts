import { Collection, Entity, OneToMany, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { ProviderClinic } from './provider-clinic.entity.js';
import { WorkingHours } from './working-hours.entity.js';
import { TimeOff } from './time-off.entity.js';

/** A clinician who sees patients in one or more clinics. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
export class Provider extends TenantOwned {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  nameAr?: string | null;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @OneToMany(() => ProviderClinic, (link) => link.provider)
  clinics = new Collection<ProviderClinic>(this);

  @OneToMany(() => WorkingHours, (hours) => hours.provider)
  workingHours = new Collection<WorkingHours>(this);

  @OneToMany(() => TimeOff, (timeOff) => timeOff.provider)
  timeOff = new Collection<TimeOff>(this);
}
