import { wrap } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/find.js';
import type { UseCaseContext } from '../shared/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import type { Clinic } from '../catalogue/clinic.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';

/**
 * Children of many parents in one statement each, for the API's request-scoped batch loaders.
 * Each answer lists the children per parent id, in the order of `parentIds`.
 */

/** True when the entity's fields are loaded, not just its id (a reference). */
export function isLoaded(entity: object): boolean {
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
    { tenant: context.actor.tenantId, package: { $in: packageIds.filter(isUuid) } },
    { populate: ['service'], orderBy: { position: 'asc' } },
  );
  return groupBy(packageIds, rows, (row) => row.package.id);
}

export async function clinicsOfProviders(context: UseCaseContext, providerIds: readonly string[]): Promise<Clinic[][]> {
  const rows = await context.em.find(
    ProviderClinic,
    { tenant: context.actor.tenantId, provider: { $in: providerIds.filter(isUuid) } },
    { populate: ['clinic'], orderBy: { clinic: { nameEn: 'asc' } } },
  );
  return groupBy(providerIds, rows, (row) => row.provider.id).map((links) => links.map((link) => link.clinic));
}

export async function workingHoursOfProviders(context: UseCaseContext, providerIds: readonly string[]): Promise<WorkingHours[][]> {
  const rows = await context.em.find(
    WorkingHours,
    { tenant: context.actor.tenantId, provider: { $in: providerIds.filter(isUuid) } },
    { orderBy: [{ weekday: 'asc' }, { startTime: 'asc' }] },
  );
  return groupBy(providerIds, rows, (row) => row.provider.id);
}

export async function appointmentsOfPurchases(context: UseCaseContext, purchaseIds: readonly string[]): Promise<Appointment[][]> {
  const rows = await context.em.find(
    Appointment,
    { tenant: context.actor.tenantId, packagePurchase: { $in: purchaseIds.filter(isUuid) } },
    { orderBy: [{ sessionNumberInPackage: 'asc' }, { startsAt: 'asc' }] },
  );
  return groupBy(purchaseIds, rows, (row) => row.packagePurchase?.id ?? '');
}

/** Purchases of many patients, newest first; the caller has checked the actor may read purchases. */
export async function purchasesOfPatients(context: UseCaseContext, patientIds: readonly string[]): Promise<PackagePurchase[][]> {
  const rows = await context.em.find(
    PackagePurchase,
    { tenant: context.actor.tenantId, patient: { $in: patientIds.filter(isUuid) } },
    { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] },
  );
  return groupBy(patientIds, rows, (row) => row.patient.id);
}

/** The audit history of many records, oldest first; the caller has checked the actor may read it. */
export async function historiesOf(context: UseCaseContext, entityIds: readonly string[]): Promise<AuditEvent[][]> {
  const rows = await context.em.find(
    AuditEvent,
    { tenant: context.actor.tenantId, entityId: { $in: entityIds.filter(isUuid) } },
    { orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
  );
  return groupBy(entityIds, rows, (row) => row.entityId);
}
