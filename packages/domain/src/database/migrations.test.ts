import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { pendingSchemaSql } from './schema-drift.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

it('has a committed migration for every change to the entities', async () => {
  expect(await pendingSchemaSql(db.orm)).toBe('');
});
