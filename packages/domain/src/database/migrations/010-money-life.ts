import { Migration } from '@mikro-orm/migrations';

/**
 * The money side of a package's life: fees and waivers, freezes and transfers.
 *
 * - The cancellation policy gains a fee for a late cancellation and for a no-show (null: none)
 *   and a grace allowance per patient (how many incidents in how many days are free; 0: off).
 * - An invoice is for a package (kind PACKAGE) or a fee (kind FEE, naming its appointment; at
 *   most one fee invoice not void per appointment). The one-open-invoice rule is about package
 *   invoices only.
 * - An appointment records the incident it was (LATE_CANCELLATION, NO_SHOW), whether the grace
 *   allowance forgave it, and a waiver (when, why).
 * - The tenant caps the days a purchase may be frozen (default 60); each freeze is a row; the
 *   purchase keeps the days it was frozen.
 * - A transferred purchase points to the purchase it came from, and shares its invoice (the
 *   invoice that paid for those sessions): the invoice is unique among purchases not transferred.
 */
export class MoneyLife extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "cancellation_policy" add column "late_cancellation_fee" numeric(12,2) null, add column "no_show_fee" numeric(12,2) null, add column "grace_allowance" int not null default 0, add column "grace_period_days" int not null default 90',
    );
    this.addSql('alter table "cancellation_policy" add constraint cancellation_policy_fees_positive check((late_cancellation_fee is null or late_cancellation_fee > 0) and (no_show_fee is null or no_show_fee > 0))');
    this.addSql('alter table "cancellation_policy" add constraint cancellation_policy_grace_range check(grace_allowance >= 0 and grace_allowance <= 100 and grace_period_days >= 1 and grace_period_days <= 3650)');

    this.addSql(`alter table "invoice" add column "kind" text check ("kind" in ('PACKAGE', 'FEE')) not null default 'PACKAGE', add column "appointment_id" uuid null`);
    this.addSql('alter table "invoice" add constraint "invoice_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict');
    this.addSql('alter table "invoice" add constraint "invoice_appointment_tenant_fk" foreign key ("tenant_id", "appointment_id") references "appointment" ("tenant_id", "id")');
    this.addSql(`alter table "invoice" add constraint invoice_fee_names_appointment check((kind = 'FEE') = (appointment_id is not null))`);
    this.addSql(`create unique index "invoice_one_fee_per_appointment" on "invoice" ("appointment_id") where kind = 'FEE' and status <> 'VOID'`);
    this.addSql('drop index "invoice_one_open_per_patient_package"');
    this.addSql(
      `create unique index "invoice_one_open_per_patient_package" on "invoice" ("tenant_id", "patient_id", "package_id") where status = 'ISSUED' and not allow_another_open and kind = 'PACKAGE'`,
    );

    this.addSql(
      `alter table "appointment" add column "incident" text check ("incident" in ('LATE_CANCELLATION', 'NO_SHOW')) null, add column "grace_applied" boolean not null default false, add column "waived_at" timestamptz null, add column "waive_reason" text null`,
    );
    this.addSql(
      `alter table "appointment" add constraint appointment_waiver_with_reason check((waived_at is null) = (waive_reason is null) and (waive_reason is null or btrim(waive_reason) <> '') and (waived_at is null or incident is not null))`,
    );
    this.addSql(`alter table "appointment" add constraint appointment_incident_when_final check(incident is null or status = 'CANCELLED' or status = 'NO_SHOW')`);

    this.addSql('alter table "tenant" add column "freeze_cap_days" int not null default 60');
    this.addSql('alter table "tenant" add constraint tenant_freeze_cap_range check(freeze_cap_days >= 0 and freeze_cap_days <= 3650)');

    this.addSql('alter table "package_purchase" add column "frozen_days" int not null default 0, add column "transferred_from_id" uuid null');
    this.addSql('alter table "package_purchase" add constraint package_purchase_frozen_days_not_negative check(frozen_days >= 0)');
    this.addSql('alter table "package_purchase" add constraint "package_purchase_transferred_from_id_unique" unique ("transferred_from_id")');
    this.addSql('alter table "package_purchase" add constraint "package_purchase_transferred_from_id_foreign" foreign key ("transferred_from_id") references "package_purchase" ("id") on update cascade on delete restrict');
    this.addSql('alter table "package_purchase" add constraint "package_purchase_transferred_from_tenant_fk" foreign key ("tenant_id", "transferred_from_id") references "package_purchase" ("tenant_id", "id")');
    this.addSql('alter table "package_purchase" drop constraint "package_purchase_invoice_id_unique"');
    this.addSql('create unique index "package_purchase_one_per_invoice" on "package_purchase" ("invoice_id") where transferred_from_id is null');

    this.addSql(
      `create table "package_freeze" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "package_purchase_id" uuid not null, "start_date" date not null, "end_date" date not null, "days" int not null, "reason" text not null, constraint "package_freeze_pkey" primary key ("id"), constraint package_freeze_dates_in_order check (start_date <= end_date), constraint package_freeze_days_match check (days = end_date - start_date + 1), constraint package_freeze_reason_not_blank check (btrim(reason) <> ''))`,
    );
    this.addSql('create index "package_freeze_package_purchase_id_index" on "package_freeze" ("package_purchase_id")');
    this.addSql('alter table "package_freeze" add constraint "package_freeze_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "package_freeze" add constraint "package_freeze_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "package_freeze" add constraint "package_freeze_package_purchase_id_foreign" foreign key ("package_purchase_id") references "package_purchase" ("id") on update cascade');
    this.addSql('alter table "package_freeze" add constraint "package_freeze_purchase_tenant_fk" foreign key ("tenant_id", "package_purchase_id") references "package_purchase" ("tenant_id", "id")');
  }
}
