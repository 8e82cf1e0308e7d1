import { Tenant } from '../tenancy/tenant.entity.js';
import { User } from '../tenancy/user.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { TimeOff } from '../providers/time-off.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Payment } from '../billing/payment.entity.js';
import { LedgerEntry } from '../ledger/ledger-entry.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { CancellationPolicy } from '../appointments/cancellation-policy.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ApiToken } from '../tenancy/api-token.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { UserSession } from '../tenancy/user-session.entity.js';
import { PasswordReset } from '../tenancy/password-reset.entity.js';
import { Closure } from '../closures/closure.entity.js';
import { PackageFreeze } from '../purchases/package-freeze.entity.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { WebhookAttempt, WebhookDelivery } from '../webhooks/webhook-delivery.entity.js';
import { WaitlistEntry } from '../waitlist/waitlist-entry.entity.js';
import { PatientMessage } from '../notifications/patient-message.entity.js';

/** Every entity, listed rather than discovered from folders, so built and test code agree. */
export const entities = [
  Tenant,
  User,
  Clinic,
  Service,
  Package,
  PackageServiceLine,
  Provider,
  ProviderClinic,
  WorkingHours,
  TimeOff,
  Patient,
  Invoice,
  PackagePurchase,
  Payment,
  LedgerEntry,
  Appointment,
  CancellationPolicy,
  AuditEvent,
  ApiToken,
  IdempotencyKey,
  UserSession,
  PasswordReset,
  Closure,
  PackageFreeze,
  OutboxEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  WaitlistEntry,
  PatientMessage,
];
