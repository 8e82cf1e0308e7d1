import { Migration } from '@mikro-orm/migrations';

/** Long-lived tokens for integrations. */
export class ApiTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql("create table \"api_token\" (\"id\" uuid not null, \"tenant_id\" uuid not null, \"created_at\" timestamptz not null default now(), \"user_id\" uuid not null, \"name\" text not null, \"token_hash\" text not null, \"revoked_at\" timestamptz null, constraint \"api_token_pkey\" primary key (\"id\"))");
    this.addSql("alter table \"api_token\" add constraint \"api_token_token_hash_unique\" unique (\"token_hash\")");
    this.addSql("alter table \"api_token\" add constraint \"api_token_tenant_id_id_unique\" unique (\"tenant_id\", \"id\")");
    this.addSql("alter table \"api_token\" add constraint \"api_token_tenant_id_foreign\" foreign key (\"tenant_id\") references \"tenant\" (\"id\") on update cascade on delete restrict");
    this.addSql("alter table \"api_token\" add constraint \"api_token_user_id_foreign\" foreign key (\"user_id\") references \"app_user\" (\"id\") on update cascade");
    this.addSql('alter table "api_token" add constraint "api_token_user_tenant_fk" foreign key ("tenant_id", "user_id") references "app_user" ("tenant_id", "id")');
  }
}
