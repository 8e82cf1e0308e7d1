import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { EXPIRY_SWEEP_LOCK, expirePurchases } from './expire-purchases.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh; a 90-day package bought then expires 2027-02-22. */
const NOW = new Date('2026-11-24T05:00:00Z');
const AFTER_EXPIRY = new Date('2027-03-01T05:00:00Z');

describe('the expiry sweep across replicas', () => {
  let db: TestDatabase;
  let fx: ClinicFixture;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    fx = await createClinicFixture(db.orm);
  });
  afterAll(() => db?.drop());

  const expiryEvents = async (purchaseId: string) =>
    (
      await db.sql.query<{ n: number }>(
        `select count(*)::int as n from audit_event where entity_id = $1 and operation = 'expirePurchases'`,
        [purchaseId],
      )
    ).rows[0]?.n;

  const statusOf = async (purchaseId: string) =>
    (await db.sql.query<{ status: string }>(`select status from package_purchase where id = $1`, [purchaseId])).rows[0]?.status;

  it('skips, changing nothing, while another process holds the sweep; runs once it is free', async () => {
    const purchase = await fx.buyPackage({ now: NOW });
    const other = await db.sql.connect();
    try {
      // Another replica in the middle of its sweep.
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(hashtext($1))', [EXPIRY_SWEEP_LOCK]);

      expect(await expirePurchases(db.orm.em, AFTER_EXPIRY)).toBeNull();

      expect(await statusOf(purchase.id)).toBe('ACTIVE');
      expect(await expiryEvents(purchase.id)).toBe(0);
    } finally {
      // Its transaction ends: the lock goes with it.
      await other.query('rollback');
      other.release();
    }

    expect(await expirePurchases(db.orm.em, AFTER_EXPIRY)).toBe(1);
    expect(await expiryEvents(purchase.id)).toBe(1);
  });

  it('expires each purchase once when several replicas sweep at the same moment', async () => {
    const purchases = [];
    for (let i = 0; i < 3; i += 1) purchases.push(await fx.buyPackage({ now: NOW, patient: await fx.addPatient() }));

    const outcomes = await Promise.all([1, 2, 3, 4].map(() => expirePurchases(db.orm.em, AFTER_EXPIRY)));

    // Whichever ran (one at a time), the purchases were expired 3 times in all, never twice each.
    expect(outcomes.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(3);
    for (const purchase of purchases) expect(await expiryEvents(purchase.id)).toBe(1);
    const { rows } = await db.sql.query<{ status: string }>(
      `select distinct status from package_purchase where id = any($1)`,
      [purchases.map((p) => p.id)],
    );
    expect(rows).toEqual([{ status: 'EXPIRED' }]);
  });
});
