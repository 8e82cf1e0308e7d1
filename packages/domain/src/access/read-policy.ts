import { raw, type EntityClass, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { can, type Actor, type Permission } from '../kernel/actor.js';
import { refuse } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Payment } from '../billing/payment.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { User } from '../tenancy/user.entity.js';
import { Closure } from '../closures/closure.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WaitlistEntry } from '../waitlist/waitlist-entry.entity.js';
import { PatientMessage } from '../notifications/patient-message.entity.js';

/**
 * The read policy (docs/domain.md, "Who sees what"): for each entity, which of its rows a role
 * may read. Every read path asks here (root lists, `node`, the API's batch loaders, progress,
 * history), so a role's reach is the same whichever way a query is written. A row outside it
 * answers exactly as a row of another tenant does: not found, null, or absent from a list.
 *
 * - ADMIN, RECEPTIONIST and FINANCE read their whole tenant (FINANCE needs the sessions behind
 *   the money: who bought what, and which sessions were delivered).
 * - A CLINICIAN reads their own appointments (provider = the clinician's provider) and what goes
 *   with them: the patients they see, those patients' purchases that hold a session with them,
 *   the invoices of those purchases, and the history of their appointments. A patient of another
 *   clinician is not found.
 * - The catalogue (clinics, services, packages, providers and their hours) and the staff's names
 *   and roles are for every role of the tenant; a staff e-mail address is for ADMIN, and for the
 *   user themself (`mayReadEmail`).
 *
 * The filters are conditions on the entity's own statement (a subquery, never another round
 * trip), so a batch load costs the same statements for every role.
 */

/** How far a role reaches into appointment-related rows. */
export type Reach = 'TENANT' | 'OWN_APPOINTMENTS';

export function reachOf(actor: Actor): Reach {
  return actor.role === 'CLINICIAN' ? 'OWN_APPOINTMENTS' : 'TENANT';
}

const NO_PROVIDER = '00000000-0000-0000-0000-000000000000';

/** `exists (...)` on the row being read (its alias), with the clinician's provider as the parameter. */
const exists = (subquery: (alias: string) => string, providerId: string) => ({ [raw((alias: string) => `exists (${subquery(alias)})`, [providerId])]: [] });

interface EntityPolicy {
  /** The role permission without which none of its rows are read. */
  permission: Permission;
  /** The rows a clinician reads; absent: the whole tenant. */
  own?: (providerId: string) => object;
}

const POLICIES = new Map<EntityClass<object>, EntityPolicy>([
  [Appointment, { permission: 'readAppointments', own: (provider) => ({ provider }) }],
  [
    Patient,
    {
      permission: 'readPatients',
      own: (provider) => exists((p) => `select 1 from appointment own where own.patient_id = ${p}.id and own.provider_id = ?`, provider),
    },
  ],
  [
    PackagePurchase,
    {
      permission: 'readPurchases',
      own: (provider) => exists((p) => `select 1 from appointment own where own.package_purchase_id = ${p}.id and own.provider_id = ?`, provider),
    },
  ],
  [
    Invoice,
    {
      permission: 'readPurchases',
      own: (provider) =>
        exists(
          (i) =>
            `select 1 from package_purchase bought join appointment own on own.package_purchase_id = bought.id where bought.invoice_id = ${i}.id and own.provider_id = ?`,
          provider,
        ),
    },
  ],
  // A payment goes with its invoice.
  [
    Payment,
    {
      permission: 'readPurchases',
      own: (provider) =>
        exists(
          (p) =>
            `select 1 from package_purchase bought join appointment own on own.package_purchase_id = bought.id where bought.invoice_id = ${p}.invoice_id and own.provider_id = ?`,
          provider,
        ),
    },
  ],
  [
    AuditEvent,
    {
      permission: 'readAppointments',
      own: (provider) => exists((e) => `select 1 from appointment own where own.id = ${e}.entity_id and own.provider_id = ?`, provider),
    },
  ],
  // A patient's messages go with the patient.
  [
    PatientMessage,
    {
      permission: 'readPatients',
      own: (provider) => exists((m) => `select 1 from appointment own where own.patient_id = ${m}.patient_id and own.provider_id = ?`, provider),
    },
  ],
  // Colleagues' names and roles (who changed an appointment); e-mail addresses: mayReadEmail.
  [User, { permission: 'readCatalogue' }],
  [Clinic, { permission: 'readCatalogue' }],
  [Service, { permission: 'readCatalogue' }],
  [Package, { permission: 'readCatalogue' }],
  [PackageServiceLine, { permission: 'readCatalogue' }],
  [Provider, { permission: 'readCatalogue' }],
  [ProviderClinic, { permission: 'readCatalogue' }],
  [WorkingHours, { permission: 'readCatalogue' }],
  [Closure, { permission: 'readCatalogue' }],
  // Webhooks are the administrator's alone (their endpoints hold integration addresses).
  [WebhookEndpoint, { permission: 'manageWebhooks' }],
  [WebhookDelivery, { permission: 'manageWebhooks' }],
  // The waitlist is the front desk's.
  [WaitlistEntry, { permission: 'readWaitlist' }],
]);

function policyOf(entity: EntityClass<object>): EntityPolicy {
  const policy = POLICIES.get(entity);
  if (!policy) throw new Error(`no read policy for ${entity.name}: add it to access/read-policy.ts`);
  return policy;
}

/** Whether the role reads any row of the entity at all. */
export function mayRead(actor: Actor, entity: EntityClass<object>): boolean {
  return can(actor, policyOf(entity).permission);
}

/**
 * The rows of `entity` the actor may read, as a filter to combine (`$and`) with any other
 * condition of a query of that entity. Always scoped to the actor's tenant; matches nothing when
 * the role reads none of them.
 */
export function readFilter<T extends object>(actor: Actor, entity: EntityClass<T>): FilterQuery<T> {
  const policy = policyOf(entity as EntityClass<object>);
  if (!can(actor, policy.permission)) return { tenant: actor.tenantId, id: NO_PROVIDER } as FilterQuery<T>;
  const own = reachOf(actor) === 'OWN_APPOINTMENTS' && policy.own ? policy.own(actor.providerId ?? NO_PROVIDER) : {};
  return { tenant: actor.tenantId, ...own } as FilterQuery<T>;
}

/**
 * The same rule as the Appointment filter, for rows already in memory: the counts of a purchase
 * are taken from all its sessions, and its list shows only the ones the actor may read.
 */
export function mayReadAppointment(actor: Actor, appointment: Appointment): boolean {
  if (!can(actor, 'readAppointments') || appointment.tenant.id !== actor.tenantId) return false;
  return reachOf(actor) === 'TENANT' || appointment.provider.id === (actor.providerId ?? NO_PROVIDER);
}

/** A staff e-mail address is for an ADMIN of the tenant, and for the user themself. */
export function mayReadEmail(actor: Actor | null, user: User): boolean {
  if (!actor || user.tenant.id !== actor.tenantId) return false;
  return actor.role === 'ADMIN' || actor.userId === user.id;
}

/** One readable row, or NOT_FOUND: a row the actor may not read is answered as one that never existed. */
export async function findReadable<T extends object>(
  em: EntityManager,
  actor: Actor,
  entity: EntityClass<T>,
  id: string,
  field: string[],
  options: { populate?: readonly string[] } = {},
): Promise<T> {
  const what = entity.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (!isUuid(id)) return refuse('NOT_FOUND', `No ${what} with that id.`, field);
  const where = { $and: [{ id }, readFilter(actor, entity)] } as FilterQuery<T>;
  const found = (await em.findOne(entity, where, options as never)) as T | null;
  return found ?? refuse('NOT_FOUND', `No ${what} with that id.`, field);
}
