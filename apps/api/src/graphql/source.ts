import { Appointment, SchedulingError } from './types/appointment.type.js';
import { Clinic, Package, Provider, Service, WorkingHoursRange } from './types/catalogue.type.js';
import { Closure } from './types/closure.type.js';
import { Patient, User } from './types/people.type.js';
import { Invoice, PackageProgress, PackagePurchase, Payment } from './types/purchase.type.js';
import { PlannedSession } from './types/schedule.type.js';
import { SeriesSessionMove } from './types/series.type.js';
import { WebhookDelivery, WebhookEndpoint } from './types/webhook.type.js';

/**
 * Typed mappers from what the domain answers (entities, plain values) to the GraphQL object types.
 *
 * GraphQL reads a field of an answer by its name, so an entity answered as a GraphQL type must
 * hold every field of it that no field resolver computes. `SourceOf<G, Computed>` says exactly
 * that, with each scalar's type; a value is accepted only if it fits, so renaming an entity field
 * (or a GraphQL one) fails to compile instead of answering null. An object-typed field (a related
 * row) need only be present: its own field resolver (a batch loader) reads it.
 *
 * This is the only place where a value becomes a GraphQL type by assertion, once its shape has
 * been checked; `as unknown as` anywhere else in the API fails the test in source.test.ts.
 */
type Scalar = string | number | boolean | Date;
type FieldSource<F> = [NonNullable<F>] extends [Scalar | readonly Scalar[]] ? F : unknown;

/** What a value must hold to be answered as `G`, whose fields in `Computed` come from field resolvers. */
export type SourceOf<G, Computed extends keyof G = never> = { [K in keyof G as K extends Computed ? never : K]: FieldSource<G[K]> };

/** The fields each mapped type leaves to its field resolvers (source.test.ts checks that a resolver exists for each). */
export const COMPUTED_FIELDS = new Map<abstract new () => unknown, readonly string[]>();

function mapper<G, const Computed extends keyof G & string = never>(
  type: abstract new () => G,
  computed: readonly Computed[] = [],
): <S extends SourceOf<G, Computed>>(source: S) => G {
  COMPUTED_FIELDS.set(type, computed);
  return (source) => source as unknown as G;
}

function listMapper<G, const Computed extends keyof G & string = never>(
  type: abstract new () => G,
  computed: readonly Computed[] = [],
): <S extends SourceOf<G, Computed>>(sources: readonly S[]) => G[] {
  const one = mapper(type, computed);
  return (sources) => sources.map(one);
}

export const asAppointment = mapper(Appointment, ['allowedTransitions', 'canReschedule', 'history']);
export const asAppointments = listMapper(Appointment, ['allowedTransitions', 'canReschedule', 'history']);
export const asClinic = mapper(Clinic);
export const asService = mapper(Service);
export const asProvider = mapper(Provider, ['clinics', 'workingHours']);
export const asWorkingHours = listMapper(WorkingHoursRange);
export const asPackage = mapper(Package, ['services']);
export const asClosure = mapper(Closure, ['appointmentsInside']);
export const asPatient = mapper(Patient);
export const asUser = mapper(User);
export const asInvoice = mapper(Invoice, ['balance', 'payments']);
export const asPayment = mapper(Payment);
export const asPackagePurchase = mapper(PackagePurchase, ['transferredTo', 'progress', 'sessionsUnscheduled']);
export const asPackageProgress = mapper(PackageProgress);
export const asPlannedSessions = listMapper(PlannedSession, ['service', 'provider']);
export const asSchedulingErrors = listMapper(SchedulingError);
export const asSeriesSessionMoves = listMapper(SeriesSessionMove, ['provider']);
export const asWebhookEndpoint = mapper(WebhookEndpoint);
export const asWebhookDelivery = mapper(WebhookDelivery, ['eventId', 'eventType', 'occurredAt', 'attemptCount', 'replay']);
