import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import type { Package } from '../catalogue/package.entity.js';
import { transferPackagePurchase } from './transfer-purchase.js';

/** Transferring the unused sessions of a purchase to another patient. A refusal changes nothing. */

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');
const LATER = new Date('2026-11-29T07:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;
let pkg: Package;


async function stateOf(purchaseId: string) {
  const { rows } = await db.sql.query(
    `select p.status, p.patient_id, p.total_sessions, p.sessions_used, p.expiry_date::text as expiry, p.invoice_id, p.transferred_from_id,
            p.paid::text, p.recognised::text, p.transferred_in::text, p.transferred_out::text, p.liability::text,
            (select count(*)::int from audit_event e where e.entity_id = p.id) as audit_events
       from package_purchase p where p.id = $1`,
    [purchaseId],
  );
  return rows[0] as Record<string, string | number | null>;
}

const book = async (patientId: string, purchaseId: string, date: string, time: string) =>
  ok(
    await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId,
      providerId: fx.provider.id,
      serviceId: fx.therapy.id,
      startsAt: fx.at(date, time),
      packagePurchaseId: purchaseId,
    }),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '1000.00', validityDays: 30 });
});

afterAll(async () => {
  await db?.drop();
});

describe('transferPackagePurchase', () => {
  it('moves the unused sessions and the liability to a sibling; the original keeps what it used and ends', async () => {
    const patient = await fx.addPatient();
    const sibling = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
    const done = await book(patient.id, purchase.id, '2026-11-25', '09:00');
    ok(await setAppointmentStatus(fx.context('ADMIN', LATER), { appointmentId: done.id, status: 'COMPLETED' }));
    const future = await book(patient.id, purchase.id, '2026-12-01', '10:00');

    const result = ok(await transferPackagePurchase(fx.context('FINANCE', LATER), { packagePurchaseId: purchase.id, toPatientId: sibling.id, reason: 'sister takes the rest' }));
    expect(result.cancelledAppointments.map((a) => a.id)).toEqual([future.id]);
    const { rows } = await db.sql.query<{ status: string }>('select status from appointment where id = $1', [future.id]);
    expect(rows[0]!.status).toBe('CANCELLED');

    const from = await stateOf(purchase.id);
    const to = await stateOf(result.to.id);
    // 1000.00 net over 3 sessions: one recognised at 333.33, 666.67 moves.
    expect(from).toMatchObject({ status: 'CANCELLED', sessions_used: 1, paid: '1000.00', recognised: '333.33', transferred_out: '666.67', liability: '0.00' });
    expect(to).toMatchObject({
      status: 'ACTIVE',
      patient_id: sibling.id,
      total_sessions: 2,
      sessions_used: 0,
      expiry: from.expiry,
      invoice_id: from.invoice_id,
      transferred_from_id: purchase.id,
      paid: '0.00',
      transferred_in: '666.67',
      liability: '666.67',
      audit_events: 1,
    });
    const { rows: ledger } = await db.sql.query<{ line: string }>(
      `select package_purchase_id = $1 as original, kind || ' ' || transfer_direction || ' ' || amount::text as line
         from ledger_entry where kind = 'TRANSFERRED' and package_purchase_id in ($1, $2) order by transfer_direction`,
      [purchase.id, result.to.id],
    );
    expect(ledger).toEqual([
      { original: false, line: 'TRANSFERRED IN 666.67' },
      { original: true, line: 'TRANSFERRED OUT 666.67' },
    ]);

    // The sibling uses the sessions: the last one takes the remainder, so the values add up.
    for (const [date, time] of [['2026-12-02', '09:00'], ['2026-12-03', '09:00']] as const) {
      const appointment = await book(sibling.id, result.to.id, date, time);
      ok(await setAppointmentStatus(fx.context('ADMIN', new Date(`${date}T08:00:00Z`)), { appointmentId: appointment.id, status: 'COMPLETED' }));
    }
    expect(await stateOf(result.to.id)).toMatchObject({ status: 'COMPLETED', recognised: '666.67', liability: '0.00' });
  });

  it('refuses the same patient, another role, a blank reason, an ended purchase, and changes nothing', async () => {
    const patient = await fx.addPatient();
    const sibling = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
    const before = await stateOf(purchase.id);
    const attempt = async (toPatientId: string, role: 'FINANCE' | 'RECEPTIONIST' | 'ADMIN' = 'FINANCE', reason = 'why', id = purchase.id) => {
      const result = await transferPackagePurchase(fx.context(role, NOW), { packagePurchaseId: id, toPatientId, reason });
      return result.ok ? 'OK' : `${result.error.code}${result.error.detail ? ` ${result.error.detail.reason}` : ''}`;
    };
    expect(await attempt(patient.id)).toBe('VALIDATION SAME_PATIENT');
    expect(await attempt(sibling.id, 'RECEPTIONIST')).toBe('FORBIDDEN');
    expect(await attempt(sibling.id, 'FINANCE', ' ')).toBe('VALIDATION');
    expect(await attempt('00000000-0000-4000-8000-000000000000')).toBe('NOT_FOUND');
    expect(await stateOf(purchase.id)).toEqual(before);
    const { rows } = await db.sql.query('select count(*)::int as n from package_purchase where transferred_from_id = $1', [purchase.id]);
    expect(rows[0]).toEqual({ n: 0 });

    expect(await attempt(sibling.id, 'ADMIN')).toBe('OK');
    expect(await attempt(patient.id, 'ADMIN')).toBe('PACKAGE_NOT_ACTIVE PURCHASE_NOT_ACTIVE');
  });
});
