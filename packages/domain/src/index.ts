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

// Use cases and the rules' vocabulary.
export { ERROR_CODES, DomainError, type ErrorCode, type Refusal, type RefusalDetail, type Result } from './kernel/domain-error.js';
export { can, authorize, permissionsOf, systemActor, type Actor, type Permission } from './kernel/actor.js';
export { inTransaction, reading, asRefusal, type UseCaseContext } from './kernel/use-case.js';
export { isUuid } from './kernel/find.js';
export { WEEKDAYS, localDateOf, addDays, isValidLocalDate, isValidZone, type LocalDate, type Weekday } from './kernel/local-time.js';
export { recordAudit, type AuditEntry } from './audit/audit-log.js';
export { listAuditEvents, auditOperations, AUDIT_PAGE_MAX, type AuditLogFilter, type AuditLogPage } from './audit/audit-query.js';
export { canMove, nextStatuses, isFinal } from './appointments/appointment-life-cycle.js';
export { bookAppointment, type BookAppointmentInput } from './appointments/book-appointment.js';
export {
  setAppointmentStatus,
  statusesActorMayChoose,
  type SetAppointmentStatusInput,
  type AppointmentStatusChange,
} from './appointments/set-appointment-status.js';
export { rescheduleAppointment, type RescheduleAppointmentInput } from './appointments/reschedule-appointment.js';
export { consumesSession, policyOf, type CancellationPolicyInForce } from './appointments/cancellation-policy.js';
export { purchasePackage, payInvoice, type PaidInvoice } from './purchases/purchase-package.js';
export {
  recordPayment,
  voidInvoice,
  listInvoices,
  balancesOfPatients,
  paymentsOfInvoices,
  currencyOfTenant,
  type RecordPaymentInput,
  type RecordedPayment,
  type InvoiceFilter,
} from './billing/invoices.js';
export { Payment, PAYMENT_METHODS, type PaymentMethod } from './billing/payment.entity.js';
export {
  Decimal,
  DEFAULT_CURRENCY,
  DEFAULT_TAX_RATE,
  formatAmount,
  minorUnitsOf,
  isSupportedCurrency,
  invoiceAmounts,
  parseAmount,
} from './billing/money.js';
export {
  LedgerEntry,
  LEDGER_ENTRY_KINDS,
  TRANSFER_DIRECTIONS,
  type LedgerEntryKind,
  type TransferDirection,
} from './ledger/ledger-entry.entity.js';
export { sessionValue } from './ledger/ledger.js';
export {
  packageLiability,
  liabilityCsv,
  MAX_REPORT_DAYS,
  type PackageLiabilityInput,
  type PackageLiabilityReport,
  type LiabilityEntry,
} from './ledger/liability-report.js';
export { availablePackages, type AvailablePackage } from './purchases/available-packages.js';
export { packageProgress, progressOf, type PackageProgress } from './purchases/package-progress.js';
export { expirePurchases } from './purchases/expire-purchases.js';
export { cancelPackagePurchase, type CancelPackagePurchaseInput, type CancelledPurchase } from './purchases/cancel-purchase.js';
export { expiryAfterFreeze, freezePackagePurchase, inclusiveDays, type FreezePackagePurchaseInput, type FrozenPurchase } from './purchases/freeze-purchase.js';
export { extendPackagePurchase, type ExtendPackagePurchaseInput } from './purchases/extend-purchase.js';
export { transferPackagePurchase, transferredToOf, type TransferPackagePurchaseInput, type TransferredPurchase } from './purchases/transfer-purchase.js';
export { waiveCharge, type WaiveChargeInput, type WaivedCharge } from './billing/waive-charge.js';
export { invoiceQr, sellerOf, zatcaQr, type Seller, type ZatcaQrFields } from './billing/zatca-qr.js';
export { INVOICE_KINDS, type InvoiceKind } from './billing/invoice.entity.js';
export { APPOINTMENT_INCIDENTS, type AppointmentIncident } from './appointments/appointment.entity.js';
export { countSessions, freeSessionNumbers, nextFreeSession, sessionServices, type SessionCounts } from './purchases/package-sessions.js';
export {
  consequenceOfStatusChange,
  mayReschedule,
  statusChangeConsequence,
  STATUS_CHANGE_KINDS,
  type StatusChangeConsequence,
  type StatusChangeKind,
} from './appointments/allowed-actions.js';
export { isExpiredOn } from './purchases/purchase-rules.js';
export { allowedPurchaseActions, PURCHASE_ACTIONS, type PurchaseAction } from './purchases/purchase-actions.js';
export { assertNotFrozen, freezesOf, frozenDatesOf } from './purchases/purchase-freezes.js';
export { PackageFreeze } from './purchases/package-freeze.entity.js';
export { voidBlockedBy } from './billing/invoice-actions.js';
export {
  schedulePackage,
  previewPackageSchedule,
  type SchedulePackageInput,
  type PackageSchedule,
  type PackageSchedulePreview,
  type PlannedSession,
  type SchedulingError,
  type SchedulingErrorCode,
} from './scheduling/schedule-package.js';
export {
  rescheduleSeries,
  previewRescheduleSeries,
  type RescheduleSeriesInput,
  type SeriesMove,
  type SeriesPlan,
  type SeriesSession,
} from './scheduling/reschedule-series.js';
export {
  planPackageSchedule,
  SEARCH_DAYS,
  type PlanInput,
  type PlacementReason,
  type Suggestion,
  type SuggestionKind,
  type TimeWindow,
} from './scheduling/plan-package-schedule.js';
export { freeSlots, type FreeSlot } from './availability/free-slots.js';
export { firstAvailableSlots, type AvailableSlot, type FirstAvailableInput, FIRST_AVAILABLE_MAX } from './availability/first-available.js';
export { dayStatus, DAY_STATUSES, type DayStatus, type DayStatusCode } from './availability/day-status.js';
export {
  clinicCalendar,
  MAX_CALENDAR_DAYS,
  UNAVAILABLE_KINDS,
  type ClinicCalendar,
  type ClinicCalendarInput,
  type CalendarColumn,
  type CalendarInterval,
  type UnavailableInterval,
  type UnavailableKind,
} from './calendar/clinic-calendar.js';
export { createPatient, type CreatePatientInput } from './patients/create-patient.js';
export { updatePatient, type UpdatePatientInput } from './patients/update-patient.js';
export { createPackage, type CreatePackageInput } from './catalogue/create-package.js';
export { updatePackage, retirePackage, deletePackage, type UpdatePackageInput } from './catalogue/manage-packages.js';
export { updateProvider, appointmentsBlockingClinicRemoval, type UpdateProviderInput } from './providers/update-provider.js';
export { listAppointments, listPatientAppointments, type AppointmentFilter } from './queries/list-appointments.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, type Page } from './queries/pagination.js';
export {
  listClinics,
  listProviders,
  listServices,
  listPackages,
  listPatients,
  loadByIds,
} from './queries/catalogue-queries.js';
export { findNode, isNodeType, NODE_TYPES, type NodeRow, type NodeType } from './queries/find-node.js';
export { readFilter, mayRead, mayReadAppointment, mayReadEmail, findReadable, reachOf, type Reach } from './access/read-policy.js';
export {
  isLoaded,
  serviceLinesOfPackages,
  clinicsOfProviders,
  workingHoursOfProviders,
  appointmentsOfPurchases,
  purchasesOfPatients,
  historiesOf,
} from './queries/batch-loads.js';
export { ApiToken } from './tenancy/api-token.entity.js';
export { UserSession, SESSION_END_REASONS, type SessionEndReason } from './tenancy/user-session.entity.js';
export { changePassword, deactivateUser, type ChangePasswordInput } from './tenancy/staff.js';
export { PasswordReset } from './tenancy/password-reset.entity.js';
export {
  createUser,
  changeUserRole,
  issuePasswordReset,
  listUsers,
  resetPassword,
  PASSWORD_RESET_TTL_HOURS,
  type CreateUserInput,
  type CreatedUser,
  type IssuedPasswordReset,
} from './tenancy/staff-accounts.js';
export {
  sendPasswordResetEmail,
  passwordResetMail,
  type EnqueuePasswordResetEmail,
  type PasswordResetEmailing,
  type PasswordResetEmailOutcome,
  type SendMail,
} from './tenancy/password-reset-email.js';
export {
  signIn,
  startSession,
  viewerOfSession,
  endSession,
  viewerOfApiToken,
  looksLikeApiToken,
  createApiToken,
  revokeApiToken,
  listApiTokens,
  type Viewer,
  type CreatedApiToken,
} from './tenancy/sign-in.js';
export { hashPassword, verifyPassword } from './tenancy/password.js';
export {
  seedDemoData,
  isDemoInstallation,
  type DemoDataOutcome,
  DEMO_PASSWORD,
  DEMO_ACCOUNTS,
  DEMO_TENANT_SLUG,
  type DemoAccount,
} from './seed/demo-data.js';
/** The unit of work a request or job hands to the use cases. */
export type { EntityManager } from '@mikro-orm/postgresql';
export { createProvider, setWorkingHours, addTimeOff, removeTimeOff, shortenTimeOff, upcomingTimeOff, appointmentsInTimeOff, appointmentsOutsideHours, type WorkingHoursRangeInput } from './providers/manage-providers.js';
export { createClinic, createService, updateClinic, updateService, timeZoneNames, cancellationPolicy, setCancellationPolicy, type UpdateClinicInput, type UpdateServiceInput } from './catalogue/manage-clinics.js';
export { createTenant, type CreateTenantInput } from './tenancy/create-tenant.js';
export { isDatabaseUnavailable } from './kernel/database-unavailable.js';
export * from './idempotency/index.js';
export { Closure } from './closures/closure.entity.js';
export {
  createClosure,
  deleteClosure,
  listClosures,
  appointmentsInClosure,
  MAX_CLOSURE_DAYS,
  type CreateClosureInput,
  type CreatedClosure,
} from './closures/closures.js';
export * from './read-models/index.js';
export { EVENT_TYPES, isEventType, eventTypesOf, type EventType } from './outbox/event-types.js';
export { OutboxEvent } from './outbox/outbox-event.entity.js';
export { relayOutbox, transactionExecutor, RELAY_BATCH, type EnqueueDeliveries, type RelayOutcome, type SqlExecutor } from './outbox/relay.js';
export { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
export { WebhookAttempt, WebhookDelivery, DELIVERY_STATUSES, type DeliveryStatus } from './webhooks/webhook-delivery.entity.js';
export { signatureOf, verifySignature, WEBHOOK_HEADERS } from './webhooks/signature.js';
export { prepareDelivery, recordAttempt, bodyOf, type AttemptOutcome, type PreparedDelivery } from './webhooks/delivery.js';
export {
  attemptsOf,
  createWebhookEndpoint,
  deactivateWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookDelivery,
  MAX_DELIVERIES_LISTED,
  type CreateWebhookEndpointInput,
  type CreatedWebhookEndpoint,
} from './webhooks/webhooks.js';
export * from './waitlist/index.js';
// Notifications: reminders by e-mail and SMS, and the record of every message.
export {
  PatientMessage,
  MESSAGE_CHANNELS,
  MESSAGE_TEMPLATES,
  MESSAGE_STATUSES,
  MESSAGE_LANGUAGES,
  SKIP_REASONS,
  type MessageChannel,
  type MessageTemplate,
  type MessageStatus,
  type MessageLanguage,
  type SkipReason,
} from './notifications/patient-message.entity.js';
export { PATIENT_LANGUAGES, type PatientLanguage } from './patients/patient.entity.js';
export { render, type TemplateFacts, type RenderedMessage, type AppointmentFacts, type ExpiryFacts } from './notifications/templates.js';
export {
  sendReminders,
  DEFAULT_REMINDER_SETTINGS,
  type MessageTransport,
  type OutgoingMessage,
  type ReminderRun,
  type ReminderSettings,
  type Transports,
} from './notifications/reminders.js';
export { messagesOfPatients, listPatientMessages, MESSAGES_PER_PATIENT, type MessageFilter } from './notifications/messages-query.js';
