import { Arg, Ctx, Field, ID, InputType, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import { previewRescheduleSeries, rescheduleSeries, type SeriesSession as SeriesSessionEntity, type Weekday as WeekdayName } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { LocalDateScalar } from '../scalars.js';
import { toUserError } from '../user-error.js';
import { asAppointments, asSchedulingErrors, asSeriesSessionMoves, asProvider } from '../source.js';
import { useCase } from '../viewer.js';
import { Weekday } from '../enums.js';
import { Provider } from '../types/catalogue.type.js';
import { RescheduleSeriesPayload, RescheduleSeriesPreview, SeriesSessionMove } from '../types/series.type.js';
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
      moved: asAppointments(result.value.moved),
      schedulingErrors: asSchedulingErrors(result.value.schedulingErrors),
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
      sessions: asSeriesSessionMoves(result.value.sessions),
      schedulingErrors: asSchedulingErrors(result.value.schedulingErrors),
      userErrors: [],
    };
  }
}

@Resolver(() => SeriesSessionMove)
export class SeriesSessionMoveFieldsResolver {
  @FieldResolver(() => Provider, { description: 'Who delivers it after the move.' })
  async provider(@Root() session: SeriesSessionEntity, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    const provider = await context.loaders.provider.load(session.providerId);
    return provider && asProvider(provider);
  }
}
