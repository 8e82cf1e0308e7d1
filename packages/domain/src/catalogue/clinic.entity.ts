import { Entity, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

/** A department of a tenant. Week days and dates people pick are in its time zone. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
export class Clinic extends TenantOwned {
  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text' })
  nameAr!: string;

  /** IANA zone name. */
  @Property({ type: 'text', default: 'Asia/Riyadh' })
  timeZone: string = 'Asia/Riyadh';
}
