import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { ormConfig } from '../database/orm-config.js';
import { createDatabaseIfMissing } from '../database/database.js';
import { TEMPLATE_DATABASE } from './test-database.js';

/*
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
 * and so throws away the failing exit code the test runner has set: a run with failures would
 * exit 0. Keep the code the runner chose.
 */
let exitCodeBeforeExit: typeof process.exitCode;
process.on('beforeExit', () => {
  exitCodeBeforeExit = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeExit) process.exitCode = exitCodeBeforeExit;
});

/**
 * One real PostgreSQL for the whole run. The migrations are applied once to a template
 * database; every test file then gets its own copy (CREATE DATABASE ... TEMPLATE), which takes
 * milliseconds.
 */
export default async function setup(project: TestProject) {
  const server = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'clinic-test-pg-')),
    ephemeral: true,
  });
  await createDatabaseIfMissing(server.adminUrl, TEMPLATE_DATABASE);
  const orm = await MikroORM.init(ormConfig({ clientUrl: server.urlFor(TEMPLATE_DATABASE), poolSize: 1 }));
  await orm.getMigrator().up();
  await orm.close(true);
  project.provide('databaseAdminUrl', server.adminUrl);
  return async () => {
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}
