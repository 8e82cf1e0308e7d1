import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Role } from '@clinic/domain';
import { endPool, throwUnlessServerEndedSession, type ClinicFixture } from '@clinic/domain/testing';
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabaseServer } from '../../packages/domain/src/database/embedded-postgres.js';
import { createDatabaseIfMissing } from '../../packages/domain/src/database/database.js';
import { FIXED_NOW, createClinicFixture, gql, globalId, startApi, tokensOf, type ApiUnderTest } from './support/world.js';

/**
 * PostgreSQL stopped and started again under the API's feet, while requests run: the API must
 * say not-ready (503 on /readyz) while it is gone, come back by itself on the same data folder
 * and port, and no purchase may be left with part of its schedule.
 */

const SCHEDULE = `mutation Schedule($input: SchedulePackageInput!) {
  schedulePackage(input: $input) { appointments { id } schedulingErrors { code } userErrors { code message } }
}`;
const PROGRESS = `query Progress($id: ID!) { packageProgress(packagePurchaseId: $id) { sessionsUnscheduled appointments { id } } }`;
const SESSIONS = 5;

interface Sent {
  /** When the request was sent and when its answer came, ms since the load began. */
  sentAt: number;
  at: number;
  kind: 'schedule' | 'read';
  purchaseId?: string;
  status: number;
  outcome: 'ok' | 'userError' | 'graphqlError' | 'noAnswer';
  detail: string;
}

let server: EmbeddedDatabaseServer | undefined;
let database: Database | undefined;
let api: ApiUnderTest | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-restart-pg-'));

afterAll(async () => {
  await api?.close();
  await database?.close().catch(() => undefined);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls /readyz (never sleeps to wait: each poll is a request) until it answers `status`. */
async function readyzBecomes(url: string, status: number, withinMs: number): Promise<{ afterMs: number; polls: number } | undefined> {
  const started = performance.now();
  let polls = 0;
  while (performance.now() - started < withinMs) {
    polls += 1;
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === status) return { afterMs: performance.now() - started, polls };
    } catch {
      // no answer yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval, not a wait for an outcome
  }
  return undefined;
}

describe('the database stopped and started while requests run', () => {
  it('reports not-ready, recovers by itself, and leaves no partial schedule', async () => {
    const port = await findFreePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(server.adminUrl, 'clinic');
    const databaseUrl = server.urlFor('clinic');
    // The API's own database object (its pool and its readiness probe), on a server we control.
    database = await openDatabase({ databaseUrl, dataDir: join(dataDir, 'unused') });
    const fx: ClinicFixture = await createClinicFixture(database.orm, { slug: 'restart' });
    const pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: SESSIONS }], validityDays: 120, nameEn: 'Five sessions' });
    const providers = [fx.provider, fx.secondProvider, await fx.addProvider(), await fx.addProvider()];
    const purchases: Array<{ id: string; providerId: string }> = [];
    for (let index = 0; index < 80; index += 1) {
      const patient = await fx.addPatient({ mrn: `R-${index}` });
      const purchase = await fx.buyPackage({ now: FIXED_NOW, patient, pkg });
      purchases.push({ id: purchase.id, providerId: (providers[index % providers.length] as { id: string }).id });
    }
    api = await startApi(database);
    const url = api.url;
    const tokens: Record<Role, string> = await tokensOf(api, fx);

    // The load: 4 desks scheduling purchases one after another, and one reading progress.
    const sent: Sent[] = [];
    const t0 = performance.now();
    let stop = false;
    const record = (entry: Omit<Sent, 'at'>) => sent.push({ ...entry, at: performance.now() - t0 });
    const since = () => performance.now() - t0;
    // A desk whose call failed puts the purchase back in the queue and tries it again later.
    const queue = [...purchases];
    const scheduleOne = async () => {
      const purchase = queue.shift();
      if (!purchase || sent.length > 3_000) return false;
      const sentAt = since();
      try {
        const answer = await gql(
          url,
          SCHEDULE,
          { input: { packagePurchaseId: globalId('PackagePurchase', purchase.id), providerId: globalId('Provider', purchase.providerId), startDate: '2026-03-02' } },
          tokens.RECEPTIONIST,
        );
        const payload = (answer.json?.data as { schedulePackage?: { appointments: unknown[]; userErrors: Array<{ code: string }> } } | undefined)?.schedulePackage;
        const outcome = answer.json?.errors?.length ? 'graphqlError' : payload?.userErrors.length ? 'userError' : payload ? 'ok' : 'graphqlError';
        record({ sentAt, kind: 'schedule', purchaseId: purchase.id, status: answer.status, outcome, detail: answer.text.slice(0, 200) });
        if (outcome !== 'ok') queue.push(purchase);
      } catch (error) {
        record({ sentAt, kind: 'schedule', purchaseId: purchase.id, status: 0, outcome: 'noAnswer', detail: String((error as Error).message) });
        queue.push(purchase);
      }
      return true;
    };
    const desks = Array.from({ length: 4 }, async () => {
      // Bounded: at most every purchase once, and never past 90 s.
      while (!stop && performance.now() - t0 < 90_000 && (await scheduleOne()));
    });
    const reader = (async () => {
      while (!stop && performance.now() - t0 < 90_000 && sent.length <= 3_000) {
        const sentAt = since();
        try {
          const answer = await gql(url, PROGRESS, { id: globalId('PackagePurchase', (purchases[0] as { id: string }).id) }, tokens.RECEPTIONIST);
          record({ sentAt, kind: 'read', status: answer.status, outcome: answer.json?.errors?.length ? 'graphqlError' : 'ok', detail: answer.text.slice(0, 200) });
        } catch (error) {
          record({ sentAt, kind: 'read', status: 0, outcome: 'noAnswer', detail: String((error as Error).message) });
        }
      }
    })();
    const okSchedules = (): number => sent.filter((entry) => entry.kind === 'schedule' && entry.outcome === 'ok').length;
    const until = async (condition: () => boolean, withinMs: number) => {
      const started = performance.now();
      while (!condition() && performance.now() - started < withinMs) await new Promise((resolve) => setTimeout(resolve, 20));
      return condition();
    };

    expect(await until(() => okSchedules() >= 8, 30_000), 'schedules succeed before the outage').toBe(true);
    const beforeStop = sent.length;
    const stoppedAt = performance.now() - t0;
    await server.stop();
    const notReady = await readyzBecomes(url, 503, 15_000);
    // The outage lasts until 150 requests have met the missing database (or 10 s).
    await until(() => sent.slice(beforeStop).filter((entry) => entry.outcome !== 'ok').length >= 150, 10_000);
    const duringOutage = sent.slice(beforeStop);
    const problemsBeforeRestart = api.problems.length;

    const restartedAt = performance.now() - t0;
    server = await startEmbeddedPostgres({ dataDir, port });
    const ready = await readyzBecomes(url, 200, 30_000);
    const readyAt = since();
    const okAtRestart = okSchedules();
    const recovered = await until(() => okSchedules() >= okAtRestart + 10, 30_000);
    stop = true;
    await Promise.all([...desks, reader]);
    const afterRestart = sent.filter((entry) => entry.at > restartedAt);
    // Requests sent once /readyz said 200 again: these must all succeed.
    const afterReady = sent.filter((entry) => entry.sentAt > readyAt);
    const serverErrorsAfterRestart = api.problems.slice(problemsBeforeRestart).map((line) => {
      const err = line['err'] as { message?: string; code?: string } | undefined;
      return `${line.msg}: ${err?.code ?? ''} ${err?.message ?? ''}`.slice(0, 300);
    });

    // Every purchase: none of its sessions, or all of them; never a part.
    const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    sql.on('error', throwUnlessServerEndedSession);
    const counts = await sql.query<{ id: string; live: string }>(
      `select p.id, count(a.id) filter (where a.status <> 'CANCELLED') as live
         from package_purchase p left join appointment a on a.package_purchase_id = p.id
        where p.tenant_id = $1 group by p.id`,
      [fx.tenant.id],
    );
    // Its sessions closed before afterAll stops the server (else they would meet 57P01).
    await endPool(sql);
    const partial = counts.rows.filter((row) => Number(row.live) !== 0 && Number(row.live) !== SESSIONS);
    const fullyScheduled = counts.rows.filter((row) => Number(row.live) === SESSIONS).length;
    // A purchase whose call was answered with success holds all its sessions.
    const answeredOk = new Set(sent.filter((entry) => entry.kind === 'schedule' && entry.outcome === 'ok').map((entry) => entry.purchaseId));
    const okButIncomplete = counts.rows.filter((row) => answeredOk.has(row.id) && Number(row.live) !== SESSIONS);
    const tally = (entries: Sent[]) => {
      const byOutcome = new Map<string, number>();
      for (const entry of entries) {
        const key = `${entry.kind} ${entry.status} ${entry.outcome}`;
        byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
      }
      return Object.fromEntries(byOutcome);
    };
    console.log(
      `[reliability] database restart: stopped at ${(stoppedAt / 1000).toFixed(1)} s; /readyz 503 after ${notReady ? `${notReady.afterMs.toFixed(0)} ms` : 'NEVER (15 s)'}; ` +
        `restarted at ${(restartedAt / 1000).toFixed(1)} s; /readyz 200 again after ${ready ? `${ready.afterMs.toFixed(0)} ms (${ready.polls} polls)` : 'NEVER (30 s)'}; ` +
        `schedules succeeding again by themselves: ${recovered}. During the outage: ${JSON.stringify(tally(duringOutage))}. ` +
        `After the restart: ${JSON.stringify(tally(afterRestart))}; of them sent after /readyz was 200 again: ${JSON.stringify(tally(afterReady))}. Purchases: ${fullyScheduled} fully scheduled, ` +
        `${counts.rows.length - fullyScheduled - partial.length} untouched, ${partial.length} partial.`,
    );
    const samples = (entries: Sent[]) => [...new Set(entries.filter((entry) => entry.outcome !== 'ok').map((entry) => `${entry.status} ${entry.detail}`))].slice(0, 4);
    if (samples(duringOutage).length) console.log(`[reliability] answers during the outage:\n${samples(duringOutage).join('\n')}`);
    if (samples(afterRestart).length) console.log(`[reliability] failed answers after the restart:\n${samples(afterRestart).join('\n')}`);
    if (serverErrorsAfterRestart.length) {
      console.log(`[reliability] what the server logged after the restart (${serverErrorsAfterRestart.length} lines):\n${[...new Set(serverErrorsAfterRestart)].slice(0, 6).join('\n')}`);
    }

    expect(notReady, '/readyz answers 503 while the database is down').toBeDefined();
    expect(ready, '/readyz answers 200 again by itself once the database is back').toBeDefined();
    expect(recovered, 'requests succeed again by themselves').toBe(true);
    expect(partial.map((row) => `${row.id}: ${row.live} of ${SESSIONS}`), 'no partial schedule').toEqual([]);
    expect(okButIncomplete.map((row) => row.id), 'every purchase answered as scheduled holds all its sessions').toEqual([]);
    expect(afterReady.filter((entry) => entry.outcome !== 'ok').map((entry) => `${entry.kind} ${entry.status} ${entry.detail}`), 'no failure once /readyz is 200 again').toEqual([]);
  });
});
