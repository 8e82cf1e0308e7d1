import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys of creating mutations: one row per tenant, user, operation and key, written
 * in the transaction of the change it guards, kept for a day.
 */
export class IdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "idempotency_key" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "user_id" uuid not null, "operation" text not null, "key" text not null, "request_hash" text not null, "result" jsonb null, "expires_at" timestamptz not null, constraint "idempotency_key_pkey" primary key ("id"))');
    this.addSql('create index "idempotency_key_expires_at_index" on "idempotency_key" ("expires_at")');
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_scope_unique" unique ("tenant_id", "user_id", "operation", "key")');
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade');
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_user_tenant_fk" foreign key ("tenant_id", "user_id") references "app_user" ("tenant_id", "id")');
    // What the application also checks, held by the database: the header's shape, a SHA-256, a lifetime.
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_key_shape" check ("key" ~ '^[!-~]{1,200}$')`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_request_hash_shape" check ("request_hash" ~ '^[0-9a-f]{64}$')`);
    this.addSql('alter table "idempotency_key" add constraint "idempotency_key_expires_after_creation" check ("expires_at" > "created_at")');
  }
}
