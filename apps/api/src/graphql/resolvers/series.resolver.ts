import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { previewRescheduleSeries, rescheduleSeries, type SeriesSession as SeriesSessionEntity, type Weekday as WeekdayName } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { LocalDateScalar, InstantScalar } from '../scalars.js';
import { toUserError, UserError } from '../user-error.js';
import { useCase } from '../viewer.js';
import { Weekday } from '../enums.js';
import { Provider } from '../types/catalogue.type.js';
import { Appointment, SchedulingError } from '../types/appointment.type.js';
import { TimeWindowInput } from '../types/inputs.js';

@InputType({ description: 'Move this and the following open sessions of a purchase at once.' })
export class RescheduleSeriesInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => Int, { description: 'This session and the following open ones move.' }) fromSessionNumber!: number;
  @Field(() => LocalDateScalar, { description: 'The first day a moved session may take (clinic-local).' }) startDate!: string;
  @Field(() => [Weekday], { nullable: true, description: 'Empty or absent: any day.' }) preferredDays?: string[] | null;
  @Field(() => TimeWindowInput, { nullable: true, description: 'Every moved session starts and ends inside this daily window; absent: none.' })
  timeWindow?: TimeWindowInput | null;
  @Field(() => ID, { nullable: true, description: "Another provider of the clinic for every session of the series; absent keeps each session's own." })
  providerId?: string | null;
}

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

function seriesInputOf(input: RescheduleSeriesInput) {
  return {
    packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
    fromSessionNumber: input.fromSessionNumber,
    startDate: input.startDate,
    preferredDays: input.preferredDays as WeekdayName[] | null,
    timeWindow: input.timeWindow,
    providerId: optionalIdOf('Provider', input.providerId),
  };
}

@Resolver()
export class SeriesResolver {
  @Mutation(() => RescheduleSeriesPayload, {
    description:
      'Move this and the following open sessions of a purchase (new start date, days, time window or provider). Only sessions that do not keep the new rules move; all or nothing.',
  })
  async rescheduleSeries(
    @Arg('input', () => RescheduleSeriesInput, { description: 'The series and its new rules.' }) input: RescheduleSeriesInput,
    @Ctx() context: GraphqlContext,
  ): Promise<RescheduleSeriesPayload> {
    const result = await rescheduleSeries(useCase(context), seriesInputOf(input));
    if (!result.ok) return { moved: [], schedulingErrors: [], userErrors: [toUserError(result.error)] };
    return {
      moved: result.value.moved as unknown as Appointment[],
      schedulingErrors: result.value.schedulingErrors as unknown as SchedulingError[],
      userErrors: [],
    };
  }

  @Query(() => RescheduleSeriesPreview, { description: 'What rescheduleSeries would do for the same input, session by session; writes nothing.' })
  async previewRescheduleSeries(
    @Arg('input', () => RescheduleSeriesInput, { description: 'The series and its new rules.' }) input: RescheduleSeriesInput,
    @Ctx() context: GraphqlContext,
  ): Promise<RescheduleSeriesPreview> {
    const result = await previewRescheduleSeries(useCase(context), seriesInputOf(input));
    if (!result.ok) return { sessions: [], schedulingErrors: [], userErrors: [toUserError(result.error)] };
    return {
      sessions: result.value.sessions as unknown as SeriesSessionMove[],
      schedulingErrors: result.value.schedulingErrors as unknown as SchedulingError[],
      userErrors: [],
    };
  }
}

@Resolver(() => SeriesSessionMove)
export class SeriesSessionMoveFieldsResolver {
  @FieldResolver(() => Provider, { description: 'Who delivers it after the move.' })
  async provider(@Root() session: SeriesSessionEntity, @Ctx() context: GraphqlContext) {
    return context.loaders.provider.load(session.providerId);
  }
}
