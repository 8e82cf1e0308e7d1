import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { seedDemoData } from '@clinic/domain';
import { startTestServer, type TestServer } from '../testing/test-server.js';

/** Tuesday 2026-11-24, 09:00 in Riyadh. */
const NOW = new Date('2026-11-24T06:00:00Z');

async function installationOf(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ installation { demo } }' }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('Query.installation, asked without a token', () => {
  let db: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4, sqlPoolSize: 1 });
    server = await startTestServer({ database: { orm: db.orm, isReachable: async () => true } });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('is no demo while the database is empty', async () => {
    expect(await installationOf(server.url)).toEqual({ data: { installation: { demo: false } } });
  });

  it('is no demo when a real tenant holds the database, and the demo is then never loaded', async () => {
    await db.sql.query(`insert into tenant (id, slug, name) values (gen_random_uuid(), 'acme', 'Acme Therapy')`);
    expect(await seedDemoData(db.orm, { now: NOW })).toEqual({ seeded: false, reason: 'not-empty' });
    expect(await installationOf(server.url)).toEqual({ data: { installation: { demo: false } } });
  });

  it('is a demo once the demo data is loaded', async () => {
    await db.sql.query(`delete from tenant where slug = 'acme'`);
    expect(await seedDemoData(db.orm, { now: NOW })).toEqual({ seeded: true });
    expect(await installationOf(server.url)).toEqual({ data: { installation: { demo: true } } });
  });
});
