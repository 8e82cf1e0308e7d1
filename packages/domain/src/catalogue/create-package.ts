import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Package } from './package.entity.js';
import { PackageServiceLine } from './package-service-line.entity.js';
import { Service } from './service.entity.js';

export interface CreatePackageInput {
  nameEn: string;
  nameAr: string;
  description?: string | null | undefined;
  /** Decimal string, "1500.00". */
  price: string;
  validityDays: number;
  services: ReadonlyArray<{ serviceId: string; sessions: number }>;
}

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/** The fields of a package a caller sets, each refused with its path when out of range. */
export function checkPackageFields(input: {
  nameEn?: string | null | undefined;
  nameAr?: string | null | undefined;
  description?: string | null | undefined;
  price?: string | null | undefined;
  validityDays?: number | null | undefined;
}): void {
  if (input.nameEn != null && (!input.nameEn.trim() || input.nameEn.length > 200)) refuse('VALIDATION', 'The English name is required, at most 200 characters.', ['input', 'nameEn']);
  if (input.nameAr != null && (!input.nameAr.trim() || input.nameAr.length > 200)) refuse('VALIDATION', 'The Arabic name is required, at most 200 characters.', ['input', 'nameAr']);
  if ((input.description?.length ?? 0) > 2000) refuse('VALIDATION', 'The description has at most 2000 characters.', ['input', 'description']);
  if (input.price != null && !MONEY.test(input.price)) refuse('VALIDATION', 'The price is a decimal amount such as 1500.00.', ['input', 'price']);
  if (input.validityDays != null && (!Number.isInteger(input.validityDays) || input.validityDays < 1 || input.validityDays > 3650)) {
    refuse('VALIDATION', 'The validity is 1 to 3650 days.', ['input', 'validityDays']);
  }
}

/** The lines' services, all of one clinic of the tenant, each listed once with 1 to 200 sessions. */
export async function servicesOfLines(em: EntityManager, tenantId: string, lines: CreatePackageInput['services']) {
  if (lines.length === 0) refuse('VALIDATION', 'A package has at least one service.', ['input', 'services']);
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.sessions) || line.sessions < 1 || line.sessions > 200) {
      refuse('VALIDATION', 'Sessions per line run from 1 to 200.', ['input', 'services', String(index), 'sessions']);
    }
    if (!isUuid(line.serviceId) || seen.has(line.serviceId)) {
      refuse(isUuid(line.serviceId) ? 'VALIDATION' : 'NOT_FOUND', isUuid(line.serviceId) ? 'A service is listed twice.' : 'No service with that id.', [
        'input', 'services', String(index), 'serviceId',
      ]);
    }
    seen.add(line.serviceId);
  });
  const services = await em.find(Service, { id: { $in: [...seen] }, tenant: tenantId }, { populate: ['clinic'] });
  const byId = new Map(services.map((service) => [service.id, service]));
  lines.forEach((line, index) => {
    if (!byId.has(line.serviceId)) refuse('NOT_FOUND', 'No service with that id.', ['input', 'services', String(index), 'serviceId']);
  });
  const clinics = new Set(services.map((service) => service.clinic.id));
  if (clinics.size > 1) refuse('VALIDATION', 'All services of a package belong to one clinic.', ['input', 'services']);
  return { services, byId };
}

/** A catalogue package; all its services belong to one clinic, and its total is the sum of its lines. */
export function createPackage(context: UseCaseContext, input: CreatePackageInput): Promise<Result<Package>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageCatalogue');
    checkPackageFields(input);
    const { services, byId } = await servicesOfLines(em, actor.tenantId, input.services);
    const pkg = em.create(Package, {
      tenant: actor.tenantId,
      clinic: services[0]!.clinic,
      nameEn: input.nameEn.trim(),
      nameAr: input.nameAr.trim(),
      description: input.description?.trim() || null,
      price: twoPlaces(input.price),
      validityDays: input.validityDays,
      totalSessions: input.services.reduce((sum, line) => sum + line.sessions, 0),
      active: true,
      createdAt: now,
    });
    input.services.forEach((line, position) =>
      em.create(PackageServiceLine, {
        tenant: actor.tenantId,
        package: pkg,
        service: byId.get(line.serviceId)!,
        sessions: line.sessions,
        position,
        createdAt: now,
      }),
    );
    recordAudit(em, actor, now, [
      { operation: 'createPackage', entityType: 'Package', entityId: pkg.id, after: packageFacts(pkg) },
    ]);
    await em.flush();
    return pkg;
  });
}

/** A validated decimal with its two places: "900" is stored and told as "900.00". */
export const twoPlaces = (price: string): string => new Decimal(price).toFixed(2);

/** What the audit keeps of a package. */
export function packageFacts(pkg: Package): Record<string, unknown> {
  return {
    nameEn: pkg.nameEn,
    nameAr: pkg.nameAr,
    description: pkg.description ?? null,
    price: pkg.price,
    validityDays: pkg.validityDays,
    totalSessions: pkg.totalSessions,
    active: pkg.active,
  };
}
