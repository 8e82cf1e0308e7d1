import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, ok, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import type { Result } from '../kernel/domain-error.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { rescheduleAppointment } from '../appointments/reschedule-appointment.js';
import { firstAvailableSlots } from '../availability/first-available.js';
import { previewPackageSchedule, schedulePackage } from '../scheduling/schedule-package.js';
import { voidBlockedBy } from '../billing/invoice-actions.js';
import type { Package } from '../catalogue/package.entity.js';
import { expiryAfterFreeze, freezePackagePurchase } from './freeze-purchase.js';
import { allowedPurchaseActions, type PurchaseActionFacts } from './purchase-actions.js';

/**
 * A freeze is respected everywhere a session of the purchase gets a date (book, reschedule,
 * schedule, first available), and what the server offers on a purchase or an invoice follows
 * the role and the state.
 */

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');
/** Sunday to Thursday: the providers' whole working week. */
const FREEZE = { from: '2026-11-29', to: '2026-12-03' };

let db: TestDatabase;
let fx: ClinicFixture;
let pkg: Package;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '900.00', validityDays: 30 });
});
afterAll(async () => {
  await db?.drop();
});

async function frozenPurchase() {
  const patient = await fx.addPatient();
  const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
  ok(await freezePackagePurchase(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, ...FREEZE, reason: 'travel' }));
  return { patient, purchase };
}

function refusal<T>(result: Result<T>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const appointmentsOf = async (purchaseId: string) =>
  (await db.sql.query(`select count(*)::int as n from appointment where package_purchase_id = $1`, [purchaseId])).rows[0].n as number;

describe('a frozen purchase', () => {
  it('refuses booking one of its sessions on a frozen day, naming the freeze, and books the day after', async () => {
    const { patient, purchase } = await frozenPurchase();
    const book = (date: string) =>
      bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt: fx.at(date, '09:00'),
        packagePurchaseId: purchase.id,
      });
    for (const date of [FREEZE.from, '2026-12-01', FREEZE.to]) {
      const error = refusal(await book(date));
      expect(error).toMatchObject({ code: 'PURCHASE_FROZEN', field: ['input', 'startsAt'], detail: { reason: 'PURCHASE_FROZEN', params: FREEZE } });
    }
    expect(await appointmentsOf(purchase.id)).toBe(0);
    ok(await book('2026-12-06'));
    // The same slot without the purchase (a single appointment) is not the freeze's business.
    ok(
      await bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt: fx.at('2026-12-01', '09:00'),
      }),
    );
  });

  it('refuses moving one of its sessions into the freeze (a reschedule, as a drag on the calendar is)', async () => {
    const { patient, purchase } = await frozenPurchase();
    const appointment = ok(
      await bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt: fx.at('2026-12-07', '10:00'),
        packagePurchaseId: purchase.id,
      }),
    );
    const error = refusal(await rescheduleAppointment(fx.context('ADMIN', NOW), { appointmentId: appointment.id, startsAt: fx.at('2026-12-02', '10:00') }));
    expect(error).toMatchObject({ code: 'PURCHASE_FROZEN', detail: { params: FREEZE } });
    const { rows } = await db.sql.query(`select starts_at from appointment where id = $1`, [appointment.id]);
    expect((rows[0].starts_at as Date).toISOString()).toBe(fx.at('2026-12-07', '10:00').toISOString());
    ok(await rescheduleAppointment(fx.context('ADMIN', NOW), { appointmentId: appointment.id, startsAt: fx.at('2026-12-08', '10:00') }));
  });

  it('is skipped by the scheduler, in the preview and when committing', async () => {
    const { purchase } = await frozenPurchase();
    const input = { packagePurchaseId: purchase.id, providerId: fx.provider.id, startDate: FREEZE.from };
    const preview = ok(await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), input));
    const days = preview.sessions.map((session) => fx.local(session.startsAt).slice(0, 10));
    expect(days).toEqual(['2026-12-06', '2026-12-07', '2026-12-08']);
    const scheduled = ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), input));
    expect(scheduled.appointments.map((a) => fx.local(a.startsAt).slice(0, 10))).toEqual(days);
  });

  it('is skipped by first-available when the slots are for its sessions', async () => {
    const { purchase } = await frozenPurchase();
    const ask = (packagePurchaseId?: string) =>
      firstAvailableSlots(fx.context('RECEPTIONIST', NOW), {
        clinicId: fx.clinic.id,
        serviceId: fx.therapy.id,
        providerIds: [fx.provider.id],
        from: fx.at(FREEZE.from, '00:00'),
        first: 1,
        packagePurchaseId,
      });
    const [any] = ok(await ask());
    expect(fx.local(any!.startsAt).slice(0, 10)).toBe(FREEZE.from);
    const [forPurchase] = ok(await ask(purchase.id));
    expect(fx.local(forPurchase!.startsAt).slice(0, 10)).toBe('2026-12-06');
    expect(refusal(await ask('00000000-0000-4000-8000-000000000000')).code).toBe('NOT_FOUND');
  });

  it('names the appointments a freeze would cover, with their times', async () => {
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient, pkg });
    const appointment = ok(
      await bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: fx.provider.id,
        serviceId: fx.therapy.id,
        startsAt: fx.at('2026-12-01', '13:00'),
        packagePurchaseId: purchase.id,
      }),
    );
    const error = refusal(await freezePackagePurchase(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, ...FREEZE, reason: 'flu' }));
    expect(error).toMatchObject({
      code: 'APPOINTMENTS_IN_FREEZE',
      detail: { params: { appointments: appointment.number, count: 1, startsAt: fx.at('2026-12-01', '13:00').toISOString() } },
    });
  });
});

describe('what the server offers', () => {
  const active: PurchaseActionFacts = { status: 'ACTIVE', expiryDate: '2026-12-24', frozenDays: 0 };
  const today = '2026-11-24';

  it('offers each change of a purchase to the roles that may make it, while the purchase allows it', () => {
    const offered = (role: Parameters<ClinicFixture['actor']>[0], purchase = active, on = today) =>
      allowedPurchaseActions(fx.actor(role), purchase, on, 60);
    expect(offered('ADMIN')).toEqual(['FREEZE', 'EXTEND', 'TRANSFER', 'CANCEL']);
    expect(offered('FINANCE')).toEqual(['FREEZE', 'TRANSFER', 'CANCEL']);
    expect(offered('RECEPTIONIST')).toEqual(['FREEZE']);
    expect(offered('CLINICIAN')).toEqual([]);
    // Past its expiry (not yet swept): it can no longer be frozen or transferred, still extended.
    expect(offered('ADMIN', active, '2026-12-25')).toEqual(['EXTEND', 'CANCEL']);
    // The tenant's cap used up: no freeze.
    expect(offered('ADMIN', { ...active, frozenDays: 60 })).toEqual(['EXTEND', 'TRANSFER', 'CANCEL']);
    for (const status of ['COMPLETED', 'EXPIRED', 'CANCELLED'] as const) expect(offered('ADMIN', { ...active, status })).toEqual([]);
  });

  it('tells the expiry a freeze would give before it is asked for', () => {
    expect(expiryAfterFreeze('2026-12-24', FREEZE.from, FREEZE.to)).toBe('2026-12-29');
    expect(expiryAfterFreeze('2026-12-24', '2026-12-01', '2026-12-01')).toBe('2026-12-25');
    expect(expiryAfterFreeze('2026-12-24', FREEZE.to, FREEZE.from)).toBeNull();
    expect(expiryAfterFreeze('2026-12-24', 'soon', FREEZE.to)).toBeNull();
  });

  it('says why an invoice cannot be voided, as voidInvoice would refuse it', () => {
    const issued = { status: 'ISSUED' as const, amountPaid: '0.00' };
    expect(voidBlockedBy(fx.actor('FINANCE'), issued)).toBeNull();
    expect(voidBlockedBy(fx.actor('ADMIN'), issued)).toBeNull();
    expect(voidBlockedBy(fx.actor('RECEPTIONIST'), issued)).toBe('FORBIDDEN');
    expect(voidBlockedBy(fx.actor('FINANCE'), { ...issued, amountPaid: '10.00' })).toBe('INVOICE_HAS_PAYMENTS');
    expect(voidBlockedBy(fx.actor('FINANCE'), { status: 'PAID', amountPaid: '1035.00' })).toBe('INVOICE_ALREADY_PAID');
    expect(voidBlockedBy(fx.actor('FINANCE'), { status: 'VOID', amountPaid: '0.00' })).toBe('INVOICE_VOID');
  });
});
