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
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own, on the run's embedded PostgreSQL. */
export async function createTestDatabase(options: { poolSize?: number; sqlPoolSize?: number } = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const queries: string[] = [];
  const orm = await MikroORM.init(
    ormConfig({
      clientUrl: url,
      poolSize: options.poolSize ?? 24,
      onQuery: (message) => queries.push(message),
    }),
  );
  const sql = new pg.Pool({ connectionString: url, max: options.sqlPoolSize ?? 4 });
  return {
    orm,
    url,
    sql,
    queries,
    resetQueryLog: () => {
      queries.length = 0;
    },
    async drop() {
      await orm.close(true);
      await sql.end();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
