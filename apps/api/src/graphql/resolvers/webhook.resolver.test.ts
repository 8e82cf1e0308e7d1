import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifySignature, WEBHOOK_HEADERS } from '@clinic/domain';
import { DEMO_EMAILS, sqlRows, startSeededApi, type GraphqlClient, type SeededApi } from '../../testing/graphql-client.js';
import { createLogger } from '../../logger.js';
import { startJobs, type Jobs } from '../../jobs/jobs.js';

/**
 * Webhooks over HTTP: an ADMIN registers an endpoint (the secret shown once), a change made
 * through the API reaches a local receiver signed, the log shows it, a replay sends the same
 * event again; other roles and tenants reach none of it by any path.
 */

const CREATE = /* GraphQL */ `
  mutation ($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { endpoint { id url events active } secret userErrors { code field message } }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query ($endpointId: ID) {
    webhookDeliveries(endpointId: $endpointId) { id eventId eventType status attemptCount lastResponseCode replay endpoint { id } attempts { ok responseCode durationMs } }
  }
`;

let api: SeededApi;
let jobs: Jobs;
let admin: GraphqlClient;
let receiver: Server;
let hookUrl: string;
const received: Array<{ eventId: string; type: string; body: string; signature: string; timestamp: string }> = [];

beforeAll(async () => {
  api = await startSeededApi();
  admin = await api.as(DEMO_EMAILS.admin);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        eventId: String(req.headers[WEBHOOK_HEADERS.eventId]),
        type: (JSON.parse(body) as { type: string }).type,
        body,
        signature: String(req.headers[WEBHOOK_HEADERS.signature]),
        timestamp: String(req.headers[WEBHOOK_HEADERS.timestamp]),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // The demo's own events are published (to no endpoint) before ours exists.
  jobs = await startJobs({ url: api.db.url, orm: api.db.orm, logger: createLogger({ level: 'silent' }), now: () => new Date(), pollingIntervalSeconds: 0.5 });
  await jobs.relay.runOnce();
});

afterAll(async () => {
  await jobs?.stop(1_000);
  await new Promise((resolve) => receiver?.close(resolve));
  await api?.close();
});

describe('webhooks over the API', () => {
  let endpointId: string;
  let secret: string;

  it('registers an endpoint for an ADMIN, answering the secret once, and refuses a bad one with a userError', async () => {
    const bad = await admin.data<{ createWebhookEndpoint: { endpoint: null; userErrors: Array<{ code: string; field: string[] }> } }>(CREATE, {
      input: { url: 'http://hooks.example.com/in', events: ['patient.created'] },
    });
    expect(bad.createWebhookEndpoint).toMatchObject({ endpoint: null, userErrors: [{ code: 'VALIDATION', field: ['input', 'url'] }] });

    const { webhookEventTypes } = await admin.data<{ webhookEventTypes: string[] }>('{ webhookEventTypes }');
    expect(webhookEventTypes).toContain('appointment.booked');
    const created = await admin.data<{ createWebhookEndpoint: { endpoint: { id: string; events: string[]; active: boolean }; secret: string } }>(CREATE, {
      input: { url: hookUrl, events: ['patient.created'] },
    });
    expect(created.createWebhookEndpoint.endpoint).toMatchObject({ events: ['patient.created'], active: true });
    endpointId = created.createWebhookEndpoint.endpoint.id;
    secret = created.createWebhookEndpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    const { webhookEndpoints } = await admin.data<{ webhookEndpoints: Array<{ id: string }> }>('{ webhookEndpoints { id url } }');
    expect(webhookEndpoints.map((endpoint) => endpoint.id)).toEqual([endpointId]);
  });

  it('delivers a change made through the API, signed; logs it; replays it with the same event id', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    await reception.data('mutation { createPatient(input: { mrn: "MRN-HOOK-1", nameEn: "Hook Test", nameAr: "اختبار" }) { patient { id } userErrors { code } } }');
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 100 });
    const [first] = received;
    expect(first?.type).toBe('patient.created');
    expect(verifySignature(secret, first?.signature, first?.timestamp, first?.body ?? '', Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(first?.body ?? '{}')).toMatchObject({ data: { after: expect.objectContaining({ mrn: 'MRN-HOOK-1' }) } });

    await vi.waitFor(
      async () => {
        const { webhookDeliveries } = await admin.data<{ webhookDeliveries: Array<{ status: string }> }>(DELIVERIES, { endpointId });
        expect(webhookDeliveries.map((delivery) => delivery.status)).toEqual(['DELIVERED']);
      },
      { timeout: 5_000, interval: 100 },
    );
    const { webhookDeliveries } = await admin.data<{ webhookDeliveries: Array<{ id: string; eventId: string; attempts: Array<{ ok: boolean; responseCode: number }> }> }>(DELIVERIES, { endpointId });
    expect(webhookDeliveries[0]).toMatchObject({ eventId: first?.eventId, attempts: [{ ok: true, responseCode: 200 }] });

    const replay = await admin.data<{ replayWebhookDelivery: { delivery: { status: string; replay: boolean }; userErrors: unknown[] } }>(
      'mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { status replay } userErrors { code } } }',
      { input: { deliveryId: webhookDeliveries[0]?.id } },
    );
    expect(replay.replayWebhookDelivery).toEqual({ delivery: { status: 'PENDING', replay: true }, userErrors: [] });
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 10_000, interval: 100 });
    expect(received[1]?.eventId).toBe(first?.eventId);
  });

  it('keeps webhooks from other roles and tenants by every path, and audits every change', async () => {
    for (const email of [DEMO_EMAILS.reception, DEMO_EMAILS.finance, DEMO_EMAILS.clinician]) {
      const client = await api.as(email);
      const list = await client.request<{ webhookEndpoints: unknown }>('{ webhookEndpoints { id } }');
      expect(list.errors?.[0]?.extensions?.['code'], email).toBe('FORBIDDEN');
      const node = await client.data<{ node: unknown }>('query ($id: ID!) { node(id: $id) { id } }', { id: endpointId });
      expect(node.node, email).toBeNull();
      const create = await client.data<{ createWebhookEndpoint: { userErrors: Array<{ code: string }> } }>(CREATE, { input: { url: hookUrl, events: ['invoice.paid'] } });
      expect(create.createWebhookEndpoint.userErrors[0]?.code, email).toBe('FORBIDDEN');
    }
    const other = await api.as(DEMO_EMAILS.otherAdmin);
    expect(await other.data('{ webhookEndpoints { id } }')).toEqual({ webhookEndpoints: [] });
    expect(await other.data('query ($id: ID!) { node(id: $id) { id } }', { id: endpointId })).toEqual({ node: null });
    expect(await admin.data('query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { id active } } }', { id: endpointId })).toEqual({ node: { id: endpointId, active: true } });

    const deactivated = await admin.data<{ deactivateWebhookEndpoint: { endpoint: { active: boolean } } }>(
      'mutation ($input: WebhookEndpointIdInput!) { deactivateWebhookEndpoint(input: $input) { endpoint { active } userErrors { code } } }',
      { input: { endpointId } },
    );
    expect(deactivated.deactivateWebhookEndpoint.endpoint.active).toBe(false);
    await admin.data('mutation ($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { userErrors { code } } }', { input: { endpointId } });
    expect(await admin.data('{ webhookEndpoints { id } }')).toEqual({ webhookEndpoints: [] });
    const audit = await sqlRows<{ operation: string }>(api.db, `select operation from audit_event where entity_type = 'WebhookEndpoint' order by created_at, occurred_at`);
    // The server's clock stands still: the same instant for all, so compared as a set.
    expect(audit.map((row) => row.operation).sort()).toEqual(['createWebhookEndpoint', 'deactivateWebhookEndpoint', 'deleteWebhookEndpoint', 'replayWebhookDelivery']);
  });
});
