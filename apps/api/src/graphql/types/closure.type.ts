import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Appointment } from './appointment.type.js';
import { Clinic } from './catalogue.type.js';
import { Node } from './node.type.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@ObjectType({
  implements: Node,
  description: 'Dates a clinic, or the whole tenant, is closed: nothing is booked or scheduled in them. Dates are clinic-local and inclusive.',
})
export class Closure extends Node {
  @Field(() => Clinic, { nullable: true, description: 'The clinic closed; null when every clinic of the tenant is.' }) clinic?: Clinic | null;
  @Field(() => LocalDateScalar, { description: 'The first closed day.' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: 'The last closed day (inclusive).' }) endDate!: string;
  @Field({ description: 'Why: "Eid al-Fitr", "Staff training".' }) reason!: string;
  @Field(() => [Appointment], {
    description: 'Appointments still open (not cancelled, not over) inside it, for the front desk to move: a closure never moves them. A clinician sees their own.',
  })
  appointmentsInside!: Appointment[];
}

@InputType({ description: 'A new closure.' })
export class CreateClosureInput {
  @Field(() => ID, { nullable: true, description: 'The clinic; absent or null closes every clinic of the tenant.' }) clinicId?: string | null;
  @Field(() => LocalDateScalar, { description: 'The first closed day.' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: 'The last closed day (inclusive); at most 366 days after the first.' }) endDate!: string;
  @Field(() => String, { description: 'Why, at most 200 characters; not blank.' }) reason!: string;
}

@InputType({ description: 'The closure to remove.' })
export class DeleteClosureInput {
  @Field(() => ID, { description: 'The closure.' }) closureId!: string;
}

@ObjectType({ description: 'The answer to createClosure and deleteClosure.' })
export class ClosurePayload {
  @Field(() => Closure, { nullable: true, description: 'The closure.' }) closure?: Closure | null;
  @Field(() => [Appointment], {
    description: 'createClosure: the appointments already inside the new closure, left where they are for the front desk to move. Empty otherwise.',
  })
  affectedAppointments!: Appointment[];
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}
