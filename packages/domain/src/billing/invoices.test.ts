import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Patient } from '../patients/patient.entity.js';
import { balancesOfPatients, listInvoices, payInvoice, purchasePackage, recordPayment, voidInvoice } from './invoices.js';
import { formatAmount, invoiceAmounts, isSupportedCurrency, minorUnitsOf, parseAmount } from './money.js';
import { voidBlockedBy } from './invoice-actions.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');
const LATER = new Date('2026-11-24T09:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;


async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.sql.query(sql, params)).rows as T[];
}

async function invoiceRow(id: string) {
  const [row] = await rows<Record<string, unknown>>(
    `select status, currency, subtotal::text, tax_rate::text, tax::text, total::text, amount_paid::text, paid_at, voided_at, void_reason
       from invoice where id = $1`,
    [id],
  );
  return row;
}

const purchasesOf = async (invoiceId: string) => (await rows(`select id from package_purchase where invoice_id = $1`, [invoiceId])).length;
const paymentsOf = (invoiceId: string) =>
  rows<{ amount: string; method: string; reference: string | null }>(
    `select amount::text, method, reference from payment where invoice_id = $1 order by received_at, created_at`,
    [invoiceId],
  );

async function issue(patient: Patient, options: { allowAnotherOpenInvoice?: boolean; role?: 'RECEPTIONIST' | 'FINANCE' } = {}) {
  return purchasePackage(fx.context(options.role ?? 'RECEPTIONIST', NOW), {
    patientId: patient.id,
    packageId: fx.pkg.id,
    allowAnotherOpenInvoice: options.allowAnotherOpenInvoice,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});

describe('money', () => {
  it('computes tax half up to the minor unit, without floating point', () => {
    expect(Object.values(invoiceAmounts('2500.00', '15.00', 'SAR')).map((d) => d.toFixed(2))).toEqual(['2500.00', '375.00', '2875.00']);
    // 0.1 + 0.2 style traps: 33.33 * 15 % = 4.9995 -> 5.00
    expect(invoiceAmounts('33.33', '15', 'SAR').tax.toFixed(2)).toBe('5.00');
    expect(invoiceAmounts('0.10', '15', 'SAR').tax.toFixed(2)).toBe('0.02');
    expect(minorUnitsOf('SAR')).toBe(2);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(formatAmount('1500', 'SAR')).toBe('1500.00');
    expect(isSupportedCurrency('SAR')).toBe(true);
    expect(isSupportedCurrency('KWD')).toBe(false); // three minor units: the columns hold two
    expect(isSupportedCurrency('XYZ')).toBe(false);
  });

  it('reads a caller amount strictly', () => {
    expect(parseAmount('500', 'SAR')?.toFixed(2)).toBe('500.00');
    expect(parseAmount('500.5', 'SAR')?.toFixed(2)).toBe('500.50');
    for (const bad of ['', '-1', '1e3', '1.234', ' 5', '5 ', 'NaN', 'Infinity', '0x10', '12345678901', '1,5']) {
      expect(parseAmount(bad, 'SAR'), bad).toBeNull();
    }
    expect(parseAmount('500.5', 'JPY')).toBeNull();
  });
});

describe('issuing an invoice', () => {
  it("shows subtotal (the tax-exclusive price), tax at the tenant's rate, total, currency and nothing paid", async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    expect(await invoiceRow(invoice.id)).toMatchObject({
      status: 'ISSUED',
      currency: 'SAR',
      subtotal: '2500.00',
      tax_rate: '15.00',
      tax: '375.00',
      total: '2875.00',
      amount_paid: '0.00',
    });
  });

  it("uses the tenant's own currency and rate", async () => {
    const other = await createClinicFixture(db.orm);
    await db.sql.query(`update tenant set currency = 'AED', tax_rate = 5 where id = $1`, [other.tenant.id]);
    const invoice = ok(await purchasePackage(other.context('FINANCE', NOW), { patientId: other.patient.id, packageId: other.pkg.id }));
    expect(await invoiceRow(invoice.id)).toMatchObject({ currency: 'AED', subtotal: '2500.00', tax_rate: '5.00', tax: '125.00', total: '2625.00' });
  });

  it('refuses a second open invoice for the same patient and package with OPEN_INVOICE_EXISTS, unless asked for', async () => {
    const patient = await fx.addPatient();
    const first = ok(await issue(patient));
    const refused = await issue(patient);
    expect(refused).toMatchObject({ ok: false, error: { code: 'OPEN_INVOICE_EXISTS', field: ['input', 'packageId'] } });
    expect(await rows(`select 1 from invoice where patient_id = $1`, [patient.id])).toHaveLength(1);

    const second = ok(await issue(patient, { allowAnotherOpenInvoice: true }));
    expect(second.id).not.toBe(first.id);
    // Once the first is paid or voided, a new one may be issued without asking.
    ok(await voidInvoice(fx.context('FINANCE', NOW), { invoiceId: first.id, reason: 'Duplicate' }));
    ok(await voidInvoice(fx.context('FINANCE', NOW), { invoiceId: second.id, reason: 'Duplicate' }));
    ok(await issue(patient));
  });

  it('lets only one of many concurrent requests open the invoice (the partial unique index)', async () => {
    const patient = await fx.addPatient();
    const results = await Promise.all(Array.from({ length: 6 }, () => issue(patient)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toEqual(Array(5).fill('OPEN_INVOICE_EXISTS'));
    expect(await rows(`select 1 from invoice where patient_id = $1 and status = 'ISSUED'`, [patient.id])).toHaveLength(1);
  });

  it('is held by the database: a second open invoice written straight to it is refused', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    await expect(
      db.sql.query(
        `insert into invoice (id, tenant_id, number, patient_id, package_id, currency, subtotal, tax_rate, tax, total, issued_at)
         select gen_random_uuid(), tenant_id, number || '-2', patient_id, package_id, currency, subtotal, tax_rate, tax, total, issued_at from invoice where id = $1`,
        [invoice.id],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'invoice_one_open_per_patient_package' });
  });
});

describe('payments', () => {
  it('adds partial payments up; the one that settles the invoice creates the purchase', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    const first = ok(await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id, amount: '1000', method: 'CASH' }));
    expect(first.packagePurchase).toBeNull();
    expect(first.payment?.amount).toBe('1000.00');
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'ISSUED', amount_paid: '1000.00', paid_at: null });
    expect(await purchasesOf(invoice.id)).toBe(0);
    expect(await balancesOfPatients(fx.context('FINANCE', NOW), [patient.id])).toEqual(['1875.00']);

    const second = ok(
      await recordPayment(fx.context('FINANCE', LATER), { invoiceId: invoice.id, amount: '1000.00', method: 'CARD', reference: ' slip 42 ' }),
    );
    expect(second.packagePurchase).toBeNull();
    const last = ok(await recordPayment(fx.context('ADMIN', LATER), { invoiceId: invoice.id, amount: '875.00', method: 'BANK_TRANSFER' }));
    expect(last.invoice.status).toBe('PAID');
    expect(last.packagePurchase).toMatchObject({ status: 'ACTIVE', paid: '2500.00', liability: '2500.00', recognised: '0.00' });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'PAID', amount_paid: '2875.00', paid_at: LATER });
    expect(await paymentsOf(invoice.id)).toEqual([
      { amount: '1000.00', method: 'CASH', reference: null },
      { amount: '1000.00', method: 'CARD', reference: 'slip 42' },
      { amount: '875.00', method: 'BANK_TRANSFER', reference: null },
    ]);
    expect(await purchasesOf(invoice.id)).toBe(1);
    expect(await balancesOfPatients(fx.context('FINANCE', NOW), [patient.id])).toEqual(['0.00']);
    const audit = await rows<{ operation: string }>(`select operation from audit_event where entity_id = $1 order by occurred_at, created_at`, [invoice.id]);
    expect(audit.map((event) => event.operation)).toEqual(['purchasePackage', 'recordPayment', 'recordPayment', 'recordPayment']);
  });

  it('refuses more than the balance with OVERPAYMENT and changes nothing', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    ok(await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id, amount: '2000.00', method: 'CASH' }));
    const refused = await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id, amount: '875.01', method: 'CASH' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'OVERPAYMENT', field: ['input', 'amount'] } });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'ISSUED', amount_paid: '2000.00' });
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
    // The database holds it too.
    await expect(db.sql.query(`update invoice set amount_paid = total + 0.01 where id = $1`, [invoice.id])).rejects.toMatchObject({
      code: '23514',
      constraint: 'invoice_paid_within_total',
    });
  });

  it('refuses bad amounts, methods and references with VALIDATION, and a paid invoice with INVOICE_ALREADY_PAID', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    const pay = (input: { amount?: string; method?: string; reference?: string }) =>
      recordPayment(fx.context('RECEPTIONIST', NOW), {
        invoiceId: invoice.id,
        amount: input.amount ?? '10.00',
        method: (input.method ?? 'CASH') as 'CASH',
        reference: input.reference,
      });
    for (const amount of ['0', '0.00', '-5', '1.005', '1e2', 'abc']) {
      expect(await pay({ amount }), amount).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'amount'] } });
    }
    expect(await pay({ method: 'CHEQUE' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'method'] } });
    expect(await pay({ reference: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'reference'] } });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }));
    expect(await pay({})).toMatchObject({ ok: false, error: { code: 'INVOICE_ALREADY_PAID' } });
  });

  it('payInvoice pays the balance after partial payments; paying again creates nothing', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    ok(await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id, amount: '875.00', method: 'CASH' }));
    const paid = ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }));
    expect(paid.payment?.amount).toBe('2000.00');
    expect(paid.payment?.method).toBe('OTHER');
    const again = ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }));
    expect(again.packagePurchase.id).toBe(paid.packagePurchase.id);
    expect(again.payment).toBeNull();
    expect(await paymentsOf(invoice.id)).toHaveLength(2);
  });

  it('lets the front desk, finance and admin take payments, not a clinician', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    const refused = await recordPayment(fx.context('CLINICIAN', NOW), { invoiceId: invoice.id, amount: '1.00', method: 'CASH' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
  });
});

describe('voiding', () => {
  it('voids an unpaid invoice with its reason, audited; nothing is owed on it afterwards', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    ok(await voidInvoice(fx.context('FINANCE', LATER), { invoiceId: invoice.id, reason: '  Wrong package  ' }));
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'VOID', voided_at: LATER, void_reason: 'Wrong package' });
    const [event] = await rows<{ reason: string }>(`select reason from audit_event where entity_id = $1 and operation = 'voidInvoice'`, [invoice.id]);
    expect(event?.reason).toBe('Wrong package');
    expect(await balancesOfPatients(fx.context('FINANCE', NOW), [patient.id])).toEqual(['0.00']);
    expect(await recordPayment(fx.context('FINANCE', NOW), { invoiceId: invoice.id, amount: '1.00', method: 'CASH' })).toMatchObject({
      ok: false,
      error: { code: 'INVOICE_VOID' },
    });
    // Voiding it again is refused as already void, the code the invoice itself reports, and changes nothing.
    const voided = (await invoiceRow(invoice.id)) as { status: 'VOID'; amount_paid: string };
    expect(voidBlockedBy(fx.actor('FINANCE'), { status: voided.status, amountPaid: voided.amount_paid })).toBe('INVOICE_VOID');
    const before = await db.rowCounts();
    expect(await voidInvoice(fx.context('FINANCE', NOW), { invoiceId: invoice.id, reason: 'Again' })).toMatchObject({
      ok: false,
      error: { code: 'INVOICE_VOID', field: ['input', 'invoiceId'] },
    });
    expect(await db.rowCounts()).toEqual(before);
    expect(await rows(`select 1 from audit_event where entity_id = $1 and operation = 'voidInvoice'`, [invoice.id])).toHaveLength(1);
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'VOID', voided_at: LATER, void_reason: 'Wrong package' });
  });

  it('refuses a blank reason, a partly paid or paid invoice, and a receptionist', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await issue(patient));
    const voidAs = (role: 'FINANCE' | 'RECEPTIONIST', reason = 'Because') => voidInvoice(fx.context(role, NOW), { invoiceId: invoice.id, reason });
    expect(await voidAs('FINANCE', '   ')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'reason'] } });
    expect(await voidAs('RECEPTIONIST')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ok(await recordPayment(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id, amount: '1.00', method: 'CASH' }));
    // Each refusal carries the code the invoice reports beforehand (voidBlockedBy), and changes nothing.
    const refusedAsReported = async (code: string) => {
      const row = (await invoiceRow(invoice.id)) as { status: 'ISSUED' | 'PAID'; amount_paid: string };
      expect(voidBlockedBy(fx.actor('FINANCE'), { status: row.status, amountPaid: row.amount_paid })).toBe(code);
      const before = await db.rowCounts();
      expect(await voidAs('FINANCE')).toMatchObject({ ok: false, error: { code, field: ['input', 'invoiceId'] } });
      expect(await db.rowCounts()).toEqual(before);
    };
    await refusedAsReported('INVOICE_HAS_PAYMENTS');
    ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }));
    await refusedAsReported('INVOICE_ALREADY_PAID');
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'PAID', voided_at: null });
    expect(await rows(`select 1 from audit_event where entity_id = $1 and operation = 'voidInvoice'`, [invoice.id])).toHaveLength(0);
  });
});

describe('listing invoices and balances', () => {
  it('lists a patient\'s invoices newest first, by status, a page at a time', async () => {
    const patient = await fx.addPatient();
    const other = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 2 }], price: '100.00' });
    const a = ok(await issue(patient));
    const b = ok(await purchasePackage(fx.context('RECEPTIONIST', LATER), { patientId: patient.id, packageId: other.id }));
    ok(await payInvoice(fx.context('RECEPTIONIST', LATER), { invoiceId: b.id }));
    const context = fx.context('FINANCE', NOW);
    expect(ok(await listInvoices(context, { patientId: patient.id })).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(ok(await listInvoices(context, { patientId: patient.id, status: ['ISSUED'] })).map((i) => i.id)).toEqual([a.id]);
    const page = ok(await listInvoices(context, { patientId: patient.id, first: 1 }));
    expect(ok(await listInvoices(context, { patientId: patient.id, first: 1, afterInvoiceId: page[0]!.id })).map((i) => i.id)).toEqual([a.id]);
    expect(await listInvoices(fx.context('CLINICIAN', NOW), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await balancesOfPatients(context, [patient.id, fx.patient.id])).toEqual(['2875.00', '0.00']);
  });
});
