/**
 * `create [name]`: writes a migration with what the entities need beyond the committed ones.
 * `check`: fails when such a migration is missing.
 * Both run against a throw-away embedded PostgreSQL, so no set-up is needed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ormConfig } from './orm-config.js';
import { pendingSchemaSql } from './schema-drift.js';

const [command = 'check', name = 'change'] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir: join(tmpdir(), `clinic-migrations-${process.pid}`), ephemeral: true });
try {
  const orm = await MikroORM.init(ormConfig({ clientUrl: server.adminUrl, poolSize: 2 }));
  await orm.getMigrator().up();
  const sql = await pendingSchemaSql(orm);
  await orm.close();
  if (command === 'check') {
    if (sql) {
      console.error(`Entities and migrations disagree; run pnpm db:migration:create.\n${sql}`);
      process.exitCode = 1;
    } else {
      console.log('Migrations are complete.');
    }
  } else if (command === 'create') {
    if (!sql) {
      console.log('Nothing to migrate.');
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const className = `Migration${stamp}`;
      const statements = sql
        .split(/;\n/)
        .map((statement) => statement.trim().replace(/;$/, ''))
        .filter(Boolean)
        .map((statement) => `    this.addSql(${JSON.stringify(statement)});`)
        .join('\n');
      const file = join(import.meta.dirname, 'migrations', `${stamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { Migration } from '@mikro-orm/migrations';\n\nexport class ${className} extends Migration {\n  override async up(): Promise<void> {\n${statements}\n  }\n}\n`,
      );
      console.log(`Wrote ${file}; list it in migrations/index.ts.`);
    }
  }
} finally {
  await server.stop();
}
