import { wrap } from '@mikro-orm/postgresql';
import { isUuid } from '../kernel/find.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import type { Clinic } from '../catalogue/clinic.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { readFilter } from '../access/read-policy.js';
import { isView } from '../read-models/views.js';

/**
 * Children of many parents in one statement each, for the API's request-scoped batch loaders.
 * Each answer lists the children per parent id, in the order of `parentIds`, and only the rows
 * the read policy lets the actor read (its filter is part of the same statement).
 */

/** True when the entity's fields are loaded, not just its id (a reference); a read model's view is complete. */
export function isLoaded(entity: object): boolean {
  if (isView(entity)) return true;
  if (!('__helper' in entity) && !(entity as { __meta?: unknown }).__meta) return false;
  return wrap(entity).isInitialized();
}

function groupBy<T>(parentIds: readonly string[], rows: T[], parentOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) groups.get(parentOf(row))?.push(row);
  return parentIds.map((id) => groups.get(id) ?? []);
}

export async function serviceLinesOfPackages(context: UseCaseContext, packageIds: readonly string[]): Promise<PackageServiceLine[][]> {
  const rows = await context.em.find(
    PackageServiceLine,
    { $and: [readFilter(context.actor, PackageServiceLine), { package: { $in: packageIds.filter(isUuid) } }] },
    { populate: ['service'], orderBy: { position: 'asc' } },
  );
  return groupBy(packageIds, rows, (row) => row.package.id);
}

export async function clinicsOfProviders(context: UseCaseContext, providerIds: readonly string[]): Promise<Clinic[][]> {
  const rows = await context.em.find(
    ProviderClinic,
    { $and: [readFilter(context.actor, ProviderClinic), { provider: { $in: providerIds.filter(isUuid) } }] },
    { populate: ['clinic'], orderBy: { clinic: { nameEn: 'asc' } } },
  );
  return groupBy(providerIds, rows, (row) => row.provider.id).map((links) => links.map((link) => link.clinic));
}

export async function workingHoursOfProviders(context: UseCaseContext, providerIds: readonly string[]): Promise<WorkingHours[][]> {
  const rows = await context.em.find(
    WorkingHours,
    { $and: [readFilter(context.actor, WorkingHours), { provider: { $in: providerIds.filter(isUuid) } }] },
    { orderBy: [{ weekday: 'asc' }, { startTime: 'asc' }] },
  );
  return groupBy(providerIds, rows, (row) => row.provider.id);
}

/**
 * Every session of many purchases, whoever may read them: for the counts of a purchase, which
 * describe the purchase as a whole. What a list shows of them is the read policy's
 * (`mayReadAppointment`, as in `progressOf`); the caller has checked the purchases are readable.
 */
export async function appointmentsOfPurchases(context: UseCaseContext, purchaseIds: readonly string[]): Promise<Appointment[][]> {
  const rows = await context.em.find(
    Appointment,
    { tenant: context.actor.tenantId, packagePurchase: { $in: purchaseIds.filter(isUuid) } },
    { orderBy: [{ sessionNumberInPackage: 'asc' }, { startsAt: 'asc' }] },
  );
  return groupBy(purchaseIds, rows, (row) => row.packagePurchase?.id ?? '');
}

/** The purchases of many patients that the actor may read, newest first. */
export async function purchasesOfPatients(context: UseCaseContext, patientIds: readonly string[]): Promise<PackagePurchase[][]> {
  const rows = await context.em.find(
    PackagePurchase,
    { $and: [readFilter(context.actor, PackagePurchase), { patient: { $in: patientIds.filter(isUuid) } }] },
    { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] },
  );
  return groupBy(patientIds, rows, (row) => row.patient.id);
}

/** The audit history of many records that the actor may read, oldest first. */
export async function historiesOf(context: UseCaseContext, entityIds: readonly string[]): Promise<AuditEvent[][]> {
  const rows = await context.em.find(
    AuditEvent,
    { $and: [readFilter(context.actor, AuditEvent), { entityId: { $in: entityIds.filter(isUuid) } }] },
    { orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
  );
  return groupBy(entityIds, rows, (row) => row.entityId);
}
