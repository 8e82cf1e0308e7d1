import { Arg, Ctx, Resolver, Root } from 'type-graphql';
import { FieldResolver, Query } from '../answers.js';
import { previewPackageSchedule, type PlannedSession as PlannedEntity, type Suggestion, type Weekday } from '@clinic/domain';
import { asPlannedSessions, asProvider, asSchedulingErrors, asService, asSlotSuggestions } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { toUserError } from '../user-error.js';
import { useCase } from '../viewer.js';
import { Provider, Service } from '../types/catalogue.type.js';
import { SchedulingError } from '../types/appointment.type.js';
import { SchedulePackageInput } from '../types/inputs.js';
import { PackageSchedulePreview, PlannedSession, SlotSuggestion } from '../types/schedule.type.js';

interface SuggestionRow {
  providerId: string;
  serviceId?: string;
  startsAt: Date | string;
  endsAt: Date | string;
  kind: string;
}

/** The domain's input from the API's: global ids become row ids. */
export function schedulePackageInputOf(input: SchedulePackageInput) {
  return {
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
  };
}

@Resolver()
export class ScheduleResolver {
  @Query(() => PackageSchedulePreview, {
    description: 'The plan schedulePackage would make for the same input, with a reason per session and suggestions per unplaced one; writes nothing.',
  })
  async previewPackageSchedule(
    @Arg('input', () => SchedulePackageInput, { description: 'What to schedule, with whom, when, and the preferences.' }) input: SchedulePackageInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PackageSchedulePreview> {
    const result = await previewPackageSchedule(useCase(context), schedulePackageInputOf(input));
    if (!result.ok) return { sessions: [], schedulingErrors: [], userErrors: [toUserError(result.error)] };
    return {
      sessions: asPlannedSessions(result.value.sessions),
      schedulingErrors: asSchedulingErrors(result.value.schedulingErrors),
      userErrors: [],
    };
  }
}

@Resolver(() => PlannedSession)
export class PlannedSessionFieldsResolver {
  @FieldResolver(() => Provider, { description: 'Who delivers it.' })
  async provider(@Root() session: PlannedEntity, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    const provider = await context.loaders.provider.load(session.providerId);
    return provider && asProvider(provider);
  }

  @FieldResolver(() => Service, { description: 'What is delivered.' })
  async service(@Root() session: PlannedEntity, @Ctx() context: GraphqlContext): Promise<Service | null> {
    const service = await context.loaders.service.load(session.serviceId);
    return service && asService(service);
  }
}

@Resolver(() => SchedulingError)
export class SchedulingErrorAlternativesResolver {
  @FieldResolver(() => [SlotSuggestion], {
    description: 'Up to three slots this session could take as is: another provider of the clinic, another day or time, a later end date.',
  })
  alternatives(@Root() error: { alternatives?: Suggestion[] | SuggestionRow[] }): SlotSuggestion[] {
    // A replayed answer (Idempotency-Key) holds its instants as strings.
    return asSlotSuggestions((error.alternatives ?? []).map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })));
  }
}

@Resolver(() => SlotSuggestion)
export class SlotSuggestionFieldsResolver {
  @FieldResolver(() => Provider, { description: 'Who would deliver it.' })
  async provider(@Root() suggestion: SuggestionRow, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    const provider = await context.loaders.provider.load(suggestion.providerId);
    return provider && asProvider(provider);
  }

  @FieldResolver(() => Service, { nullable: true, description: 'The service of the session: book it with this service.' })
  async service(@Root() suggestion: SuggestionRow, @Ctx() context: GraphqlContext): Promise<Service | null> {
    const service = suggestion.serviceId ? await context.loaders.service.load(suggestion.serviceId) : null;
    return service && asService(service);
  }

  @FieldResolver(() => String, { description: 'What kind of suggestion, as a stable code: OTHER_PROVIDER, OTHER_DAY_OR_TIME or LATER_END_DATE.' })
  note(@Root() suggestion: SuggestionRow): string {
    return suggestion.kind;
  }
}
