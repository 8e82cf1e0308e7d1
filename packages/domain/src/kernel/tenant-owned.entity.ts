import { randomUUID } from 'node:crypto';
import { ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/postgresql';
import { Tenant } from '../tenancy/tenant.entity.js';

/**
 * Every row of a tenant carries its tenant. Each table also has a unique (tenant_id, id), the
 * target of the composite foreign keys that stop a row from referencing another tenant's row
 * (see the migration `tenant-keys-and-invariants`).
 */
export abstract class TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'restrict' })
  tenant!: Rel<Tenant>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
