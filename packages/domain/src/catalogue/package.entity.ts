import { Check, Collection, Entity, ManyToOne, OneToMany, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from './clinic.entity.js';
import { PackageServiceLine } from './package-service-line.entity.js';

/** A catalogue package: "10 SLP Sessions, valid 90 days". All its services belong to one clinic. */
@Entity({ tableName: 'package' })
@Unique({ properties: ['tenant', 'id'] })
@Check({ name: 'package_price_not_negative', expression: 'price >= 0' })
@Check({ name: 'package_validity_positive', expression: 'validity_days > 0' })
@Check({ name: 'package_total_sessions_positive', expression: 'total_sessions > 0' })
export class Package extends TenantOwned {
  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text' })
  nameAr!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'decimal', precision: 12, scale: 2 })
  price!: string;

  @Property({ type: 'integer' })
  validityDays!: number;

  /** The sum of the service lines' sessions. */
  @Property({ type: 'integer' })
  totalSessions!: number;

  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @OneToMany(() => PackageServiceLine, (line) => line.package, { orderBy: { position: 'asc' } })
  services = new Collection<PackageServiceLine>(this);
}
