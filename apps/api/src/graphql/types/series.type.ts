import { Field, Int, ObjectType } from 'type-graphql';
import { InstantScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Provider } from './catalogue.type.js';
import { Appointment, SchedulingError } from './appointment.type.js';

@ObjectType({ description: 'The answer to rescheduleSeries: all or nothing.' })
export class RescheduleSeriesPayload {
  @Field(() => [Appointment], { description: 'The appointments moved, in session order (each keeps its id; its history shows the move); empty when any session could not be placed.' })
  moved!: Appointment[];
  @Field(() => [SchedulingError], { description: 'Sessions with no slot under the new rules, with suggestions; when there is any, nothing moved.' })
  schedulingErrors!: SchedulingError[];
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'One open session of a series: where it is and where the move would put it.' })
export class SeriesSessionMove {
  @Field(() => Int, { description: 'The session number.' }) sessionNumber!: number;
  @Field(() => Appointment, { description: 'Its appointment, as it is now.' }) appointment!: Appointment;
  @Field({ description: 'False when it already keeps the new rules and stays where it is.' }) moves!: boolean;
  @Field(() => InstantScalar, { description: 'New start (the current one when it stays).' }) startsAt!: Date;
  @Field(() => InstantScalar, { description: 'New end.' }) endsAt!: Date;
  @Field(() => Provider, { description: 'Who delivers it after the move.' }) provider!: Provider;
}

@ObjectType({ description: 'The answer to previewRescheduleSeries: what rescheduleSeries would do now; nothing written.' })
export class RescheduleSeriesPreview {
  @Field(() => [SeriesSessionMove], { description: 'Every open session of the series, in session order.' }) sessions!: SeriesSessionMove[];
  @Field(() => [SchedulingError], { description: 'Sessions with no slot under the new rules, with suggestions; when there is any, nothing would move.' })
  schedulingErrors!: SchedulingError[];
  @Field(() => [UserError], { description: 'Why nothing could be planned; empty on success.' }) userErrors!: UserError[];
}
