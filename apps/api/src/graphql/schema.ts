import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { HealthResolver } from './health.resolver.js';
import { UserErrorResolver } from './user-error.js';
import { AdminResolver, ProviderTimeOffResolver } from './resolvers/admin.resolver.js';
import { NodeResolver, nodeIdResolvers } from './resolvers/node.resolver.js';
import { ViewerResolver } from './resolvers/viewer.resolver.js';
import { UserFieldsResolver } from './resolvers/user-fields.resolver.js';
import { StaffResolver, UserPayloadResetResolver } from './resolvers/staff.resolver.js';
import { AuditEventEntityResolver, AuditLogResolver } from './resolvers/audit.resolver.js';
import {
  CatalogueResolver,
  PackageFieldsResolver,
  PackageServiceLineFieldsResolver,
  ProviderFieldsResolver,
  ServiceFieldsResolver,
  WorkingHoursFieldsResolver,
} from './resolvers/catalogue.resolver.js';
import { PatientResolver } from './resolvers/patient.resolver.js';
import { InvoiceFieldsResolver, PackagePurchaseFieldsResolver, PurchaseResolver } from './resolvers/purchase.resolver.js';
import {
  InvoiceMoneyResolver,
  InvoiceReceiptResolver,
  InvoiceResolver,
  PatientBalanceResolver,
  PaymentFieldsResolver,
  PurchaseLedgerResolver,
} from './resolvers/invoice.resolver.js';
import { AppointmentFieldsResolver, AppointmentResolver, AuditEventFieldsResolver } from './resolvers/appointment.resolver.js';
import { CalendarResolver } from './resolvers/calendar.resolver.js';
import { AvailableSlotFieldsResolver, BookingResolver } from './resolvers/booking.resolver.js';
import {
  PlannedSessionFieldsResolver,
  ScheduleResolver,
  SchedulingErrorAlternativesResolver,
  SlotSuggestionFieldsResolver,
} from './resolvers/schedule.resolver.js';
import { ClosureResolver } from './resolvers/closure.resolver.js';
import { ApiTokenCreatorResolver, CatalogueEditingResolver, PackageRetiredResolver } from './resolvers/catalogue-editing.resolver.js';
import { SeriesResolver, SeriesSessionMoveFieldsResolver } from './resolvers/series.resolver.js';
import { TimeOffAppointmentsResolver } from './resolvers/time-off.resolver.js';
import { Closure } from './types/closure.type.js';
import { LedgerEntryFieldsResolver, LiabilityResolver } from './resolvers/liability.resolver.js';
import { AppointmentChargeResolver, InvoiceKindResolver, InvoiceVoidResolver, PurchaseLifeFieldsResolver, PurchaseLifeResolver } from './resolvers/purchase-life.resolver.js';
import { Appointment } from './types/appointment.type.js';
import { Clinic, Package, Provider, Service } from './types/catalogue.type.js';
import { Patient, User } from './types/people.type.js';
import { Invoice, PackagePurchase, Payment } from './types/purchase.type.js';
import { WebhookDeliveryFieldsResolver, WebhookResolver } from './resolvers/webhook.resolver.js';
import { PurchaseExpiryRiskResolver, WaitlistResolver } from './resolvers/waitlist.resolver.js';
import { PatientMessageResolver, PatientMessagesFieldResolver } from '../notifications/message.resolver.js';
import { WebhookDelivery, WebhookEndpoint } from './types/webhook.type.js';

/** The served schema, built from the resolvers' decorators. */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      HealthResolver,
      UserErrorResolver,
      NodeResolver,
      ...nodeIdResolvers,
      ViewerResolver,
      UserFieldsResolver,
      StaffResolver,
      UserPayloadResetResolver,
      AuditLogResolver,
      AuditEventEntityResolver,
      CatalogueResolver,
      ServiceFieldsResolver,
      PackageFieldsResolver,
      PackageServiceLineFieldsResolver,
      ProviderFieldsResolver,
      WorkingHoursFieldsResolver,
      PatientResolver,
      PurchaseResolver,
      PackagePurchaseFieldsResolver,
      InvoiceFieldsResolver,
      InvoiceResolver,
      InvoiceMoneyResolver,
      PaymentFieldsResolver,
      PatientBalanceResolver,
      PurchaseLedgerResolver,
      PurchaseLifeResolver,
      PurchaseLifeFieldsResolver,
      InvoiceKindResolver,
      InvoiceVoidResolver,
      InvoiceReceiptResolver,
      AppointmentChargeResolver,
      AppointmentResolver,
      AppointmentFieldsResolver,
      AuditEventFieldsResolver,
      CalendarResolver,
      BookingResolver,
      AvailableSlotFieldsResolver,
      ScheduleResolver,
      PlannedSessionFieldsResolver,
      SchedulingErrorAlternativesResolver,
      SlotSuggestionFieldsResolver,
      SeriesResolver,
      SeriesSessionMoveFieldsResolver,
      ClosureResolver,
      TimeOffAppointmentsResolver,
      LiabilityResolver,
      LedgerEntryFieldsResolver,
      AdminResolver,
      ProviderTimeOffResolver,
      WebhookResolver,
      WebhookDeliveryFieldsResolver,
      WaitlistResolver,
      PurchaseExpiryRiskResolver,
      PatientMessageResolver,
      PatientMessagesFieldResolver,
      CatalogueEditingResolver,
      PackageRetiredResolver,
      ApiTokenCreatorResolver,
    ],
    // Every type implementing Node, so `node(id:)` can answer each of them.
    orphanedTypes: [Appointment, Clinic, Closure, Invoice, Package, PackagePurchase, Patient, Payment, Provider, Service, User, WebhookDelivery, WebhookEndpoint],
    validate: false,
  });
}

/** The SDL as committed in schema.graphql: sorted, so a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
