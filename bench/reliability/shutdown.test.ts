import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiToken, openDatabase, type Database } from '@clinic/domain';
import { endPool, throwUnlessServerEndedSession } from '@clinic/domain/testing';
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabaseServer } from '../../packages/domain/src/database/embedded-postgres.js';
import { createDatabaseIfMissing } from '../../packages/domain/src/database/database.js';
import { spawnBuiltApi, type ApiProcess } from '../../apps/api/src/testing/api-process.js';
import { FIXED_NOW, createClinicFixture, globalId } from './support/world.js';

/**
 * SIGTERM to the built API (apps/api/dist/main.js) while ~60 requests are in flight, a third of
 * them schedulePackage mutations: /readyz turns 503 at once, the API keeps serving through its
 * drain delay, then stops accepting and answers every request it has received before it closes
 * the pool. None is cut, and every schedule that committed was answered.
 */

const SCHEDULE = `mutation Schedule($input: SchedulePackageInput!) {
  schedulePackage(input: $input) { appointments { id } schedulingErrors { code } userErrors { code message } }
}`;
const PROGRESS = `query Progress($id: ID!) { packageProgress(packagePurchaseId: $id) { sessionsUnscheduled appointments { id startsAt } } }`;
const SESSIONS = 5;
const SCHEDULES = 24;
const READS = 36;
const DRAIN_MS = 1_500;

interface Sent {
  kind: 'schedule' | 'read' | 'late read';
  purchaseId?: string;
  sentAt: number;
  at: number;
  status: number;
  /** A complete answer: HTTP status and a whole JSON body; `noAnswer` when the exchange broke. */
  outcome: 'ok' | 'userError' | 'graphqlError' | 'noAnswer' | 'refused';
  detail: string;
}

let postgres: EmbeddedDatabaseServer | undefined;
let database: Database | undefined;
let api: ApiProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-shutdown-pg-'));

afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill('SIGKILL');
    await api.exited;
  }
  await database?.close().catch(() => undefined);
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGTERM under load', () => {
  it('answers every request it received, then stops; /readyz says 503 from the first moment', async () => {
    const port = await findFreePort();
    postgres = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(postgres.adminUrl, 'clinic');
    const databaseUrl = postgres.urlFor('clinic');
    database = await openDatabase({ databaseUrl, dataDir: join(dataDir, 'unused') });
    const fx = await createClinicFixture(database.orm, { slug: 'shutdown' });
    const pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: SESSIONS }], validityDays: 120, nameEn: 'Five sessions' });
    const providers = [fx.provider, fx.secondProvider, await fx.addProvider(), await fx.addProvider()];
    const purchases: Array<{ id: string; providerId: string }> = [];
    for (let index = 0; index < SCHEDULES; index += 1) {
      const patient = await fx.addPatient({ mrn: `S-${index}` });
      const purchase = await fx.buyPackage({ now: FIXED_NOW, patient, pkg });
      purchases.push({ id: purchase.id, providerId: (providers[index % providers.length] as { id: string }).id });
    }
    // An integration token of the receptionist (as an ADMIN would make it for them).
    const created = await createApiToken({ em: database.orm.em.fork(), actor: { ...fx.actor('RECEPTIONIST'), role: 'ADMIN' }, now: FIXED_NOW }, { name: 'shutdown test' });
    if (!created.ok) throw new Error(created.error.message);
    const token = created.value.secret;
    await database.close();
    database = undefined;

    api = spawnBuiltApi({
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'false',
      AUTH_SECRET: 'shutdown-test-secret-of-at-least-32-characters',
      CLOCK_START: FIXED_NOW.toISOString(),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    });
    const url = await api.ready;
    const t0 = performance.now();
    const since = () => performance.now() - t0;
    const sent: Sent[] = [];

    const call = async (kind: Sent['kind'], query: string, variables: Record<string, unknown>, headers: Record<string, string>, purchaseId?: string): Promise<void> => {
      const sentAt = since();
      try {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
          body: JSON.stringify({ query, variables }),
        });
        const text = await response.text();
        const json = JSON.parse(text) as { data?: Record<string, { userErrors?: unknown[] } | null>; errors?: unknown[] };
        const payload = json.data ? Object.values(json.data)[0] : undefined;
        const outcome = json.errors?.length || !payload ? 'graphqlError' : payload.userErrors?.length ? 'userError' : 'ok';
        sent.push({ kind, ...(purchaseId ? { purchaseId } : {}), sentAt, at: since(), status: response.status, outcome, detail: text.slice(0, 200) });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        // Refused at connect: the server had stopped accepting, so it never received this one.
        const outcome = code === 'ECONNREFUSED' ? 'refused' : 'noAnswer';
        sent.push({ kind, ...(purchaseId ? { purchaseId } : {}), sentAt, at: since(), status: 0, outcome, detail: `${String(error)} ${code ?? ''}` });
      }
    };

    // ~60 at once: every purchase scheduled (with an Idempotency-Key), and reads of progress.
    const load = [
      ...purchases.map((purchase) =>
        call(
          'schedule',
          SCHEDULE,
          { input: { packagePurchaseId: globalId('PackagePurchase', purchase.id), providerId: globalId('Provider', purchase.providerId), startDate: '2026-03-02' } },
          { 'idempotency-key': randomUUID() },
          purchase.id,
        ),
      ),
      ...Array.from({ length: READS }, (_, index) => call('read', PROGRESS, { id: globalId('PackagePurchase', (purchases[index % purchases.length] as { id: string }).id) }, {})),
    ];
    // SIGTERM as soon as the server has answered one of them: the others are on the wire.
    await Promise.race(load);
    const sigtermAt = since();
    const exited = api.exited;
    api.child.kill('SIGTERM');
    const readyz = await fetch(`${url}/readyz`).then(async (response) => ({ status: response.status, body: await response.text() }));
    const readyzAt = since();
    // Through the drain the API still serves: one caller keeps reading until it is refused.
    const late = (async () => {
      for (let index = 0; index < 400; index += 1) {
        await call('late read', PROGRESS, { id: globalId('PackagePurchase', (purchases[0] as { id: string }).id) }, {});
        if (sent.at(-1)?.outcome === 'refused' || sent.at(-1)?.outcome === 'noAnswer') return;
      }
    })();
    await Promise.all(load);
    const { code, signal } = await exited;
    const exitedAt = since();
    await late;

    const sqlPool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    sqlPool.on('error', throwUnlessServerEndedSession);
    const counts = await sqlPool.query<{ id: string; live: number }>(
      `select p.id, count(a.id) filter (where a.status <> 'CANCELLED')::int as live
         from package_purchase p left join appointment a on a.package_purchase_id = p.id where p.tenant_id = $1 group by p.id`,
      [fx.tenant.id],
    );
    // Its session closed before afterAll stops the server (else it would meet 57P01).
    await endPool(sqlPool);

    const initial = sent.filter((entry) => entry.kind !== 'late read');
    const inFlightAtSigterm = initial.filter((entry) => entry.at > sigtermAt).length;
    const answeredAfterDrain = initial.filter((entry) => entry.at > sigtermAt + DRAIN_MS).length;
    const lateReads = sent.filter((entry) => entry.kind === 'late read');
    const answeredOk = new Set(sent.filter((entry) => entry.kind === 'schedule' && entry.outcome === 'ok').map((entry) => entry.purchaseId));
    const committed = counts.rows.filter((row) => row.live > 0);
    const committedUnanswered = committed.filter((row) => !answeredOk.has(row.id));
    const partial = counts.rows.filter((row) => row.live !== 0 && row.live !== SESSIONS);
    const tally = (entries: Sent[]) => {
      const byOutcome: Record<string, number> = {};
      for (const entry of entries) byOutcome[`${entry.kind} ${entry.status} ${entry.outcome}`] = (byOutcome[`${entry.kind} ${entry.status} ${entry.outcome}`] ?? 0) + 1;
      return byOutcome;
    };
    const logLines = api.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg?: string; level?: string });
    console.log(
      `[reliability] SIGTERM under load: ${initial.length} requests sent at once, SIGTERM at ${sigtermAt.toFixed(0)} ms with ${inFlightAtSigterm} unanswered; ` +
        `/readyz ${readyz.status} ${(readyzAt - sigtermAt).toFixed(0)} ms after SIGTERM; ${answeredAfterDrain} answered after the ${DRAIN_MS} ms drain; ` +
        `exit ${code ?? signal} ${(exitedAt - sigtermAt).toFixed(0)} ms after SIGTERM. Initial load: ${JSON.stringify(tally(initial))}. ` +
        `Sent during the drain by a keep-alive caller: ${JSON.stringify(tally(lateReads))}. Purchases scheduled (committed) ${committed.length}, answered as scheduled ${answeredOk.size}, ` +
        `committed but unanswered ${committedUnanswered.length}, partial ${partial.length}. Last log line: ${logLines.at(-1)?.msg}. ` +
        `Late reads not answered: ${JSON.stringify(lateReads.filter((entry) => entry.outcome !== 'ok').map((entry) => ({ sentAfterSigtermMs: Math.round(entry.sentAt - sigtermAt), detail: entry.detail })))}.`,
    );

    expect(readyz.status, '/readyz answers 503 as soon as SIGTERM arrives').toBe(503);
    expect(initial.filter((entry) => entry.status !== 200 || entry.outcome === 'noAnswer' || entry.outcome === 'graphqlError').map((entry) => `${entry.kind} ${entry.status} ${entry.outcome} ${entry.detail}`), 'every request sent before SIGTERM has a complete answer').toEqual([]);
    expect(initial.filter((entry) => entry.kind === 'schedule' && entry.outcome !== 'ok').map((entry) => entry.detail), 'every schedule succeeded').toEqual([]);
    expect(committedUnanswered.map((row) => row.id), 'every schedule that committed got its answer').toEqual([]);
    expect(partial.map((row) => `${row.id}: ${row.live}`), 'no partial schedule').toEqual([]);
    expect(committed.length).toBe(SCHEDULES);
    // During the drain the API serves; afterwards a new connection is refused, never a broken exchange.
    expect(lateReads.filter((entry) => entry.outcome === 'ok').length, 'requests during the drain are served').toBeGreaterThan(0);
    // When the listener closes at the end of the drain, a connection still in the kernel's accept
    // queue is reset (ECONNRESET) rather than refused: the process never received that request.
    // Only a request sent before the drain ended can have been received, and none of those may fail.
    const receivable = lateReads.filter((entry) => entry.sentAt < sigtermAt + DRAIN_MS - 20);
    expect(receivable.filter((entry) => entry.outcome !== 'ok').map((entry) => entry.detail), 'no request sent during the drain is cut').toEqual([]);
    const atTheDoor = lateReads.filter((entry) => !receivable.includes(entry));
    expect(atTheDoor.filter((entry) => entry.outcome !== 'ok' && entry.outcome !== 'refused' && !/ECONNRESET/.test(entry.detail)).map((entry) => entry.detail), 'after the drain: answered, refused or reset at the door').toEqual([]);
    expect(code, 'a clean exit').toBe(0);
    expect(logLines.filter((line) => line.level === 'error' || line.level === 'fatal').map((line) => line.msg)).toEqual([]);
  });
});
