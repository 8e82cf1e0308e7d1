import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { STATUS_CHANGE_KINDS } from '@clinic/domain';
import { AppointmentStatus, SchedulingErrorCode } from '../enums.js';
import { InstantScalar } from '../scalars.js';
import { Node } from './node.type.js';
import { Clinic, Provider, Service } from './catalogue.type.js';
import { Patient, User } from './people.type.js';
import { PackagePurchase } from './purchase.type.js';

@ObjectType({ implements: Node, description: 'A visit; for a package session also its purchase and session number.' })
export class Appointment extends Node {
  @Field({ description: 'Human number, unique in the tenant, e.g. APT-2026-000042.' }) number!: string;
  @Field(() => Patient, { description: 'Who is seen.' }) patient!: Patient;
  @Field(() => Provider, { description: 'Who sees them.' }) provider!: Provider;
  @Field(() => Clinic, { description: 'Where.' }) clinic!: Clinic;
  @Field(() => Service, { description: 'What is delivered.' }) service!: Service;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End: start plus the service duration.' }) endsAt!: Date;
  @Field(() => AppointmentStatus, { description: 'Where it stands in its life cycle.' }) status!: string;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase this session belongs to; null for a single appointment.' })
  packagePurchase?: PackagePurchase | null;
  @Field(() => Int, { nullable: true, description: 'Which session of the purchase, 1..totalSessions; null for a single appointment.' })
  sessionNumberInPackage?: number | null;
  @Field({ description: 'True once it counted against its purchase.' }) sessionConsumed!: boolean;
  @Field(() => String, { nullable: true, description: 'The reason given with the last status change.' }) statusReason?: string | null;
  @Field(() => [AppointmentStatus], { description: 'The statuses the viewer may move it to now.' }) allowedTransitions!: string[];
  @Field({ description: 'True when the viewer may move it to another time now (rescheduleAppointment would not refuse them for their role or its status).' })
  canReschedule!: boolean;
  @Field(() => [AuditEvent], { description: 'Who changed what, and when, oldest first.' }) history!: AuditEvent[];
}

@ObjectType({ description: 'A recorded change. History is read-only.' })
export class AuditEvent {
  @Field(() => InstantScalar, { description: 'When it happened.' }) occurredAt!: Date;
  @Field({ description: 'The operation, e.g. setAppointmentStatus.' }) operation!: string;
  @Field(() => User, { nullable: true, description: 'Who did it; null for the system itself.' }) actor?: User | null;
  @Field(() => String, { nullable: true, description: 'The state before, as JSON.' }) before?: string | null;
  @Field(() => String, { nullable: true, description: 'The state after, as JSON.' }) after?: string | null;
  @Field(() => String, { nullable: true, description: 'Why, when a reason was given.' }) reason?: string | null;
}

@ObjectType({ description: 'Pagination state of a connection.' })
export class PageInfo {
  @Field({ description: 'True when another page follows.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor?: string | null;
}

@ObjectType({ description: 'An appointment in a page.' })
export class AppointmentEdge {
  @Field({ description: 'Opaque position of this appointment.' }) cursor!: string;
  @Field(() => Appointment, { description: 'The appointment.' }) node!: Appointment;
}

@ObjectType({ description: 'A page of appointments, in time order.' })
export class AppointmentConnection {
  @Field(() => [AppointmentEdge], { description: 'The appointments of this page.' }) edges!: AppointmentEdge[];
  @Field(() => PageInfo, { description: 'Whether more follow.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All appointments that match the filter.' }) totalCount!: number;
}

@ObjectType({ description: 'A session auto-scheduling could not place.' })
export class SchedulingError {
  @Field(() => Int, { description: 'The session number.' }) sessionNumber!: number;
  @Field(() => SchedulingErrorCode, { description: 'Why.' }) code!: string;
  @Field({ description: 'Why, in words.' }) message!: string;
}

@ObjectType({ description: 'A free slot of a provider.' })
export class FreeSlot {
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
}

export const StatusChangeKind = Object.fromEntries(STATUS_CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in (typeof STATUS_CHANGE_KINDS)[number]]: K;
};
registerEnumType(StatusChangeKind, {
  name: 'StatusChangeKind',
  description: 'What a status change would do, as a stable code to word in any language.',
  valuesConfig: {
    NONE: { description: 'It uses no package session.' },
    COMPLETION_CONSUMES: { description: 'Completing it uses its package session.' },
    EARLY_COMPLETION: { description: 'It has not started yet: completing it now records it as delivered (and uses its session, for a package session).' },
    LATE_CANCELLATION_CONSUMES: { description: "Cancelling it inside the policy's window uses its package session." },
    NO_SHOW_CONSUMES: { description: 'Under the policy, a no-show uses its package session.' },
    NOT_ALLOWED: { description: 'Its life cycle does not allow this change.' },
  },
});

@ObjectType({ description: 'What a status change would do, for staff to confirm before making it.' })
export class StatusChangeConsequence {
  @Field(() => StatusChangeKind, { description: 'What it would do, as a stable code.' }) kind!: string;
  @Field({ description: 'The change would consume a package session.' }) consumesSession!: boolean;
  @Field(() => String, { nullable: true, description: 'A fee it would charge; null (no fees yet).' }) fee?: string | null;
  @Field({ description: 'Staff should confirm it first: it uses a session, or completes an appointment that has not started.' })
  requiresConfirmation!: boolean;
  @Field(() => Int, { nullable: true, description: 'The session concerned, for a package session.' }) sessionNumber?: number | null;
  @Field(() => Int, { nullable: true, description: 'Sessions of its purchase, for a package session.' }) totalSessions?: number | null;
  @Field(() => Int, { nullable: true, description: "The policy's late-cancellation window in hours, for a late cancellation." })
  lateCancellationWindowHours?: number | null;
  @Field({ description: 'What staff should be told before confirming, in English.' }) message!: string;
}

@ObjectType({ description: 'The session booking would take next from a purchase.' })
export class NextPackageSession {
  @Field(() => Int, { description: 'Its number, 1..totalSessions: the lowest free one.' }) sessionNumber!: number;
  @Field(() => Service, { description: "The service of that session's package line." }) service!: Service;
}
