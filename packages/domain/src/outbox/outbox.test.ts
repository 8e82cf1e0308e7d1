import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { recordAudit } from '../audit/audit-log.js';
import { systemActor } from '../kernel/actor.js';
import { relayOutbox, type EnqueueDeliveries } from './relay.js';
import { createWebhookEndpoint, deactivateWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints, replayWebhookDelivery } from '../webhooks/webhooks.js';
import { prepareDelivery, recordAttempt } from '../webhooks/delivery.js';
import { verifySignature, WEBHOOK_HEADERS } from '../webhooks/signature.js';

const NOW = new Date('2026-11-24T05:00:00Z');

describe('the transactional outbox and its relay', () => {
  let db: TestDatabase;
  let fx: ClinicFixture;
  /** What the queue was handed, and on which transaction's connection it wrote. */
  const enqueued: string[] = [];
  const enqueue: EnqueueDeliveries = async (ids, transaction) => {
    // Written through the relay's own transaction: visible to it, rolled back with it.
    const { rows } = await transaction.executeSql('select count(*)::int as n from webhook_delivery where id = any($1::uuid[])', [ids]);
    expect(rows[0]).toEqual({ n: ids.length });
    enqueued.push(...ids);
  };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    fx = await createClinicFixture(db.orm);
  });
  afterAll(() => db?.drop());

  const events = async () =>
    (await db.sql.query<{ event_type: string; published: boolean }>('select event_type, published_at is not null as published from outbox_event order by created_at, id')).rows;
  const drain = async () => {
    for (;;) if ((await relayOutbox(db.orm.em, NOW, enqueue)).events === 0) return;
  };

  it('writes the events of a committed change in its transaction, none for one rolled back', async () => {
    await drain();
    await db.sql.query('delete from outbox_event where published_at is not null and id not in (select event_id from webhook_delivery)');
    await fx.buyPackage({ now: NOW });
    // Both are written in one transaction, so they share its time: compared as a set.
    expect((await events()).map((event) => event.event_type).sort()).toEqual(['invoice.paid', 'purchase.created']);

    const rolledBack = db.orm.em.fork().transactional(async (em) => {
      recordAudit(em, systemActor(fx.tenant.id), NOW, [{ operation: 'createPatient', entityType: 'Patient', entityId: fx.patient.id, after: { mrn: 'X' } }]);
      await em.flush();
      throw new Error('the change fails after its event was written');
    });
    await expect(rolledBack).rejects.toThrow('the change fails');
    expect(await events()).toHaveLength(2);
  });

  it('publishes only what has committed, each event once, even with two relays at once', async () => {
    await drain();
    const { value: created } = (await createWebhookEndpoint(fx.context('ADMIN', NOW), { url: 'https://hooks.example.com/in', events: ['patient.created'] })) as {
      value: { endpoint: { id: string }; secret: string };
    };
    const before = enqueued.length;
    await db.orm.em.fork().transactional(async (em) => {
      recordAudit(em, systemActor(fx.tenant.id), NOW, [{ operation: 'createPatient', entityType: 'Patient', entityId: fx.patient.id, after: { mrn: 'X' } }]);
      await em.flush();
      // Still uncommitted: another connection's relay sees nothing to publish.
      expect(await relayOutbox(db.orm.em, NOW, enqueue)).toEqual({ events: 0, deliveries: 0 });
    });
    const em = db.orm.em.fork();
    for (let i = 0; i < 5; i += 1) {
      recordAudit(em, systemActor(fx.tenant.id), NOW, [{ operation: 'createPatient', entityType: 'Patient', entityId: fx.patient.id, after: { i } }]);
    }
    await em.flush();

    const [a, b] = await Promise.all([relayOutbox(db.orm.em, NOW, enqueue, 3), relayOutbox(db.orm.em, NOW, enqueue, 3)]);
    await drain();
    expect(a.events + b.events).toBeGreaterThan(0);
    expect(await events()).toSatisfy((rows: Array<{ published: boolean }>) => rows.every((row) => row.published));
    const deliveries = await db.sql.query<{ n: number; events: number }>('select count(*)::int as n, count(distinct event_id)::int as events from webhook_delivery where endpoint_id = $1', [
      created.endpoint.id,
    ]);
    expect(deliveries.rows[0]).toEqual({ n: 6, events: 6 });
    expect(enqueued.length - before).toBe(6);
  });

  it('publishes nothing when the queue refuses: the events wait for the next run', async () => {
    await drain();
    const em = db.orm.em.fork();
    recordAudit(em, systemActor(fx.tenant.id), NOW, [{ operation: 'createPatient', entityType: 'Patient', entityId: fx.patient.id, after: {} }]);
    await em.flush();
    await expect(relayOutbox(db.orm.em, NOW, async () => Promise.reject(new Error('queue down')))).rejects.toThrow('queue down');
    expect((await events()).filter((event) => !event.published)).toHaveLength(1);
    const orphans = await db.sql.query('select 1 from webhook_delivery d join outbox_event e on e.id = d.event_id where e.published_at is null');
    expect(orphans.rowCount).toBe(0);
    expect((await relayOutbox(db.orm.em, NOW, enqueue)).deliveries).toBe(1);
  });

  it('signs a delivery so that the receiver can verify it, logs attempts, and replays it as a new delivery', async () => {
    const [deliveryId] = enqueued.slice(-1) as [string];
    const prepared = await prepareDelivery(db.orm.em, deliveryId, NOW);
    expect(prepared).not.toBeNull();
    const { rows } = await db.sql.query<{ secret: string }>('select secret from webhook_endpoint e join webhook_delivery d on d.endpoint_id = e.id where d.id = $1', [deliveryId]);
    const secret = rows[0]?.secret as string;
    const headers = prepared?.headers ?? {};
    const nowSeconds = Math.floor(NOW.getTime() / 1000);
    expect(verifySignature(secret, headers[WEBHOOK_HEADERS.signature], headers[WEBHOOK_HEADERS.timestamp], prepared?.body ?? '', nowSeconds)).toBe(true);
    expect(verifySignature(secret, headers[WEBHOOK_HEADERS.signature], headers[WEBHOOK_HEADERS.timestamp], `${prepared?.body} `, nowSeconds)).toBe(false);
    expect(verifySignature('whsec_other', headers[WEBHOOK_HEADERS.signature], headers[WEBHOOK_HEADERS.timestamp], prepared?.body ?? '', nowSeconds)).toBe(false);
    expect(verifySignature(secret, headers[WEBHOOK_HEADERS.signature], headers[WEBHOOK_HEADERS.timestamp], prepared?.body ?? '', nowSeconds + 3600)).toBe(false);
    expect(JSON.parse(prepared?.body ?? '{}')).toMatchObject({ type: 'patient.created', id: headers[WEBHOOK_HEADERS.eventId] });

    await recordAttempt(db.orm.em, deliveryId, { attemptedAt: NOW, ok: false, responseCode: 500, durationMs: 12, error: null }, false);
    const delivered = await recordAttempt(db.orm.em, deliveryId, { attemptedAt: NOW, ok: true, responseCode: 204, durationMs: 8, error: null }, false);
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 2, lastResponseCode: 204 });
    expect(await prepareDelivery(db.orm.em, deliveryId, NOW)).toBeNull();

    const replayed: string[] = [];
    const replay = await replayWebhookDelivery(fx.context('ADMIN', NOW), { deliveryId }, async (ids) => void replayed.push(...ids));
    expect(replay.ok && replay.value.status).toBe('PENDING');
    expect(replayed).toEqual([replay.ok ? replay.value.id : '']);
    const again = await prepareDelivery(db.orm.em, replayed[0] as string, NOW);
    expect(again?.headers[WEBHOOK_HEADERS.eventId]).toBe(headers[WEBHOOK_HEADERS.eventId]);
  });

  it('lets only an ADMIN manage endpoints, refuses bad addresses and event types, and stops deliveries of a deactivated endpoint', async () => {
    const refused = await createWebhookEndpoint(fx.context('RECEPTIONIST', NOW), { url: 'https://x.example', events: ['invoice.paid'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const [url, events] of [
      ['http://hooks.example.com/in', ['invoice.paid']],
      ['https://user:pw@hooks.example.com/in', ['invoice.paid']],
      ['not a url', ['invoice.paid']],
      ['https://hooks.example.com/in', []],
      ['https://hooks.example.com/in', ['invoice.deleted']],
    ] as const) {
      expect(await createWebhookEndpoint(fx.context('ADMIN', NOW), { url, events }), url).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const local = await createWebhookEndpoint(fx.context('ADMIN', NOW), { url: 'http://127.0.0.1:9/hook', events: ['invoice.paid', 'invoice.paid'] });
    if (!local.ok) throw new Error(local.error.message);
    expect(local.value.endpoint.events).toEqual(['invoice.paid']);
    expect(local.value.secret).toMatch(/^whsec_[\w-]{43}$/);

    await fx.buyPackage({ now: NOW });
    await drain();
    const pending = enqueued.slice(-1)[0] as string;
    expect(await deactivateWebhookEndpoint(fx.context('ADMIN', NOW), { endpointId: local.value.endpoint.id })).toMatchObject({ ok: true });
    expect(await prepareDelivery(db.orm.em, pending, NOW)).toBeNull();
    const { rows } = await db.sql.query('select status, last_error from webhook_delivery where id = $1', [pending]);
    expect(rows[0]).toEqual({ status: 'FAILED', last_error: 'the endpoint was deactivated' });

    expect(await deleteWebhookEndpoint(fx.context('ADMIN', NOW), { endpointId: local.value.endpoint.id })).toMatchObject({ ok: true });
    const listed = await listWebhookEndpoints(fx.context('ADMIN', NOW));
    expect(listed.ok && listed.value.map((endpoint) => endpoint.url)).toEqual(['https://hooks.example.com/in']);
    const audit = await db.sql.query<{ operation: string }>(`select operation from audit_event where entity_type = 'WebhookEndpoint' order by occurred_at, created_at`);
    expect(audit.rows.map((row) => row.operation)).toEqual(
      expect.arrayContaining(['createWebhookEndpoint', 'replayWebhookDelivery', 'deactivateWebhookEndpoint', 'deleteWebhookEndpoint']),
    );
    const secrets = await db.sql.query(`select 1 from audit_event where entity_type = 'WebhookEndpoint' and (after::text like '%whsec_%' or before::text like '%whsec_%')`);
    expect(secrets.rowCount).toBe(0);
  });
});
