import { Check, Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Clinic } from './clinic.entity.js';

/** Something a clinic delivers, with the length of one appointment. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ properties: ['tenant', 'code'] })
/** Target of the appointment's key proving its service belongs to its clinic. */
@Unique({ name: 'service_clinic_key', properties: ['tenant', 'id', 'clinic'] })
@Check({ name: 'service_duration_positive', expression: 'duration_minutes > 0 and duration_minutes <= 720' })
@Check({ name: 'service_price_not_negative', expression: 'price >= 0' })
export class Service extends TenantOwned {
  @ManyToOne(() => Clinic)
  clinic!: Rel<Clinic>;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  nameEn!: string;

  @Property({ type: 'text' })
  nameAr!: string;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  /** Decimal as a string: money never passes through a float. */
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  price!: string;
}
