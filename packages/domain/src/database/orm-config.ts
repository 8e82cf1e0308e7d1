import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export interface OrmConfigOptions {
  clientUrl: string;
  /** Connections in the pool; PostgreSQL's default limit is far above what one process needs. */
  poolSize?: number;
  /** Called with each SQL statement: tests count them, operators can log them. */
  onQuery?: (sql: string) => void;
  /**
   * PostgreSQL's `statement_timeout` on every pooled connection, in milliseconds: a statement
   * running longer is cancelled (SQLSTATE 57014). 0 turns it off.
   */
  statementTimeoutMs?: number;
  /**
   * Where the driver's (knex's) own warnings go, e.g. "Connection Error: ..." when PostgreSQL
   * drops a pooled connection; without it knex prints them as plain lines on standard output.
   */
  onDriverLog?: (level: 'warn' | 'error' | 'debug', message: string) => void;
}

/** Far above any statement of a request; a runaway one cannot hold a connection for long. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

export function ormConfig({ clientUrl, poolSize = 16, onQuery, statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS, onDriverLog }: OrmConfigOptions): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    pool: { min: 0, max: poolSize },
    // node-postgres sends it as a start-up parameter of each connection it opens.
    driverOptions: {
      connection: { statement_timeout: statementTimeoutMs },
      ...(onDriverLog ? { log: driverLog(onDriverLog) } : {}),
    },
    forceUtcTimezone: true,
    // Entities are loaded explicitly in each use case; nothing is fetched behind the code's back.
    forceEntityConstructor: false,
    allowGlobalContext: false,
    migrations: {
      migrationsList: migrations,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    // The sign-in throttle's counters (migration 005) belong to rate-limiter-flexible, not to an entity.
    schemaGenerator: { skipTables: ['sign_in_throttle'] },
    debug: onQuery ? ['query'] : false,
    logger: onQuery ? (message: string) => onQuery(message) : () => undefined,
    colors: false,
  });
}

/** knex's logger hooks (`log` in its configuration): every message to one function, as text. */
function driverLog(onDriverLog: NonNullable<OrmConfigOptions['onDriverLog']>) {
  const text = (message: unknown) => (typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message));
  return {
    warn: (message: unknown) => onDriverLog('warn', text(message)),
    error: (message: unknown) => onDriverLog('error', text(message)),
    deprecate: (message: unknown) => onDriverLog('warn', text(message)),
    debug: (message: unknown) => onDriverLog('debug', text(message)),
  };
}
