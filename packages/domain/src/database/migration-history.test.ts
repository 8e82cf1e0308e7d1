import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Migration } from '@mikro-orm/migrations';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { seedDemoData } from '../seed/demo-data.js';
import { openDatabase } from './database.js';
import { migrations } from './migrations/index.js';

const CHECKSUMS_FILE = join(import.meta.dirname, 'migrations/checksums.json');
const INDEX = 'appointment_one_live_per_session';
/** The index as migration 001 first created it, before the file was edited. */
const OLD_INDEX_SQL = `create unique index "${INDEX}" on "appointment" ("package_purchase_id", "session_number_in_package") where status <> 'CANCELLED'`;
const NOW = new Date('2026-11-24T06:00:00Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
});
afterAll(() => db?.drop());

/** The SQL a migration's up() emits, hashed: comments and formatting of the file do not count. */
async function checksumOf(migrationClass: unknown, edit?: (migration: Migration) => void): Promise<string> {
  const Class = migrationClass as new (driver: unknown, config: unknown) => Migration;
  const migration = new Class(db.orm.em.getDriver(), db.orm.config);
  await migration.up();
  edit?.(migration);
  const sql = migration.getQueries().map((query) => String(query)).join('\n;\n');
  return createHash('sha256').update(sql).digest('hex');
}

describe('released migrations', () => {
  const recorded = JSON.parse(readFileSync(CHECKSUMS_FILE, 'utf8')) as Record<string, string>;

  it('are never edited: the SQL each one emits still has its recorded checksum', async () => {
    const edited: Record<string, { recorded: string; now: string }> = {};
    const unrecorded: Record<string, string> = {};
    for (const { name, class: migrationClass } of migrations) {
      const checksum = await checksumOf(migrationClass);
      if (recorded[name] === undefined) unrecorded[name] = checksum;
      else if (recorded[name] !== checksum) edited[name] = { recorded: recorded[name], now: checksum };
    }
    expect(
      edited,
      'A released migration was edited: restore it and write the change as a new migration (databases already built from it never run it again).',
    ).toEqual({});
    expect(
      unrecorded,
      `A migration has no recorded checksum: once it is final, add these entries to ${CHECKSUMS_FILE}.`,
    ).toEqual({});
  });

  it('are never removed or renamed, and are applied in the order of their numbers', () => {
    const listed = migrations.map(({ name }) => name);
    expect(listed.filter((name) => !Object.keys(recorded).includes(name))).toEqual([]);
    expect(Object.keys(recorded).filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed).toEqual([...listed].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('catch an edit: changing one statement changes the checksum', async () => {
    const [first] = migrations;
    const edited = await checksumOf(first!.class, (migration) => migration.addSql('select 1'));
    expect(edited).not.toBe(await checksumOf(first!.class));
    expect(recorded[first!.name]).toBe(await checksumOf(first!.class));
  });
});

describe('004-repair-live-session-index', () => {
  const indexDefinition = async (): Promise<{ definition: string; oid: number } | undefined> => {
    const { rows } = await db.sql.query<{ definition: string; oid: number }>(
      `select pg_get_indexdef(c.oid) as definition, c.oid::int as oid from pg_class c
        where c.oid = to_regclass($1)`,
      [INDEX],
    );
    return rows[0];
  };

  /** A free session booked again: a NO_SHOW that consumed nothing, then a new live appointment. */
  const bookFreedSessionAgain = async (): Promise<void> => {
    const client = await db.sql.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(
        `select id from appointment where status = 'BOOKED' and package_purchase_id is not null order by starts_at limit 1`,
      );
      const id = rows[0]!.id;
      await client.query(`update appointment set status = 'NO_SHOW', session_consumed = false where id = $1`, [id]);
      await client.query(
        `insert into appointment (id, tenant_id, number, patient_id, provider_id, clinic_id, service_id, starts_at, ends_at, status,
                                  package_id, package_purchase_id, session_number_in_package, package_total_sessions)
         select $2, tenant_id, number || '-again', patient_id, provider_id, clinic_id, service_id,
                starts_at + interval '3650 days', ends_at + interval '3650 days', 'BOOKED',
                package_id, package_purchase_id, session_number_in_package, package_total_sessions
           from appointment where id = $1`,
        [id, randomUUID()],
      );
    } finally {
      await client.query('rollback');
      client.release();
    }
  };

  const expectedDefinition = async () => (await indexDefinition())?.definition;
  let today: string | undefined;

  beforeAll(async () => {
    today = await expectedDefinition();
    await seedDemoData(db.orm, { now: NOW });
  });

  it('leaves a database built with today\'s index as it is', async () => {
    const before = await indexDefinition();
    expect(before?.definition).toContain("'NO_SHOW'");
    await db.sql.query(`delete from schema_migrations where name = '004-repair-live-session-index'`);
    await db.orm.getMigrator().up();
    expect(await indexDefinition()).toEqual(before);
  });

  it('rebuilds the index of a database built before 001 was edited, so a freed session can be booked again', async () => {
    await db.sql.query(`drop index "${INDEX}"`);
    await db.sql.query(OLD_INDEX_SQL);
    await db.sql.query(`delete from schema_migrations where name = '004-repair-live-session-index'`);
    // The old predicate: the NO_SHOW still holds its session.
    await expect(bookFreedSessionAgain()).rejects.toMatchObject({ code: '23505', constraint: INDEX });

    await db.orm.getMigrator().up();

    expect((await indexDefinition())?.definition).toBe(today);
    await expect(bookFreedSessionAgain()).resolves.toBeUndefined();
    const { rows } = await db.sql.query(`select count(*)::int as n from pg_class where relname like '${INDEX}%'`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('recreates the index when it is missing', async () => {
    await db.sql.query(`drop index "${INDEX}"`);
    await db.sql.query(`delete from schema_migrations where name = '004-repair-live-session-index'`);
    await db.orm.getMigrator().up();
    expect((await indexDefinition())?.definition).toBe(today);
  });
});

describe('openDatabase', () => {
  it('lets several processes start at once on an empty database: each migrates or finds it done', async () => {
    const adminUrl = inject('databaseAdminUrl');
    const name = `test_empty_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    try {
      const opened = await Promise.allSettled(
        [1, 2, 3, 4].map(() => openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 })),
      );
      const failures = opened.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
      for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
      expect(failures).toEqual([]);

      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query<{ name: string }>('select name from schema_migrations order by id');
      await check.end();
      expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
