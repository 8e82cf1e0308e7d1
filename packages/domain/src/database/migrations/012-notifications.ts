import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications: a patient's e-mail address, preferred language and consent to reminders (per
 * channel, with when and by whom it was recorded); and every message sent, failed or skipped,
 * once per occasion (the unique index `patient_message_once`). Composite keys keep a message with
 * its tenant's patient, appointment and purchase.
 */
export class Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "patient" add column "email" text null, add column "preferred_language" text check ("preferred_language" in ('en', 'ar')) not null default 'en', add column "reminders_by_email" boolean not null default false, add column "reminders_by_sms" boolean not null default false, add column "consent_recorded_at" timestamptz null, add column "consent_recorded_by_id" uuid null`);
    this.addSql('alter table "patient" add constraint "patient_consent_recorded_by_id_foreign" foreign key ("consent_recorded_by_id") references "app_user" ("id") on update cascade on delete restrict');
    this.addSql(`alter table "patient" add constraint patient_email_shape check(email is null or email ~ '^[^@[:space:]]+@[^@[:space:]]+$')`);
    this.addSql('alter table "patient" add constraint patient_consent_recorded check(not (reminders_by_email or reminders_by_sms) or consent_recorded_at is not null)');
    this.addSql('alter table "patient" add constraint "patient_consent_recorded_by_tenant_fk" foreign key ("tenant_id", "consent_recorded_by_id") references "app_user" ("tenant_id", "id")');

    this.addSql(`create table "patient_message" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "patient_id" uuid not null, "channel" text check ("channel" in ('EMAIL', 'SMS')) not null, "template" text check ("template" in ('APPOINTMENT_REMINDER', 'PACKAGE_EXPIRY_REMINDER')) not null, "language" text check ("language" in ('en', 'ar')) not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')) not null default 'PENDING', "reason" text check ("reason" in ('NO_CONSENT', 'NO_ADDRESS', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_MOVED', 'PURCHASE_ENDED', 'NO_SESSIONS_LEFT')) null, "appointment_id" uuid null, "package_purchase_id" uuid null, "occasion" text not null, "recipient" text null, "subject" text null, "body" text null, "provider_message_id" text null, "error" text null, "sent_at" timestamptz null, constraint "patient_message_pkey" primary key ("id"), constraint patient_message_sent_at check ((status = 'SENT') = (sent_at is not null)), constraint patient_message_skipped_reason check ((status = 'SKIPPED') = (reason is not null)), constraint patient_message_about check ((template = 'APPOINTMENT_REMINDER') = (appointment_id is not null) and (template = 'PACKAGE_EXPIRY_REMINDER') = (package_purchase_id is not null)))`);
    this.addSql('create unique index "patient_message_once" on "patient_message" ("template", "channel", coalesce("appointment_id", "package_purchase_id"), "occasion")');
    this.addSql('create index "patient_message_tenant_id_patient_id_created_at_index" on "patient_message" ("tenant_id", "patient_id", "created_at")');
    this.addSql('alter table "patient_message" add constraint "patient_message_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "patient_message" add constraint "patient_message_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "patient_message" add constraint "patient_message_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade');
    this.addSql('alter table "patient_message" add constraint "patient_message_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete restrict');
    this.addSql('alter table "patient_message" add constraint "patient_message_package_purchase_id_foreign" foreign key ("package_purchase_id") references "package_purchase" ("id") on update cascade on delete restrict');

    // A message's patient, appointment and purchase are its tenant's.
    this.addSql('alter table "patient_message" add constraint "patient_message_patient_tenant_fk" foreign key ("tenant_id", "patient_id") references "patient" ("tenant_id", "id")');
    this.addSql('alter table "patient_message" add constraint "patient_message_appointment_tenant_fk" foreign key ("tenant_id", "appointment_id") references "appointment" ("tenant_id", "id")');
    this.addSql('alter table "patient_message" add constraint "patient_message_package_purchase_tenant_fk" foreign key ("tenant_id", "package_purchase_id") references "package_purchase" ("tenant_id", "id")');
  }
}
