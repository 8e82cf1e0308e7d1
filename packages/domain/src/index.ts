export * from './database/entities.js';
export { openDatabase, type Database, type OpenDatabaseOptions } from './database/database.js';
export { ormConfig } from './database/orm-config.js';
export { Tenant } from './tenancy/tenant.entity.js';
export { User } from './tenancy/user.entity.js';
export { ROLES, type Role } from './tenancy/role.js';
export { Clinic } from './catalogue/clinic.entity.js';
export { Service } from './catalogue/service.entity.js';
export { Package } from './catalogue/package.entity.js';
export { PackageServiceLine } from './catalogue/package-service-line.entity.js';
export { Provider } from './providers/provider.entity.js';
export { ProviderClinic } from './providers/provider-clinic.entity.js';
export { WorkingHours } from './providers/working-hours.entity.js';
export { TimeOff } from './providers/time-off.entity.js';
export { Patient } from './patients/patient.entity.js';
export { Invoice, INVOICE_STATUSES, type InvoiceStatus } from './billing/invoice.entity.js';
export {
  PackagePurchase,
  PACKAGE_PURCHASE_STATUSES,
  type PackagePurchaseStatus,
} from './purchases/package-purchase.entity.js';
export { Appointment } from './appointments/appointment.entity.js';
export { APPOINTMENT_STATUSES, type AppointmentStatus } from './appointments/appointment-status.js';
export {
  CancellationPolicy,
  DEFAULT_CANCELLATION_POLICY,
  type CancellationPolicyTerms,
} from './appointments/cancellation-policy.entity.js';
export { AuditEvent } from './audit/audit-event.entity.js';
