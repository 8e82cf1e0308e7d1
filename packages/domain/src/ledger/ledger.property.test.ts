import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { Decimal } from '../billing/money.js';
import { payInvoice, purchasePackage, recordPayment } from '../billing/invoices.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { expirePurchases } from '../purchases/expire-purchases.js';
import { addDays } from '../kernel/local-time.js';
import type { Result } from '../kernel/domain-error.js';

/**
 * Random histories of one purchase each, against the real PostgreSQL: buy, pay in parts, book,
 * complete, cancel early or late, no-show, expire, in any order (steps that do not apply are
 * refused and change nothing). After every step, from the ledger rows themselves:
 * paid + transferredIn = recognised + breakage + refunded + transferredOut + liability with
 * liability >= 0; the running totals equal the ledger's sums; liability is 0 once the purchase
 * ended; and when every session was used and nothing expired, the recognised values add up to the
 * net price exactly.
 *
 * One database for all histories: each history has its own package and its own week of days, so
 * histories never compete for a slot.
 */

const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 1000);
const SLOT_TIMES = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
/** Saturday 2026-11-28: history h buys on base + 7h and books from the Sunday after. */
const BASE = '2026-11-28';

type Step =
  | { kind: 'book' }
  | { kind: 'complete' | 'cancelEarly' | 'cancelLate' | 'noShow'; pick: number }
  | { kind: 'expire' };

const history = fc.record({
  totalSessions: fc.integer({ min: 1, max: 5 }),
  // 0.00 to 5000.00, in minor units: no floating point.
  priceCents: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constantFrom(1, 2, 100, 333, 1000, 99_999)),
  // Parts of the balance to pay before the rest: thousandths of it.
  payParts: fc.array(fc.integer({ min: 1, max: 999 }), { maxLength: 3 }),
  steps: fc.array(
    fc.oneof(
      fc.constant<Step>({ kind: 'book' }),
      fc.constant<Step>({ kind: 'book' }),
      fc.record({ kind: fc.constantFrom('complete', 'cancelEarly', 'cancelLate', 'noShow') as fc.Arbitrary<'complete'>, pick: fc.nat(9) }),
      fc.constant<Step>({ kind: 'expire' }),
    ),
    { maxLength: 9 },
  ),
});

let db: TestDatabase;
let fx: ClinicFixture;
let histories = 0;

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

interface LedgerState {
  status: string;
  sessionsUsed: number;
  totalSessions: number;
  totals: Record<'paid' | 'recognised' | 'breakage' | 'refunded' | 'transferredIn' | 'transferredOut' | 'liability', Decimal>;
  ledger: Record<'sold' | 'recognised' | 'reversed' | 'breakage' | 'refunded' | 'transferredIn' | 'transferredOut', Decimal>;
  subtotal: Decimal;
}

async function stateOf(purchaseId: string): Promise<LedgerState> {
  const { rows } = await db.sql.query(
    `select p.status, p.sessions_used, p.total_sessions, i.subtotal::text,
            p.paid::text, p.recognised::text, p.breakage::text, p.refunded::text, p.transferred_in::text, p.transferred_out::text, p.liability::text,
            coalesce(sum(l.amount) filter (where l.kind = 'SOLD'), 0)::text as l_sold,
            coalesce(sum(l.amount) filter (where l.kind = 'RECOGNISED'), 0)::text as l_recognised,
            coalesce(sum(l.amount) filter (where l.kind = 'REVERSED'), 0)::text as l_reversed,
            coalesce(sum(l.amount) filter (where l.kind = 'BREAKAGE'), 0)::text as l_breakage,
            coalesce(sum(l.amount) filter (where l.kind = 'REFUNDED'), 0)::text as l_refunded,
            coalesce(sum(l.amount) filter (where l.kind = 'TRANSFERRED' and l.transfer_direction = 'IN'), 0)::text as l_in,
            coalesce(sum(l.amount) filter (where l.kind = 'TRANSFERRED' and l.transfer_direction = 'OUT'), 0)::text as l_out
       from package_purchase p join invoice i on i.id = p.invoice_id
       left join ledger_entry l on l.package_purchase_id = p.id
      where p.id = $1
      group by p.id, i.subtotal`,
    [purchaseId],
  );
  const row = rows[0] as Record<string, string> & { status: string; sessions_used: number; total_sessions: number };
  const d = (key: string) => new Decimal(row[key] as string);
  return {
    status: row.status,
    sessionsUsed: row.sessions_used,
    totalSessions: row.total_sessions,
    subtotal: d('subtotal'),
    totals: {
      paid: d('paid'),
      recognised: d('recognised'),
      breakage: d('breakage'),
      refunded: d('refunded'),
      transferredIn: d('transferred_in'),
      transferredOut: d('transferred_out'),
      liability: d('liability'),
    },
    ledger: {
      sold: d('l_sold'),
      recognised: d('l_recognised'),
      reversed: d('l_reversed'),
      breakage: d('l_breakage'),
      refunded: d('l_refunded'),
      transferredIn: d('l_in'),
      transferredOut: d('l_out'),
    },
  };
}

function assertInvariants(state: LedgerState, where: string): void {
  const { ledger, totals } = state;
  // The liability as the ledger rows alone say it.
  const liability = ledger.sold.add(ledger.transferredIn).add(ledger.reversed).sub(ledger.recognised).sub(ledger.breakage).sub(ledger.refunded).sub(ledger.transferredOut);
  const recognised = ledger.recognised.sub(ledger.reversed);
  const message = `${where}: ${JSON.stringify(state)}`;
  expect(liability.gte(0), message).toBe(true);
  expect(ledger.sold.add(ledger.transferredIn).eq(recognised.add(ledger.breakage).add(ledger.refunded).add(ledger.transferredOut).add(liability)), message).toBe(true);
  // The running totals are the ledger's sums.
  expect(totals.paid.eq(ledger.sold), message).toBe(true);
  expect(totals.recognised.eq(recognised), message).toBe(true);
  expect(totals.breakage.eq(ledger.breakage), message).toBe(true);
  expect(totals.refunded.eq(ledger.refunded), message).toBe(true);
  expect(totals.liability.eq(liability), message).toBe(true);
  // Paid is the invoice's net amount.
  expect(ledger.sold.eq(state.subtotal), message).toBe(true);
  if (state.status !== 'ACTIVE') expect(liability.isZero(), message).toBe(true);
  if (state.sessionsUsed === state.totalSessions && ledger.breakage.isZero()) {
    expect(recognised.eq(state.subtotal), message).toBe(true);
    expect(state.status, message).toBe('COMPLETED');
  }
  expect(recognised.add(ledger.breakage).lte(state.subtotal), message).toBe(true);
}

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});

it(`holds the ledger's invariants after every step of ${RUNS} random histories`, { timeout: 1_800_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(history, async ({ totalSessions, priceCents, payParts, steps }) => {
      const saturday = addDays(BASE, 7 * histories);
      histories += 1;
      const buyAt = fx.at(saturday, '09:00');
      // The package straight in the database: the fixture's unit of work would grow with every history.
      const packageId = randomUUID();
      await db.sql.query(
        `with p as (insert into package (id, tenant_id, clinic_id, name_en, name_ar, price, validity_days, total_sessions)
                    values ($1::uuid, $2, $3, $1::text, $1::text, $4, 10, $5) returning id)
         insert into package_service_line (id, tenant_id, package_id, service_id, sessions, position) select gen_random_uuid(), $2, id, $6, $5, 0 from p`,
        [packageId, fx.tenant.id, fx.clinic.id, new Decimal(priceCents).div(100).toFixed(2), totalSessions, fx.therapy.id],
      );
      const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', buyAt), { patientId: fx.patient.id, packageId }));
      let balance = new Decimal(invoice.total);
      for (const part of payParts) {
        const amount = balance.mul(part).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (amount.lte(0) || amount.gte(balance)) continue;
        const paid = ok(await recordPayment(fx.context('RECEPTIONIST', buyAt), { invoiceId: invoice.id, amount: amount.toFixed(2), method: 'CASH' }));
        expect(paid.packagePurchase).toBeNull();
        balance = balance.sub(amount);
      }
      const { packagePurchase: purchase } = ok(await payInvoice(fx.context('FINANCE', buyAt), { invoiceId: invoice.id }));
      assertInvariants(await stateOf(purchase.id), 'paid');

      const live: Array<{ id: string; startsAt: Date }> = [];
      let slot = 0;
      for (const [index, step] of steps.entries()) {
        if (step.kind === 'book') {
          const day = addDays(saturday, 1 + Math.floor(slot / SLOT_TIMES.length));
          const startsAt = fx.at(day, SLOT_TIMES[slot % SLOT_TIMES.length]!);
          slot += 1;
          const booked = await bookAppointment(fx.context('RECEPTIONIST', buyAt), {
            patientId: fx.patient.id,
            providerId: fx.provider.id,
            serviceId: fx.therapy.id,
            startsAt,
            packagePurchaseId: purchase.id,
          });
          if (booked.ok) live.push({ id: booked.value.id, startsAt });
        } else if (step.kind === 'expire') {
          const { rows } = await db.sql.query<{ expiry: string }>(`select expiry_date::text as expiry from package_purchase where id = $1`, [purchase.id]);
          await expirePurchases(db.orm.em, fx.at(addDays(rows[0]!.expiry, 2), '09:00'));
        } else if (live.length > 0) {
          const [appointment] = live.splice(step.pick % live.length, 1);
          const hour = 3_600_000;
          const [status, now]: [AppointmentStatus, Date] =
            step.kind === 'complete'
              ? ['COMPLETED', new Date(appointment!.startsAt.getTime() + hour)]
              : step.kind === 'noShow'
                ? ['NO_SHOW', new Date(appointment!.startsAt.getTime() + hour)]
                : step.kind === 'cancelLate'
                  ? ['CANCELLED', new Date(appointment!.startsAt.getTime() - hour)]
                  : ['CANCELLED', new Date(appointment!.startsAt.getTime() - 48 * hour)];
          ok(await setAppointmentStatus(fx.context('ADMIN', now), { appointmentId: appointment!.id, status }));
        }
        assertInvariants(await stateOf(purchase.id), `step ${index} ${step.kind}`);
      }
    }),
    { numRuns: RUNS },
  );
});
