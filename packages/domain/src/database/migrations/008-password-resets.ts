import { Migration } from '@mikro-orm/migrations';

/**
 * One-time password-reset links an ADMIN issues for a staff account: only the secret's hash is
 * kept, unique; the link expires after it was made and belongs to a user of its own tenant.
 */
export class PasswordResets extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "password_reset" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "user_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "spent_at" timestamptz null, constraint "password_reset_pkey" primary key ("id"), constraint password_reset_expires_after_created check (expires_at > created_at))`,
    );
    this.addSql('create index "password_reset_user_id_index" on "password_reset" ("user_id")');
    this.addSql('alter table "password_reset" add constraint "password_reset_token_hash_unique" unique ("token_hash")');
    this.addSql('alter table "password_reset" add constraint "password_reset_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "password_reset" add constraint "password_reset_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "password_reset" add constraint "password_reset_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade');
    this.addSql('alter table "password_reset" add constraint "password_reset_user_tenant_fk" foreign key ("tenant_id", "user_id") references "app_user" ("tenant_id", "id")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "password_reset" cascade');
  }
}
