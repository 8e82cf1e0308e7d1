import { Migration } from '@mikro-orm/migrations';

/**
 * A provider who leaves a clinic where they have past appointments keeps the link, inactive:
 * those appointments' key (`appointment_provider_in_clinic_tenant_fk`) still points at it.
 */
export class ProviderClinicActive extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "provider_clinic" add column "active" boolean not null default true');
  }
}
