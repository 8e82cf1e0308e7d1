import { Field, Int, ObjectType } from 'type-graphql';
import { InstantScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Provider, Service } from './catalogue.type.js';
import { SchedulingError } from './appointment.type.js';

@ObjectType({ description: 'A slot an unplaced session could take as is: book it in one step with bookAppointment.' })
export class SlotSuggestion {
  @Field(() => Provider, { description: 'Who would deliver it.' }) provider!: Provider;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field({ description: 'What kind of suggestion, as a stable code: OTHER_PROVIDER, OTHER_DAY_OR_TIME or LATER_END_DATE.' }) note!: string;
}

@ObjectType({ description: 'One session of a plan, not written yet.' })
export class PlannedSession {
  @Field(() => Int, { description: 'The session number in the package.' }) sessionNumber!: number;
  @Field(() => InstantScalar, { description: 'Start.' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'End.' }) endsAt!: Date;
  @Field(() => Provider, { description: 'Who delivers it.' }) provider!: Provider;
  @Field(() => Service, { description: 'What is delivered.' }) service!: Service;
  @Field({
    description:
      'Why this slot, in a few words, as a stable code: EARLIEST_FREE (the earliest free slot that keeps every preference), ' +
      "WEEKLY_SLOT (the first week's day and time), WEEKLY_SLOT_TAKEN (that slot was taken: the earliest free one instead).",
  })
  reason!: string;
}

@ObjectType({ description: 'The answer to previewPackageSchedule: the whole plan, nothing written.' })
export class PackageSchedulePreview {
  @Field(() => [PlannedSession], { description: 'The sessions it would create, in session order.' }) sessions!: PlannedSession[];
  @Field(() => [SchedulingError], { description: 'The sessions it could not place, with suggestions.' }) schedulingErrors!: SchedulingError[];
  @Field(() => [UserError], { description: 'Why nothing could be planned; empty on success.' }) userErrors!: UserError[];
}
