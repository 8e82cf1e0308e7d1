import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox (events written with the change that caused them, published once by
 * the relay) and webhooks: endpoints with their secret and event types, one delivery per event
 * and endpoint (replays point at the delivery they repeat), and every HTTP attempt. Composite
 * keys keep each row with its tenant's endpoint, event and delivery.
 */
export class OutboxAndWebhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "outbox_event" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "event_type" text not null, "entity_type" text not null, "entity_id" uuid not null, "occurred_at" timestamptz not null, "payload" jsonb not null, "published_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"), constraint outbox_event_type_shape check (event_type ~ '^[a-z_]+\\.[a-z_]+$'))`);
    this.addSql('create index "outbox_event_unpublished_index" on "outbox_event" ("created_at", "id") where published_at is null');
    this.addSql('alter table "outbox_event" add constraint "outbox_event_tenant_id_id_unique" unique ("tenant_id", "id")');

    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "url" text not null, "events" text[] not null, "secret" text not null, "active" boolean not null default true, "deleted_at" timestamptz null, constraint "webhook_endpoint_pkey" primary key ("id"), constraint webhook_endpoint_deleted_inactive check (deleted_at is null or not active), constraint webhook_endpoint_events_not_empty check (cardinality(events) > 0), constraint webhook_endpoint_url_shape check (url ~ '^https?://'))`);
    this.addSql('alter table "webhook_endpoint" add constraint "webhook_endpoint_tenant_id_id_unique" unique ("tenant_id", "id")');

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "endpoint_id" uuid not null, "event_id" uuid not null, "replay_of_id" uuid null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "last_response_code" int null, "last_error" text null, "delivered_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"), constraint webhook_delivery_delivered_at check ((status = 'DELIVERED') = (delivered_at is not null)), constraint webhook_delivery_attempts_not_negative check (attempts >= 0))`);
    this.addSql('create index "webhook_delivery_tenant_id_endpoint_id_created_at_index" on "webhook_delivery" ("tenant_id", "endpoint_id", "created_at")');
    this.addSql('create unique index "webhook_delivery_once_per_endpoint" on "webhook_delivery" ("endpoint_id", "event_id") where replay_of_id is null');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_tenant_id_id_unique" unique ("tenant_id", "id")');

    this.addSql(`create table "webhook_attempt" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "delivery_id" uuid not null, "attempted_at" timestamptz not null, "ok" boolean not null, "response_code" int null, "duration_ms" int not null, "error" text null, constraint "webhook_attempt_pkey" primary key ("id"), constraint webhook_attempt_duration_not_negative check (duration_ms >= 0))`);
    this.addSql('create index "webhook_attempt_delivery_id_attempted_at_index" on "webhook_attempt" ("delivery_id", "attempted_at")');
    this.addSql('alter table "webhook_attempt" add constraint "webhook_attempt_tenant_id_id_unique" unique ("tenant_id", "id")');

    this.addSql('alter table "outbox_event" add constraint "outbox_event_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "webhook_endpoint" add constraint "webhook_endpoint_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "outbox_event" ("id") on update cascade');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_replay_of_id_foreign" foreign key ("replay_of_id") references "webhook_delivery" ("id") on update cascade on delete set null');
    this.addSql('alter table "webhook_attempt" add constraint "webhook_attempt_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade');

    // A delivery's endpoint, event and replayed delivery, and an attempt's delivery, are its tenant's.
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_tenant_fk" foreign key ("tenant_id", "endpoint_id") references "webhook_endpoint" ("tenant_id", "id")');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_event_tenant_fk" foreign key ("tenant_id", "event_id") references "outbox_event" ("tenant_id", "id")');
    this.addSql('alter table "webhook_delivery" add constraint "webhook_delivery_replay_of_tenant_fk" foreign key ("tenant_id", "replay_of_id") references "webhook_delivery" ("tenant_id", "id")');
    this.addSql('alter table "webhook_attempt" add constraint "webhook_attempt_delivery_tenant_fk" foreign key ("tenant_id", "delivery_id") references "webhook_delivery" ("tenant_id", "id")');
  }
}
