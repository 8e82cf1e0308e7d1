import type { EntityClass } from '@mikro-orm/postgresql';
import { mayRead, readFilter } from '../access/read-policy.js';
import { isUuid } from '../kernel/find.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Payment } from '../billing/payment.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { User } from '../tenancy/user.entity.js';
import { Closure } from '../closures/closure.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WaitlistEntry } from '../waitlist/waitlist-entry.entity.js';
import { PatientMessage } from '../notifications/patient-message.entity.js';

/** Every entity that can be fetched by its global id; who may read which rows is the read policy's. */
export const NODE_TYPES = {
  Appointment,
  Clinic,
  Closure,
  Invoice,
  Package,
  PackagePurchase,
  Patient,
  PatientMessage,
  Payment,
  Provider,
  Service,
  User,
  WaitlistEntry,
  WebhookDelivery,
  WebhookEndpoint,
} as const satisfies Record<string, EntityClass<object>>;

export type NodeType = keyof typeof NODE_TYPES;

/** The row of a node type. */
export type NodeRow<T extends NodeType> = InstanceType<(typeof NODE_TYPES)[T]>;

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(NODE_TYPES, type);
}

/**
 * The row, or null: another tenant's id, an unknown id and a row outside the actor's read policy
 * (e.g. another clinician's appointment) all look the same.
 */
export async function findNode<T extends NodeType>(context: UseCaseContext, type: T, id: string): Promise<NodeRow<T> | null> {
  const { em, actor } = context;
  const entity = NODE_TYPES[type] as EntityClass<object>;
  if (!isUuid(id) || !mayRead(actor, entity)) return null;
  return (await em.findOne(entity, { $and: [readFilter(actor, entity), { id }] } as never)) as NodeRow<T> | null;
}
