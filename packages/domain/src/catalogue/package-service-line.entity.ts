import { Check, Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Package } from './package.entity.js';
import { Service } from './service.entity.js';

/** "8 SLP therapy sessions" within a package. Lines are delivered in `position` order. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['package', 'service'] })
@Check({ name: 'package_service_line_sessions_positive', expression: 'sessions > 0' })
export class PackageServiceLine extends TenantOwned {
  @ManyToOne(() => Package, { deleteRule: 'cascade' })
  package!: Rel<Package>;

  @ManyToOne(() => Service)
  service!: Rel<Service>;

  @Property({ type: 'integer' })
  sessions!: number;

  @Property({ type: 'integer', default: 0 })
  position: number = 0;
}
