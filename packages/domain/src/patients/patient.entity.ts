import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

/** A person treated by the tenant, known by the medical record number. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'mrn'] })
export class Patient extends TenantOwned {
  @Property({ type: 'text' })
  mrn!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text', nullable: true })
  nameAr?: string | null;

  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;
}
