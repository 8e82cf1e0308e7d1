import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, localDateOf, seedDemoData } from '@clinic/domain';
import { createServer, type ApiServer } from '../../../apps/api/src/server.js';
import { createLogger } from '../../../apps/api/src/logger.js';
import { openCapturingOrm, type CapturingOrm } from '../lib/orm.js';
import { graphql, graphqlData, login } from '../lib/graphql.js';
import type { BenchPostgres } from '../lib/postgres.js';
import { APPOINTMENTS_QUERY, AVAILABLE_PACKAGES_QUERY, CALENDAR_WEEK_QUERY, PACKAGE_PROGRESS_QUERY } from '../lib/operations.js';
import { median, percentile } from '../lib/stats.js';
import { canMeasureCpu, postgresPids, startCpuMeter } from '../lib/cpu.js';

export const DEMO_PASSWORD = 'demo-pass-2026';
const ZONE = 'Asia/Riyadh';

/**
 * The demo data in a database of its own, and an in-process server on it whose ORM logger keeps
 * every statement: used to find the SQL each read issues and to count statements. The load itself
 * goes to the built server (`node apps/api/dist/main.js`) on the same database.
 */
export interface HttpWorld {
  readonly databaseUrl: string;
  readonly capture: CapturingOrm;
  readonly url: string;
  readonly receptionToken: string;
  readonly adminToken: string;
  /** Yousef's half-used "10 SLP Sessions": 5 completed, 2 booked. */
  readonly progressPurchaseId: string;
  readonly availablePatientId: string;
  /** The calendar week: the demo clinic with the most appointments this week, Sunday to Saturday (clinic-local). */
  readonly calendarWeek: { clinicId: string; from: string; to: string };
  close(): Promise<void>;
}

export async function prepareHttpWorld(postgres: BenchPostgres): Promise<HttpWorld> {
  const databaseUrl = await postgres.createDatabase('bench_http');
  const capture = await openCapturingOrm(databaseUrl);
  await capture.orm.getMigrator().up();
  await seedDemoData(capture.orm, { now: new Date() });
  const server: ApiServer = await createServer({
    database: { orm: capture.orm, isReachable: capture.isReachable },
    config: { webDist: mkdtempSync(join(tmpdir(), 'clinic-bench-noweb-')) },
    logger: createLogger({ level: 'silent' }),
  });
  const { url } = await server.listen(0, '127.0.0.1');
  const receptionToken = await login(url, 'reception@alnoor.test', DEMO_PASSWORD);
  const adminToken = await login(url, 'admin@alnoor.test', DEMO_PASSWORD);
  const found = await graphqlData<{ patients: Array<{ id: string; packagePurchases: Array<{ id: string; status: string }> }> }>(
    url,
    'query { patients(search: "Yousef") { id packagePurchases { id status } } }',
    {},
    receptionToken,
  );
  const yousef = found.patients[0];
  const purchase = yousef?.packagePurchases.find((p) => p.status === 'ACTIVE');
  if (!yousef || !purchase) throw new Error(`demo data: Yousef's active purchase not found: ${JSON.stringify(found)}`);
  const calendarWeek = await busiestClinicWeek(url, receptionToken);
  return {
    databaseUrl,
    capture,
    url,
    receptionToken,
    adminToken,
    progressPurchaseId: purchase.id,
    availablePatientId: yousef.id,
    calendarWeek,
    async close() {
      await server.close();
      await capture.orm.close(true);
    },
  };
}

/** This week (Sunday to Saturday in the clinic's zone) of the demo clinic whose calendar holds the most appointments. */
async function busiestClinicWeek(url: string, token: string): Promise<{ clinicId: string; from: string; to: string }> {
  const { clinics } = await graphqlData<{ clinics: Array<{ id: string }> }>(url, 'query { clinics { id } }', {}, token);
  const today = localDateOf(new Date(), ZONE);
  const from = addDays(today, -new Date(`${today}T00:00:00Z`).getUTCDay());
  const to = addDays(from, 6);
  let busiest = { clinicId: '', from, to, appointments: -1 };
  for (const clinic of clinics) {
    const week = await graphqlData<{ clinicCalendar: { appointments: unknown[] } }>(url, CALENDAR_WEEK_QUERY, { clinicId: clinic.id, from, to }, token);
    if (week.clinicCalendar.appointments.length > busiest.appointments) busiest = { clinicId: clinic.id, from, to, appointments: week.clinicCalendar.appointments.length };
  }
  if (busiest.appointments <= 0) throw new Error('demo data: no clinic has appointments this week');
  return { clinicId: busiest.clinicId, from, to };
}

/**
 * Runs one request against the capturing server and answers the statements it sent, in the
 * steady state the load sees: the caller already recognised (the caller cache keeps a caller 60 s
 * at most, and the capturing server sits idle while the built one is loaded, so without the
 * request before, a read captured late would count the sign-in lookup that the loaded server
 * makes once a minute, not once a request).
 */
async function statementsOf(world: HttpWorld, query: string, variables: Record<string, unknown>): Promise<string[]> {
  await graphql(world.url, query, variables, world.receptionToken);
  world.capture.reset();
  const answer = await graphql(world.url, query, variables, world.receptionToken);
  if (answer.status !== 200 || answer.errors?.length) throw new Error(`capture request failed: ${answer.text.slice(0, 1000)}`);
  return [...world.capture.statements];
}

// ---------------------------------------------------------------------------------------------
// (c) the appointments connection of 100 package sessions
// ---------------------------------------------------------------------------------------------

export interface ConnectionFigures {
  purchaseId: string;
  edges: number;
  statements: number;
  statementList: string[];
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export async function benchAppointmentsConnection(
  world: HttpWorld,
  target: { url: string; token: string },
  runs: number,
): Promise<ConnectionFigures> {
  const { url, adminToken } = world;
  const catalogue = await graphqlData<{
    services: Array<{ id: string; code: string }>;
    providers: Array<{ id: string; name: string }>;
    patients: Array<{ id: string }>;
  }>(url, 'query { services { id code } providers { id name } patients(search: "Aseel") { id } }', {}, adminToken);
  const service = catalogue.services.find((s) => s.code === 'SLP-THERAPY');
  const provider = catalogue.providers.find((p) => p.name === 'Nada Al-Shammari');
  const patient = catalogue.patients[0];
  if (!service || !provider || !patient) throw new Error('demo data: SLP-THERAPY, Nada or Aseel not found');
  const created = await graphqlData<{ createPackage: { package: { id: string } | null; userErrors: unknown[] } }>(
    url,
    `mutation($input: CreatePackageInput!) { createPackage(input: $input) { package { id } userErrors { code message field } } }`,
    { input: { nameEn: '100 SLP sessions (bench)', nameAr: '100 جلسة', price: '20000.00', validityDays: 365, services: [{ serviceId: service.id, sessions: 100 }] } },
    adminToken,
  );
  if (!created.createPackage.package) throw new Error(`createPackage: ${JSON.stringify(created.createPackage.userErrors)}`);
  const invoice = await graphqlData<{ purchasePackage: { invoice: { id: string } | null; userErrors: unknown[] } }>(
    url,
    `mutation($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id } userErrors { code message } } }`,
    { input: { patientId: patient.id, packageId: created.createPackage.package.id } },
    adminToken,
  );
  if (!invoice.purchasePackage.invoice) throw new Error(`purchasePackage: ${JSON.stringify(invoice.purchasePackage.userErrors)}`);
  const paid = await graphqlData<{ payInvoice: { packagePurchase: { id: string } | null; userErrors: unknown[] } }>(
    url,
    `mutation($input: PayInvoiceInput!) { payInvoice(input: $input) { packagePurchase { id } userErrors { code message } } }`,
    { input: { invoiceId: invoice.purchasePackage.invoice.id } },
    adminToken,
  );
  const purchaseId = paid.payInvoice.packagePurchase?.id;
  if (!purchaseId) throw new Error(`payInvoice: ${JSON.stringify(paid.payInvoice.userErrors)}`);
  const scheduled = await graphqlData<{ schedulePackage: { appointments: unknown[]; schedulingErrors: unknown[]; userErrors: unknown[] } }>(
    url,
    `mutation($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { id } schedulingErrors { sessionNumber code } userErrors { code message } } }`,
    { input: { packagePurchaseId: purchaseId, providerId: provider.id, startDate: addDays(localDateOf(new Date(), ZONE), 1) } },
    adminToken,
  );
  if (scheduled.schedulePackage.appointments.length !== 100) {
    throw new Error(`schedulePackage placed ${scheduled.schedulePackage.appointments.length} of 100: ${JSON.stringify(scheduled.schedulePackage)}`.slice(0, 2000));
  }

  const variables = { filter: { packagePurchaseId: purchaseId }, first: 100 };
  const statementList = await statementsOf(world, APPOINTMENTS_QUERY, variables);
  const check = await graphqlData<{ appointments: { edges: unknown[]; totalCount: number } }>(target.url, APPOINTMENTS_QUERY, variables, target.token);
  const times: number[] = [];
  for (let run = 0; run < runs + 5; run += 1) {
    const started = performance.now();
    const answer = await graphql(target.url, APPOINTMENTS_QUERY, variables, target.token);
    const elapsed = performance.now() - started;
    if (answer.status !== 200 || answer.errors?.length) throw new Error(`appointments query failed: ${answer.text.slice(0, 500)}`);
    if (run >= 5) times.push(elapsed); // the first five warm the process up
  }
  return {
    purchaseId,
    edges: check.appointments.edges.length,
    statements: statementList.length,
    statementList,
    runs: times.length,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
  };
}

// ---------------------------------------------------------------------------------------------
// (b) read throughput over HTTP beside the same SQL through pg
// ---------------------------------------------------------------------------------------------

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface ThroughputFigure {
  name: string;
  statements: string[];
  http: LoadFigures & { non2xx: number; timeouts: number };
  raw: LoadFigures;
  ratio: number;
  /** The hand-written one-statement `pg` handler over HTTP (lib/pg-handler.mjs), its statement, and HTTP ÷ it. */
  handler?: LoadFigures & { statement: string; ratio: number };
  /** CPU milliseconds per request in each process group (Linux only). */
  cpuPerRequest?: {
    http: { api: number; postgres: number; loadGenerator: number };
    raw: { postgres: number; driver: number };
  };
}

export async function benchReadThroughput(
  world: HttpWorld,
  target: { url: string; token: string; pid: number | undefined; postgresDataDir: string },
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<ThroughputFigure[]> {
  const measure = canMeasureCpu() && target.pid !== undefined;
  const groups = {
    // The primary and its HTTP workers (WEB_CONCURRENCY).
    api: () => (target.pid ? [target.pid, ...childrenOf(target.pid)] : []),
    postgres: () => postgresPids(target.postgresDataDir),
    bench: () => [process.pid],
  };
  const reads = [
    { name: 'packageProgress', query: PACKAGE_PROGRESS_QUERY, variables: { id: world.progressPurchaseId } },
    { name: 'availablePackages', query: AVAILABLE_PACKAGES_QUERY, variables: { patientId: world.availablePatientId } },
    { name: 'clinicCalendar (a week)', query: CALENDAR_WEEK_QUERY, variables: world.calendarWeek },
  ];
  const figures: ThroughputFigure[] = [];
  for (const read of reads) {
    const statements = await statementsOf(world, read.query, read.variables);
    const body = JSON.stringify({ query: read.query, variables: read.variables });
    const sample = await graphql(target.url, read.query, read.variables, target.token);
    if (sample.status !== 200 || sample.errors?.length || !sample.data) throw new Error(`${read.name} failed: ${sample.text.slice(0, 500)}`);

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${target.token}` };
    const cannon = (seconds: number) =>
      autocannon({ url: `${target.url}/graphql`, method: 'POST', headers, body, connections: options.connections, duration: seconds });
    await cannon(options.warmupSeconds);
    const httpMeter = startCpuMeter(groups);
    const result = await cannon(options.seconds);
    const httpCpu = httpMeter();

    const pool = new pg.Pool({ connectionString: world.databaseUrl, max: options.connections });
    try {
      await replay(pool, statements, options.connections, options.warmupSeconds * 1000);
      const rawMeter = startCpuMeter(groups);
      const raw = await replay(pool, statements, options.connections, options.seconds * 1000);
      const rawCpu = rawMeter();
      const http = {
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
      };
      const per = (ms: number | undefined, requests: number) => (ms ?? 0) / Math.max(1, requests);
      const handler = await handlerBaseline(world.databaseUrl, readStatementOf(statements), body, options);
      figures.push({
        name: read.name,
        statements,
        http,
        raw,
        ratio: http.requestsPerSecond / raw.requestsPerSecond,
        handler: { ...handler, ratio: http.requestsPerSecond / handler.requestsPerSecond },
        ...(measure
          ? {
              cpuPerRequest: {
                http: {
                  api: per(httpCpu['api'], http.requests),
                  postgres: per(httpCpu['postgres'], http.requests),
                  loadGenerator: per(httpCpu['bench'], http.requests),
                },
                raw: { postgres: per(rawCpu['postgres'], raw.requests), driver: per(rawCpu['bench'], raw.requests) },
              },
            }
          : {}),
      });
    } finally {
      await pool.end();
    }
  }
  return figures;
}

/**
 * The same statements as one request, one after the other, by `workers` concurrent loops through
 * one pg.Pool, for `durationMs`. Answers requests/s and per-request latency.
 */
async function replay(pool: pg.Pool, statements: readonly string[], workers: number, durationMs: number): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          for (const statement of statements) await pool.query(statement);
          latencies.push(performance.now() - begun);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}

/** The read's own statement: the longest one the server sent (the caller's recognition is the other, when sent). */
function readStatementOf(statements: readonly string[]): string {
  return [...statements].sort((a, b) => b.length - a.length)[0] ?? 'select 1';
}

/** Node processes whose parent is `pid` (the API's HTTP workers). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

const PG_HANDLER = fileURLToPath(new URL('../lib/pg-handler.mjs', import.meta.url));

/**
 * The physical limit: a minimal node:http handler in its own process answering each request with
 * the JSON of the read's one statement through pg.Pool(connections); autocannon as for the API.
 */
async function handlerBaseline(
  databaseUrl: string,
  statement: string,
  body: string,
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadFigures & { statement: string }> {
  const child = spawn(process.execPath, [PG_HANDLER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, STATEMENT: statement, POOL_MAX: String(options.connections) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`pg handler exited (${code})`)));
    });
    const cannon = (seconds: number) =>
      autocannon({ url: `http://127.0.0.1:${port}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: options.connections, duration: seconds });
    await cannon(options.warmupSeconds);
    const result = await cannon(options.seconds);
    return {
      statement,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
