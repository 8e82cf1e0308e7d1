import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { EVENT_TYPES, isEventType } from '../outbox/event-types.js';
import { transactionExecutor, type EnqueueDeliveries } from '../outbox/relay.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.entity.js';

export const MAX_WEBHOOK_URL_LENGTH = 2000;
/** Endpoints a tenant may have (not deleted). */
export const MAX_WEBHOOK_ENDPOINTS = 20;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface CreateWebhookEndpointInput {
  url: string;
  events: readonly string[];
}

export interface CreatedWebhookEndpoint {
  endpoint: WebhookEndpoint;
  /** Shown once; only the endpoint's deliveries use it afterwards. */
  secret: string;
}

/**
 * HTTPS only (plain HTTP to this machine is allowed, for an integrator's local tests), no
 * user name or password in the address, at most 2000 characters.
 */
function validUrl(raw: string): string {
  const url = raw.trim();
  if (url.length > MAX_WEBHOOK_URL_LENGTH) refuse('VALIDATION', `The address is at most ${MAX_WEBHOOK_URL_LENGTH} characters.`, ['input', 'url']);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('VALIDATION', 'The address must be a full URL such as https://example.com/hooks.', ['input', 'url']);
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    refuse('VALIDATION', 'The address must use https.', ['input', 'url']);
  }
  if (parsed.username || parsed.password) refuse('VALIDATION', 'The address may not hold a user name or password.', ['input', 'url']);
  if (parsed.hash) refuse('VALIDATION', 'The address may not have a #fragment.', ['input', 'url']);
  return parsed.toString();
}

function validEvents(events: readonly string[]): string[] {
  const unique = [...new Set(events.map((event) => event.trim()))];
  if (unique.length === 0) refuse('VALIDATION', 'Choose at least one event type.', ['input', 'events']);
  const unknown = unique.filter((event) => !isEventType(event));
  if (unknown.length > 0) refuse('VALIDATION', `Unknown event types: ${unknown.join(', ')}. Known: ${EVENT_TYPES.join(', ')}.`, ['input', 'events']);
  // In the documented order, whatever the caller's.
  return EVENT_TYPES.filter((event) => unique.includes(event));
}

const snapshot = (endpoint: WebhookEndpoint) => ({ url: endpoint.url, events: endpoint.events, active: endpoint.active, deleted: Boolean(endpoint.deletedAt) });

/** ADMIN: registers an endpoint for event types; the signing secret is returned this once. */
export function createWebhookEndpoint(context: UseCaseContext, input: CreateWebhookEndpointInput): Promise<Result<CreatedWebhookEndpoint>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageWebhooks');
    const url = validUrl(input.url);
    const events = validEvents(input.events);
    const existing = await em.count(WebhookEndpoint, { tenant: actor.tenantId, deletedAt: null });
    if (existing >= MAX_WEBHOOK_ENDPOINTS) refuse('VALIDATION', `A tenant has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`, ['input', 'url']);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = em.create(WebhookEndpoint, { tenant: actor.tenantId, url, events, secret, active: true, deletedAt: null, createdAt: now });
    recordAudit(em, actor, now, [{ operation: 'createWebhookEndpoint', entityType: 'WebhookEndpoint', entityId: endpoint.id, after: snapshot(endpoint) }]);
    await em.flush();
    return { endpoint, secret };
  });
}

async function changeEndpoint(
  context: UseCaseContext,
  endpointId: string,
  operation: 'deactivateWebhookEndpoint' | 'deleteWebhookEndpoint',
  change: (endpoint: WebhookEndpoint) => void,
): Promise<Result<WebhookEndpoint>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageWebhooks');
    const endpoint = await findInTenant(em, WebhookEndpoint, endpointId, actor.tenantId, ['input', 'endpointId']);
    if (endpoint.deletedAt) refuse('NOT_FOUND', 'No webhook endpoint with that id.', ['input', 'endpointId']);
    const before = snapshot(endpoint);
    change(endpoint);
    recordAudit(em, actor, now, [{ operation, entityType: 'WebhookEndpoint', entityId: endpoint.id, before, after: snapshot(endpoint) }]);
    await em.flush();
    return endpoint;
  });
}

/** ADMIN: the endpoint receives nothing more (deliveries under way end as FAILED); it stays listed. */
export function deactivateWebhookEndpoint(context: UseCaseContext, input: { endpointId: string }): Promise<Result<WebhookEndpoint>> {
  return changeEndpoint(context, input.endpointId, 'deactivateWebhookEndpoint', (endpoint) => {
    endpoint.active = false;
  });
}

/** ADMIN: as deactivation, and the endpoint leaves the list; its deliveries' log stays. */
export function deleteWebhookEndpoint(context: UseCaseContext, input: { endpointId: string }): Promise<Result<WebhookEndpoint>> {
  return changeEndpoint(context, input.endpointId, 'deleteWebhookEndpoint', (endpoint) => {
    endpoint.active = false;
    endpoint.deletedAt = context.now;
  });
}

/** ADMIN: the tenant's endpoints, oldest first (deleted ones are gone). */
export function listWebhookEndpoints(context: UseCaseContext): Promise<Result<WebhookEndpoint[]>> {
  return reading(async () => {
    authorize(context.actor, 'manageWebhooks');
    return context.em.find(WebhookEndpoint, { tenant: context.actor.tenantId, deletedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  });
}

export const MAX_DELIVERIES_LISTED = 100;

/** ADMIN: the latest deliveries (of one endpoint, or all), newest first, with their event and attempts. */
export function listWebhookDeliveries(context: UseCaseContext, input: { endpointId?: string | null; first?: number | null }): Promise<Result<WebhookDelivery[]>> {
  return reading(async () => {
    authorize(context.actor, 'manageWebhooks');
    const first = input.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_LISTED) {
      refuse('VALIDATION', `first is from 1 to ${MAX_DELIVERIES_LISTED}.`, ['first']);
    }
    const endpoint = input.endpointId
      ? await findInTenant(context.em, WebhookEndpoint, input.endpointId, context.actor.tenantId, ['endpointId'])
      : null;
    return context.em.find(
      WebhookDelivery,
      { tenant: context.actor.tenantId, ...(endpoint ? { endpoint } : {}) },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first, populate: ['event', 'endpoint'] },
    );
  });
}

/** The attempts of some deliveries, oldest first, in one query. */
export async function attemptsOf(em: EntityManager, tenantId: string, deliveryIds: readonly string[]): Promise<Map<string, WebhookAttempt[]>> {
  const attempts = deliveryIds.length
    ? await em.find(WebhookAttempt, { tenant: tenantId, delivery: { $in: [...deliveryIds] } }, { orderBy: { attemptedAt: 'asc', id: 'asc' } })
    : [];
  const byDelivery = new Map<string, WebhookAttempt[]>(deliveryIds.map((id) => [id, []]));
  for (const attempt of attempts) byDelivery.get(attempt.delivery.id)?.push(attempt);
  return byDelivery;
}

/**
 * ADMIN: sends a logged delivery's event again, as a new delivery (same event id, so a receiver
 * that already has it can drop it), queued in the same transaction.
 */
export function replayWebhookDelivery(context: UseCaseContext, input: { deliveryId: string }, enqueue: EnqueueDeliveries): Promise<Result<WebhookDelivery>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageWebhooks');
    const original = await findInTenant(em, WebhookDelivery, input.deliveryId, actor.tenantId, ['input', 'deliveryId'], { populate: ['endpoint', 'event'] });
    if (!original.endpoint.active || original.endpoint.deletedAt) {
      refuse('VALIDATION', 'The endpoint is not active: activate a new one to receive events.', ['input', 'deliveryId']);
    }
    const replay = em.create(WebhookDelivery, {
      tenant: actor.tenantId,
      endpoint: original.endpoint,
      event: original.event,
      replayOf: original,
      status: 'PENDING',
      attempts: 0,
      createdAt: now,
    });
    recordAudit(em, actor, now, [
      { operation: 'replayWebhookDelivery', entityType: 'WebhookEndpoint', entityId: original.endpoint.id, after: { deliveryId: replay.id, replayOf: original.id, eventId: original.event.id } },
    ]);
    await em.flush();
    await enqueue([replay.id], transactionExecutor(em));
    return replay;
  });
}
