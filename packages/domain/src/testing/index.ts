export { createFilledTemplate, createTestDatabase, endPool, throwUnlessServerEndedSession, type TestDatabase } from './test-database.js';
export { endPurchaseInDatabase } from './ledger.js';
export { createClinicFixture, STANDARD_HOURS, type ClinicFixture, type ClinicFixtureOptions, type WeeklyRange } from './clinic-fixture.js';
export { ok } from './results.js';
