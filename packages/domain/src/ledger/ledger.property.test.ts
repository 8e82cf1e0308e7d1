import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { Decimal } from '../billing/money.js';
import { payInvoice, purchasePackage, recordPayment } from '../billing/invoices.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { expirePurchases } from '../purchases/expire-purchases.js';
import { cancelPackagePurchase } from '../purchases/cancel-purchase.js';
import { freezePackagePurchase } from '../purchases/freeze-purchase.js';
import { transferPackagePurchase } from '../purchases/transfer-purchase.js';
import type { Patient } from '../patients/patient.entity.js';
import { waiveCharge } from '../billing/waive-charge.js';
import { addDays } from '../kernel/local-time.js';
import type { Role } from '../tenancy/role.js';
import type { EntityManager, ForkOptions } from '@mikro-orm/postgresql';
import type { UseCaseContext } from '../kernel/use-case.js';

/**
 * Random histories of one purchase each, against the real PostgreSQL: buy, pay in parts, book,
 * complete, cancel early or late, no-show, waive a consumed session, freeze, transfer the unused
 * sessions to a sibling (the history goes on with the new purchase), cancel the purchase with a
 * refund (in full or lowered), expire, in any order (steps that do not apply are refused and
 * change nothing). After every step, from the ledger rows themselves:
 * paid + transferredIn = recognised + breakage + refunded + transferredOut + liability with
 * liability >= 0; the running totals equal the ledger's sums; liability is 0 once the purchase
 * ended; and when every session was used and nothing expired, the recognised values add up to the
 * net price exactly.
 *
 * Each history runs in ONE transaction that is rolled back at its end (every use case inside it is
 * a savepoint, so a refusal still changes nothing), and reads its state on that transaction's
 * connection. Nothing commits, nothing accumulates. `pnpm test` runs 300 new random histories each
 * time (fast-check prints the seed of a failure to replay it); `LEDGER_PROPERTY_RUNS=1000` or more
 * for a deeper search.
 */

const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 300);
/** Histories run at once (the test database's pool holds 4 connections). */
const CONCURRENT = 4;
const SLOT_TIMES = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
/** Saturday 2026-11-28: history h buys on base + 7h and books from the Sunday after. */
const BASE = '2026-11-28';

type Step =
  | { kind: 'book' }
  | { kind: 'complete' | 'cancelEarly' | 'cancelLate' | 'noShow'; pick: number }
  | { kind: 'waive'; pick: number }
  | { kind: 'cancelPurchase'; refundPart: number }
  | { kind: 'freeze'; startIn: number; days: number }
  | { kind: 'transfer' }
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
      fc.record({ kind: fc.constant('waive' as const), pick: fc.nat(9) }),
      // Thousandths of the liability to refund; 1000 and more: the default (all of it).
      fc.record({ kind: fc.constant('cancelPurchase' as const), refundPart: fc.integer({ min: 0, max: 1200 }) }),
      // Days after the purchase day the pause starts, and its length (the cap is 60 days in all).
      fc.record({ kind: fc.constant('freeze' as const), startIn: fc.nat(12), days: fc.integer({ min: 1, max: 40 }) }),
      fc.constant<Step>({ kind: 'transfer' }),
    ),
    { maxLength: 9 },
  ),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

let db: TestDatabase;
let fx: ClinicFixture;
let histories = 0;
let sibling: Patient;
/** Freezes and transfers that happened: the histories must reach them, not only their refusals. */
const reached = { freezes: 0, transfers: 0 };


interface LedgerState {
  status: string;
  sessionsUsed: number;
  totalSessions: number;
  totals: Record<'paid' | 'recognised' | 'breakage' | 'refunded' | 'transferredIn' | 'transferredOut' | 'liability', Decimal>;
  ledger: Record<'sold' | 'recognised' | 'reversed' | 'breakage' | 'refunded' | 'transferredIn' | 'transferredOut', Decimal>;
  subtotal: Decimal;
  /** The purchase was made by a transfer (nothing sold on it: its sessions came IN). */
  transferred: boolean;
}

async function stateOf(em: EntityManager, purchaseId: string): Promise<LedgerState> {
  const rows = await em.execute(
    `select p.status, p.sessions_used, p.total_sessions, i.subtotal::text, p.transferred_from_id is not null as transferred,
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
      where p.id = ?
      group by p.id, i.subtotal`,
    [purchaseId],
  );
  const row = rows[0] as unknown as Record<string, string> & { status: string; sessions_used: number; total_sessions: number; transferred: boolean };
  const d = (key: string) => new Decimal(row[key] as string);
  return {
    status: row.status,
    sessionsUsed: row.sessions_used,
    totalSessions: row.total_sessions,
    subtotal: d('subtotal'),
    transferred: row.transferred,
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
  expect(totals.transferredIn.eq(ledger.transferredIn), message).toBe(true);
  expect(totals.transferredOut.eq(ledger.transferredOut), message).toBe(true);
  // Paid is the invoice's net amount; a transferred purchase paid nothing, its value came in.
  expect(ledger.sold.eq(state.transferred ? 0 : state.subtotal), message).toBe(true);
  const net = ledger.sold.add(ledger.transferredIn);
  if (state.status !== 'ACTIVE') expect(liability.isZero(), message).toBe(true);
  if (state.sessionsUsed === state.totalSessions && ledger.breakage.isZero()) {
    expect(recognised.eq(net), message).toBe(true);
    expect(state.status, message).toBe('COMPLETED');
  }
  expect(recognised.add(ledger.breakage).add(ledger.transferredOut).lte(net), message).toBe(true);
}

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  fx = await createClinicFixture(db.orm);
  sibling = await fx.addPatient();
});

afterAll(async () => {
  await db?.drop();
});

/** Rolls a history's transaction back once its checks passed. */
class RollBack extends Error {}

it(`holds the ledger's invariants after every step of ${RUNS} random histories`, { timeout: 600_000 }, async () => {
  await fc.assert(
    // Histories run CONCURRENTLY histories at a time, each on its own connection and its own week of days.
    fc.asyncProperty(fc.array(history, { minLength: CONCURRENT, maxLength: CONCURRENT }), async (drawn) => {
      const weeks = drawn.map(() => (histories++ % 50) * 7);
      await Promise.all(
        drawn.map(async (one, index) => {
          try {
            await db.orm.em.fork().transactional(async (em) => {
              await runHistory(em, one, weeks[index]!);
              throw new RollBack();
            });
          } catch (error) {
            if (!(error instanceof RollBack)) throw error;
          }
        }),
      );
    }),
    { numRuns: Math.ceil(RUNS / CONCURRENT) },
  );
  expect(histories).toBeGreaterThanOrEqual(RUNS);
  if (RUNS >= 100) expect(Math.min(reached.freezes, reached.transfers), JSON.stringify(reached)).toBeGreaterThan(RUNS / 50);
  console.info(`ledger property: ${JSON.stringify(reached)} over ${histories} histories`);
});

async function runHistory(em: EntityManager, { totalSessions, priceCents, payParts, steps }: History, week: number): Promise<void> {
  // The use cases fork the manager and open a transaction: these forks stay in the history's (savepoints).
  const inHistory = Object.assign(Object.create(em) as EntityManager, {
    fork: (options?: ForkOptions) => em.fork({ ...options, keepTransactionContext: true }),
  });
  const context = (role: Role, now: Date): UseCaseContext => ({ em: inHistory, actor: fx.actor(role), now });
  const saturday = addDays(BASE, week);
  const buyAt = fx.at(saturday, '09:00');
  // The package straight in the database: the fixture's unit of work would grow with every history.
  const packageId = randomUUID();
  await em.execute(
    `with p as (insert into package (id, tenant_id, clinic_id, name_en, name_ar, price, validity_days, total_sessions)
                values (?::uuid, ?, ?, ?, ?, ?, 10, ?) returning id)
     insert into package_service_line (id, tenant_id, package_id, service_id, sessions, position) select gen_random_uuid(), ?, id, ?, ?, 0 from p`,
    [packageId, fx.tenant.id, fx.clinic.id, packageId, packageId, new Decimal(priceCents).div(100).toFixed(2), totalSessions, fx.tenant.id, fx.therapy.id, totalSessions],
  );
  const invoice = ok(await purchasePackage(context('RECEPTIONIST', buyAt), { patientId: fx.patient.id, packageId }));
  let balance = new Decimal(invoice.total);
  for (const part of payParts) {
    const amount = balance.mul(part).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    if (amount.lte(0) || amount.gte(balance)) continue;
    const paid = ok(await recordPayment(context('RECEPTIONIST', buyAt), { invoiceId: invoice.id, amount: amount.toFixed(2), method: 'CASH' }));
    expect(paid.packagePurchase).toBeNull();
    balance = balance.sub(amount);
  }
  const { packagePurchase: bought } = ok(await payInvoice(context('FINANCE', buyAt), { invoiceId: invoice.id }));
  assertInvariants(await stateOf(em, bought.id), 'paid');
  // The purchase the history acts on, and its patient: after a transfer, the sibling's new one.
  let purchase: { id: string } = bought;
  let patientId = fx.patient.id;
  const transfers: Array<{ from: string; to: string }> = [];

  const live: Array<{ id: string; startsAt: Date }> = [];
  const charged: string[] = [];
  let slot = 0;
  let last = buyAt;
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'book') {
      const day = addDays(saturday, 1 + Math.floor(slot / SLOT_TIMES.length));
      const startsAt = fx.at(day, SLOT_TIMES[slot % SLOT_TIMES.length]!);
      slot += 1;
      const booked = await bookAppointment(context('RECEPTIONIST', buyAt), {
        patientId,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt,
        packagePurchaseId: purchase.id,
      });
      if (booked.ok) live.push({ id: booked.value.id, startsAt });
    } else if (step.kind === 'expire') {
      const [row] = await em.execute<Array<{ expiry: string }>>(`select expiry_date::text as expiry from package_purchase where id = ?`, [purchase.id]);
      last = fx.at(addDays(row!.expiry, 2), '09:00');
      await expirePurchases(inHistory, last);
    } else if (step.kind === 'freeze') {
      // Refused when appointments fall inside it, past the cap, the expiry, or once the purchase ended.
      const from = addDays(saturday, step.startIn);
      const frozen = await freezePackagePurchase(context('RECEPTIONIST', buyAt), { packagePurchaseId: purchase.id, from, to: addDays(from, step.days - 1), reason: 'Ill' });
      if (frozen.ok) reached.freezes += 1;
    } else if (step.kind === 'transfer') {
      // Refused once the purchase ended or expired; a started appointment must be recorded first.
      const moved = await transferPackagePurchase(context('FINANCE', last), {
        packagePurchaseId: purchase.id,
        toPatientId: patientId === sibling.id ? fx.patient.id : sibling.id,
        reason: 'Random history',
      });
      if (moved.ok) {
        reached.transfers += 1;
        transfers.push({ from: purchase.id, to: moved.value.to.id });
        purchase = moved.value.to;
        patientId = moved.value.to.patient.id;
        // Its open future appointments were cancelled first.
        live.length = 0;
      }
    } else if (step.kind === 'waive') {
      if (charged.length > 0) await waiveCharge(context('FINANCE', last), { appointmentId: charged[step.pick % charged.length]!, reason: 'Ill' });
    } else if (step.kind === 'cancelPurchase') {
      const [row] = await em.execute<Array<{ liability: string }>>(`select liability::text from package_purchase where id = ?`, [purchase.id]);
      const refundAmount = step.refundPart >= 1000 ? null : new Decimal(row!.liability).mul(step.refundPart).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
      // Refused while a started appointment awaits its outcome, or once the purchase ended.
      await cancelPackagePurchase(context('FINANCE', buyAt), { packagePurchaseId: purchase.id, reason: 'Random history', refundAmount });
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
      // An appointment its purchase's cancellation already cancelled refuses the move and changes nothing.
      const moved = await setAppointmentStatus(context('ADMIN', now), { appointmentId: appointment!.id, status });
      if (moved.ok && status !== 'COMPLETED') charged.push(appointment!.id);
      if (now > last) last = now;
    }
    for (const id of new Set([bought.id, ...transfers.map((t) => t.to)])) assertInvariants(await stateOf(em, id), `step ${index} ${step.kind} on ${id}`);
    for (const { from, to } of transfers) {
      // What left one purchase came into the other, no more, no less.
      const [moved] = await em.execute<Array<{ out: string; in: string }>>(
        'select f.transferred_out::text as out, t.transferred_in::text as in from package_purchase f, package_purchase t where f.id = ? and t.id = ?',
        [from, to],
      );
      expect(new Decimal(moved!.out).eq(moved!.in), `step ${index}: transfer ${from} -> ${to}`).toBe(true);
    }
  }
}
