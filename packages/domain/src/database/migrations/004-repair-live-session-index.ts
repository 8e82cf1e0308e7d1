import { Migration } from '@mikro-orm/migrations';

/**
 * Migration 001 was edited after databases had been built from it: `appointment_one_live_per_session`
 * first covered every appointment that is not CANCELLED, today it also leaves out a NO_SHOW that
 * consumed nothing (its session is free again). A database built before the edit still has the
 * old index and answers SLOT_TAKEN when such a session is booked again.
 *
 * This builds today's index under a temporary name and compares the two definitions as
 * PostgreSQL prints them (so no PostgreSQL version's spelling is hard-coded here): when they
 * differ, or the index is missing, today's replaces it; when they agree, the temporary one is
 * dropped and nothing changes. Running it on a right database is harmless.
 */
export class RepairLiveSessionIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
declare
  wanted text;
  present text;
begin
  create unique index "appointment_one_live_per_session_wanted" on "appointment" ("package_purchase_id", "session_number_in_package") where (status <> 'CANCELLED' and status <> 'NO_SHOW') or session_consumed;
  wanted := replace(pg_get_indexdef(to_regclass('appointment_one_live_per_session_wanted')), 'appointment_one_live_per_session_wanted', 'appointment_one_live_per_session');
  present := pg_get_indexdef(to_regclass('appointment_one_live_per_session'));
  if present is distinct from wanted then
    drop index if exists "appointment_one_live_per_session";
    alter index "appointment_one_live_per_session_wanted" rename to "appointment_one_live_per_session";
    raise notice 'appointment_one_live_per_session rebuilt (was: %)', coalesce(present, 'missing');
  else
    drop index "appointment_one_live_per_session_wanted";
  end if;
end $$`);
  }
}
