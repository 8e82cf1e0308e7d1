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

/** A catalogue package; all its services belong to one clinic, and its total is the sum of its lines. */
export function createPackage(context: UseCaseContext, input: CreatePackageInput): Promise<Result<Package>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageCatalogue');
    if (!input.nameEn.trim() || input.nameEn.length > 200) refuse('VALIDATION', 'The English name is required, at most 200 characters.', ['input', 'nameEn']);
    if (!input.nameAr.trim() || input.nameAr.length > 200) refuse('VALIDATION', 'The Arabic name is required, at most 200 characters.', ['input', 'nameAr']);
    if ((input.description?.length ?? 0) > 2000) refuse('VALIDATION', 'The description has at most 2000 characters.', ['input', 'description']);
    if (!MONEY.test(input.price)) refuse('VALIDATION', 'The price is a decimal amount such as 1500.00.', ['input', 'price']);
    if (!Number.isInteger(input.validityDays) || input.validityDays < 1 || input.validityDays > 3650) {
      refuse('VALIDATION', 'The validity is 1 to 3650 days.', ['input', 'validityDays']);
    }
    if (input.services.length === 0) refuse('VALIDATION', 'A package has at least one service.', ['input', 'services']);
    const seen = new Set<string>();
    input.services.forEach((line, index) => {
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
    const services = await em.find(Service, { id: { $in: [...seen] }, tenant: actor.tenantId }, { populate: ['clinic'] });
    const byId = new Map(services.map((service) => [service.id, service]));
    input.services.forEach((line, index) => {
      if (!byId.has(line.serviceId)) refuse('NOT_FOUND', 'No service with that id.', ['input', 'services', String(index), 'serviceId']);
    });
    const clinics = new Set(services.map((service) => service.clinic.id));
    if (clinics.size > 1) refuse('VALIDATION', 'All services of a package belong to one clinic.', ['input', 'services']);
    const pkg = em.create(Package, {
      tenant: actor.tenantId,
      clinic: services[0]!.clinic,
      nameEn: input.nameEn.trim(),
      nameAr: input.nameAr.trim(),
      description: input.description?.trim() || null,
      price: input.price,
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
      { operation: 'createPackage', entityType: 'Package', entityId: pkg.id, after: { nameEn: pkg.nameEn, totalSessions: pkg.totalSessions } },
    ]);
    await em.flush();
    return pkg;
  });
}
