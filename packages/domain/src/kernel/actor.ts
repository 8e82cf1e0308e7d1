import type { Role } from '../tenancy/role.js';
import { refuse } from './domain-error.js';

/** Who acts: every use case is scoped to the actor's tenant and checked against its role. */
export interface Actor {
  userId: string | null;
  tenantId: string;
  role: Role;
  /** The provider a CLINICIAN user is. */
  providerId?: string | null | undefined;
  /** How the request proved who it is: a signed-in session, or an integration's API token. */
  credential?: 'SESSION' | 'API_TOKEN' | undefined;
}

/** What each role may do (docs/domain.md, "Roles"). ADMIN may do everything in its tenant. */
const PERMISSIONS = {
  readCatalogue: ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
  manageCatalogue: ['ADMIN', 'FINANCE'],
  managePatients: ['ADMIN', 'RECEPTIONIST'],
  readPatients: ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
  purchasePackage: ['ADMIN', 'RECEPTIONIST', 'FINANCE'],
  payInvoice: ['ADMIN', 'RECEPTIONIST', 'FINANCE'],
  recordPayment: ['ADMIN', 'RECEPTIONIST', 'FINANCE'],
  voidInvoice: ['ADMIN', 'FINANCE'],
  readInvoices: ['ADMIN', 'RECEPTIONIST', 'FINANCE'],
  readLiabilityReport: ['ADMIN', 'FINANCE'],
  readPurchases: ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
  bookAppointment: ['ADMIN', 'RECEPTIONIST'],
  schedulePackage: ['ADMIN', 'RECEPTIONIST'],
  rescheduleAppointment: ['ADMIN', 'RECEPTIONIST'],
  changeAppointmentStatus: ['ADMIN', 'RECEPTIONIST', 'CLINICIAN'],
  readAppointments: ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
  manageProviders: ['ADMIN'],
  manageClinics: ['ADMIN'],
  managePolicy: ['ADMIN'],
  expirePurchases: ['ADMIN'],
  manageStaff: ['ADMIN'],
  cancelPackagePurchase: ['ADMIN', 'FINANCE'],
  waiveCharge: ['ADMIN', 'FINANCE'],
  transferPackagePurchase: ['ADMIN', 'FINANCE'],
  freezePackagePurchase: ['ADMIN', 'RECEPTIONIST', 'FINANCE'],
  extendPackagePurchase: ['ADMIN'],
  manageApiTokens: ['ADMIN'],
  manageWebhooks: ['ADMIN'],
  readAuditLog: ['ADMIN'],
  manageWaitlist: ['ADMIN', 'RECEPTIONIST'],
  readWaitlist: ['ADMIN', 'RECEPTIONIST'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Every permission a role holds: what the web app offers the signed-in person. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => (PERMISSIONS[permission] as readonly Role[]).includes(role));
}

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    refuse('FORBIDDEN', `A ${actor.role.toLowerCase()} may not ${describe(permission)}.`);
  }
}

function describe(permission: Permission): string {
  return permission.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/** The system itself (seed, scheduled jobs): an ADMIN of the tenant without a user. */
export function systemActor(tenantId: string): Actor {
  return { userId: null, tenantId, role: 'ADMIN' };
}
