import { PatientMessage } from '../notifications/message.type.js';
import { Appointment, AuditEvent, SchedulingError } from './types/appointment.type.js';
import { AvailableSlot } from './types/booking.type.js';
import { Clinic, Package, PackageServiceLine, Provider, Service, WorkingHoursRange } from './types/catalogue.type.js';
import { ClinicCalendar } from './types/calendar.type.js';
import { Closure } from './types/closure.type.js';
import { Patient, User } from './types/people.type.js';
import { Invoice, PackageProgress, PackagePurchase, Payment } from './types/purchase.type.js';
import { PlannedSession, SlotSuggestion } from './types/schedule.type.js';
import { SeriesSessionMove } from './types/series.type.js';
import { WaitlistEntry } from './types/waitlist.type.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './types/webhook.type.js';

/**
 * Typed mappers from what the domain answers (entities, read models' views, plain values) to the
 * GraphQL object types.
 *
 * GraphQL reads a field of an answer by its name, so a value answered as a GraphQL type must hold
 * every field of it that no field resolver computes. `SourceOf<G>` says exactly that, with each
 * scalar's type, and it goes down into related objects: a nested object (a view's patient, a
 * purchase's package...) must itself be a `SourceOf` its own GraphQL type, unless it is a bare
 * reference (`{ id }` and nothing else) in a field whose field resolver loads the row (`loaded`
 * below). A value is accepted only if it fits, so renaming or dropping a field of an entity, of a
 * view or of a GraphQL type fails to compile instead of answering a fault (a non-null field) or
 * null. A nullable field stays optional here (entities declare theirs `?`): that a read model's
 * view holds those too is checked at run time (read-statements.test.ts walks each view against
 * the schema, and views.ts refuses a statement's JSON that lacks a key).
 *
 * This is the only place where a value becomes a GraphQL type by assertion, once its shape has
 * been checked; `as unknown as` anywhere else in the API fails the test in source.test.ts. The
 * resolvers' decorators (answers.ts) make the compiler refuse a method answering a row, or a value
 * that does not fit the GraphQL type they name: answers come from here.
 */
type Scalar = string | number | boolean | Date;
type Absent<F> = Extract<F, null | undefined>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** What each GraphQL type leaves to its field resolvers. */
interface Resolved<G, Computed extends keyof G, Loaded extends keyof G> {
  readonly type: abstract new () => G;
  /** Fields a field resolver computes: the source need not hold them. */
  readonly computed: readonly Computed[];
  /** Object fields whose field resolver loads the row when the source holds only a reference `{ id }`. */
  readonly loaded: readonly Loaded[];
}

function resolved<G, const Computed extends keyof G & string = never, const Loaded extends keyof G & string = never>(
  type: abstract new () => G,
  fields: { computed?: readonly Computed[]; loaded?: readonly Loaded[] } = {},
): Resolved<G, Computed, Loaded> {
  return { type, computed: fields.computed ?? [], loaded: fields.loaded ?? [] };
}

/**
 * Every GraphQL type a mapper answers or a nested object of it reaches, with the fields its field
 * resolvers compute or load (source.test.ts checks that each has its field resolver). A type not
 * listed has none: a source holds all of its fields.
 */
const RESOLVED = [
  resolved(Appointment, { computed: ['allowedTransitions', 'canReschedule', 'history'], loaded: ['patient', 'provider', 'clinic', 'service', 'packagePurchase'] }),
  resolved(Service, { loaded: ['clinic'] }),
  resolved(Provider, { computed: ['clinics', 'workingHours'] }),
  resolved(WorkingHoursRange, { loaded: ['clinic'] }),
  resolved(Package, { computed: ['services'], loaded: ['clinic'] }),
  resolved(PackageServiceLine, { loaded: ['service'] }),
  resolved(Closure, { computed: ['appointmentsInside'], loaded: ['clinic'] }),
  resolved(Patient, { computed: ['balance'] }),
  resolved(User, { computed: ['email'], loaded: ['provider'] }),
  resolved(Invoice, { computed: ['balance', 'payments'], loaded: ['patient', 'package'] }),
  resolved(PackagePurchase, { computed: ['transferredTo', 'transferredFrom', 'progress', 'sessionsUnscheduled', 'frozenDays'], loaded: ['patient', 'package', 'invoice'] }),
  resolved(PlannedSession, { computed: ['service', 'provider'] }),
  resolved(SeriesSessionMove, { computed: ['provider'] }),
  resolved(AuditEvent, { computed: ['before', 'after'], loaded: ['actor'] }),
  resolved(WaitlistEntry, {
    computed: ['providers', 'preferredDays', 'from', 'to'],
    loaded: ['patient', 'service', 'clinic', 'packagePurchase', 'offeredProvider', 'appointment'],
  }),
  resolved(AvailableSlot, { computed: ['provider'] }),
  resolved(SlotSuggestion, { computed: ['provider', 'note'] }),
  resolved(WebhookDelivery, { computed: ['eventId', 'eventType', 'occurredAt', 'attemptCount', 'replay', 'attempts'], loaded: ['endpoint'] }),
] as const;

type Entry = (typeof RESOLVED)[number];
type ComputedOf<G> = Entry extends infer E ? (E extends Resolved<infer T, infer C, infer _L> ? (Same<G, T> extends true ? C : never) : never) : never;
type LoadedOf<G> = Entry extends infer E ? (E extends Resolved<infer T, infer _C, infer L> ? (Same<G, T> extends true ? L : never) : never) : never;

/** Only a reference: the id and none of the type's other fields. */
type Reference<N> = { id: string } & { [K in Exclude<keyof N, 'id'>]?: never };
type Nested<N, Loaded extends boolean> = Loaded extends true ? Reference<N> | SourceOf<N> : SourceOf<N>;

type FieldSource<F, Loaded extends boolean> = [NonNullable<F>] extends [Scalar | readonly Scalar[]]
  ? F
  : [NonNullable<F>] extends [readonly (infer E)[]]
    ? readonly Nested<E, Loaded>[] | Absent<F>
    : Nested<NonNullable<F>, Loaded> | Absent<F>;

/** What a value must hold to be answered as `G`: every field no field resolver computes, nested objects complete or loaded. */
export type SourceOf<G, Computed extends PropertyKey = ComputedOf<G>, Loaded extends PropertyKey = LoadedOf<G>> = {
  [K in keyof G as K extends Computed ? never : K]: FieldSource<G[K], K extends Loaded ? true : false>;
};

/** The fields each GraphQL type leaves to its field resolvers (source.test.ts checks that a resolver exists for each). */
export const COMPUTED_FIELDS = new Map<abstract new () => unknown, readonly string[]>(RESOLVED.map((entry) => [entry.type, [...entry.computed, ...entry.loaded]]));

function mapper<G>(_type: abstract new () => G): <S extends SourceOf<G>>(source: S) => G {
  return (source) => source as unknown as G;
}

function listMapper<G>(type: abstract new () => G): <S extends SourceOf<G>>(sources: readonly S[]) => G[] {
  const one = mapper(type);
  return (sources) => sources.map(one);
}

export const asAppointment = mapper(Appointment);
export const asAppointments = listMapper(Appointment);
export const asClinic = mapper(Clinic);
export const asClinics = listMapper(Clinic);
export const asClinicCalendar = mapper(ClinicCalendar);
export const asService = mapper(Service);
export const asServices = listMapper(Service);
export const asProvider = mapper(Provider);
export const asProviders = listMapper(Provider);
export const asWorkingHours = listMapper(WorkingHoursRange);
export const asPackage = mapper(Package);
export const asPackages = listMapper(Package);
export const asPackageServiceLines = listMapper(PackageServiceLine);
export const asClosure = mapper(Closure);
export const asClosures = listMapper(Closure);
export const asPatient = mapper(Patient);
export const asPatients = listMapper(Patient);
export const asUser = mapper(User);
export const asUsers = listMapper(User);
export const asAuditEvents = listMapper(AuditEvent);
export const asInvoice = mapper(Invoice);
export const asInvoices = listMapper(Invoice);
export const asPayment = mapper(Payment);
export const asPayments = listMapper(Payment);
export const asPackagePurchase = mapper(PackagePurchase);
export const asPackagePurchases = listMapper(PackagePurchase);
export const asPackageProgress = mapper(PackageProgress);
export const asPlannedSessions = listMapper(PlannedSession);
export const asSchedulingErrors = listMapper(SchedulingError);
export const asSlotSuggestions = listMapper(SlotSuggestion);
export const asAvailableSlots = listMapper(AvailableSlot);
export const asWaitlistEntry = mapper(WaitlistEntry);
export const asWaitlistEntries = listMapper(WaitlistEntry);
export const asPatientMessage = mapper(PatientMessage);
export const asPatientMessages = listMapper(PatientMessage);
export const asSeriesSessionMoves = listMapper(SeriesSessionMove);
export const asWebhookEndpoint = mapper(WebhookEndpoint);
export const asWebhookDelivery = mapper(WebhookDelivery);
export const asWebhookAttempts = listMapper(WebhookAttempt);
