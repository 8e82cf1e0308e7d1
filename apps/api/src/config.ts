import { defaultWorkerCount } from './cluster.js';
import { isAbsolute, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the API process reads from its environment, once, at start-up. */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  /** An external PostgreSQL; without it the process starts its own in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Connections in this process's pool; every replica has its own, PostgreSQL's limit covers them all. */
  readonly databasePoolMax: number;
  /** PostgreSQL's statement_timeout on every pooled connection, in milliseconds (0: none). */
  readonly databaseStatementTimeoutMs: number;
  /** A request still unanswered after this many milliseconds is answered 503 and abandoned. */
  readonly requestTimeoutMs: number;
  /** After SIGTERM: /readyz answers 503 at once, and requests are still served for this long. */
  readonly shutdownDrainMs: number;
  /** Past this after SIGTERM a shutdown still waiting for requests gives up and exits 1. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** Load the demo clinic into an empty database. */
  readonly demoData: boolean;
  /** The built web app (`apps/web/dist`), served beside the API. */
  readonly webDist: string;
  /** The built GraphiQL explorer (`apps/explorer/dist`), served at /explorer. */
  readonly explorerDist: string;
  /** Signs session tokens; shared by every API process of an installation. */
  readonly authSecret: string | undefined;
  /**
   * For demos and browser tests only: the clock starts at this instant and runs on from there,
   * so "today" is the same in every run.
   */
  readonly clockStart: Date | undefined;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For / -Proto to believe for the client's
   * address (the sign-in throttle's key) and for TLS (the Secure cookie). False: none.
   */
  readonly trustProxy: boolean | number | string;
  /** How often an idle job worker asks the queue for work, in milliseconds. */
  readonly jobsPollingMs: number;
  /** HTTP worker processes (node:cluster); 1 serves from this process alone. */
  readonly webConcurrency: number;
  /**
   * The web app's address as people reach it (`https://clinic.example.com`), for links sent out:
   * with it, password-reset links are e-mailed; without it, they are only shown to the ADMIN.
   */
  readonly publicUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Three levels above this file, whether it runs from `apps/api/src` or `apps/api/dist`. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads and validates the whole configuration; reports every problem at once. */
export function loadConfig(env: Environment = process.env): ApiConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const port = parsePort(value('PORT'), problems);
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const databasePoolMax = parseWholeNumber('DATABASE_POOL_MAX', value('DATABASE_POOL_MAX'), 10, { min: 1, max: 1000 }, problems);
  const databaseStatementTimeoutMs = parseWholeNumber('DATABASE_STATEMENT_TIMEOUT_MS', value('DATABASE_STATEMENT_TIMEOUT_MS'), 10_000, { min: 0, max: 3_600_000 }, problems);
  const requestTimeoutMs = parseWholeNumber('REQUEST_TIMEOUT_MS', value('REQUEST_TIMEOUT_MS'), 30_000, { min: 100, max: 3_600_000 }, problems);
  const shutdownDrainMs = parseWholeNumber('SHUTDOWN_DRAIN_MS', value('SHUTDOWN_DRAIN_MS'), 5_000, { min: 0, max: 600_000 }, problems);
  // Room for the drain, then for the slowest request (REQUEST_TIMEOUT_MS), then for closing.
  const shutdownTimeoutMs = parseWholeNumber('SHUTDOWN_TIMEOUT_MS', value('SHUTDOWN_TIMEOUT_MS'), shutdownDrainMs + requestTimeoutMs + 10_000, { min: 1_000, max: 3_600_000 }, problems);
  if (shutdownTimeoutMs <= shutdownDrainMs + requestTimeoutMs) {
    problems.push('SHUTDOWN_TIMEOUT_MS must exceed SHUTDOWN_DRAIN_MS plus REQUEST_TIMEOUT_MS, or requests would be cut');
  }
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!isLogLevel(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const demoData = value('DEMO_DATA') ?? 'true';
  if (demoData !== 'true' && demoData !== 'false') problems.push('DEMO_DATA must be true or false');

  const authSecret = value('AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32) problems.push('AUTH_SECRET must have at least 32 characters');

  const clockStartText = value('CLOCK_START');
  const clockStart = clockStartText === undefined ? undefined : new Date(clockStartText);
  if (clockStart && Number.isNaN(clockStart.getTime())) problems.push('CLOCK_START must be an ISO-8601 instant');
  const trustProxy = parseTrustProxy(value('TRUST_PROXY'), problems);
  const jobsPollingMs = parseWholeNumber('JOBS_POLLING_MS', value('JOBS_POLLING_MS'), 1_000, { min: 500, max: 600_000 }, problems);
  const webConcurrency = parseWholeNumber('WEB_CONCURRENCY', value('WEB_CONCURRENCY'), defaultWorkerCount(), { min: 1, max: 256 }, problems);
  const publicUrl = parsePublicUrl(value('PUBLIC_URL'), problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: value('HOST') ?? '0.0.0.0',
    databaseUrl,
    dataDir: absolute(value('DATA_DIR') ?? resolve(REPO_ROOT, '.data/postgres')),
    databasePoolMax,
    databaseStatementTimeoutMs,
    requestTimeoutMs,
    shutdownDrainMs,
    shutdownTimeoutMs,
    logLevel: logLevel as LogLevel,
    demoData: demoData === 'true',
    webDist: absolute(value('WEB_DIST') ?? resolve(REPO_ROOT, 'apps/web/dist')),
    explorerDist: absolute(value('EXPLORER_DIST') ?? resolve(REPO_ROOT, 'apps/explorer/dist')),
    authSecret,
    clockStart,
    trustProxy,
    jobsPollingMs,
    webConcurrency,
    publicUrl,
  };
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 4000;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    problems.push('PORT must be a whole number from 0 to 65535');
  }
  return port;
}

function parseWholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  { min, max }: { min: number; max: number },
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}`);
  }
  return parsed;
}

/** `false` (default), `true`, a number of hops, or a comma-separated list of addresses, subnets, or `loopback`/`linklocal`/`uniquelocal`. */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => /^(loopback|linklocal|uniquelocal|[\d.]+(\/\d{1,2})?|[\da-f:]+(\/\d{1,3})?)$/i.test(entry))) return entries.join(',');
  problems.push('TRUST_PROXY must be true, false, a number of hops, or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal');
  return false;
}

/** An http(s) address without query or fragment; kept without its trailing slash. */
function parsePublicUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !url.username && !url.password) return url.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push('PUBLIC_URL must be an http(s):// address without query, fragment or credentials, e.g. https://clinic.example.com');
  return undefined;
}

function isPostgresUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'postgres:' || protocol === 'postgresql:';
  } catch {
    return false;
  }
}

function isLogLevel(raw: string): raw is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(raw);
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
