import { Arg, Ctx, ID, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  bookAppointmentOnce,
  encodeCursor,
  freeSlots,
  listAppointments,
  mayReschedule,
  rescheduleAppointment,
  schedulePackageOnce,
  setAppointmentStatus,
  statusChangeConsequence,
  statusesActorMayChoose,
  type Appointment as AppointmentEntity,
  type AppointmentStatus as Status,
  type AuditEvent as AuditEventEntity,
  type Weekday,
} from '@clinic/domain';
import { asAppointment, asAppointments, asAuditEvents, asClinic, asPackageProgress, asPackagePurchase, asPatient, asProvider, asSchedulingErrors, asService, asUser } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { loadedOr, related } from '../loaders.js';
import { LocalDateScalar } from '../scalars.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { payload, toUserError } from '../user-error.js';
import { actorOf, useCase } from '../viewer.js';
import { Clinic, Provider, Service } from '../types/catalogue.type.js';
import { Patient, User } from '../types/people.type.js';
import { PackagePurchase } from '../types/purchase.type.js';
import { Appointment, AppointmentConnection, AuditEvent, FreeSlot, StatusChangeConsequence } from '../types/appointment.type.js';
import { AppointmentStatus } from '../enums.js';
import {
  AppointmentFilter,
  BookAppointmentInput,
  RescheduleAppointmentInput,
  SchedulePackageInput,
  SetAppointmentStatusInput,
} from '../types/inputs.js';
import {
  BookAppointmentPayload,
  RescheduleAppointmentPayload,
  SchedulePackagePayload,
  SetAppointmentStatusPayload,
} from '../types/payloads.js';
import { orThrow, requirePermission } from './query-result.js';

@Resolver()
export class AppointmentResolver {
  @Query(() => AppointmentConnection, { description: 'Appointments in time order, a page at a time (at most 100). A clinician sees their own.' })
  async appointments(
    @Arg('filter', () => AppointmentFilter, { nullable: true, description: 'Which appointments.' }) filter: AppointmentFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    const page = orThrow(
      await listAppointments(useCase(context), {
        filter: filter && {
          patientId: optionalIdOf('Patient', filter.patientId),
          providerId: optionalIdOf('Provider', filter.providerId),
          packagePurchaseId: optionalIdOf('PackagePurchase', filter.packagePurchaseId),
          packageId: optionalIdOf('Package', filter.packageId),
          hasPackage: filter.hasPackage,
          status: filter.status as Status[] | null,
          from: filter.from,
          to: filter.to,
        },
        first,
        after,
      }),
    );
    return {
      edges: page.nodes.map((node) => ({ cursor: encodeCursor(node.startsAt, node.id), node: asAppointment(node) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Query(() => [FreeSlot], { description: "A provider's free slots for a service on one clinic-local day." })
  async freeSlots(
    @Arg('providerId', () => ID, { description: 'The provider.' }) providerId: string,
    @Arg('serviceId', () => ID, { description: 'The service; its duration and clinic decide the slots.' }) serviceId: string,
    @Arg('date', () => LocalDateScalar, { description: 'The clinic-local day.' }) date: string,
    @Arg('patientId', () => ID, { nullable: true, description: "Leave out the patient's own busy times too." }) patientId: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    return orThrow(
      await freeSlots(useCase(context), {
        providerId: idOf('Provider', providerId),
        serviceId: idOf('Service', serviceId),
        date,
        patientId: optionalIdOf('Patient', patientId),
      }),
    );
  }

  @Mutation(() => SchedulePackagePayload, { description: 'Place every unscheduled session of a purchase (auto-scheduling). Safe to repeat.' })
  async schedulePackage(
    @Arg('input', () => SchedulePackageInput, { description: 'What to schedule, with whom, when.' }) input: SchedulePackageInput,
    @Ctx() context: GraphqlContext,
  ): Promise<SchedulePackagePayload> {
    const outcome = await schedulePackageOnce(useCase(context), {
      packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
      providerId: optionalIdOf('Provider', input.providerId),
      providerAssignments: input.providerAssignments?.map((assignment) => ({
        sessionNumber: assignment.sessionNumber,
        providerId: idOf('Provider', assignment.providerId),
      })),
      startDate: input.startDate,
      endDate: input.endDate,
      preferredDays: input.preferredDays as Weekday[] | null,
      timeWindow: input.timeWindow,
      keepWeeklySlot: input.keepWeeklySlot,
      minDaysBetween: input.minDaysBetween,
      maxSessionsPerWeek: input.maxSessionsPerWeek,
    }, idempotencyKey(context));
    const result = resultOf(context, outcome);
    if (!result.ok) return { appointments: [], schedulingErrors: [], progress: null, userErrors: [toUserError(result.error)] };
    const { appointments, schedulingErrors, progress } = result.value;
    return { appointments: asAppointments(appointments), schedulingErrors: asSchedulingErrors(schedulingErrors), progress: progress && asPackageProgress(progress), userErrors: [] };
  }

  @Mutation(() => BookAppointmentPayload, { description: 'Book one appointment, or the next free session of a purchase.' })
  async bookAppointment(
    @Arg('input', () => BookAppointmentInput, { description: 'Who, with whom, what, when.' }) input: BookAppointmentInput,
    @Ctx() context: GraphqlContext,
  ): Promise<BookAppointmentPayload> {
    const outcome = await bookAppointmentOnce(useCase(context), {
      patientId: idOf('Patient', input.patientId),
      providerId: idOf('Provider', input.providerId),
      serviceId: idOf('Service', input.serviceId),
      startsAt: input.startsAt,
      packagePurchaseId: optionalIdOf('PackagePurchase', input.packagePurchaseId),
    }, idempotencyKey(context));
    const result = resultOf(context, outcome);
    return payload(result, (appointment) => ({ appointment: asAppointment(appointment) }));
  }

  @Mutation(() => SetAppointmentStatusPayload, { description: 'Move an appointment along its life cycle; completing it uses its session.' })
  async setAppointmentStatus(
    @Arg('input', () => SetAppointmentStatusInput, { description: 'The appointment and its new status.' }) input: SetAppointmentStatusInput,
    @Ctx() context: GraphqlContext,
  ): Promise<SetAppointmentStatusPayload> {
    const result = await setAppointmentStatus(useCase(context), {
      appointmentId: idOf('Appointment', input.appointmentId),
      status: input.status as Status,
      reason: input.reason,
    });
    return payload(result, ({ appointment, packagePurchase }) => ({
      appointment: asAppointment(appointment),
      packagePurchase: packagePurchase && asPackagePurchase(packagePurchase),
    }));
  }

  @Mutation(() => RescheduleAppointmentPayload, { description: 'Move an appointment that is not final to another time or provider.' })
  async rescheduleAppointment(
    @Arg('input', () => RescheduleAppointmentInput, { description: 'The appointment and its new time.' }) input: RescheduleAppointmentInput,
    @Ctx() context: GraphqlContext,
  ): Promise<RescheduleAppointmentPayload> {
    const result = await rescheduleAppointment(useCase(context), {
      appointmentId: idOf('Appointment', input.appointmentId),
      startsAt: input.startsAt,
      providerId: optionalIdOf('Provider', input.providerId),
    });
    return payload(result, (appointment) => ({ appointment: asAppointment(appointment) }));
  }
}

@Resolver(() => Appointment)
export class AppointmentFieldsResolver {
  @FieldResolver(() => Patient, { description: 'Who is seen.' })
  patient(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): Patient | Promise<Patient> {
    return loadedOr(appointment.patient, asPatient, () => context.loaders.patient);
  }

  @FieldResolver(() => Provider, { description: 'Who sees them.' })
  provider(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): Provider | Promise<Provider> {
    return loadedOr(appointment.provider, asProvider, () => context.loaders.provider);
  }

  @FieldResolver(() => Clinic, { description: 'Where.' })
  clinic(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): Clinic | Promise<Clinic> {
    return loadedOr(appointment.clinic, asClinic, () => context.loaders.clinic);
  }

  @FieldResolver(() => Service, { description: 'What is delivered.' })
  service(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): Service | Promise<Service> {
    return loadedOr(appointment.service, asService, () => context.loaders.service);
  }

  @FieldResolver(() => PackagePurchase, { nullable: true, description: 'The purchase this session belongs to; null for a single appointment.' })
  packagePurchase(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): PackagePurchase | Promise<PackagePurchase> | null {
    return appointment.packagePurchase ? loadedOr(appointment.packagePurchase, asPackagePurchase, () => context.loaders.packagePurchase) : null;
  }

  @FieldResolver(() => [AppointmentStatus], { description: 'The statuses the viewer may move it to now.' })
  allowedTransitions(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext) {
    return statusesActorMayChoose(actorOf(context), appointment);
  }

  @FieldResolver(() => Boolean, { description: 'True when the viewer may move it to another time now (rescheduleAppointment would not refuse them for their role or its status).' })
  canReschedule(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext) {
    return mayReschedule(actorOf(context), appointment);
  }

  @FieldResolver(() => StatusChangeConsequence, { description: 'What moving it to `status` now would do (a session used, an early completion), for staff to confirm first.' })
  consequenceOf(
    @Root() appointment: AppointmentEntity,
    @Arg('status', () => AppointmentStatus, { description: 'The status it would move to.' }) status: string,
    @Ctx() context: GraphqlContext,
  ) {
    return statusChangeConsequence(useCase(context), appointment, status as Status);
  }

  @FieldResolver(() => [AuditEvent], { description: 'Who changed what, and when, oldest first.' })
  async history(@Root() appointment: AppointmentEntity, @Ctx() context: GraphqlContext): Promise<AuditEvent[]> {
    requirePermission(actorOf(context), 'readAppointments');
    return asAuditEvents(await context.loaders.historyOf.load(appointment.id));
  }
}

@Resolver(() => AuditEvent)
export class AuditEventFieldsResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who did it; null for the system itself.' })
  async actor(@Root() event: AuditEventEntity, @Ctx() context: GraphqlContext): Promise<User | null> {
    return event.actor ? asUser(await related(context.loaders.user, event.actor)) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The state before, as JSON.' })
  before(@Root() event: AuditEventEntity) {
    return event.before ? JSON.stringify(event.before) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The state after, as JSON.' })
  after(@Root() event: AuditEventEntity) {
    return event.after ? JSON.stringify(event.after) : null;
  }
}
