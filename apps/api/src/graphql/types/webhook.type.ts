import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DELIVERY_STATUSES } from '@clinic/domain';
import { InstantScalar } from '../scalars.js';
import { UserError } from '../user-error.js';
import { Node } from './node.type.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

export const WebhookDeliveryStatus = Object.fromEntries(DELIVERY_STATUSES.map((value) => [value, value])) as { [K in (typeof DELIVERY_STATUSES)[number]]: K };
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx: attempts and retries under way.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Retries exhausted, or the endpoint was deactivated; a replay sends it again.' },
  },
});

@ObjectType({ implements: Node, description: "An integrator's address that receives signed events (ADMIN)." })
export class WebhookEndpoint extends Node {
  @Field(() => String, { description: 'Where events are POSTed (https).' }) url!: string;
  @Field(() => [String], { description: 'The event types it receives, e.g. appointment.booked.' }) events!: string[];
  @Field(() => Boolean, { description: 'False once deactivated: it receives nothing more.' }) active!: boolean;
  @Field(() => InstantScalar, { description: 'When it was registered.' }) createdAt!: Date;
}

@ObjectType({ description: 'One HTTP attempt of a delivery.' })
export class WebhookAttempt {
  @Field(() => InstantScalar, { description: 'When it was sent.' }) attemptedAt!: Date;
  @Field(() => Boolean, { description: 'Answered 2xx.' }) ok!: boolean;
  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came.' }) responseCode?: number | null;
  @Field(() => Int, { description: 'Milliseconds until the answer (or the failure).' }) durationMs!: number;
  @Field(() => String, { nullable: true, description: 'Why no answer came (timeout, refused connection).' }) error?: string | null;
}

@ObjectType({ implements: Node, description: 'One event for one endpoint, with its attempts (ADMIN).' })
export class WebhookDelivery extends Node {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' }) endpoint!: WebhookEndpoint;
  @Field(() => String, { description: 'The event id (the webhook-id header): the same on every attempt and replay.' }) eventId!: string;
  @Field(() => String, { description: 'The event type.' }) eventType!: string;
  @Field(() => InstantScalar, { description: 'When the change happened.' }) occurredAt!: Date;
  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' }) status!: string;
  @Field(() => Int, { description: 'Attempts so far.' }) attemptCount!: number;
  @Field(() => Int, { nullable: true, description: 'The last HTTP status answered.' }) lastResponseCode?: number | null;
  @Field(() => InstantScalar, { nullable: true, description: 'When it was answered 2xx.' }) deliveredAt?: Date | null;
  @Field(() => InstantScalar, { description: 'When it was created (published or replayed).' }) createdAt!: Date;
  @Field(() => Boolean, { description: 'A replay of an earlier delivery.' }) replay!: boolean;
  @Field(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' }) attempts!: WebhookAttempt[];
}

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'https address, at most 2000 characters (http only to localhost).' }) url!: string;
  @Field(() => [String], { description: 'Event types, from webhookEventTypes; at least one.' }) events!: string[];
}

@InputType({ description: 'The endpoint to change.' })
export class WebhookEndpointIdInput {
  @Field(() => ID, { description: 'The endpoint.' }) endpointId!: string;
}

@InputType({ description: 'The delivery to send again.' })
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery, from webhookDeliveries.' }) deliveryId!: string;
}

@ObjectType({ description: 'The answer to the webhook endpoint mutations.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint.' }) endpoint?: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'Shown once: signs every delivery. Only createWebhookEndpoint answers it.' }) secret?: string | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to replayWebhookDelivery.' })
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The new delivery (PENDING).' }) delivery?: WebhookDelivery | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}
