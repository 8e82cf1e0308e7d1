import type { EntityClass, EntityManager, LockMode } from '@mikro-orm/postgresql';
import { refuse } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * One row of the actor's tenant, or NOT_FOUND: another tenant's id is indistinguishable from an
 * id that never existed.
 */
export async function findInTenant<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  tenantId: string,
  field: string[],
  options: { populate?: readonly string[]; lockMode?: LockMode } = {},
): Promise<T> {
  const what = entity.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (!isUuid(id)) return refuse('NOT_FOUND', `No ${what} with that id.`, field);
  const found = (await em.findOne(entity, { id, tenant: tenantId } as never, options as never)) as T | null;
  return found ?? refuse('NOT_FOUND', `No ${what} with that id.`, field);
}
