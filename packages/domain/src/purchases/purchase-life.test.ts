import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Role } from '../tenancy/role.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import type { Package } from '../catalogue/package.entity.js';
import type { CancellationPolicyTerms } from '../appointments/cancellation-policy.entity.js';
import { setCancellationPolicy } from '../catalogue/manage-clinics.js';
import { payInvoice, recordPayment } from '../billing/invoices.js';
import { waiveCharge } from '../billing/waive-charge.js';
import { cancelPackagePurchase } from './cancel-purchase.js';
import { cancelPackagePurchaseOnce, joinWaitlistOnce, transferPackagePurchaseOnce } from '../idempotency/idempotent-use-cases.js';

/**
 * The life of a purchase beyond use: cancelling with a refund. Each refusal changes nothing
 * (same ledger, same status, no audit event).
 */

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;
let threeSessions: Package;


async function ledgerOf(purchaseId: string) {
  const { rows } = await db.sql.query<{ kind: string; amount: string; occurred_on: string; transfer_direction: string | null }>(
    `select kind, amount::text, occurred_on::text, transfer_direction from ledger_entry where package_purchase_id = $1 order by created_at, kind`,
    [purchaseId],
  );
  return rows.map((row) => `${row.kind}${row.transfer_direction ? ` ${row.transfer_direction}` : ''} ${row.amount} ${row.occurred_on}`);
}

async function stateOf(purchaseId: string) {
  const { rows } = await db.sql.query(
    `select p.status, p.sessions_used, p.expiry_date::text as expiry, p.paid::text, p.recognised::text, p.breakage::text, p.refunded::text,
            p.transferred_in::text, p.transferred_out::text, p.liability::text,
            (select count(*)::int from audit_event e where e.entity_id = p.id) as audit_events
       from package_purchase p where p.id = $1`,
    [purchaseId],
  );
  return rows[0] as Record<string, string | number>;
}

async function statusOf(appointmentId: string) {
  const { rows } = await db.sql.query<{ status: string; session_consumed: boolean }>('select status, session_consumed from appointment where id = $1', [appointmentId]);
  return rows[0];
}

async function buyThree() {
  const patient = await fx.addPatient();
  const purchase = await fx.buyPackage({ now: NOW, patient, pkg: threeSessions });
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

/** A free slot each time, from Sunday 2026-11-29 on, for tests where the time does not matter. */
let slots = 0;
function freeSlot(): [string, string] {
  const days = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-06', '2026-12-07', '2026-12-08'];
  const times = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
  const n = slots++;
  return [days[Math.floor(n / times.length)]!, times[n % times.length]!];
}

const move = async (appointmentId: string, status: AppointmentStatus, now: Date) =>
  ok(await setAppointmentStatus(fx.context('ADMIN', now), { appointmentId, status }));

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  threeSessions = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '1000.00', validityDays: 30 });
});

afterAll(async () => {
  await db?.drop();
});

describe('cancelPackagePurchase', () => {
  it('cancels the open future appointments, refunds the unconsumed sessions at their value and leaves no liability', async () => {
    const { patient, purchase } = await buyThree();
    const first = await book(patient.id, purchase.id, '2026-11-25');
    const second = await book(patient.id, purchase.id, '2026-11-26');
    await move(first.id, 'COMPLETED', fx.at('2026-11-25', '10:00'));

    const later = fx.at('2026-11-25', '12:00');
    const cancelled = ok(await cancelPackagePurchase(fx.context('FINANCE', later), { packagePurchaseId: purchase.id, reason: 'Family moved away' }));

    // 1000.00 over 3 sessions: 333.33 earned; the two unconsumed sessions are 333.33 + 333.34.
    expect(cancelled.refunded).toBe('666.67');
    expect(cancelled.retained).toBe('0.00');
    expect(cancelled.cancelledAppointments.map((appointment) => appointment.id)).toEqual([second.id]);
    expect(cancelled.packagePurchase.status).toBe('CANCELLED');
    expect(cancelled.packagePurchase.liability).toBe('0.00');
    expect(await statusOf(second.id)).toEqual({ status: 'CANCELLED', session_consumed: false });
    expect(await statusOf(first.id)).toEqual({ status: 'COMPLETED', session_consumed: true });
    expect(await ledgerOf(purchase.id)).toEqual(['SOLD 1000.00 2026-11-24', 'RECOGNISED 333.33 2026-11-25', 'REFUNDED 666.67 2026-11-25']);
    expect(await stateOf(purchase.id)).toMatchObject({ status: 'CANCELLED', sessions_used: 1, refunded: '666.67', breakage: '0.00', liability: '0.00' });

    const { rows: events } = await db.sql.query<{ operation: string; entity_type: string; reason: string }>(
      `select operation, entity_type, reason from audit_event where operation = 'cancelPackagePurchase' and entity_id in ($1, $2) order by entity_type`,
      [purchase.id, second.id],
    );
    expect(events).toEqual([
      { operation: 'cancelPackagePurchase', entity_type: 'Appointment', reason: 'package cancelled: Family moved away' },
      { operation: 'cancelPackagePurchase', entity_type: 'PackagePurchase', reason: 'Family moved away' },
    ]);
  });

  it('under an Idempotency-Key, a retried refund, transfer or waitlist entry answers the first answer and moves nothing again', async () => {
    const { purchase } = await buyThree();
    const input = { packagePurchaseId: purchase.id, reason: 'Family moved away', refundAmount: '600.00' };
    const first = await cancelPackagePurchaseOnce(fx.context('FINANCE', NOW), input, 'refund-1');
    const before = await db.rowCounts();
    const retry = await cancelPackagePurchaseOnce(fx.context('FINANCE', NOW), input, 'refund-1');
    expect(first).toMatchObject({ kind: 'ran', result: { ok: true, value: { refunded: '600.00', retained: '400.00' } } });
    expect(retry).toMatchObject({ kind: 'replayed', result: { ok: true, value: { refunded: '600.00', retained: '400.00', packagePurchase: { id: purchase.id, status: 'CANCELLED' } } } });
    expect(await cancelPackagePurchaseOnce(fx.context('FINANCE', NOW), { ...input, refundAmount: '500.00' }, 'refund-1')).toEqual({ kind: 'keyReused' });
    expect(await db.rowCounts()).toEqual(before);
    expect((await ledgerOf(purchase.id)).filter((row) => row.startsWith('REFUNDED'))).toEqual(['REFUNDED 600.00 2026-11-24']);

    const other = await buyThree();
    const sibling = await fx.addPatient();
    const moved = await transferPackagePurchaseOnce(fx.context('FINANCE', NOW), { packagePurchaseId: other.purchase.id, toPatientId: sibling.id, reason: 'Brother' }, 'move-1');
    const afterMove = await db.rowCounts();
    const movedAgain = await transferPackagePurchaseOnce(fx.context('FINANCE', NOW), { packagePurchaseId: other.purchase.id, toPatientId: sibling.id, reason: 'Brother' }, 'move-1');
    expect(moved.kind).toBe('ran');
    expect(movedAgain.kind).toBe('replayed');
    const toOf = (outcome: typeof moved) => (outcome.kind !== 'keyReused' && outcome.result.ok ? outcome.result.value.to.id : null);
    expect(toOf(movedAgain)).toBe(toOf(moved));
    expect(toOf(moved)).not.toBeNull();

    const wish = { patientId: sibling.id, serviceId: fx.therapy.id, from: '2026-12-06', to: '2026-12-10' };
    const joined = await joinWaitlistOnce(fx.context('RECEPTIONIST', NOW), wish, 'wait-1');
    const joinedAgain = await joinWaitlistOnce(fx.context('RECEPTIONIST', NOW), wish, 'wait-1');
    expect(joinedAgain.kind).toBe('replayed');
    const entryOf = (outcome: typeof joined) => (outcome.kind !== 'keyReused' && outcome.result.ok ? outcome.result.value.id : null);
    expect(entryOf(joinedAgain)).toBe(entryOf(joined));
    expect(entryOf(joined)).not.toBeNull();
    const after = await db.rowCounts();
    expect(after['package_purchase']).toBe(afterMove['package_purchase']);
    expect(after['waitlist_entry']).toBe((afterMove['waitlist_entry'] ?? 0) + 1);
  });

  it('refunds a lowered amount and keeps the rest as breakage, dated the cancellation day', async () => {
    const { purchase } = await buyThree();
    const cancelled = ok(
      await cancelPackagePurchase(fx.context('ADMIN', NOW), { packagePurchaseId: purchase.id, reason: 'Goodwill, less the assessment', refundAmount: '600' }),
    );
    expect(cancelled.refunded).toBe('600.00');
    expect(cancelled.retained).toBe('400.00');
    // The refund and the breakage are written in one transaction: their order between them means nothing.
    const [sold, ...cancellation] = await ledgerOf(purchase.id);
    expect(sold).toBe('SOLD 1000.00 2026-11-24');
    expect(cancellation.sort()).toEqual(['BREAKAGE 400.00 2026-11-24', 'REFUNDED 600.00 2026-11-24']);
  });

  it('refunds nothing when asked for 0: the whole liability is kept', async () => {
    const { purchase } = await buyThree();
    ok(await cancelPackagePurchase(fx.context('ADMIN', NOW), { packagePurchaseId: purchase.id, reason: 'No refund by contract', refundAmount: '0' }));
    expect(await stateOf(purchase.id)).toMatchObject({ status: 'CANCELLED', refunded: '0.00', breakage: '1000.00', liability: '0.00' });
  });

  it.each<[string, Role | null, Record<string, unknown>, string]>([
    ['a refund above what is left', 'FINANCE', { refundAmount: '1000.01' }, 'REFUND_TOO_LARGE'],
    ['a refund that is not an amount', 'FINANCE', { refundAmount: '-5' }, 'VALIDATION'],
    ['a blank reason', 'FINANCE', { reason: '   ' }, 'VALIDATION'],
    ['a receptionist', 'RECEPTIONIST', {}, 'FORBIDDEN'],
    ['a clinician', 'CLINICIAN', {}, 'FORBIDDEN'],
    ['an unknown purchase', 'FINANCE', { packagePurchaseId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
  ])('refuses %s and changes nothing', async (_what, role, overrides, code) => {
    const { patient, purchase } = await buyThree();
    const appointment = await book(patient.id, purchase.id, ...freeSlot());
    const before = await stateOf(purchase.id);
    const result = await cancelPackagePurchase(fx.context(role ?? 'FINANCE', NOW), { packagePurchaseId: purchase.id, reason: 'Because', ...overrides });
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    expect(await stateOf(purchase.id)).toEqual(before);
    expect(await statusOf(appointment.id)).toEqual({ status: 'BOOKED', session_consumed: false });
  });

  it('asks for the outcome of an appointment that already started, and refuses an ended purchase', async () => {
    const { patient, purchase } = await buyThree();
    const appointment = await book(patient.id, purchase.id, '2026-11-25', '11:00');
    const during = fx.at('2026-11-25', '11:15');
    const refused = await cancelPackagePurchase(fx.context('FINANCE', during), { packagePurchaseId: purchase.id, reason: 'Moving' });
    expect(refused.ok ? null : [refused.error.code, refused.error.detail?.params]).toEqual(['APPOINTMENTS_TO_RECORD', { appointments: appointment.number, count: 1 }]);
    expect(await statusOf(appointment.id)).toEqual({ status: 'BOOKED', session_consumed: false });

    await move(appointment.id, 'NO_SHOW', fx.at('2026-11-25', '12:00'));
    ok(await cancelPackagePurchase(fx.context('FINANCE', during), { packagePurchaseId: purchase.id, reason: 'Moving' }));
    // The no-show consumed its session (333.33); the rest was refunded.
    expect(await stateOf(purchase.id)).toMatchObject({ recognised: '333.33', refunded: '666.67', liability: '0.00' });
    const again = await cancelPackagePurchase(fx.context('FINANCE', during), { packagePurchaseId: purchase.id, reason: 'Twice' });
    expect(again.ok ? null : again.error.code).toBe('PACKAGE_NOT_ACTIVE');
  });
});

describe('fees and waivers', () => {
  const policy = (terms: Partial<CancellationPolicyTerms>) =>
    setCancellationPolicy(fx.context('ADMIN', NOW), {
      noShowConsumesSession: true,
      lateCancellationConsumesSession: true,
      lateCancellationWindowHours: 24,
      lateCancellationFee: null,
      noShowFee: null,
      graceAllowance: 0,
      gracePeriodDays: 90,
      ...terms,
    }).then(ok);
  const waive = (appointmentId: string, role: Role = 'FINANCE', reason = 'Child was in hospital') =>
    waiveCharge(fx.context(role, fx.at('2026-12-10', '09:00')), { appointmentId, reason });
  const feesOf = async (appointmentId: string) =>
    (
      await db.sql.query<{ kind: string; status: string; subtotal: string; tax: string; total: string }>(
        'select kind, status, subtotal::text, tax::text, total::text from invoice where appointment_id = $1 order by created_at',
        [appointmentId],
      )
    ).rows;

  afterAll(async () => {
    await policy({});
  });

  it('invoices a no-show fee beside the session; a waiver gives the session back, voids the fee and reverses the ledger', async () => {
    await policy({ noShowFee: '100', lateCancellationFee: '50.5' });
    const { patient, purchase } = await buyThree();
    const appointment = await book(patient.id, purchase.id, ...freeSlot());
    const change = await move(appointment.id, 'NO_SHOW', new Date(appointment.startsAt.getTime() + 3_600_000));
    expect(change.feeInvoice).toMatchObject({ kind: 'FEE', subtotal: '100.00', tax: '15.00', total: '115.00' });
    expect(await feesOf(appointment.id)).toEqual([{ kind: 'FEE', status: 'ISSUED', subtotal: '100.00', tax: '15.00', total: '115.00' }]);
    expect(await stateOf(purchase.id)).toMatchObject({ sessions_used: 1, recognised: '333.33', liability: '666.67' });

    expect((await waive(appointment.id, 'RECEPTIONIST')).ok).toBe(false);
    const blank = await waive(appointment.id, 'FINANCE', ' ');
    expect(blank.ok ? null : blank.error.code).toBe('VALIDATION');

    const waived = ok(await waive(appointment.id));
    expect(waived.sessionReturned).toBe(true);
    expect(await feesOf(appointment.id)).toMatchObject([{ status: 'VOID' }]);
    expect(await statusOf(appointment.id)).toEqual({ status: 'NO_SHOW', session_consumed: false });
    expect(await stateOf(purchase.id)).toMatchObject({ status: 'ACTIVE', sessions_used: 0, recognised: '0.00', liability: '1000.00' });
    expect(await ledgerOf(purchase.id)).toEqual(['SOLD 1000.00 2026-11-24', 'RECOGNISED 333.33 2026-11-29', 'REVERSED 333.33 2026-12-10'].map((line) => line.replace('2026-11-29', fx.local(appointment.startsAt).slice(0, 10))));

    const again = await waive(appointment.id);
    expect(again.ok ? null : [again.error.code, again.error.detail?.reason]).toEqual(['NOTHING_TO_WAIVE', 'ALREADY_WAIVED']);
    // The freed session number can be booked again.
    const rebooked = await book(patient.id, purchase.id, ...freeSlot());
    expect(rebooked.sessionNumberInPackage).toBe(appointment.sessionNumberInPackage);
  });

  it('charges a fee without the session when the policy says so; a paid fee cannot be voided; a fee is paid without creating a purchase', async () => {
    await policy({ noShowConsumesSession: false, noShowFee: '80' });
    const { patient, purchase } = await buyThree();
    const appointment = await book(patient.id, purchase.id, ...freeSlot());
    const change = await move(appointment.id, 'NO_SHOW', new Date(appointment.startsAt.getTime() + 3_600_000));
    expect(await stateOf(purchase.id)).toMatchObject({ sessions_used: 0, liability: '1000.00' });
    const paid = ok(await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: change.feeInvoice!.id, amount: '92.00', method: 'CASH' }));
    expect(paid.invoice.status).toBe('PAID');
    expect(paid.packagePurchase).toBeNull();
    const refused = await waive(appointment.id);
    expect(refused.ok ? null : refused.error.code).toBe('INVOICE_HAS_PAYMENTS');
    const payInvoiceRefused = await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: change.feeInvoice!.id });
    expect(payInvoiceRefused.ok ? null : payInvoiceRefused.error.code).toBe('VALIDATION');
  });

  it('forgives the first incident in the grace period, charges the next; an early cancellation has nothing to waive', async () => {
    await policy({ lateCancellationFee: '50', graceAllowance: 1, gracePeriodDays: 90 });
    const { patient, purchase } = await buyThree();
    const first = await book(patient.id, purchase.id, ...freeSlot());
    const second = await book(patient.id, purchase.id, ...freeSlot());
    const third = await book(patient.id, purchase.id, ...freeSlot());
    const lateFor = (startsAt: Date) => new Date(startsAt.getTime() - 3_600_000);
    const forgiven = await move(first.id, 'CANCELLED', lateFor(first.startsAt));
    expect([forgiven.appointment.incident, forgiven.appointment.graceApplied, forgiven.feeInvoice ?? null]).toEqual(['LATE_CANCELLATION', true, null]);
    expect(await statusOf(first.id)).toEqual({ status: 'CANCELLED', session_consumed: false });
    const charged = await move(second.id, 'CANCELLED', lateFor(second.startsAt));
    expect([charged.appointment.graceApplied, charged.feeInvoice?.subtotal]).toEqual([false, '50.00']);
    expect(await stateOf(purchase.id)).toMatchObject({ sessions_used: 1 });
    const nothing = await waive(first.id);
    expect(nothing.ok ? null : [nothing.error.code, nothing.error.detail?.reason]).toEqual(['NOTHING_TO_WAIVE', 'NOTHING_CHARGED']);
    await move(third.id, 'CANCELLED', new Date(third.startsAt.getTime() - 72 * 3_600_000));
    const early = await waive(third.id);
    expect(early.ok ? null : [early.error.code, early.error.detail?.reason]).toEqual(['NOTHING_TO_WAIVE', 'NO_INCIDENT']);
  });

  it('opens a completed purchase again when its last session is waived', async () => {
    await policy({});
    const { patient, purchase } = await buyThree();
    const sessions = [await book(patient.id, purchase.id, ...freeSlot()), await book(patient.id, purchase.id, ...freeSlot()), await book(patient.id, purchase.id, ...freeSlot())];
    await move(sessions[0]!.id, 'COMPLETED', new Date(sessions[0]!.startsAt.getTime() + 3_600_000));
    await move(sessions[1]!.id, 'COMPLETED', new Date(sessions[1]!.startsAt.getTime() + 3_600_000));
    await move(sessions[2]!.id, 'NO_SHOW', new Date(sessions[2]!.startsAt.getTime() + 3_600_000));
    expect(await stateOf(purchase.id)).toMatchObject({ status: 'COMPLETED', recognised: '1000.00', liability: '0.00' });
    ok(await waive(sessions[2]!.id));
    // The last session took the remainder (333.34); it comes back whole.
    expect(await stateOf(purchase.id)).toMatchObject({ status: 'ACTIVE', sessions_used: 2, recognised: '666.66', liability: '333.34' });
  });
});
