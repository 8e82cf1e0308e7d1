import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { setCancellationPolicy } from '../catalogue/manage-clinics.js';
import { createUser } from '../tenancy/staff-accounts.js';
import { auditOperations, listAuditEvents } from './audit-query.js';

let db: TestDatabase;
let fx: ClinicFixture;
let other: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  other = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());


it('finds events by entity, operation, actor and period, newest first, page by page; another tenant and other roles see nothing', async () => {
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));
  for (const n of [1, 2, 3]) {
    ok(await setCancellationPolicy(fx.context('ADMIN', day(n)), { lateCancellationWindowHours: n, lateCancellationConsumesSession: true, noShowConsumesSession: true }));
  }
  ok(await createUser(fx.context('ADMIN', day(2)), { email: `audit-${Date.now()}@example.test`, name: 'Audit Person', role: 'FINANCE', password: 'orbit lantern maple quarry' }));
  ok(await setCancellationPolicy(other.context('ADMIN', day(2)), { lateCancellationWindowHours: 9, lateCancellationConsumesSession: true, noShowConsumesSession: true }));

  const policy = ok(await listAuditEvents(fx.context('ADMIN', day(5)), { entityType: 'CancellationPolicy', first: 2 }));
  expect(policy.events.map((e) => e.after?.['lateCancellationWindowHours'])).toEqual([3, 2]);
  const rest = ok(await listAuditEvents(fx.context('ADMIN', day(5)), { entityType: 'CancellationPolicy', first: 2, after: policy.nextCursor }));
  expect(rest).toMatchObject({ nextCursor: null });
  expect(rest.events.map((e) => e.after?.['lateCancellationWindowHours'])).toEqual([1]);

  const onDay2 = ok(await listAuditEvents(fx.context('ADMIN', day(5)), { from: day(2), to: day(3), actorId: fx.users.ADMIN.id }));
  expect(onDay2.events.map((e) => e.operation).sort()).toEqual(['createUser', 'setCancellationPolicy']);
  expect(ok(await listAuditEvents(fx.context('ADMIN', day(5)), { operation: 'createUser' })).events).toHaveLength(1);
  expect(ok(await auditOperations(fx.context('ADMIN', day(5))))).toEqual(expect.arrayContaining(['createUser', 'setCancellationPolicy']));

  const forbidden = await listAuditEvents(fx.context('FINANCE', day(5)), {});
  expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
  const badCursor = await listAuditEvents(fx.context('ADMIN', day(5)), { after: 'nonsense' });
  expect(badCursor.ok ? null : badCursor.error.code).toBe('VALIDATION');
});
