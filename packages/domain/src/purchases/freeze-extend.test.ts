import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Result } from '../kernel/domain-error.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import type { Package } from '../catalogue/package.entity.js';
import { freezePackagePurchase, inclusiveDays } from './freeze-purchase.js';
import { extendPackagePurchase } from './extend-purchase.js';
import { cancelPackagePurchase } from './cancel-purchase.js';

/** Freezing and extending a purchase. Each refusal changes nothing (same expiry, no freeze row, no audit event). */

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;
let pkg: Package;


async function stateOf(purchaseId: string) {
  const { rows } = await db.sql.query(
    `select p.expiry_date::text as expiry, p.frozen_days,
            (select count(*)::int from package_freeze f where f.package_purchase_id = p.id) as freezes,
            (select count(*)::int from audit_event e where e.entity_id = p.id) as audit_events
       from package_purchase p where p.id = $1`,
    [purchaseId],
  );
  return rows[0] as { expiry: string; frozen_days: number; freezes: number; audit_events: number };
}

async function buy() {
  const patient = await fx.addPatient();
  const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
  return { patient, purchase };
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '1000.00', validityDays: 30 });
});

afterAll(async () => {
  await db?.drop();
});

describe('freezePackagePurchase', () => {
  it('counts both ends of a freeze', () => {
    expect(inclusiveDays('2026-03-01', '2026-03-10')).toBe(10);
    expect(inclusiveDays('2026-12-01', '2026-12-01')).toBe(1);
    expect(inclusiveDays('2026-02-27', '2026-03-02')).toBe(4);
  });

  it('moves the expiry out by the frozen days and records the freeze, audited with the reason', async () => {
    const { purchase } = await buy();
    const before = await stateOf(purchase.id);
    expect(before.expiry).toBe('2026-12-24');
    const frozen = ok(
      await freezePackagePurchase(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, from: '2026-12-01', to: '2026-12-10', reason: ' flu ' }),
    );
    expect(frozen.freeze.days).toBe(10);
    expect(frozen.packagePurchase.expiryDate).toBe('2027-01-03');
    expect(await stateOf(purchase.id)).toEqual({ expiry: '2027-01-03', frozen_days: 10, freezes: 1, audit_events: before.audit_events + 1 });
    // The events share the fixed "now": find the freeze's by its operation, not by its time.
    const { rows } = await db.sql.query(`select operation, reason from audit_event where entity_id = $1 and operation = 'freezePackagePurchase'`, [purchase.id]);
    expect(rows).toEqual([{ operation: 'freezePackagePurchase', reason: 'flu' }]);
  });

  it('refuses what breaks a rule and changes nothing', async () => {
    const { patient, purchase } = await buy();
    ok(await freezePackagePurchase(fx.context('FINANCE', NOW), { packagePurchaseId: purchase.id, from: '2026-12-01', to: '2026-12-30', reason: 'travel' }));
    const appointment = ok(
      await bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt: fx.at('2027-01-04', '09:00'),
        packagePurchaseId: purchase.id,
      }),
    );
    const before = await stateOf(purchase.id);
    const attempt = (from: string, to: string, reason = 'why', role: 'RECEPTIONIST' | 'CLINICIAN' = 'RECEPTIONIST') =>
      freezePackagePurchase(fx.context(role, NOW), { packagePurchaseId: purchase.id, from, to, reason });
    const codeOf = (result: Result<unknown>) => (result.ok ? 'OK' : `${result.error.code}${result.error.detail ? ` ${result.error.detail.reason}` : ''}`);

    expect(codeOf(await attempt('2027-01-01', '2027-01-31'))).toBe('FREEZE_LIMIT_EXCEEDED FREEZE_LIMIT_EXCEEDED'); // 30 + 31 > 60
    expect(codeOf(await attempt('2027-01-02', '2027-01-05'))).toBe('APPOINTMENTS_IN_FREEZE APPOINTMENTS_IN_FREEZE');
    const inside = await attempt('2027-01-02', '2027-01-05');
    expect(!inside.ok && inside.error.detail?.params).toEqual({ appointments: appointment.number, count: 1, startsAt: appointment.startsAt.toISOString() });
    expect(codeOf(await attempt('2026-12-30', '2027-01-01'))).toBe('VALIDATION FREEZE_OVERLAPS');
    expect(codeOf(await attempt('2026-11-23', '2026-11-25'))).toBe('VALIDATION START_DATE_IN_PAST');
    expect(codeOf(await attempt('2027-01-10', '2027-01-09'))).toBe('VALIDATION END_BEFORE_START');
    expect(codeOf(await attempt('2027-02-01', '2027-02-02'))).toBe('VALIDATION FREEZE_AFTER_EXPIRY');
    expect(codeOf(await attempt('2027-01-10', '2027-01-11', '   '))).toBe('VALIDATION');
    expect(codeOf(await attempt('2027-01-10', 'soon'))).toBe('VALIDATION');
    expect(codeOf(await attempt('2027-01-10', '2027-01-11', 'why', 'CLINICIAN'))).toBe('FORBIDDEN');
    expect(await stateOf(purchase.id)).toEqual(before);

    // Exactly up to the cap is allowed: 30 + 30 = 60.
    ok(await attempt('2027-01-06', '2027-02-04'));
    expect(await stateOf(purchase.id)).toMatchObject({ frozen_days: 60, expiry: '2027-02-22', freezes: 2 });
  });

  it('refuses a purchase that is not active', async () => {
    const { purchase } = await buy();
    ok(await cancelPackagePurchase(fx.context('FINANCE', NOW), { packagePurchaseId: purchase.id, reason: 'moved away' }));
    const result = await freezePackagePurchase(fx.context('ADMIN', NOW), { packagePurchaseId: purchase.id, from: '2026-12-01', to: '2026-12-02', reason: 'x' });
    expect(result.ok ? 'OK' : result.error.code).toBe('PACKAGE_NOT_ACTIVE');
  });
});

describe('extendPackagePurchase', () => {
  it('moves the expiry later for an ADMIN, audited with the reason', async () => {
    const { purchase } = await buy();
    const before = await stateOf(purchase.id);
    const extended = ok(await extendPackagePurchase(fx.context('ADMIN', NOW), { packagePurchaseId: purchase.id, expiryDate: '2027-02-28', reason: 'goodwill' }));
    expect(extended.expiryDate).toBe('2027-02-28');
    expect(await stateOf(purchase.id)).toEqual({ ...before, expiry: '2027-02-28', audit_events: before.audit_events + 1 });
  });

  it('refuses another role, an earlier or equal date, a blank reason, and changes nothing', async () => {
    const { purchase } = await buy();
    const before = await stateOf(purchase.id);
    const attempt = async (role: 'ADMIN' | 'FINANCE' | 'RECEPTIONIST', expiryDate: string, reason = 'why') => {
      const result = await extendPackagePurchase(fx.context(role, NOW), { packagePurchaseId: purchase.id, expiryDate, reason });
      return result.ok ? 'OK' : `${result.error.code}${result.error.detail ? ` ${result.error.detail.reason}` : ''}`;
    };
    expect(await attempt('FINANCE', '2027-02-28')).toBe('FORBIDDEN');
    expect(await attempt('RECEPTIONIST', '2027-02-28')).toBe('FORBIDDEN');
    expect(await attempt('ADMIN', '2026-12-24')).toBe('VALIDATION EXPIRY_NOT_LATER');
    expect(await attempt('ADMIN', '2026-12-01')).toBe('VALIDATION EXPIRY_NOT_LATER');
    expect(await attempt('ADMIN', '2040-01-01')).toBe('VALIDATION EXPIRY_TOO_FAR');
    expect(await attempt('ADMIN', '2027-02-28', '  ')).toBe('VALIDATION');
    expect(await attempt('ADMIN', '28/02/2027')).toBe('VALIDATION');
    expect(await stateOf(purchase.id)).toEqual(before);
  });
});
