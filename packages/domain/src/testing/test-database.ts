import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../database/orm-config.js';

export const TEMPLATE_DATABASE = 'clinic_template';

export interface TestDatabase {
  readonly orm: MikroORM;
  readonly url: string;
  /** Plain SQL around the domain code, for tests that prove what the database itself refuses. */
  readonly sql: pg.Pool;
  /** Every statement the ORM sent since the last `resetQueryLog()`. */
  readonly queries: string[];
  resetQueryLog(): void;
  /** Rows in every table of the data model, in one statement: a snapshot to prove nothing changed. */
  rowCounts(): Promise<Record<string, number>>;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own, on the run's embedded PostgreSQL. */
export async function createTestDatabase(
  options: {
    poolSize?: number;
    sqlPoolSize?: number;
    /** false: the ORM neither formats nor keeps its statements (`queries` stays empty), for tests that run many thousands. */
    logQueries?: boolean;
    /** The database to copy (default: the migrated, empty template of the global setup). */
    template?: string;
  } = {},
): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${options.template ?? TEMPLATE_DATABASE}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const queries: string[] = [];
  const orm = await MikroORM.init(
    ormConfig({
      clientUrl: url,
      poolSize: options.poolSize ?? 24,
      onQuery: options.logQueries === false ? undefined : (message) => queries.push(message),
    }),
  );
  const sql = new pg.Pool({ connectionString: url, max: options.sqlPoolSize ?? 4 });
  sql.on('error', throwUnlessServerEndedSession);
  return {
    orm,
    url,
    sql,
    queries,
    resetQueryLog: () => {
      queries.length = 0;
    },
    async rowCounts() {
      // The tables come from the entities, so a new entity is counted without a change here.
      const tables = Object.values(orm.getMetadata().getAll())
        .filter((meta) => !meta.abstract && !meta.embeddable)
        .map((meta) => meta.tableName)
        .sort();
      const { rows } = await sql.query(`select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`);
      return rows[0] as Record<string, number>;
    },
    async drop() {
      await orm.close(true);
      // Every session of `sql` gone before the forced drop, which would otherwise end them itself.
      await endPool(sql);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/**
 * SQLSTATEs of a session the server ends (57P01 admin shutdown: a stopped server, a forced drop,
 * pg_terminate_backend; 57P02 crash shutdown; 57P03 cannot connect now).
 */
const SERVER_ENDED_SESSION = new Set(['57P01', '57P02', '57P03']);

/**
 * The 'error' listener of a test's own pg.Pool. Without one, the pool throws the error of an idle
 * connection in the test process ("Unhandled error": the run fails) when the server ends that
 * session, which a test that stops a server or drops a database does on purpose. Any other error
 * is still thrown.
 */
export function throwUnlessServerEndedSession(error: Error): void {
  if (SERVER_ENDED_SESSION.has(String((error as { code?: unknown }).code))) return;
  throw error;
}

/**
 * Ends a pg.Pool and waits until each of its sessions has closed. `pool.end()` resolves as soon as
 * its clients are told to end, before their connections are gone: a server stopped or a database
 * dropped with force right after would then end those sessions itself, and each would receive
 * 57P01 (the flake of the reliability suite: 82 times in 200 in a loop of end() then
 * pg_terminate_backend, none once the pool is awaited this way).
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    // pg-pool emits 'remove' once a client's connection has ended.
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

/**
 * For a global setup: a copy of the migrated template named `name`, filled once by `fill` (e.g.
 * the demo data), which test files then copy with `createTestDatabase({ template: name })`.
 */
export async function createFilledTemplate(adminUrl: string, name: string, fill: (orm: MikroORM) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  await admin.end();
  const orm = await MikroORM.init(ormConfig({ clientUrl: adminUrl.replace(/\/postgres$/, `/${name}`), poolSize: 4 }));
  try {
    await fill(orm);
  } finally {
    // No connection may stay open: PostgreSQL copies a template only while no one is connected.
    await orm.close(true);
  }
}
