import { Entity, Filter, ManyToOne, OptionalProps, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Provider } from './provider.entity.js';

/**
 * A provider works in this clinic. A link the provider no longer works in but that past
 * appointments still name (the appointment's key points at it) stays, inactive: the default
 * filter `activeLink` hides it from every query, so booking, scheduling and the provider's
 * clinics see only the clinics they work in now. `{ filters: { activeLink: false } }` sees all.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
/** Also the target of the appointment's key proving its provider works in its clinic. */
@Unique({ name: 'provider_clinic_key', properties: ['tenant', 'provider', 'clinic'] })
@Filter({ name: 'activeLink', cond: { active: true }, default: true })
export class ProviderClinic extends TenantOwned {
  [OptionalProps]?: 'active';

  @ManyToOne(() => Provider, { deleteRule: 'cascade' })
  provider!: Rel<Provider>;

  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  /** False once the provider left the clinic while past appointments there still name the link. */
  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}
