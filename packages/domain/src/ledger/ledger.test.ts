import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { expirePurchases } from '../purchases/expire-purchases.js';
import type { Package } from '../catalogue/package.entity.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;
let threeSessions: Package;


async function ledgerOf(purchaseId: string) {
  const { rows } = await db.sql.query<{ kind: string; amount: string; occurred_on: string; appointment_id: string | null }>(
    `select kind, amount::text, occurred_on::text, appointment_id from ledger_entry where package_purchase_id = $1 order by created_at, kind`,
    [purchaseId],
  );
  return rows;
}

async function totalsOf(purchaseId: string) {
  const { rows } = await db.sql.query(
    `select status, paid::text, recognised::text, breakage::text, refunded::text, liability::text from package_purchase where id = $1`,
    [purchaseId],
  );
  return rows[0] as { status: string; paid: string; recognised: string; breakage: string; refunded: string; liability: string };
}

async function buyThree(now = NOW) {
  const patient = await fx.addPatient();
  const purchase = await fx.buyPackage({ now, patient, pkg: threeSessions });
  return { patient, purchase };
}

async function book(patientId: string, purchaseId: string, date: string, time = '09:00') {
  return ok(
    await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId,
      providerId: fx.provider.id,
      serviceId: fx.therapy.id,
      startsAt: fx.at(date, time),
      packagePurchaseId: purchaseId,
    }),
  );
}

const move = async (appointmentId: string, status: AppointmentStatus, now: Date) =>
  ok(await setAppointmentStatus(fx.context('ADMIN', now), { appointmentId, status }));

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  // 1000.00 over 3 sessions: 333.33, 333.33 and the remainder 333.34.
  threeSessions = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '1000.00', validityDays: 30 });
});

afterAll(async () => {
  await db?.drop();
});

describe('the ledger', () => {
  it('writes SOLD at the net price on the clinic-local day of the payment', async () => {
    // 22:30 UTC on the 24th is the 25th in Riyadh.
    const { purchase } = await buyThree(new Date('2026-11-24T22:30:00Z'));
    expect(await ledgerOf(purchase.id)).toEqual([{ kind: 'SOLD', amount: '1000.00', occurred_on: '2026-11-25', appointment_id: null }]);
    expect(await totalsOf(purchase.id)).toEqual({ status: 'ACTIVE', paid: '1000.00', recognised: '0.00', breakage: '0.00', refunded: '0.00', liability: '1000.00' });
    expect(purchase).toMatchObject({ paid: '1000.00', liability: '1000.00' });
  });

  it('recognises each consumed session at its value, the last taking the remainder, so the values add up to the price', async () => {
    const { patient, purchase } = await buyThree();
    const first = await book(patient.id, purchase.id, '2026-11-25');
    const second = await book(patient.id, purchase.id, '2026-11-26');
    const third = await book(patient.id, purchase.id, '2026-11-29');

    const completed = await move(first.id, 'COMPLETED', fx.at('2026-11-25', '10:00'));
    expect(completed.packagePurchase).toMatchObject({ recognised: '333.33', liability: '666.67' });
    await move(second.id, 'NO_SHOW', fx.at('2026-11-26', '10:00')); // the default policy: a no-show consumes the session
    const last = await move(third.id, 'COMPLETED', fx.at('2026-11-29', '10:00'));
    expect(last.packagePurchase).toMatchObject({ status: 'COMPLETED', recognised: '1000.00', liability: '0.00' });

    expect((await ledgerOf(purchase.id)).filter((entry) => entry.kind === 'RECOGNISED')).toEqual([
      { kind: 'RECOGNISED', amount: '333.33', occurred_on: '2026-11-25', appointment_id: first.id },
      { kind: 'RECOGNISED', amount: '333.33', occurred_on: '2026-11-26', appointment_id: second.id },
      { kind: 'RECOGNISED', amount: '333.34', occurred_on: '2026-11-29', appointment_id: third.id },
    ]);
    expect(await totalsOf(purchase.id)).toMatchObject({ status: 'COMPLETED', paid: '1000.00', recognised: '1000.00', liability: '0.00' });
  });

  it('recognises nothing for an early cancellation, and a session for a late one', async () => {
    const { patient, purchase } = await buyThree();
    const early = await book(patient.id, purchase.id, '2026-11-30');
    await move(early.id, 'CANCELLED', fx.at('2026-11-25', '09:00')); // five days ahead
    expect(await ledgerOf(purchase.id)).toHaveLength(1);
    const late = await book(patient.id, purchase.id, '2026-11-30');
    await move(late.id, 'CANCELLED', fx.at('2026-11-30', '08:00')); // an hour ahead
    expect((await ledgerOf(purchase.id)).map((entry) => [entry.kind, entry.amount])).toEqual([
      ['SOLD', '1000.00'],
      ['RECOGNISED', '333.33'],
    ]);
  });

  it('writes BREAKAGE of what is left when the purchase expires, dated the day it expired', async () => {
    const { patient, purchase } = await buyThree(); // expires 2026-12-24
    const visit = await book(patient.id, purchase.id, '2026-11-25', '11:00');
    await move(visit.id, 'COMPLETED', fx.at('2026-11-25', '12:00'));
    await expirePurchases(db.orm.em, new Date('2027-01-02T05:00:00Z'));
    expect((await ledgerOf(purchase.id)).at(-1)).toEqual({ kind: 'BREAKAGE', amount: '666.67', occurred_on: '2026-12-25', appointment_id: null });
    expect(await totalsOf(purchase.id)).toEqual({ status: 'EXPIRED', paid: '1000.00', recognised: '333.33', breakage: '666.67', refunded: '0.00', liability: '0.00' });
  });
});

describe('the database holds the ledger', () => {
  it('refuses to change or delete a ledger entry', async () => {
    const { purchase } = await buyThree();
    await expect(db.sql.query(`update ledger_entry set amount = 1 where package_purchase_id = $1`, [purchase.id])).rejects.toMatchObject({ code: 'P0001' });
    await expect(db.sql.query(`delete from ledger_entry where package_purchase_id = $1`, [purchase.id])).rejects.toMatchObject({ code: 'P0001' });
    await expect(db.sql.query(`truncate ledger_entry`)).rejects.toMatchObject({ code: 'P0001' });
    expect(await ledgerOf(purchase.id)).toHaveLength(1);
  });

  it('keeps the running totals equal to the ledger and refuses totals that break the invariant', async () => {
    const { purchase } = await buyThree();
    const insert = (kind: string, amount: string) =>
      db.sql.query(
        `insert into ledger_entry (id, tenant_id, package_purchase_id, kind, amount, occurred_on) values (gen_random_uuid(), $1, $2, $3, $4, '2026-11-24')`,
        [fx.tenant.id, purchase.id, kind, amount],
      );
    // More recognised than the liability: liability would go below 0.
    await expect(insert('RECOGNISED', '1000.01')).rejects.toMatchObject({ code: '23514', constraint: 'package_purchase_liability_not_negative' });
    await insert('RECOGNISED', '100.00');
    await insert('REVERSED', '40.00');
    expect(await totalsOf(purchase.id)).toMatchObject({ recognised: '60.00', liability: '940.00' });
    await expect(db.sql.query(`update package_purchase set liability = liability + 1 where id = $1`, [purchase.id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'package_purchase_ledger_balances',
    });
    await expect(db.sql.query(`update package_purchase set status = 'CANCELLED' where id = $1`, [purchase.id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'package_purchase_no_liability_when_ended',
    });
    await expect(insert('SOLD', '0')).rejects.toMatchObject({ code: '23514', constraint: 'ledger_entry_amount_positive' });
    await expect(insert('TRANSFERRED', '1.00')).rejects.toMatchObject({ code: '23514', constraint: 'ledger_entry_transfer_direction' });
    // Another tenant's purchase cannot be the target.
    const other = await createClinicFixture(db.orm);
    await expect(
      db.sql.query(
        `insert into ledger_entry (id, tenant_id, package_purchase_id, kind, amount, occurred_on) values (gen_random_uuid(), $1, $2, 'SOLD', 1, '2026-11-24')`,
        [other.tenant.id, purchase.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });

    const { rows } = await db.sql.query(
      `select p.paid = coalesce(sum(l.amount) filter (where l.kind = 'SOLD'), 0) as paid_agrees,
              p.recognised = coalesce(sum(l.amount) filter (where l.kind = 'RECOGNISED'), 0) - coalesce(sum(l.amount) filter (where l.kind = 'REVERSED'), 0) as recognised_agrees
         from package_purchase p join ledger_entry l on l.package_purchase_id = p.id where p.id = $1 group by p.id`,
      [purchase.id],
    );
    expect(rows).toEqual([{ paid_agrees: true, recognised_agrees: true }]);
  });
});
