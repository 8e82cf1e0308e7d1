import { Check, Entity, Index, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

/**
 * Something that happened, for the world outside: written in the transaction of the change that
 * caused it (from its audit event), so it exists exactly when the change committed. The relay
 * publishes it once (sets `publishedAt`) in a transaction that also creates its deliveries.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ name: 'outbox_event_unpublished_index', properties: ['createdAt'], expression: 'create index "outbox_event_unpublished_index" on "outbox_event" ("created_at", "id") where published_at is null' })
@Check({ name: 'outbox_event_type_shape', expression: "event_type ~ '^[a-z_]+\\.[a-z_]+$'" })
export class OutboxEvent extends TenantOwned {
  /** e.g. `appointment.booked`. */
  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'uuid' })
  entityId!: string;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The body integrators receive under `data`. */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Set once, by the relay that created its deliveries. */
  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null;
}
