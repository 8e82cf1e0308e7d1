import { LockMode } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Invoice } from '../billing/invoice.entity.js';
import { checkPackageFields, packageFacts, servicesOfLines, twoPlaces, type CreatePackageInput } from './create-package.js';
import { Package } from './package.entity.js';
import { PackageServiceLine } from './package-service-line.entity.js';

export interface UpdatePackageInput {
  packageId: string;
  nameEn?: string | null | undefined;
  nameAr?: string | null | undefined;
  /** null or empty: none; left out: unchanged. */
  description?: string | null | undefined;
  price?: string | null | undefined;
  validityDays?: number | null | undefined;
  /** The new lines, replacing all of them; only while the package was never sold. */
  services?: CreatePackageInput['services'] | null | undefined;
}

/**
 * The package, locked FOR UPDATE until the use case commits: a sale (purchasePackage takes it
 * FOR SHARE) either committed before, and its invoice is counted here, or waits and then reads
 * what this edit committed. Without it, an invoice could name lines replaced at the same instant.
 */
const lockPackage = (em: UseCaseContext['em'], tenantId: string, packageId: string) =>
  findInTenant(em, Package, packageId, tenantId, ['input', 'packageId'], { lockMode: LockMode.PESSIMISTIC_WRITE });

/** A package is sold once any invoice was issued for it (paid or not). */
async function invoicesOf(context: UseCaseContext, em: UseCaseContext['em'], pkg: Package): Promise<number> {
  return em.count(Invoice, { tenant: context.actor.tenantId, package: pkg });
}

const soldRefusal = (field: string[], invoices: number) =>
  refuse('PACKAGE_SOLD', 'The package was sold: its services and validity stay as sold. Retire it and add a new one.', field, {
    reason: 'PACKAGE_SOLD',
    params: { invoices },
  });

/**
 * Changes a package. Names, description and price may change at any time: the price applies to
 * the next invoice, and every invoice (and so every purchase) keeps the price it was issued at.
 * Its lines (which services, how many sessions) and validity are what buyers paid for: they
 * change only while no invoice names the package (PACKAGE_SOLD otherwise).
 */
export function updatePackage(context: UseCaseContext, input: UpdatePackageInput): Promise<Result<Package>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageCatalogue');
    const pkg = await lockPackage(em, actor.tenantId, input.packageId);
    const before = packageFacts(pkg);
    checkPackageFields(input);
    if (input.nameEn != null) pkg.nameEn = input.nameEn.trim();
    if (input.nameAr != null) pkg.nameAr = input.nameAr.trim();
    if (input.description !== undefined) pkg.description = input.description?.trim() || null;
    if (input.price != null) pkg.price = twoPlaces(input.price);
    const changesWhatWasSold = (input.validityDays != null && input.validityDays !== pkg.validityDays) || input.services != null;
    if (changesWhatWasSold) {
      const invoices = await invoicesOf(context, em, pkg);
      if (invoices > 0) soldRefusal(['input', input.services != null ? 'services' : 'validityDays'], invoices);
    }
    if (input.validityDays != null) pkg.validityDays = input.validityDays;
    if (input.services != null) {
      const { services, byId } = await servicesOfLines(em, actor.tenantId, input.services);
      pkg.clinic = services[0]!.clinic;
      await em.nativeDelete(PackageServiceLine, { package: pkg, tenant: actor.tenantId });
      input.services.forEach((line, position) =>
        em.create(PackageServiceLine, { tenant: actor.tenantId, package: pkg, service: byId.get(line.serviceId)!, sessions: line.sessions, position, createdAt: now }),
      );
      pkg.totalSessions = input.services.reduce((sum, line) => sum + line.sessions, 0);
    }
    const after = packageFacts(pkg);
    const keys = Object.keys(after).filter((key) => before[key] !== after[key]);
    if (keys.length > 0 || input.services != null) {
      recordAudit(em, actor, now, [
        {
          operation: 'updatePackage',
          entityType: 'Package',
          entityId: pkg.id,
          before: Object.fromEntries(keys.map((key) => [key, before[key]])),
          after: { ...Object.fromEntries(keys.map((key) => [key, after[key]])), ...(input.services != null ? { services: input.services.length } : {}) },
        },
      ]);
    }
    await em.flush();
    return pkg;
  });
}

/** Takes a package off sale: no new invoice names it; what was sold goes on. Safe to repeat. */
export function retirePackage(context: UseCaseContext, input: { packageId: string }): Promise<Result<Package>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageCatalogue');
    const pkg = await lockPackage(em, actor.tenantId, input.packageId);
    if (pkg.active) {
      pkg.active = false;
      recordAudit(em, actor, now, [{ operation: 'retirePackage', entityType: 'Package', entityId: pkg.id, before: { active: true }, after: { active: false } }]);
      await em.flush();
    }
    return pkg;
  });
}

/** Removes a package no invoice ever named; a sold one is retired instead (PACKAGE_SOLD). */
export function deletePackage(context: UseCaseContext, input: { packageId: string }): Promise<Result<Package>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageCatalogue');
    const pkg = await lockPackage(em, actor.tenantId, input.packageId);
    const invoices = await invoicesOf(context, em, pkg);
    if (invoices > 0) soldRefusal(['input', 'packageId'], invoices);
    recordAudit(em, actor, now, [{ operation: 'deletePackage', entityType: 'Package', entityId: pkg.id, before: packageFacts(pkg) }]);
    await em.nativeDelete(PackageServiceLine, { package: pkg, tenant: actor.tenantId });
    em.remove(pkg);
    await em.flush();
    return pkg;
  });
}
