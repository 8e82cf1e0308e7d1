import type { EntityClass } from '@mikro-orm/postgresql';
import { can, type Permission } from '../shared/actor.js';
import { isUuid } from '../shared/find.js';
import type { UseCaseContext } from '../shared/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { User } from '../tenancy/user.entity.js';

/** Every entity that can be fetched by its global id, with the permission to read it. */
export const NODE_TYPES = {
  Appointment: [Appointment, 'readAppointments'],
  Clinic: [Clinic, 'readCatalogue'],
  Invoice: [Invoice, 'readPurchases'],
  Package: [Package, 'readCatalogue'],
  PackagePurchase: [PackagePurchase, 'readPurchases'],
  Patient: [Patient, 'readPatients'],
  Provider: [Provider, 'readCatalogue'],
  Service: [Service, 'readCatalogue'],
  User: [User, 'manageProviders'],
} as const satisfies Record<string, readonly [EntityClass<object>, Permission]>;

export type NodeType = keyof typeof NODE_TYPES;

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(NODE_TYPES, type);
}

/**
 * The row of the tenant, or null: another tenant's id, an unknown id and a row the actor may not
 * read all look the same. A clinician reads only their own appointments.
 */
export async function findNode(context: UseCaseContext, type: NodeType, id: string): Promise<object | null> {
  const { em, actor } = context;
  const [entity, permission] = NODE_TYPES[type];
  if (!isUuid(id) || !can(actor, permission)) return null;
  const where: Record<string, unknown> = { id, tenant: actor.tenantId };
  if (type === 'Appointment' && actor.role === 'CLINICIAN') where.provider = actor.providerId ?? null;
  return em.findOne(entity as EntityClass<object>, where as never);
}
