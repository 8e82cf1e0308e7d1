import { Migration } from '@mikro-orm/migrations';

/**
 * Server-side sessions (the `sid` of a session token), deactivated accounts, and the table the
 * sign-in throttle (rate-limiter-flexible's PostgreSQL store) keeps its counters in. That table
 * has no entity: the schema diff skips it (`schemaGenerator.skipTables` in orm-config.ts).
 */
export class SessionsAndSignInThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "app_user" add column "deactivated_at" timestamptz null');
    this.addSql(
      "create table \"user_session\" (\"id\" uuid not null, \"tenant_id\" uuid not null, \"created_at\" timestamptz not null default now(), \"user_id\" uuid not null, \"expires_at\" timestamptz not null, \"ended_at\" timestamptz null, \"end_reason\" text check (\"end_reason\" in ('LOGOUT', 'PASSWORD_CHANGED', 'DEACTIVATED')) null, constraint \"user_session_pkey\" primary key (\"id\"), constraint user_session_expires_after_created check (expires_at > created_at), constraint user_session_end_reason_when_ended check ((ended_at is null) = (end_reason is null)))",
    );
    this.addSql('create index "user_session_user_id_index" on "user_session" ("user_id")');
    this.addSql('alter table "user_session" add constraint "user_session_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "user_session" add constraint "user_session_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade');
    this.addSql('alter table "user_session" add constraint "user_session_user_tenant_fk" foreign key ("tenant_id", "user_id") references "app_user" ("tenant_id", "id")');
    // rate-limiter-flexible's own layout (RateLimiterPostgres): key, points, expire in epoch ms.
    this.addSql('create table "sign_in_throttle" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint)');
  }
}
