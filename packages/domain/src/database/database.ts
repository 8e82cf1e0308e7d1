import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres, type EmbeddedDatabaseServer } from './embedded-postgres.js';
import { ormConfig, type OrmConfigOptions } from './orm-config.js';

export interface Database {
  readonly orm: MikroORM;
  /** Where it runs: `embedded` when this process owns the server. */
  readonly mode: 'embedded' | 'external';
  readonly url: string;
  /** True when the server answers a trivial query. */
  isReachable(): Promise<boolean>;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; without it an embedded server is started with its data in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL's statement_timeout on every pooled connection (ormConfig's default when absent). */
  statementTimeoutMs?: number;
  onLog?: (message: string) => void;
  onQuery?: (sql: string) => void;
  /** The driver's own warnings (see ormConfig), for the caller's logger. */
  onDriverLog?: OrmConfigOptions['onDriverLog'];
}

const EMBEDDED_DATABASE_NAME = 'clinic';

/** Connects (starting PostgreSQL if needed) and applies pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let server: EmbeddedDatabaseServer | undefined;
  let url = options.databaseUrl;
  if (!url) {
    server = await startEmbeddedPostgres({ dataDir: options.dataDir, onLog: options.onLog });
    await createDatabaseIfMissing(server.adminUrl, EMBEDDED_DATABASE_NAME);
    url = server.urlFor(EMBEDDED_DATABASE_NAME);
  }
  try {
    const orm = await MikroORM.init(
      ormConfig({ clientUrl: url, poolSize: options.poolSize, onQuery: options.onQuery, statementTimeoutMs: options.statementTimeoutMs, onDriverLog: options.onDriverLog }),
    );
    await migrateUnderLock(url, orm);
    return {
      orm,
      mode: server ? 'embedded' : 'external',
      url,
      isReachable: () => isReachable(orm),
      async close() {
        await orm.close(true);
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/**
 * The advisory lock every process takes before it migrates: several API processes starting at
 * once on one database apply the pending migrations one after the other (the later ones find
 * nothing left to do) instead of racing to create the same tables.
 */
export const MIGRATION_LOCK = 'clinic-migrations';

/**
 * Applies the pending migrations while holding a session-level advisory lock on a connection of
 * its own (the migrator uses the pool, and a transaction-level lock would not cover its
 * `schema_migrations` bookkeeping). A process that dies while holding it releases it with its
 * connection.
 */
async function migrateUnderLock(url: string, orm: MikroORM): Promise<void> {
  const { default: pg } = await import('pg');
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    await orm.getMigrator().up();
  } finally {
    // Closing the session releases the lock even if the unlock itself failed.
    await lock.query('select pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

async function isReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
}
