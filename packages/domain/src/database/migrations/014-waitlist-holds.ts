import { Migration } from '@mikro-orm/migrations';

/**
 * The waitlist, and the hold an offer puts on a slot. While an entry is OFFERED it holds a
 * provider's time: an exclusion constraint keeps two holds apart, and two triggers keep holds
 * and live appointments apart in both directions, whichever path writes the appointment (book,
 * schedule, reschedule, a series move). Both triggers take a per-provider advisory lock (shared
 * for appointments, so bookings never wait on each other; exclusive for a hold), so a hold and a
 * booking racing for the same provider are decided one after the other, each seeing the other.
 * A refusal is SQLSTATE 23P01 with the constraint's name, as an overlap of two appointments is.
 */
export class WaitlistHolds extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "tenant" add column "waitlist_hold_minutes" int not null default 120');
    this.addSql('alter table "tenant" add constraint tenant_waitlist_hold_range check(waitlist_hold_minutes >= 5 and waitlist_hold_minutes <= 10080)');
    this.addSql(
      `create table "waitlist_entry" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "patient_id" uuid not null, "clinic_id" uuid not null, "service_id" uuid not null, "package_purchase_id" uuid null, "provider_ids" jsonb not null, "weekdays" jsonb not null, "from_date" date not null, "to_date" date not null, "window_from" text null, "window_to" text null, "status" text check ("status" in ('WAITING', 'OFFERED', 'BOOKED', 'LAPSED', 'CANCELLED')) not null default 'WAITING', "offered_provider_id" uuid null, "offered_starts_at" timestamptz null, "offered_ends_at" timestamptz null, "offer_expires_at" timestamptz null, "declined_slots" jsonb not null, "appointment_id" uuid null, "updated_at" timestamptz not null default now(), constraint "waitlist_entry_pkey" primary key ("id"), constraint waitlist_entry_booked_has_appointment check ((status = 'BOOKED') = (appointment_id is not null)), constraint waitlist_entry_offer_in_order check (offered_starts_at is null or offered_starts_at < offered_ends_at), constraint waitlist_entry_offer_complete check (status <> 'OFFERED' or (offered_provider_id is not null and offered_starts_at is not null and offered_ends_at is not null and offer_expires_at is not null)), constraint waitlist_entry_window_in_order check ((window_from is null) = (window_to is null) and (window_from is null or window_from < window_to)), constraint waitlist_entry_dates_in_order check (from_date <= to_date))`,
    );
    this.addSql(
      `alter table "waitlist_entry" add constraint "waitlist_entry_one_hold_per_slot" exclude using gist ("offered_provider_id" with =, tstzrange("offered_starts_at", "offered_ends_at", '[)') with &&) where (status = 'OFFERED')`,
    );
    this.addSql('create index "waitlist_entry_tenant_id_status_created_at_index" on "waitlist_entry" ("tenant_id", "status", "created_at")');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_tenant_id_id_unique" unique ("tenant_id", "id")');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete restrict');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_clinic_id_foreign" foreign key ("clinic_id") references "clinic" ("id") on update cascade');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_package_purchase_id_foreign" foreign key ("package_purchase_id") references "package_purchase" ("id") on update cascade on delete set null');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_offered_provider_id_foreign" foreign key ("offered_provider_id") references "provider" ("id") on update cascade on delete set null');
    this.addSql('alter table "waitlist_entry" add constraint "waitlist_entry_appointment_id_foreign" foreign key ("appointment_id") references "appointment" ("id") on update cascade on delete set null');
    // Every reference stays inside the entry's tenant.
    for (const [column, table] of [
      ['patient_id', 'patient'],
      ['clinic_id', 'clinic'],
      ['service_id', 'service'],
      ['package_purchase_id', 'package_purchase'],
      ['offered_provider_id', 'provider'],
      ['appointment_id', 'appointment'],
    ] as const) {
      this.addSql(
        `alter table "waitlist_entry" add constraint "waitlist_entry_${column.replace(/_id$/, '')}_tenant_fk" foreign key ("tenant_id", "${column}") references "${table}" ("tenant_id", "id")`,
      );
    }

    // A live appointment may not take held time (any path that writes appointments), except
    // in the transaction accepting that very offer (it names the entry in a local setting).
    this.addSql(`create function appointment_not_in_held_slot() returns trigger language plpgsql as $$
begin
  if new.status = 'CANCELLED' then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.status <> 'CANCELLED' and old.provider_id = new.provider_id
     and old.starts_at = new.starts_at and old.ends_at = new.ends_at then
    return new;
  end if;
  perform pg_advisory_xact_lock_shared(hashtextextended('slot-hold:' || new.provider_id::text, 0));
  if exists (
    select 1 from waitlist_entry w
     where w.status = 'OFFERED' and w.offered_provider_id = new.provider_id
       and w.id::text is distinct from nullif(current_setting('clinic.accepting_hold', true), '')
       and tstzrange(w.offered_starts_at, w.offered_ends_at, '[)') && tstzrange(new.starts_at, new.ends_at, '[)')
  ) then
    raise exception 'The time is held for a waitlist offer.' using errcode = '23P01', constraint = 'appointment_slot_held';
  end if;
  return new;
end $$`);
    this.addSql(
      'create trigger appointment_not_in_held_slot before insert or update on "appointment" for each row execute function appointment_not_in_held_slot()',
    );

    // A hold may not take time a live appointment has.
    this.addSql(`create function waitlist_hold_on_free_slot() returns trigger language plpgsql as $$
begin
  if new.status <> 'OFFERED' then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('slot-hold:' || new.offered_provider_id::text, 0));
  if exists (
    select 1 from appointment a
     where a.status <> 'CANCELLED' and a.provider_id = new.offered_provider_id
       and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(new.offered_starts_at, new.offered_ends_at, '[)')
  ) then
    raise exception 'The time is taken by an appointment.' using errcode = '23P01', constraint = 'waitlist_hold_slot_taken';
  end if;
  return new;
end $$`);
    this.addSql(
      'create trigger waitlist_hold_on_free_slot before insert or update on "waitlist_entry" for each row execute function waitlist_hold_on_free_slot()',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists appointment_not_in_held_slot on "appointment"');
    this.addSql('drop function if exists appointment_not_in_held_slot()');
    this.addSql('drop table if exists "waitlist_entry" cascade');
    this.addSql('drop function if exists waitlist_hold_on_free_slot()');
    this.addSql('alter table "tenant" drop constraint if exists tenant_waitlist_hold_range');
    this.addSql('alter table "tenant" drop column if exists "waitlist_hold_minutes"');
  }
}
