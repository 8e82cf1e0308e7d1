import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint: created by the relay with the event's publication (once per
 * endpoint and event; a replay is a new delivery pointing at the one it repeats).
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ name: 'webhook_delivery_once_per_endpoint', properties: ['endpoint', 'event'], expression: 'create unique index "webhook_delivery_once_per_endpoint" on "webhook_delivery" ("endpoint_id", "event_id") where replay_of_id is null' })
@Index({ properties: ['tenant', 'endpoint', 'createdAt'] })
@Check({ name: 'webhook_delivery_attempts_not_negative', expression: 'attempts >= 0' })
@Check({ name: 'webhook_delivery_delivered_at', expression: "(status = 'DELIVERED') = (delivered_at is not null)" })
export class WebhookDelivery extends TenantOwned {
  @ManyToOne(() => WebhookEndpoint)
  endpoint!: Rel<WebhookEndpoint>;

  @ManyToOne(() => OutboxEvent)
  event!: Rel<OutboxEvent>;

  @ManyToOne(() => WebhookDelivery, { nullable: true })
  replayOf?: Rel<WebhookDelivery> | null;

  @Enum({ items: () => DELIVERY_STATUSES, default: 'PENDING' })
  status: DeliveryStatus = 'PENDING';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'integer', nullable: true })
  lastResponseCode?: number | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}

/** One HTTP attempt of a delivery: when, how long, what came back. */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['delivery', 'attemptedAt'] })
@Check({ name: 'webhook_attempt_duration_not_negative', expression: 'duration_ms >= 0' })
export class WebhookAttempt extends TenantOwned {
  @ManyToOne(() => WebhookDelivery)
  delivery!: Rel<WebhookDelivery>;

  @Property({ type: 'timestamptz' })
  attemptedAt!: Date;

  @Property({ type: 'boolean' })
  ok!: boolean;

  @Property({ type: 'integer', nullable: true })
  responseCode?: number | null;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
