import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from '../tenancy/user.entity.js';

/**
 * One recorded change: who, when, which operation, the state before and after.
 * Read-only: a trigger refuses updates and deletes.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['tenant', 'entityType', 'entityId', 'occurredAt'] })
export class AuditEvent extends TenantOwned {
  /** Null for the system itself (seed, expiry job). */
  @ManyToOne(() => User, { nullable: true })
  actor?: Rel<User> | null;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The use case: "completeAppointment", "schedulePackage", ... */
  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}
