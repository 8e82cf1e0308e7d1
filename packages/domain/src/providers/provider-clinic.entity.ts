import { Entity, ManyToOne, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Provider } from './provider.entity.js';

/** A provider works in this clinic. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
/** Also the target of the appointment's key proving its provider works in its clinic. */
@Unique({ name: 'provider_clinic_key', properties: ['tenant', 'provider', 'clinic'] })
export class ProviderClinic extends TenantOwned {
  @ManyToOne(() => Provider, { deleteRule: 'cascade' })
  provider!: Rel<Provider>;

  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;
}
