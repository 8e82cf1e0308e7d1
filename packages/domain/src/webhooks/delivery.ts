import type { EntityManager } from '@mikro-orm/postgresql';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.entity.js';
import { signatureOf, WEBHOOK_HEADERS } from './signature.js';

export interface PreparedDelivery {
  readonly deliveryId: string;
  readonly url: string;
  /** The exact bytes that were signed; the same for every attempt of the event. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The integrator's JSON: the event's id, type, instant, and what changed. */
export function bodyOf(delivery: WebhookDelivery): string {
  const { event } = delivery;
  return JSON.stringify({ id: event.id, type: event.eventType, occurredAt: event.occurredAt.toISOString(), data: event.payload });
}

/**
 * What one attempt sends, signed now; null when there is nothing to send (delivered already,
 * given up, or the endpoint was deactivated or deleted: then the delivery ends FAILED).
 */
export async function prepareDelivery(rootEm: EntityManager, deliveryId: string, now: Date): Promise<PreparedDelivery | null> {
  const em = rootEm.fork();
  const delivery = await em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['endpoint', 'event'] });
  if (!delivery || delivery.status !== 'PENDING') return null;
  const { endpoint } = delivery;
  if (!endpoint.active || endpoint.deletedAt) {
    delivery.status = 'FAILED';
    delivery.lastError = 'the endpoint was deactivated';
    await em.flush();
    return null;
  }
  const body = bodyOf(delivery);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    deliveryId,
    url: endpoint.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'clinic-webhooks/1',
      [WEBHOOK_HEADERS.eventId]: delivery.event.id,
      [WEBHOOK_HEADERS.eventType]: delivery.event.eventType,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: `v1=${signatureOf(endpoint.secret, timestamp, body)}`,
    },
  };
}

export interface AttemptOutcome {
  readonly attemptedAt: Date;
  /** A 2xx answer. */
  readonly ok: boolean;
  readonly responseCode: number | null;
  readonly durationMs: number;
  /** Why it failed without an answer (timeout, refused connection, ...). */
  readonly error: string | null;
}

/**
 * Logs an attempt and moves the delivery on: DELIVERED on a 2xx answer, FAILED when this was
 * the last attempt, else still PENDING (the queue retries it later). One transaction.
 */
export async function recordAttempt(rootEm: EntityManager, deliveryId: string, outcome: AttemptOutcome, lastAttempt: boolean): Promise<WebhookDelivery> {
  return rootEm.fork().transactional(async (em) => {
    const delivery = await em.findOneOrFail(WebhookDelivery, { id: deliveryId });
    em.create(WebhookAttempt, {
      tenant: delivery.tenant,
      delivery,
      attemptedAt: outcome.attemptedAt,
      ok: outcome.ok,
      responseCode: outcome.responseCode,
      durationMs: Math.max(0, Math.round(outcome.durationMs)),
      error: outcome.error?.slice(0, 500) ?? null,
      createdAt: outcome.attemptedAt,
    });
    delivery.attempts += 1;
    delivery.lastResponseCode = outcome.responseCode;
    delivery.lastError = outcome.error?.slice(0, 500) ?? null;
    if (outcome.ok) {
      delivery.status = 'DELIVERED';
      delivery.deliveredAt = outcome.attemptedAt;
    } else if (lastAttempt) {
      delivery.status = 'FAILED';
    }
    await em.flush();
    return delivery;
  });
}
