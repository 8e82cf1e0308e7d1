import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@clinic/domain';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2, sqlPoolSize: 1 });
});

afterAll(async () => {
  await database.drop();
});

describe('with the database reachable', () => {
  let opened: Database;
  let server: TestServer;
  beforeAll(async () => {
    // As main.ts opens it, against this file's own database.
    opened = await openDatabase({ databaseUrl: database.url, dataDir: 'unused: the database is external', poolSize: 2 });
    server = await startTestServer({ database: opened });
  });
  afterAll(async () => {
    await server.close();
    await opened.close();
  });

  it('answers /healthz with ok', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with ready', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});

describe('with the database unreachable', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: { orm: database.orm, isReachable: async () => false } });
  });
  afterAll(() => server.close());

  it('still answers /healthz with ok: the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 503 unavailable', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable' });
  });

  it('answers /readyz with 503 when the check itself fails', async () => {
    const failing = await startTestServer({
      database: { orm: database.orm, isReachable: () => Promise.reject(new Error('connection refused')) },
    });
    try {
      const response = await fetch(`${failing.url}/readyz`);
      expect(response.status).toBe(503);
    } finally {
      await failing.close();
    }
  });

  it('answers /readyz with 503 when the database does not answer within 2 seconds', async () => {
    const hanging = await startTestServer({
      database: { orm: database.orm, isReachable: () => new Promise<boolean>(() => undefined) },
    });
    try {
      const response = await fetch(`${hanging.url}/readyz`);
      expect(response.status).toBe(503);
    } finally {
      await hanging.close();
    }
  });
});
