import { Arg, Ctx, ID, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  attemptsOf,
  createWebhookEndpoint,
  deactivateWebhookEndpoint,
  deleteWebhookEndpoint,
  EVENT_TYPES,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookDelivery,
  type WebhookAttempt as WebhookAttemptEntity,
  type WebhookDelivery as DeliveryEntity,
} from '@clinic/domain';
import PgBoss from 'pg-boss';
import { asWebhookDelivery, asWebhookEndpoint, asWebhookAttempts } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { InstantScalar } from '../scalars.js';
import { payload } from '../user-error.js';
import { useCase } from '../viewer.js';
import {
  CreateWebhookEndpointInput,
  ReplayWebhookDeliveryInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryPayload,
  WebhookEndpoint,
  WebhookEndpointIdInput,
  WebhookEndpointPayload,
} from '../types/webhook.type.js';
import { enqueueThrough } from '../../jobs/outbox-relay.js';
import { JOB_SCHEMA } from '../../jobs/queue.js';
import { orThrow, requirePermission } from './query-result.js';

/** Attempts loaded with a list of deliveries, for the `attempts` field. */
const prefetchedAttempts = new WeakMap<DeliveryEntity, WebhookAttemptEntity[]>();

const asEndpoint = asWebhookEndpoint;
const asDelivery = asWebhookDelivery;

/**
 * A queue handle that only writes jobs, always through the caller's transaction (never started,
 * it opens no connection): a replay's job commits with its delivery. The process's started
 * queue runs it.
 */
const writeOnlyQueue = new PgBoss({
  schema: JOB_SCHEMA,
  db: { executeSql: () => Promise.reject(new Error('jobs are written through a transaction only')) },
});
const enqueue = enqueueThrough(writeOnlyQueue);

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], { description: "The tenant's webhook endpoints, oldest first (ADMIN)." })
  async webhookEndpoints(@Ctx() context: GraphqlContext) {
    return orThrow(await listWebhookEndpoints(useCase(context))).map(asEndpoint);
  }

  @Query(() => [String], { description: 'The event types an endpoint may receive (ADMIN).' })
  webhookEventTypes(@Ctx() context: GraphqlContext): readonly string[] {
    requirePermission(useCase(context).actor, 'manageWebhooks');
    return EVENT_TYPES;
  }

  @Query(() => [WebhookDelivery], { description: 'The latest deliveries, newest first, of one endpoint or all (ADMIN).' })
  async webhookDeliveries(
    @Arg('endpointId', () => ID, { nullable: true, description: 'Only this endpoint’s.' }) endpointId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 100; default 50.' }) first: number | null,
    @Ctx() context: GraphqlContext,
  ) {
    const deliveries = orThrow(await listWebhookDeliveries(useCase(context), { endpointId: optionalIdOf('WebhookEndpoint', endpointId) ?? null, first }));
    // Their attempts in one query, not one per delivery.
    const attempts = await attemptsOf(context.em, useCase(context).actor.tenantId, deliveries.map((delivery) => delivery.id));
    for (const delivery of deliveries) prefetchedAttempts.set(delivery, attempts.get(delivery.id) ?? []);
    return deliveries.map(asDelivery);
  }

  @Mutation(() => WebhookEndpointPayload, { description: 'Register an endpoint for event types (ADMIN); answers the signing secret this once.' })
  async createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput, { description: 'The endpoint.' }) input: CreateWebhookEndpointInput, @Ctx() context: GraphqlContext) {
    const result = await createWebhookEndpoint(useCase(context), input);
    return payload(result, (created) => ({ endpoint: asEndpoint(created.endpoint), secret: created.secret }));
  }

  @Mutation(() => WebhookEndpointPayload, { description: 'Stop sending to an endpoint (ADMIN); it stays listed.' })
  async deactivateWebhookEndpoint(@Arg('input', () => WebhookEndpointIdInput, { description: 'The endpoint.' }) input: WebhookEndpointIdInput, @Ctx() context: GraphqlContext) {
    const result = await deactivateWebhookEndpoint(useCase(context), { endpointId: idOf('WebhookEndpoint', input.endpointId) });
    return payload(result, (endpoint) => ({ endpoint: asEndpoint(endpoint) }));
  }

  @Mutation(() => WebhookEndpointPayload, { description: 'Remove an endpoint (ADMIN); its deliveries stay in the log.' })
  async deleteWebhookEndpoint(@Arg('input', () => WebhookEndpointIdInput, { description: 'The endpoint.' }) input: WebhookEndpointIdInput, @Ctx() context: GraphqlContext) {
    const result = await deleteWebhookEndpoint(useCase(context), { endpointId: idOf('WebhookEndpoint', input.endpointId) });
    return payload(result, (endpoint) => ({ endpoint: asEndpoint(endpoint) }));
  }

  @Mutation(() => WebhookDeliveryPayload, { description: "Send a logged delivery's event again, as a new delivery with the same event id (ADMIN)." })
  async replayWebhookDelivery(@Arg('input', () => ReplayWebhookDeliveryInput, { description: 'The delivery.' }) input: ReplayWebhookDeliveryInput, @Ctx() context: GraphqlContext) {
    const result = await replayWebhookDelivery(useCase(context), { deliveryId: idOf('WebhookDelivery', input.deliveryId) }, enqueue);
    return payload(result, (delivery) => ({ delivery: asDelivery(delivery) }));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryFieldsResolver {
  @FieldResolver(() => WebhookEndpoint, { description: 'The endpoint.' })
  async endpoint(@Root() delivery: DeliveryEntity, @Ctx() context: GraphqlContext) {
    await context.em.populate(delivery, ['endpoint']);
    return asEndpoint(delivery.endpoint);
  }

  @FieldResolver(() => String, { description: 'The event id.' })
  async eventId(@Root() delivery: DeliveryEntity) {
    return delivery.event.id;
  }

  @FieldResolver(() => String, { description: 'The event type.' })
  async eventType(@Root() delivery: DeliveryEntity, @Ctx() context: GraphqlContext) {
    await context.em.populate(delivery, ['event']);
    return delivery.event.eventType;
  }

  @FieldResolver(() => InstantScalar, { description: 'When the change happened.' })
  async occurredAt(@Root() delivery: DeliveryEntity, @Ctx() context: GraphqlContext) {
    await context.em.populate(delivery, ['event']);
    return delivery.event.occurredAt;
  }

  @FieldResolver(() => Int, { description: 'Attempts so far.' })
  attemptCount(@Root() delivery: DeliveryEntity) {
    return delivery.attempts;
  }

  @FieldResolver(() => Boolean, { description: 'A replay.' })
  replay(@Root() delivery: DeliveryEntity) {
    return Boolean(delivery.replayOf);
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  async attempts(@Root() delivery: DeliveryEntity, @Ctx() context: GraphqlContext): Promise<WebhookAttempt[]> {
    return asWebhookAttempts(prefetchedAttempts.get(delivery) ?? (await attemptsOf(context.em, delivery.tenant.id, [delivery.id])).get(delivery.id) ?? []);
  }
}
