import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { verifySignature, WEBHOOK_HEADERS } from '@clinic/domain';
import { spawnBuiltApi, type ApiProcess } from '../../apps/api/src/testing/api-process.js';

/**
 * Webhooks across two API processes on one database (the built server, as `pnpm start` runs
 * it): every committed change reaches a real HTTP receiver exactly once, signed, although one of
 * the processes is stopped (SIGTERM) and started again in the middle; a change that rolled back
 * sends nothing. Prints the delivery figures: latency from a mutation's answer (its commit) to
 * the receiver, and deliveries per second for a burst.
 */

const AUTH_SECRET = 'webhooks-test-secret-of-at-least-32-characters';
const webDist = mkdtempSync(join(tmpdir(), 'clinic-webhooks-web-'));
const running: ApiProcess[] = [];
let databaseName = '';
let databaseUrl = '';
let receiver: Server;
let hookUrl = '';
let secret = '';

interface Receipt {
  eventId: string;
  type: string;
  mrn: string;
  verified: boolean;
  at: number;
}
const receipts: Receipt[] = [];

function start(): ApiProcess {
  const api = spawnBuiltApi({ DATABASE_URL: databaseUrl, DEMO_DATA: 'true', AUTH_SECRET, WEB_DIST: webDist, DATABASE_POOL_MAX: '4', JOBS_POLLING_MS: '500' });
  running.push(api);
  return api;
}

async function stop(api: ApiProcess): Promise<void> {
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGTERM');
  const { code } = await api.exited;
  if (code !== 0) console.log(`an API process exited ${code}:\n${api.output().slice(-3000)}`);
}

const began = performance.now();
const step = (what: string) => console.log(`${((performance.now() - began) / 1000).toFixed(1)} s: ${what}`);

async function graphql<T>(url: string, token: string | null, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!answer.data || answer.errors) throw new Error(JSON.stringify(answer));
  return answer.data;
}

const signIn = async (url: string) =>
  (
    await graphql<{ login: { token: string } }>(url, null, 'mutation ($input: LoginInput!) { login(input: $input) { token } }', {
      input: { email: 'admin@alnoor.test', password: 'demo-pass-2026' },
    })
  ).login.token;

const createPatient = (url: string, token: string, mrn: string) =>
  graphql(url, token, 'mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } userErrors { code } } }', {
    input: { mrn, nameEn: `Webhook ${mrn}`, nameAr: 'اختبار' },
  });

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await admin.connect();
  databaseName = `webhooks_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin.query(`create database "${databaseName}"`);
  await admin.end();
  databaseUrl = inject('databaseAdminUrl').replace(/\/postgres$/, `/${databaseName}`);

  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => req.headers[name] as string | undefined;
      const parsed = JSON.parse(body) as { type: string; data: { after: { mrn?: string } | null } };
      receipts.push({
        eventId: header(WEBHOOK_HEADERS.eventId) ?? '',
        type: parsed.type,
        mrn: parsed.data.after?.mrn ?? '',
        verified: verifySignature(secret, header(WEBHOOK_HEADERS.signature), header(WEBHOOK_HEADERS.timestamp), body, Math.floor(Date.now() / 1000)),
        at: performance.now(),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await Promise.all(running.map(stop));
  await new Promise((resolve) => receiver?.close(resolve));
  const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await admin.connect();
  if (databaseName) await admin.query(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
  rmSync(webDist, { recursive: true, force: true });
});

describe('webhooks across processes', () => {
  it('delivers every committed event exactly once, signed, with a process restarted in the middle; none of a rolled-back change', { timeout: 400_000 }, async () => {
    const a = start();
    const urlA = await a.ready;
    step('A ready');
    const b = start();
    const urlB = await b.ready;
    step('B ready');
    const tokenA = await signIn(urlA);
    const tokenB = await signIn(urlB);

    const created = await graphql<{ createWebhookEndpoint: { secret: string } }>(
      urlA,
      tokenA,
      'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { code message } } }',
      { input: { url: hookUrl, events: ['patient.created'] } },
    );
    secret = created.createWebhookEndpoint.secret;

    const committedAt = new Map<string, number>();
    const make = async (url: string, token: string, mrn: string) => {
      await createPatient(url, token, mrn);
      committedAt.set(mrn, performance.now());
    };
    // Half through each process, one at a time.
    for (let i = 0; i < 10; i += 1) await make(i % 2 ? urlB : urlA, i % 2 ? tokenB : tokenA, `MRN-WH-${i}`);
    // A change that rolls back (a duplicate MRN is refused by the database) publishes nothing.
    await createPatient(urlA, tokenA, 'MRN-WH-0');

    // Process B stops (SIGTERM, as an orchestrator would) while its events may still be in flight,
    // and a new one takes its place.
    const stopB = stop(b);
    for (let i = 10; i < 20; i += 1) await make(urlA, tokenA, `MRN-WH-${i}`);
    await stopB;
    step('B stopped');
    const c = start();
    const urlC = await c.ready;
    step('C ready');
    const tokenC = await signIn(urlC);
    for (let i = 20; i < 30; i += 1) await make(i % 2 ? urlC : urlA, i % 2 ? tokenC : tokenA, `MRN-WH-${i}`);

    step(`30 changes committed, ${receipts.length} received`);
    await vi.waitFor(() => expect(new Set(receipts.map((r) => r.mrn)).size).toBe(30), { timeout: 60_000, interval: 200 });
    step('30 received');
    expect(receipts.every((r) => r.verified && r.type === 'patient.created')).toBe(true);
    // Exactly once: as many receipts as events, no event id twice.
    expect(receipts).toHaveLength(30);
    expect(new Set(receipts.map((r) => r.eventId)).size).toBe(30);

    const latencies = receipts.map((r) => r.at - (committedAt.get(r.mrn) ?? r.at));
    console.log(
      `webhook latency from commit to receiver (ms, 30 events, JOBS_POLLING_MS=500): median ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)}`,
    );

    // A burst: 100 changes at once, half through each process; deliveries per second until the last one.
    const before = receipts.length;
    const burstStarted = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, i) => createPatient(i % 2 ? urlC : urlA, i % 2 ? tokenC : tokenA, `MRN-BURST-${i}`)));
    const committed = performance.now();
    await vi.waitFor(() => expect(receipts.length - before).toBeGreaterThanOrEqual(50), { timeout: 60_000, interval: 200 });
    const lastAt = Math.max(...receipts.slice(before).map((r) => r.at));
    console.log(
      `webhook burst: 50 events committed in ${((committed - burstStarted) / 1000).toFixed(2)} s, all delivered ${((lastAt - burstStarted) / 1000).toFixed(2)} s after the first request: ${(50 / ((lastAt - committed) / 1000 || 1)).toFixed(1)} deliveries/s after the last commit`,
    );
    expect(receipts.length - before).toBe(50);
    expect(new Set(receipts.map((r) => r.eventId)).size).toBe(80);
  });
});
