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
 * Each purchase is bought (and paid in parts) in ONE transaction that is rolled back at its end;
 * PER_PURCHASE random step lists are then played from that same paid purchase, each inside a
 * savepoint rolled back after it, so a history is "buy, pay in parts, then its own steps" and the
 * buying (about 40 % of a history's statements) is shared rather than repeated. Every use case
 * inside is a savepoint of its own, so a refusal still changes nothing; state is read on that
 * transaction's connection. Nothing commits, nothing accumulates. Purchases are played on
 * CONNECTIONS connections at once from a queue, so no connection waits for the slowest history of
 * a run. `pnpm test` runs 1,000 new random histories each time (fast-check prints the seed of a
 * failure to replay it); `LEDGER_PROPERTY_RUNS` sets another number.
 */

const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 1000);
/** Purchases played at once, each on its own connection and its own week of days. */
const CONNECTIONS = 4;
/** Step lists played from one bought purchase. */
const PER_PURCHASE = 8;
/** Purchases drawn per fast-check run, queued over the connections. */
const PURCHASES_PER_RUN = 6;
const SLOT_TIMES = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
/** Saturday 2026-11-28: purchase p buys on base + 7p and books from the Sunday after. */
const BASE = '2026-11-28';

type Step =
  | { kind: 'book' }
  | { kind: 'complete' | 'cancelEarly' | 'cancelLate' | 'noShow'; pick: number }
  | { kind: 'waive'; pick: number }
  | { kind: 'cancelPurchase'; refundPart: number }
  | { kind: 'freeze'; startIn: number; days: number }
  | { kind: 'transfer' }
  | { kind: 'expire' };

/** How a purchase is bought: its size, price, and the parts of the balance paid before the rest. */
const purchaseArbitrary = fc.record({
  totalSessions: fc.integer({ min: 1, max: 5 }),
  // 0.00 to 5000.00, in minor units: no floating point.
  priceCents: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constantFrom(1, 2, 100, 333, 1000, 99_999)),
  // Parts of the balance to pay before the rest: thousandths of it.
  payParts: fc.array(fc.integer({ min: 1, max: 999 }), { maxLength: 3 }),
});

// Weighted: a step with nothing to act on costs nothing (no appointment to move, nothing to waive), so
// moves and waivers are drawn often enough that histories complete, miss and waive sessions.
const stepArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'book' }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constantFrom('complete', 'cancelEarly', 'cancelLate', 'noShow') as fc.Arbitrary<'complete'>, pick: fc.nat(9) }),
  },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'expire' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('waive' as const), pick: fc.nat(9) }) },
  // Thousandths of the liability to refund; 1000 and more: the default (all of it).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelPurchase' as const), refundPart: fc.integer({ min: 0, max: 1200 }) }) },
  // Days after the purchase day the pause starts, and its length (the cap is 60 days in all).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeze' as const), startIn: fc.nat(12), days: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'transfer' }) },
);

/** One bought purchase and the step lists played from it: PER_PURCHASE histories. */
const purchaseHistories = fc.record({
  purchase: purchaseArbitrary,
  stepLists: fc.array(fc.array(stepArbitrary, { maxLength: 9 }), { minLength: PER_PURCHASE, maxLength: PER_PURCHASE }),
});

type Bought = typeof purchaseArbitrary extends fc.Arbitrary<infer T> ? T : never;
type Histories = typeof purchaseHistories extends fc.Arbitrary<infer T> ? T : never;

let db: TestDatabase;
let fx: ClinicFixture;
let histories = 0;
let sibling: Patient;
/** What happened, not only refused: the histories must reach freezes, transfers, completions, charges and waivers. */
const reached = { freezes: 0, transfers: 0, completions: 0, cancelledOrMissed: 0, waivers: 0, refunds: 0, expiries: 0 };


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

/** The purchases' stored totals and their ledger rows' sums, in one statement. */
async function statesOf(em: EntityManager, purchaseIds: readonly string[]): Promise<Map<string, LedgerState>> {
  const rows = await em.execute(
    `select p.id, p.status, p.sessions_used, p.total_sessions, i.subtotal::text, p.transferred_from_id is not null as transferred,
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
      where p.id in (${purchaseIds.map(() => '?').join(', ')})
      group by p.id, i.subtotal`,
    [...purchaseIds],
  );
  const states = new Map<string, LedgerState>();
  for (const found of rows) {
    const row = found as unknown as Record<string, string> & { id: string; status: string; sessions_used: number; total_sessions: number; transferred: boolean };
    const d = (key: string) => new Decimal(row[key] as string);
    states.set(row.id, {
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
    });
  }
  expect(states.size).toBe(new Set(purchaseIds).size);
  return states;
}

function assertInvariants(state: LedgerState, where: string): void {
  const { ledger, totals } = state;
  // The liability as the ledger rows alone say it.
  const liability = ledger.sold.add(ledger.transferredIn).add(ledger.reversed).sub(ledger.recognised).sub(ledger.breakage).sub(ledger.refunded).sub(ledger.transferredOut);
  const recognised = ledger.recognised.sub(ledger.reversed);
  const net = ledger.sold.add(ledger.transferredIn);
  // Each rule by name; one assertion for all of them (a thousand histories make tens of thousands of checks).
  const broken = Object.entries({
    'liability >= 0': liability.gte(0),
    'paid + transferredIn = recognised + breakage + refunded + transferredOut + liability': net.eq(
      recognised.add(ledger.breakage).add(ledger.refunded).add(ledger.transferredOut).add(liability),
    ),
    // The running totals are the ledger's sums.
    'totals.paid': totals.paid.eq(ledger.sold),
    'totals.recognised': totals.recognised.eq(recognised),
    'totals.breakage': totals.breakage.eq(ledger.breakage),
    'totals.refunded': totals.refunded.eq(ledger.refunded),
    'totals.liability': totals.liability.eq(liability),
    'totals.transferredIn': totals.transferredIn.eq(ledger.transferredIn),
    'totals.transferredOut': totals.transferredOut.eq(ledger.transferredOut),
    // Paid is the invoice's net amount; a transferred purchase paid nothing, its value came in.
    'sold = the net price': ledger.sold.eq(state.transferred ? 0 : state.subtotal),
    'liability = 0 once ended': state.status === 'ACTIVE' || liability.isZero(),
    'every session used, nothing expired: recognised = net price, COMPLETED':
      state.sessionsUsed !== state.totalSessions || !ledger.breakage.isZero() || (recognised.eq(net) && state.status === 'COMPLETED'),
    'recognised + breakage + transferredOut <= net': recognised.add(ledger.breakage).add(ledger.transferredOut).lte(net),
  })
    .filter(([, holds]) => !holds)
    .map(([rule]) => rule);
  if (broken.length > 0) expect.fail(`${where}: ${broken.join('; ')} in ${JSON.stringify(state)}`);
}

beforeAll(async () => {
  // Tens of thousands of statements: the ORM need not format and keep each one.
  db = await createTestDatabase({ poolSize: CONNECTIONS, logQueries: false });
  fx = await createClinicFixture(db.orm);
  sibling = await fx.addPatient();
});

afterAll(async () => {
  await db?.drop();
});

/** Rolls a transaction (or a savepoint) back once its checks passed. */
class RollBack extends Error {}

/** Runs `work` in a transaction of `em` (a savepoint when `em` is in one already), then rolls it back. */
async function rolledBack(em: EntityManager, work: (em: EntityManager) => Promise<void>): Promise<void> {
  try {
    await em.transactional(async (inner) => {
      await work(inner);
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
}

it(`holds the ledger's invariants after every step of ${RUNS} random histories`, { timeout: 600_000 }, async () => {
  let weeks = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(purchaseHistories, { minLength: PURCHASES_PER_RUN, maxLength: PURCHASES_PER_RUN }), async (drawn) => {
      // A queue over the connections: each takes the next purchase as soon as it is free.
      let next = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          for (let index = next++; index < drawn.length; index = next++) {
            // Weeks apart: purchases played at once never compete for a slot of the shared provider and patients.
            const week = (weeks++ % 50) * 7;
            await rolledBack(db.orm.em.fork(), (em) => playPurchase(em, drawn[index]!, week));
          }
        }),
      );
    }),
    { numRuns: Math.ceil(RUNS / (PURCHASES_PER_RUN * PER_PURCHASE)) },
  );
  expect(histories).toBeGreaterThanOrEqual(RUNS);
  // The histories reach every kind of movement, not only refusals (about 14 %, 21 %, 6 %, 14 %, 2.6 %, 22 % and 16 % of them).
  if (RUNS >= 100) {
    const { waivers, ...others } = reached;
    expect(Math.min(...Object.values(others)), JSON.stringify(reached)).toBeGreaterThan(RUNS / 50);
    expect(waivers, JSON.stringify(reached)).toBeGreaterThan(RUNS / 200);
  }
  console.info(`ledger property: ${JSON.stringify(reached)} over ${histories} histories`);
});

/** A manager whose forks stay in its transaction: the use cases' own transactions become savepoints. */
function keepingTransaction(em: EntityManager): EntityManager {
  return Object.assign(Object.create(em) as EntityManager, {
    fork: (options?: ForkOptions) => em.fork({ ...options, keepTransactionContext: true }),
  });
}

/** Buys and pays the purchase, then plays each step list from that same paid purchase. */
async function playPurchase(em: EntityManager, { purchase, stepLists }: Histories, week: number): Promise<void> {
  const saturday = addDays(BASE, week);
  const buyAt = fx.at(saturday, '09:00');
  const bought = await buy(keepingTransaction(em), purchase, buyAt);
  assertInvariants((await statesOf(em, [bought.id])).get(bought.id)!, 'paid');
  for (const steps of stepLists) {
    await rolledBack(em, (inner) => runHistory(inner, bought.id, steps, saturday));
    histories += 1;
  }
}

async function buy(em: EntityManager, { totalSessions, priceCents, payParts }: Bought, buyAt: Date): Promise<{ id: string }> {
  const context = (role: Role): UseCaseContext => ({ em, actor: fx.actor(role), now: buyAt });
  // The package straight in the database: the fixture's unit of work would grow with every purchase.
  const packageId = randomUUID();
  await em.execute(
    `with p as (insert into package (id, tenant_id, clinic_id, name_en, name_ar, price, validity_days, total_sessions)
                values (?::uuid, ?, ?, ?, ?, ?, 10, ?) returning id)
     insert into package_service_line (id, tenant_id, package_id, service_id, sessions, position) select gen_random_uuid(), ?, id, ?, ?, 0 from p`,
    [packageId, fx.tenant.id, fx.clinic.id, packageId, packageId, new Decimal(priceCents).div(100).toFixed(2), totalSessions, fx.tenant.id, fx.therapy.id, totalSessions],
  );
  const invoice = ok(await purchasePackage(context('RECEPTIONIST'), { patientId: fx.patient.id, packageId }));
  let balance = new Decimal(invoice.total);
  for (const part of payParts) {
    const amount = balance.mul(part).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    if (amount.lte(0) || amount.gte(balance)) continue;
    const paid = ok(await recordPayment(context('RECEPTIONIST'), { invoiceId: invoice.id, amount: amount.toFixed(2), method: 'CASH' }));
    expect(paid.packagePurchase).toBeNull();
    balance = balance.sub(amount);
  }
  return ok(await payInvoice(context('FINANCE'), { invoiceId: invoice.id })).packagePurchase;
}

/** One history's steps, from the paid purchase `boughtId`, checking the invariants after each. */
async function runHistory(em: EntityManager, boughtId: string, steps: readonly Step[], saturday: string): Promise<void> {
  const inHistory = keepingTransaction(em);
  const context = (role: Role, now: Date): UseCaseContext => ({ em: inHistory, actor: fx.actor(role), now });
  const buyAt = fx.at(saturday, '09:00');
  // The purchase the history acts on, and its patient: after a transfer, the sibling's new one.
  let purchase: { id: string } = { id: boughtId };
  let patientId = fx.patient.id;
  const transfers: Array<{ from: string; to: string }> = [];
  const live: Array<{ id: string; startsAt: Date }> = [];
  const charged: string[] = [];
  let slot = 0;
  let last = buyAt;
  for (const [index, step] of steps.entries()) {
    let acted = true;
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
      reached.expiries += (await expirePurchases(inHistory, last)) ?? 0;
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
      if (charged.length === 0) acted = false;
      else if ((await waiveCharge(context('FINANCE', last), { appointmentId: charged[step.pick % charged.length]!, reason: 'Ill' })).ok) reached.waivers += 1;
    } else if (step.kind === 'cancelPurchase') {
      const [row] = await em.execute<Array<{ liability: string }>>(`select liability::text from package_purchase where id = ?`, [purchase.id]);
      const refundAmount = step.refundPart >= 1000 ? null : new Decimal(row!.liability).mul(step.refundPart).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
      // Refused while a started appointment awaits its outcome, or once the purchase ended.
      if ((await cancelPackagePurchase(context('FINANCE', buyAt), { packagePurchaseId: purchase.id, reason: 'Random history', refundAmount })).ok) reached.refunds += 1;
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
      if (moved.ok) reached[status === 'COMPLETED' ? 'completions' : 'cancelledOrMissed'] += 1;
      if (now > last) last = now;
    } else {
      acted = false;
    }
    // A step that asked nothing (no appointment to move, nothing to waive) changed nothing: no need to look.
    if (!acted) continue;
    const ids = [boughtId, ...transfers.map((t) => t.to)];
    const states = await statesOf(em, ids);
    for (const id of ids) assertInvariants(states.get(id)!, `step ${index} ${step.kind} on ${id}`);
    for (const { from, to } of transfers) {
      // What left one purchase came into the other, no more, no less.
      const out = states.get(from)!.totals.transferredOut;
      const into = states.get(to)!.totals.transferredIn;
      if (!out.eq(into)) expect.fail(`step ${index}: transfer ${from} -> ${to} moved ${out.toFixed(2)} out and ${into.toFixed(2)} in`);
    }
  }
}
