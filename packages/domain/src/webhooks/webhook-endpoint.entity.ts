import { Check, Entity, Property, Unique } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';

/** An integrator's HTTPS address, the event types it wants, and the secret that signs its deliveries. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Check({ name: 'webhook_endpoint_url_shape', expression: "url ~ '^https?://'" })
@Check({ name: 'webhook_endpoint_events_not_empty', expression: 'cardinality(events) > 0' })
@Check({ name: 'webhook_endpoint_deleted_inactive', expression: 'deleted_at is null or not active' })
export class WebhookEndpoint extends TenantOwned {
  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text[]' })
  events!: string[];

  /** Shown once, when created; signs every delivery (HMAC-SHA256). */
  @Property({ type: 'text', hidden: true })
  secret!: string;

  @Property({ type: 'boolean' })
  active: boolean = true;

  /** Deleted endpoints stay for their deliveries' log; they receive nothing. */
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt?: Date | null;
}
