import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawnBuiltApi, type ApiProcess } from '../../apps/api/src/testing/api-process.js';

/**
 * Several API processes (replicas) started at the same moment on one empty PostgreSQL: every
 * one must become ready (migrations run under an advisory lock, the demo data is loaded once),
 * and a database that already holds a real tenant never gets the demo data.
 *
 * Runs the built server (apps/api/dist/main.js), as `pnpm start` does.
 */

const REPLICAS = 3;
const AUTH_SECRET = 'replicas-test-secret-of-at-least-32-characters';
const webDist = mkdtempSync(join(tmpdir(), 'clinic-replicas-web-'));
const running: ApiProcess[] = [];
const databases: string[] = [];

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A new database with nothing in it, not even the migrations. */
async function emptyDatabase(): Promise<string> {
  const name = `replicas_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await withAdmin((admin) => admin.query(`create database "${name}"`));
  databases.push(name);
  return inject('databaseAdminUrl').replace(/\/postgres$/, `/${name}`);
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

function start(databaseUrl: string): ApiProcess {
  const api = spawnBuiltApi({ DATABASE_URL: databaseUrl, DEMO_DATA: 'true', AUTH_SECRET, WEB_DIST: webDist, DATABASE_POOL_MAX: '4' });
  running.push(api);
  return api;
}

async function stop(api: ApiProcess): Promise<void> {
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGTERM');
  await api.exited;
}

function logLines(api: ApiProcess): Array<{ msg?: string; reason?: string }> {
  return api
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; reason?: string });
}

async function installationOf(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ installation { demo } }' }),
  });
  return response.json();
}

afterAll(async () => {
  await Promise.all(running.map(stop));
  await withAdmin(async (admin) => {
    for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
  });
  rmSync(webDist, { recursive: true, force: true });
});

describe('replicas', () => {
  it(`${REPLICAS} processes started at once on one empty database all become ready; the demo data is loaded once`, async () => {
    const url = await emptyDatabase();
    const startedAt = performance.now();
    const replicas = Array.from({ length: REPLICAS }, () => start(url));
    const outcomes = await Promise.allSettled(
      replicas.map(async (api) => {
        const readyUrl = await api.ready;
        return { url: readyUrl, seconds: Number(((performance.now() - startedAt) / 1000).toFixed(2)) };
      }),
    );
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);
    const ready = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    console.log(`replicas ready after (s): ${ready.map((r) => r.seconds).join(', ')}`);

    expect(await query(url, 'select count(*)::int as n from schema_migrations')).toEqual([
      { n: (await query<{ n: number }>(url, 'select count(distinct name)::int as n from schema_migrations'))[0]!.n },
    ]);
    expect(await query(url, 'select slug from tenant order by slug')).toEqual([{ slug: 'al-noor' }, { slug: 'dar-al-shifa' }]);
    const seedMessages = replicas.flatMap((api) => logLines(api).filter((line) => line.msg?.startsWith('demo data')).map((line) => line.msg));
    expect(seedMessages.sort()).toEqual(['demo data already loaded', 'demo data already loaded', 'demo data loaded']);
    for (const { url: apiUrl } of ready) {
      expect(await installationOf(apiUrl)).toEqual({ data: { installation: { demo: true } } });
    }
    await Promise.all(replicas.map(stop));
  });

  it('never loads the demo data into a database that holds a real tenant, and says why', async () => {
    const url = await emptyDatabase();
    // A real installation: migrated by a first start without demo data, then its tenant created.
    const first = spawnBuiltApi({ DATABASE_URL: url, DEMO_DATA: 'false', AUTH_SECRET, WEB_DIST: webDist });
    running.push(first);
    await first.ready;
    await stop(first);
    await query(url, `insert into tenant (id, slug, name) values (gen_random_uuid(), 'acme', 'Acme Therapy')`);

    const second = start(url);
    const apiUrl = await second.ready;

    expect(await query(url, 'select slug from tenant')).toEqual([{ slug: 'acme' }]);
    expect(await query(url, 'select count(*)::int as n from app_user')).toEqual([{ n: 0 }]);
    expect(logLines(second).find((line) => line.msg?.startsWith('demo data'))).toMatchObject({
      msg: expect.stringContaining('demo data not loaded'),
      reason: 'not-empty',
    });
    expect(await installationOf(apiUrl)).toEqual({ data: { installation: { demo: false } } });
    await stop(second);
  });
});
