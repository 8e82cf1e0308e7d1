import { Migration } from '@mikro-orm/migrations';

/**
 * Closures: a clinic, or the whole tenant (no clinic), closed on inclusive local dates with a
 * reason. The database keeps the dates in order, at most a year apart, the reason not blank,
 * and the clinic inside the closure's tenant.
 */
export class Closures extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "closure" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "clinic_id" uuid null, "start_date" date not null, "end_date" date not null, "reason" text not null, constraint "closure_pkey" primary key ("id"), constraint closure_dates_in_order check (start_date <= end_date), constraint closure_at_most_a_year check (end_date - start_date < 366), constraint closure_reason_not_blank check (btrim(reason) <> ''))`,
    );
    this.addSql('create index "closure_tenant_id_start_date_index" on "closure" ("tenant_id", "start_date")');
    this.addSql('alter table "closure" add constraint "closure_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "closure" add constraint "closure_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "closure" add constraint "closure_clinic_id_foreign" foreign key ("clinic_id") references "clinic" ("id") on update cascade on delete cascade');
    this.addSql('alter table "closure" add constraint "closure_clinic_tenant_fk" foreign key ("tenant_id", "clinic_id") references "clinic" ("tenant_id", "id") on delete cascade');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "closure" cascade');
  }
}
