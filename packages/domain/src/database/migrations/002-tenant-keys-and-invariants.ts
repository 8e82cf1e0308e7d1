import { Migration } from '@mikro-orm/migrations';

/**
 * What MikroORM's metadata cannot say, written by hand:
 * - composite foreign keys (tenant_id, x_id) -> x (tenant_id, id), so that no row ever references
 *   another tenant's row; named `*_tenant_fk`, which the schema diff leaves alone;
 * - an appointment's package session key: its patient, package and total agree with its purchase;
 * - an appointment's provider works in its clinic, and its service belongs to it;
 * - number sequences for appointments and invoices;
 * - the audit history is read-only.
 */
const TENANT_REFERENCES: ReadonlyArray<readonly [table: string, column: string, target: string, onDelete?: string]> = [
  ['app_user', 'provider_id', 'provider'],
  ['audit_event', 'actor_id', 'app_user'],
  ['service', 'clinic_id', 'clinic'],
  ['provider_clinic', 'provider_id', 'provider', 'cascade'],
  ['provider_clinic', 'clinic_id', 'clinic'],
  ['working_hours', 'provider_id', 'provider', 'cascade'],
  ['working_hours', 'clinic_id', 'clinic'],
  ['time_off', 'provider_id', 'provider', 'cascade'],
  ['package', 'clinic_id', 'clinic'],
  ['package_service_line', 'package_id', 'package', 'cascade'],
  ['package_service_line', 'service_id', 'service'],
  ['invoice', 'patient_id', 'patient'],
  ['invoice', 'package_id', 'package'],
  ['package_purchase', 'patient_id', 'patient'],
  ['package_purchase', 'package_id', 'package'],
  ['package_purchase', 'invoice_id', 'invoice'],
  ['appointment', 'patient_id', 'patient'],
  ['appointment', 'provider_id', 'provider'],
  ['appointment', 'clinic_id', 'clinic'],
  ['appointment', 'service_id', 'service'],
  ['appointment', 'package_id', 'package'],
  ['appointment', 'package_purchase_id', 'package_purchase'],
];

export class TenantKeysAndInvariants extends Migration {
  override async up(): Promise<void> {
    for (const [table, column, target, onDelete = 'restrict'] of TENANT_REFERENCES) {
      const name = `${table}_${column.replace(/_id$/, '')}_tenant_fk`;
      this.addSql(
        `alter table "${table}" add constraint "${name}" foreign key ("tenant_id", "${column}") references "${target}" ("tenant_id", "id") on delete ${onDelete}`,
      );
    }
    this.addSql(
      'alter table "appointment" add constraint "appointment_package_session_tenant_fk" foreign key ("tenant_id", "package_purchase_id", "patient_id", "package_id", "package_total_sessions") references "package_purchase" ("tenant_id", "id", "patient_id", "package_id", "total_sessions")',
    );
    this.addSql(
      'alter table "appointment" add constraint "appointment_provider_in_clinic_tenant_fk" foreign key ("tenant_id", "provider_id", "clinic_id") references "provider_clinic" ("tenant_id", "provider_id", "clinic_id")',
    );
    this.addSql(
      'alter table "appointment" add constraint "appointment_service_of_clinic_tenant_fk" foreign key ("tenant_id", "service_id", "clinic_id") references "service" ("tenant_id", "id", "clinic_id")',
    );

    this.addSql('create sequence if not exists "appointment_number_seq"');
    this.addSql('create sequence if not exists "invoice_number_seq"');

    this.addSql(`create or replace function audit_event_read_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit history is read-only' using errcode = 'P0001', constraint = 'audit_event_read_only';
end
$$`);
    this.addSql(
      'create trigger audit_event_read_only before update or delete on "audit_event" for each statement execute function audit_event_read_only()',
    );
  }
}
