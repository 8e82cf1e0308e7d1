import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@clinic/domain';
import { createTestDatabase, endPool, throwUnlessServerEndedSession } from '@clinic/domain/testing';
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabaseServer } from '../../packages/domain/src/database/embedded-postgres.js';
import { createDatabaseIfMissing } from '../../packages/domain/src/database/database.js';
import { BUILT_MAIN, spawnBuiltApi, type ApiProcess } from '../../apps/api/src/testing/api-process.js';
import { FIXED_NOW, INTERNALS, createClinicFixture, globalId, reachability, startApi } from './support/world.js';

/**
 * The built API (apps/api/dist/main.js, run as in production) on a PostgreSQL we stop under
 * load and start again. While it is gone every request that needs it answers 503 with
 * Retry-After and the code SERVICE_UNAVAILABLE (never a 500, never internals), each logged once
 * as a JSON line with its request id; nothing but JSON lines is printed; it recovers by itself.
 */

const PATIENTS = `query Patients { patients(first: 5) { id } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { token userErrors { code } } }`;
const CREATE_PATIENT = `mutation Create($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } userErrors { code message } } }`;
const DEMO = { email: 'reception@alnoor.test', password: 'demo-pass-2026' };

interface Answer {
  kind: string;
  sentAt: number;
  at: number;
  status: number;
  retryAfter: string | null;
  requestId: string | null;
  codes: string[];
  text: string;
}

let postgres: EmbeddedDatabaseServer | undefined;
let api: ApiProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-outage-pg-'));

afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function graphql(url: string, kind: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>, t0: number): Promise<Answer> {
  const sentAt = performance.now() - t0;
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let codes: string[] = [];
    try {
      codes = ((JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? []).map((error) => error.extensions?.code ?? '');
    } catch {
      codes = ['<not JSON>'];
    }
    return { kind, sentAt, at: performance.now() - t0, status: response.status, retryAfter: response.headers.get('retry-after'), requestId: response.headers.get('x-request-id'), codes, text };
  } catch (error) {
    return { kind, sentAt, at: performance.now() - t0, status: 0, retryAfter: null, requestId: null, codes: [], text: String(error) };
  }
}

describe('the database down under the built API', () => {
  it('answers 503 + Retry-After + SERVICE_UNAVAILABLE to every request that needs it, logs each once, prints only JSON, and recovers', async () => {
    const port = await findFreePort();
    postgres = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(postgres.adminUrl, 'clinic');
    const databaseUrl = postgres.urlFor('clinic');
    api = spawnBuiltApi({ DATABASE_URL: databaseUrl, DEMO_DATA: 'true', AUTH_SECRET: 'outage-test-secret-of-at-least-32-characters', SHUTDOWN_DRAIN_MS: '0' });
    const url = await api.ready.catch((error: Error) => {
      throw new Error(`${BUILT_MAIN} did not start (build it first): ${error.message}`);
    });
    const t0 = performance.now();
    const login = await graphql(url, 'login', LOGIN, { input: DEMO }, {}, t0);
    const token = (JSON.parse(login.text) as { data?: { login?: { token?: string } } }).data?.login?.token;
    expect(token, login.text).toBeTruthy();
    const auth = { authorization: `Bearer ${token}` };

    // The load: six callers, each sending reads, sign-ins and creations (with a key) in turn.
    const answers: Answer[] = [];
    let stop = false;
    let sequence = 0;
    const retryKey = randomUUID();
    const retryInput = { mrn: `OUT-${Date.now()}`, nameEn: 'Created During An Outage' };
    const next = (): Promise<Answer> => {
      sequence += 1;
      switch (sequence % 4) {
        case 0:
          return graphql(url, 'read', PATIENTS, {}, auth, t0);
        case 1:
          return graphql(url, 'login', LOGIN, { input: DEMO }, {}, t0);
        case 2:
          return graphql(url, 'create', CREATE_PATIENT, { input: { mrn: `OUT-${sequence}-${randomUUID().slice(0, 8)}`, nameEn: 'Load Patient' } }, { ...auth, 'idempotency-key': randomUUID() }, t0);
        default:
          return graphql(url, 'create-retried', CREATE_PATIENT, { input: retryInput }, { ...auth, 'idempotency-key': retryKey }, t0);
      }
    };
    const callers = Array.from({ length: 6 }, async () => {
      while (!stop && answers.length < 4_000) answers.push(await next());
    });
    const until = async (condition: () => boolean, withinMs: number) => {
      const started = performance.now();
      while (!condition() && performance.now() - started < withinMs) await new Promise((resolve) => setTimeout(resolve, 20));
      return condition();
    };

    expect(await until(() => answers.filter((answer) => answer.status === 200).length >= 40, 30_000), 'requests succeed before the outage').toBe(true);
    const stopStartedAt = performance.now() - t0;
    await postgres.stop();
    const stoppedAt = performance.now() - t0;
    await until(() => answers.filter((answer) => answer.sentAt > stoppedAt).length >= 300, 30_000);
    const readyzDuring = await fetch(`${url}/readyz`);
    const restartAt = performance.now() - t0;
    postgres = await startEmbeddedPostgres({ dataDir, port });
    let readyAt: number | undefined;
    for (let polls = 0; polls < 300 && readyAt === undefined; polls += 1) {
      const response = await fetch(`${url}/readyz`).catch(() => undefined);
      if (response?.status === 200) readyAt = performance.now() - t0;
      else await new Promise((resolve) => setTimeout(resolve, 100)); // poll interval
    }
    const okAtReady = answers.filter((answer) => answer.status === 200).length;
    const recovered = await until(() => answers.filter((answer) => answer.status === 200).length >= okAtReady + 30, 30_000);
    stop = true;
    await Promise.all(callers);
    // The creation that met the outage, retried with its key once the database is back.
    const retried = await graphql(url, 'create-retried', CREATE_PATIENT, { input: retryInput }, { ...auth, 'idempotency-key': retryKey }, t0);

    const sql = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    sql.on('error', throwUnlessServerEndedSession);
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from patient where mrn = $1', [retryInput.mrn]);
    await endPool(sql);

    const during = answers.filter((answer) => answer.sentAt >= stoppedAt && answer.at <= restartAt);
    // Sent while the server was stopping: they may have finished first, or met it going away.
    const acrossTheStop = answers.filter((answer) => answer.sentAt < stoppedAt && answer.at > stopStartedAt);
    const afterReady = answers.filter((answer) => readyAt !== undefined && answer.sentAt > readyAt);
    const tally = (list: Answer[]) => {
      const counts: Record<string, number> = {};
      for (const answer of list) {
        const key = `${answer.kind} ${answer.status} ${answer.codes.join(',') || 'ok'}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    };
    const lines = api.output().split('\n').filter((line) => line.trim() !== '');
    const notJson = lines.filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
    const logged = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { msg?: string; requestId?: string; level?: string; err?: unknown }];
      } catch {
        return [];
      }
    });
    const outageLines = logged.filter((line) => line.msg?.startsWith('database unavailable'));
    const unavailable = answers.filter((answer) => answer.status === 503);
    const linesPerRequest = unavailable.map((answer) => outageLines.filter((line) => line.requestId === answer.requestId).length);
    const faults = logged.filter((line) => line.level === 'error' || line.level === 'fatal');

    console.log(
      `[reliability] database outage under the built API: stopped at ${(stoppedAt / 1000).toFixed(1)} s, restarted at ${(restartAt / 1000).toFixed(1)} s, ` +
        `/readyz 200 again at ${readyAt === undefined ? 'NEVER' : `${(readyAt / 1000).toFixed(1)} s`}. Across the stop: ${JSON.stringify(tally(acrossTheStop))}. ` +
        `During the outage: ${JSON.stringify(tally(during))}. After /readyz was 200 again: ${JSON.stringify(tally(afterReady))}. ` +
        `503 answers: ${unavailable.length}, with Retry-After ${unavailable.filter((answer) => answer.retryAfter !== null).length}; outage log lines ${outageLines.length} ` +
        `(per 503 request: ${JSON.stringify(Object.fromEntries([...new Set(linesPerRequest)].map((n) => [n, linesPerRequest.filter((m) => m === n).length])))}); ` +
        `non-JSON output lines ${notJson.length}; error lines ${faults.length}; the creation retried after the outage: ${retried.status}, patients with its MRN ${rows[0]?.n}.`,
    );
    if (notJson.length) console.log(`[reliability] non-JSON lines:\n${notJson.slice(0, 5).join('\n')}`);

    expect(during.length, 'requests were sent during the outage').toBeGreaterThanOrEqual(300);
    expect(during.filter((answer) => answer.status !== 503).map((answer) => `${answer.kind} ${answer.status} ${answer.text.slice(0, 200)}`), 'every request during the outage answers 503').toEqual([]);
    expect([...during, ...acrossTheStop].filter((answer) => answer.status !== 200 && answer.status !== 503).map((answer) => `${answer.kind} ${answer.status} ${answer.text.slice(0, 200)}`), 'no 500, no cut').toEqual([]);
    for (const answer of unavailable) {
      expect(answer.retryAfter, answer.text).toMatch(/^\d+$/);
      expect(answer.codes, answer.text).toContain('SERVICE_UNAVAILABLE');
      expect(answer.codes.filter((code) => code !== 'SERVICE_UNAVAILABLE'), answer.text).toEqual([]);
      for (const pattern of INTERNALS) expect(answer.text).not.toMatch(pattern);
    }
    expect(linesPerRequest.filter((n) => n !== 1), 'each 503 is logged exactly once, with its request id').toEqual([]);
    expect(notJson, 'nothing but JSON lines on stdout and stderr').toEqual([]);
    expect(faults.map((line) => line.msg), 'no fault logged').toEqual([]);
    expect(readyzDuring.status, '/readyz during the outage').toBe(503);
    expect(readyAt, '/readyz 200 again by itself').toBeDefined();
    expect(recovered, 'requests succeed again by themselves').toBe(true);
    expect(afterReady.filter((answer) => answer.status !== 200).map((answer) => `${answer.kind} ${answer.status} ${answer.text.slice(0, 200)}`), 'no failure once /readyz is 200').toEqual([]);
    expect(retried.status, retried.text).toBe(200);
    expect(rows[0]?.n, 'the creation retried with its key exists once').toBe(1);
  });
});

describe('a connection lost inside a use case', () => {
  it('answers 503 SERVICE_UNAVAILABLE, not a refusal nor a fault, rolls back, and the retry with the key schedules once', async () => {
    const db = await createTestDatabase({ poolSize: 8, sqlPoolSize: 2 });
    const fx = await createClinicFixture(db.orm, { slug: 'lost-connection' });
    const api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) });
    const holder = await db.sql.connect();
    try {
      const created = await createApiToken({ em: db.orm.em.fork(), actor: { ...fx.actor('RECEPTIONIST'), role: 'ADMIN' }, now: FIXED_NOW }, { name: 'lost connection' });
      if (!created.ok) throw new Error(created.error.message);
      const purchase = await fx.buyPackage({ now: FIXED_NOW });
      const key = randomUUID();
      const schedule = () =>
        fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${created.value.secret}`, 'idempotency-key': key },
          body: JSON.stringify({
            query: 'mutation S($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { id } userErrors { code } } }',
            variables: { input: { packagePurchaseId: globalId('PackagePurchase', purchase.id), providerId: globalId('Provider', fx.provider.id), startDate: '2026-03-02' } },
          }),
        });

      // Another session holds the purchase's row: the use case, past the caller's recognition,
      // waits for it inside its transaction; then its connection is terminated under it.
      await holder.query('begin');
      await holder.query('select id from package_purchase where id = $1 for update', [purchase.id]);
      const pending = schedule();
      let waiting: number | undefined;
      for (let polls = 0; polls < 200 && waiting === undefined; polls += 1) {
        const { rows } = await holder.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
        );
        waiting = rows[0]?.pid;
        if (waiting === undefined) await new Promise((resolve) => setTimeout(resolve, 25)); // poll interval
      }
      expect(waiting, 'the use case waits on the row lock').toBeDefined();
      await holder.query('select pg_terminate_backend($1)', [waiting]);
      const answer = await pending;
      const text = await answer.text();
      await holder.query('rollback');
      const { rows: afterLoss } = await db.sql.query<{ n: number }>('select count(*)::int as n from appointment where package_purchase_id = $1', [purchase.id]);
      const requestId = answer.headers.get('x-request-id');
      const outageLines = api.problems.filter((line) => line.msg.startsWith('database unavailable') && line['requestId'] === requestId);
      const faults = api.problems.filter((line) => line.level === 'error');

      const retry = await schedule();
      const retryText = await retry.text();
      const { rows: afterRetry } = await db.sql.query<{ n: number }>('select count(*)::int as n from appointment where package_purchase_id = $1', [purchase.id]);
      console.log(
        `[reliability] connection terminated inside schedulePackage: ${answer.status} retry-after ${answer.headers.get('retry-after')} ${text.slice(0, 160)}; ` +
          `appointments after the loss ${afterLoss[0]?.n}, after the retry with the key ${afterRetry[0]?.n}; outage lines for the request ${outageLines.length}, faults ${faults.length}`,
      );
      expect(answer.status, text).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
      expect(afterLoss[0]?.n, 'the transaction rolled back').toBe(0);
      expect(outageLines, 'logged once, with the request id').toHaveLength(1);
      expect(faults.map((line) => line.msg)).toEqual([]);
      expect(retry.status, retryText).toBe(200);
      expect(afterRetry[0]?.n).toBe(purchase.totalSessions);
    } finally {
      holder.release();
      await api.close();
      await db.drop();
    }
  });
});
