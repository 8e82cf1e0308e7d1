import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { MAX_BATCH, MAX_DEPTH } from './limits.js';

let db: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer({ database: { orm: db.orm, isReachable: async () => true } });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function post(body: unknown) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } };
}

/** node -> packagePurchase -> progress -> appointments, repeated: 1 + 3 * rounds fields deep. */
function nested(rounds: number): string {
  let query = 'id';
  for (let round = 0; round < rounds; round += 1) query = `packagePurchase { progress { appointments { ${query} } } }`;
  return `{ node(id: "x") { ... on Appointment { ${query} } } }`;
}

describe('protection', () => {
  it(`refuses an operation nested deeper than ${MAX_DEPTH} fields before running it`, async () => {
    const allowed = await post({ query: nested(2) });
    expect(allowed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { status, body } = await post({ query: nested(4) });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/fields deep/);
  });

  it('refuses an operation whose estimated cost is too high', async () => {
    const { body } = await post({
      query: '{ patients(first: 100) { packagePurchases { progress { appointments { history { operation } } } } } }',
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it(`answers a batch of up to ${MAX_BATCH} operations and refuses a larger one`, async () => {
    const one = { query: '{ health }' };
    const small = await post(Array.from({ length: MAX_BATCH }, () => one));
    expect(small.status).toBe(200);
    expect(small.body).toHaveLength(MAX_BATCH);
    const large = await post(Array.from({ length: MAX_BATCH + 1 }, () => one));
    expect(large.status).toBe(400);
  });

  it('refuses a body over 1 MB without parsing it', async () => {
    const { status } = await post({ query: `{ health } #${'x'.repeat(1_100_000)}` });
    expect(status).toBe(413);
  });

  it('refuses a simple cross-site form post (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=%7Bhealth%7D`, { method: 'GET' });
    expect(response.status).toBe(400);
  });
});

describe('protection against very wide operations', () => {
  it('refuses thousands of aliased fields even past what the cost counter can count', async () => {
    const aliases = Array.from({ length: 12_000 }, (_, i) => `a${i}: health`).join(' ');
    const { status, body } = await post({ query: `{ ${aliases} }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a variable of the wrong type with a 400 validation error, not a fault', async () => {
    const { status, body } = await post({ query: 'query($n: Int) { patients(first: $n) { id } }', variables: { n: 'ten' } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not take automatic persisted queries', async () => {
    const { body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } }, query: '{ health }' });
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
