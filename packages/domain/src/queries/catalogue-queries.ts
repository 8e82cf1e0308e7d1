import { raw, type EntityClass } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import type { Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { refuse } from '../kernel/domain-error.js';
import { pageSize } from './pagination.js';
import { readFilter } from '../access/read-policy.js';

const NO_MATCH = '00000000-0000-0000-0000-000000000000';
const idOrNone = (id: string) => (isUuid(id) ? id : NO_MATCH);

export function listClinics(context: UseCaseContext): Promise<Result<Clinic[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readCatalogue');
    return em.find(Clinic, readFilter(actor, Clinic), { orderBy: { nameEn: 'asc' } });
  });
}

export function listProviders(context: UseCaseContext, clinicId?: string | null): Promise<Result<Provider[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readCatalogue');
    return em.find(
      Provider,
      { $and: [readFilter(actor, Provider), { active: true, ...(clinicId ? { clinics: { clinic: idOrNone(clinicId), active: true } } : {}) }] },
      { orderBy: { name: 'asc' } },
    );
  });
}

export function listServices(context: UseCaseContext, clinicId?: string | null): Promise<Result<Service[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readCatalogue');
    return em.find(Service, { $and: [readFilter(actor, Service), clinicId ? { clinic: idOrNone(clinicId) } : {}] }, { orderBy: { code: 'asc' } });
  });
}

/** Packages on sale; with `includeRetired`, the retired ones too (the catalogue's own screen). */
export function listPackages(context: UseCaseContext, clinicId?: string | null, options: { includeRetired?: boolean } = {}): Promise<Result<Package[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readCatalogue');
    return em.find(
      Package,
      { $and: [readFilter(actor, Package), { ...(options.includeRetired ? {} : { active: true }), ...(clinicId ? { clinic: idOrNone(clinicId) } : {}) }] },
      { orderBy: { nameEn: 'asc' } },
    );
  });
}

/**
 * Patients by name (English or Arabic), MRN or phone, alphabetically, a page at a time:
 * `afterPatientId` is the last patient of the previous page. A phone matches on its digits alone,
 * so "050 123 4567", "0501234567" and "+966501234567" all find "+966 50 123 4567" (a local
 * number's trunk zero is dropped).
 */
export function listPatients(
  context: UseCaseContext,
  input: { search?: string | null; first?: number | null; afterPatientId?: string | null },
): Promise<Result<Patient[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPatients');
    const first = pageSize(input.first);
    const search = input.search?.trim();
    if (search && search.length > 100) refuse('VALIDATION', 'Search with at most 100 characters.', ['search']);
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const after = input.afterPatientId
      ? await em.findOne(Patient, { $and: [readFilter(actor, Patient), { id: idOrNone(input.afterPatientId) }] }, { fields: ['nameEn'] })
      : null;
    if (input.afterPatientId && !after) refuse('VALIDATION', '"after" is not a patient of this list.', ['after']);
    return em.find(
      Patient,
      {
        $and: [
          readFilter(actor, Patient),
          pattern
            ? { $or: [{ nameEn: { $ilike: pattern } }, { nameAr: { $ilike: pattern } }, { mrn: { $ilike: pattern } }, ...phoneMatch(search ?? '')] }
            : {},
          after ? { $or: [{ nameEn: { $gt: after.nameEn } }, { nameEn: after.nameEn, id: { $gt: after.id } }] } : {},
        ],
      },
      { orderBy: [{ nameEn: 'asc' }, { id: 'asc' }], limit: first },
    );
  });
}

/** The phone condition of a patient search: digits only, when what was typed reads like a phone number. */
function phoneMatch(search: string): object[] {
  if (!/^[\d\s+\-().]+$/.test(search)) return [];
  const digits = search.replace(/\D/g, '').replace(/^0(?=\d{6})/, '');
  if (digits.length < 4) return [];
  return [{ [raw((alias: string) => `regexp_replace(coalesce(${alias}.phone, ''), '[^0-9]', '', 'g')`)]: { $like: `%${digits}%` } }];
}

/**
 * Rows of one entity by id, for a request's batch loader: one statement for many ids, in the
 * order asked; null where missing or outside the actor's read policy (as for another tenant's).
 */
export async function loadByIds<T extends { id: string }>(
  context: UseCaseContext,
  entity: EntityClass<T>,
  ids: readonly string[],
): Promise<Array<T | null>> {
  const valid = ids.filter(isUuid);
  const rows = valid.length
    ? ((await context.em.find(entity, { $and: [readFilter(context.actor, entity), { id: { $in: valid } }] } as never)) as T[])
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
