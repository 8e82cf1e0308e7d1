import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhookEndpoint, verifySignature, WEBHOOK_HEADERS } from '@clinic/domain';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { createLogger } from '../logger.js';
import { startJobs, type Jobs } from './jobs.js';

interface Received {
  eventId: string;
  verified: boolean;
  type: string;
  answered: number;
}

/**
 * A committed change reaches a real HTTP receiver through the outbox, the relay and the queue:
 * signed, retried after a 500, each attempt logged.
 */
describe('webhook deliveries to a local receiver', () => {
  let db: TestDatabase;
  let fx: ClinicFixture;
  let jobs: Jobs;
  let receiver: Server;
  let secret = '';
  const received: Received[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    fx = await createClinicFixture(db.orm);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => req.headers[name] as string | undefined;
        const verified = verifySignature(secret, header(WEBHOOK_HEADERS.signature), header(WEBHOOK_HEADERS.timestamp), body, Math.floor(Date.now() / 1000));
        const eventId = header(WEBHOOK_HEADERS.eventId) ?? '';
        // The first attempt of every event fails: the queue must come back.
        const answered = received.some((entry) => entry.eventId === eventId) ? 204 : 500;
        received.push({ eventId, verified, type: (JSON.parse(body) as { type: string }).type, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const created = await createWebhookEndpoint(fx.context('ADMIN', new Date()), { url: `http://127.0.0.1:${port}/hook`, events: ['invoice.paid', 'purchase.created'] });
    if (!created.ok) throw new Error(created.error.message);
    secret = created.value.secret;
    jobs = await startJobs({
      url: db.url,
      orm: db.orm,
      logger: createLogger({ level: 'silent' }),
      now: () => new Date(),
      pollingIntervalSeconds: 0.5,
      webhookRetry: { retryLimit: 3, retryDelay: 1, retryBackoff: false },
    });
  });
  afterAll(async () => {
    await jobs?.stop(1_000);
    await new Promise((resolve) => receiver?.close(resolve));
    await db?.drop();
  });

  it('delivers each committed event signed, retries after a 500, and logs every attempt', async () => {
    await fx.buyPackage({ now: new Date('2026-11-24T05:00:00Z') });

    await vi.waitFor(
      () => {
        expect(received.filter((entry) => entry.answered === 204)).toHaveLength(2);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(received.every((entry) => entry.verified)).toBe(true);
    expect(received.map((entry) => entry.type).sort()).toEqual(['invoice.paid', 'invoice.paid', 'purchase.created', 'purchase.created']);
    // Two attempts of each event, with the same event id (a receiver deduplicates on it).
    expect(new Set(received.map((entry) => entry.eventId)).size).toBe(2);

    const deliveries = await db.sql.query<{ status: string; attempts: number; last_response_code: number; codes: number[] }>(
      `select d.status, d.attempts, d.last_response_code, array_agg(a.response_code order by a.attempted_at) as codes
         from webhook_delivery d join webhook_attempt a on a.delivery_id = d.id group by d.id`,
    );
    expect(deliveries.rows).toEqual([
      { status: 'DELIVERED', attempts: 2, last_response_code: 204, codes: [500, 204] },
      { status: 'DELIVERED', attempts: 2, last_response_code: 204, codes: [500, 204] },
    ]);
  });
});
