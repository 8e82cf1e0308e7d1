import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, endPurchaseInDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { availablePackages } from './available-packages.js';
import { packageProgress } from './package-progress.js';
import { expirePurchases } from './expire-purchases.js';
import { payInvoice, purchasePackage } from './purchase-package.js';
import { voidInvoice } from '../billing/invoices.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;
let other: ClinicFixture;

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.sql.query<{ n: string }>(`select count(*)::text as n from (${sql}) as q`, params);
  return Number(rows[0]?.n);
}

async function purchaseRow(id: string) {
  const { rows } = await db.sql.query(
    `select status, sessions_used, total_sessions, purchase_date::text, expiry_date::text from package_purchase where id = $1`,
    [id],
  );
  return rows[0] as { status: string; sessions_used: number; total_sessions: number; purchase_date: string; expiry_date: string };
}


beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  other = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});

describe('purchasing a package', () => {
  it('issues an ISSUED invoice and creates no purchase', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: fx.pkg.id }));
    expect(invoice.status).toBe('ISSUED');
    // The package price is tax-exclusive: 2500.00 + 15 % VAT.
    expect({ subtotal: invoice.subtotal, tax: invoice.tax, total: invoice.total, currency: invoice.currency }).toEqual({
      subtotal: '2500.00',
      tax: '375.00',
      total: '2875.00',
      currency: 'SAR',
    });
    expect(invoice.number).toMatch(/^INV-2026-\d{6}$/);
    const { rows } = await db.sql.query(`select status, paid_at from invoice where id = $1`, [invoice.id]);
    expect(rows).toEqual([{ status: 'ISSUED', paid_at: null }]);
    expect(await count(`select 1 from package_purchase where patient_id = $1`, [patient.id])).toBe(0);
  });

  it('creates the ACTIVE purchase with its total snapshot, clinic-local purchase date and expiry when the invoice is paid', async () => {
    const patient = await fx.addPatient();
    // 22:30 UTC on the 24th is 01:30 on the 25th in Riyadh: the purchase date is the clinic's.
    const lateEvening = new Date('2026-11-24T22:30:00Z');
    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', lateEvening), { patientId: patient.id, packageId: fx.pkg.id }));
    const paid = ok(await payInvoice(fx.context('RECEPTIONIST', lateEvening), { invoiceId: invoice.id }));
    expect(paid.invoice.status).toBe('PAID');
    const row = await purchaseRow(paid.packagePurchase.id);
    expect(row).toEqual({
      status: 'ACTIVE',
      sessions_used: 0,
      total_sessions: 10,
      purchase_date: '2026-11-25',
      expiry_date: '2027-02-23', // 2026-11-25 + 90 days
    });
    const { rows } = await db.sql.query(`select status, paid_at from invoice where id = $1`, [invoice.id]);
    expect(rows).toEqual([{ status: 'PAID', paid_at: lateEvening }]);

    // The total is a snapshot: changing the catalogue later does not change the purchase.
    await db.sql.query(`update package set total_sessions = 12 where id = $1`, [fx.pkg.id]);
    try {
      expect((await purchaseRow(paid.packagePurchase.id)).total_sessions).toBe(10);
    } finally {
      await db.sql.query(`update package set total_sessions = 10 where id = $1`, [fx.pkg.id]);
    }
  });

  it('creates nothing when an invoice is paid twice', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: fx.pkg.id }));
    const first = ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }));
    const second = ok(await payInvoice(fx.context('RECEPTIONIST', new Date(NOW.getTime() + 3_600_000)), { invoiceId: invoice.id }));
    expect(second.packagePurchase.id).toBe(first.packagePurchase.id);
    expect(await count(`select 1 from package_purchase where invoice_id = $1`, [invoice.id])).toBe(1);
    const { rows } = await db.sql.query(`select paid_at from invoice where id = $1`, [invoice.id]);
    expect(rows[0].paid_at).toEqual(NOW);
  });

  it('creates exactly one purchase when the same invoice is paid twice concurrently', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: fx.pkg.id }));
    const results = await Promise.all([
      payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id }),
      payInvoice(fx.context('FINANCE', NOW), { invoiceId: invoice.id }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const ids = new Set(results.map((r) => (r.ok ? r.value.packagePurchase.id : null)));
    expect(ids.size).toBe(1);
    expect(await count(`select 1 from package_purchase where invoice_id = $1`, [invoice.id])).toBe(1);
  });

  it('refuses to pay a VOID invoice with INVOICE_VOID and creates nothing', async () => {
    const patient = await fx.addPatient();
    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: fx.pkg.id }));
    ok(await voidInvoice(fx.context('FINANCE', NOW), { invoiceId: invoice.id, reason: 'Issued by mistake' }));
    const refused = await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: invoice.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVOICE_VOID', field: ['input', 'invoiceId'] } });
    expect(await count(`select 1 from package_purchase where invoice_id = $1`, [invoice.id])).toBe(0);
  });

  it('refuses to sell a package that is no longer active', async () => {
    const patient = await fx.addPatient();
    const retired = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 5 }] });
    await db.sql.query(`update package set active = false where id = $1`, [retired.id]);
    const refused = await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: retired.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'packageId'] } });
    expect(await count(`select 1 from invoice where patient_id = $1`, [patient.id])).toBe(0);
  });

  it('lets a FINANCE user purchase and pay a package', async () => {
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient, role: 'FINANCE' });
    expect((await purchaseRow(purchase.id)).status).toBe('ACTIVE');
  });

  it('refuses a CLINICIAN a purchase or a payment with FORBIDDEN and writes nothing', async () => {
    const patient = await fx.addPatient();
    const invoices = () => count(`select 1 from invoice where patient_id = $1`, [patient.id]);
    const audits = () => count(`select 1 from audit_event where tenant_id = $1`, [fx.tenant.id]);
    const auditsBefore = await audits();

    const refused = await purchasePackage(fx.context('CLINICIAN', NOW), { patientId: patient.id, packageId: fx.pkg.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
    expect(await invoices()).toBe(0);

    const invoice = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: fx.pkg.id }));
    const auditsAfterPurchase = await audits();
    expect(auditsAfterPurchase).toBe(auditsBefore + 1);
    const payment = await payInvoice(fx.context('CLINICIAN', NOW), { invoiceId: invoice.id });
    expect(payment.ok).toBe(false);
    if (!payment.ok) expect(payment.error.code).toBe('FORBIDDEN');
    const { rows } = await db.sql.query(`select status from invoice where id = $1`, [invoice.id]);
    expect(rows[0].status).toBe('ISSUED');
    expect(await count(`select 1 from package_purchase where patient_id = $1`, [patient.id])).toBe(0);
    expect(await audits()).toBe(auditsAfterPurchase);
  });

  it("answers NOT_FOUND for another tenant's patient, package, invoice and purchase", async () => {
    const ctx = () => fx.context('ADMIN', NOW);
    const otherPurchase = await other.buyPackage({ now: NOW });

    const byPatient = await purchasePackage(ctx(), { patientId: other.patient.id, packageId: fx.pkg.id });
    expect(byPatient).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: ['input', 'patientId'] } });
    const byPackage = await purchasePackage(ctx(), { patientId: fx.patient.id, packageId: other.pkg.id });
    expect(byPackage).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: ['input', 'packageId'] } });

    const otherInvoice = ok(await purchasePackage(other.context('ADMIN', NOW), { patientId: other.patient.id, packageId: other.pkg.id }));
    const payment = await payInvoice(ctx(), { invoiceId: otherInvoice.id });
    expect(payment).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { rows } = await db.sql.query(`select status from invoice where id = $1`, [otherInvoice.id]);
    expect(rows[0].status).toBe('ISSUED');

    expect(await packageProgress(ctx(), otherPurchase.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await availablePackages(ctx(), { patientId: other.patient.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await payInvoice(ctx(), { invoiceId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await payInvoice(ctx(), { invoiceId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('rule 5: available packages', () => {
  it('lists the ACTIVE, unexpired purchases of the patient with sessions remaining, and how many are still unbooked', async () => {
    const patient = await fx.addPatient();
    const someoneElse = await fx.addPatient();
    const longAgo = new Date('2026-08-01T05:00:00Z'); // expires 2026-10-30: expired by date, still ACTIVE in storage
    const expired = await fx.buyPackage({ now: longAgo, patient });
    const completed = await fx.buyPackage({ now: NOW, patient });
    await endPurchaseInDatabase(db.sql, completed.id, 'COMPLETED');
    await fx.buyPackage({ now: NOW, patient: someoneElse });
    const otPackage = await fx.addPackage({ lines: [{ service: fx.otherClinicService, sessions: 4 }], validityDays: 60 });
    const ot = await fx.buyPackage({ now: NOW, patient, pkg: otPackage });
    const open = await fx.buyPackage({ now: NOW, patient });

    // Three sessions booked; one completed, one cancelled well ahead (frees its number).
    const book = async (time: string) =>
      ok(
        await bookAppointment(fx.context('RECEPTIONIST', NOW), {
          patientId: patient.id,
          providerId: fx.provider.id,
          serviceId: fx.therapy.id,
          startsAt: fx.at('2026-11-30', time),
          packagePurchaseId: open.id,
        }),
      );
    const first = await book('08:00');
    await book('09:00');
    const third = await book('10:00');
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: first.id, status: 'COMPLETED' }));
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: third.id, status: 'CANCELLED' }));

    const all = ok(await availablePackages(fx.context('RECEPTIONIST', NOW), { patientId: patient.id }));
    const ids = all.map((a) => a.packagePurchase.id);
    expect(ids).not.toContain(expired.id);
    expect(ids).not.toContain(completed.id);
    expect(ids.sort()).toEqual([open.id, ot.id].sort());
    const entry = all.find((a) => a.packagePurchase.id === open.id);
    // 10 total, 1 used: 9 remaining, of which 1 is booked and not yet delivered.
    expect(entry).toMatchObject({ sessionsRemaining: 9, sessionsUnscheduled: 8 });
    expect(all.find((a) => a.packagePurchase.id === ot.id)).toMatchObject({ sessionsRemaining: 4, sessionsUnscheduled: 4 });

    const slpOnly = ok(await availablePackages(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, clinicId: fx.clinic.id }));
    expect(slpOnly.map((a) => a.packagePurchase.id)).toEqual([open.id]);

    // On the day after its expiry date a purchase is no longer available, whatever its stored status.
    const afterExpiry = ok(
      await availablePackages(fx.context('RECEPTIONIST', fx.at('2027-02-23', '00:00')), { patientId: patient.id, clinicId: fx.clinic.id }),
    );
    expect(afterExpiry).toEqual([]);
    const onExpiryDay = ok(
      await availablePackages(fx.context('RECEPTIONIST', fx.at('2027-02-22', '23:59')), { patientId: patient.id, clinicId: fx.clinic.id }),
    );
    expect(onExpiryDay.map((a) => a.packagePurchase.id)).toEqual([open.id]);
  });
});

describe('rule 6: package progress', () => {
  it('counts total, used, remaining, unscheduled, scheduled, completed, cancelled and no-show, with the appointments in session order', async () => {
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient });
    const times = ['08:00', '09:00', '10:00', '11:00', '13:00'];
    const booked = [];
    // Booked in reverse time order so that session order differs from time order.
    for (const time of [...times].reverse()) {
      booked.push(
        ok(
          await bookAppointment(fx.context('RECEPTIONIST', NOW), {
            patientId: patient.id,
            providerId: fx.provider.id,
            serviceId: fx.therapy.id,
            startsAt: fx.at('2026-12-01', time),
            packagePurchaseId: purchase.id,
          }),
        ),
      );
    }
    expect(booked.map((a) => a.sessionNumberInPackage)).toEqual([1, 2, 3, 4, 5]);
    const [s1, s2, s3, s4] = booked;
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: s1!.id, status: 'COMPLETED' }));
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: s2!.id, status: 'CANCELLED' })); // a week ahead: consumes nothing
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: s3!.id, status: 'NO_SHOW' })); // default policy: consumes
    ok(await setAppointmentStatus(fx.context('ADMIN', NOW), { appointmentId: s4!.id, status: 'CONFIRMED' }));

    const progress = ok(await packageProgress(fx.context('CLINICIAN', NOW), purchase.id));
    expect(progress).toMatchObject({
      totalSessions: 10,
      sessionsUsed: 2,
      sessionsRemaining: 8,
      // 8 remaining minus the two live sessions not yet delivered (4 confirmed, 5 booked).
      sessionsUnscheduled: 6,
      scheduledAppointments: 2,
      completedAppointments: 1,
      cancelledAppointments: 1,
      noShowAppointments: 1,
      percentUsed: 20,
    });
    expect(progress.appointments.map((a) => [a.sessionNumberInPackage, a.status])).toEqual([
      [1, 'COMPLETED'],
      [2, 'CANCELLED'],
      [3, 'NO_SHOW'],
      [4, 'CONFIRMED'],
      [5, 'BOOKED'],
    ]);
  });
});

describe('rule 3: expiry', () => {
  let expiryDb: TestDatabase;
  let riyadh: ClinicFixture;
  let newYork: ClinicFixture;

  beforeAll(async () => {
    // A database of its own: expirePurchases works across every tenant.
    expiryDb = await createTestDatabase();
    riyadh = await createClinicFixture(expiryDb.orm);
    newYork = await createClinicFixture(expiryDb.orm, { zone: 'America/New_York' });
  });

  afterAll(async () => {
    await expiryDb?.drop();
  });

  it('marks a purchase EXPIRED from the day after its expiry date, in clinic-local time', async () => {
    const purchase = await riyadh.buyPackage({ now: NOW }); // 2026-11-24 + 90 = 2027-02-22
    const completed = await riyadh.buyPackage({ now: NOW, patient: await riyadh.addPatient() });
    await endPurchaseInDatabase(expiryDb.sql, completed.id, 'COMPLETED');
    // 2026-11-23 20:00 in New York: bought on the 23rd, expires 2027-02-21 local.
    const nyPurchase = await newYork.buyPackage({ now: new Date('2026-11-24T01:00:00Z') });
    const status = async (id: string) =>
      (await expiryDb.sql.query(`select status from package_purchase where id = $1`, [id])).rows[0].status as string;
    expect((await expiryDb.sql.query(`select expiry_date::text as d from package_purchase where id = $1`, [purchase.id])).rows[0].d).toBe(
      '2027-02-22',
    );
    expect((await expiryDb.sql.query(`select expiry_date::text as d from package_purchase where id = $1`, [nyPurchase.id])).rows[0].d).toBe(
      '2027-02-21',
    );

    // The last minute of the expiry date in Riyadh (and 15:59 on the 22nd in New York): New York's has expired.
    expect(await expirePurchases(expiryDb.orm.em, riyadh.at('2027-02-22', '23:59'))).toBe(1);
    expect(await status(purchase.id)).toBe('ACTIVE');
    expect(await status(nyPurchase.id)).toBe('EXPIRED');

    // Midnight starting the next local day.
    expect(await expirePurchases(expiryDb.orm.em, riyadh.at('2027-02-23', '00:00'))).toBe(1);
    expect(await status(purchase.id)).toBe('EXPIRED');
    expect(await status(completed.id)).toBe('COMPLETED');

    // Running it again changes nothing.
    expect(await expirePurchases(expiryDb.orm.em, riyadh.at('2027-02-24', '00:00'))).toBe(0);

    const { rows } = await expiryDb.sql.query(
      `select actor_id, operation, before, after, occurred_at from audit_event where entity_id = $1 and operation = 'expirePurchases'`,
      [purchase.id],
    );
    expect(rows).toEqual([
      {
        actor_id: null,
        operation: 'expirePurchases',
        before: expect.objectContaining({ status: 'ACTIVE' }),
        after: expect.objectContaining({ status: 'EXPIRED' }),
        occurred_at: riyadh.at('2027-02-23', '00:00'),
      },
    ]);
  });

  it('keeps a New York purchase ACTIVE through its expiry date in New York, though the day is over in UTC', async () => {
    const purchase = await newYork.buyPackage({ now: newYork.at('2026-11-24', '12:00'), patient: await newYork.addPatient() }); // expires 2027-02-22
    const status = async () =>
      (await expiryDb.sql.query(`select status from package_purchase where id = $1`, [purchase.id])).rows[0].status as string;
    // 2027-02-23T03:00Z is 22:00 on the 22nd in New York.
    await expirePurchases(expiryDb.orm.em, new Date('2027-02-23T03:00:00Z'));
    expect(await status()).toBe('ACTIVE');
    await expirePurchases(expiryDb.orm.em, newYork.at('2027-02-23', '00:00'));
    expect(await status()).toBe('EXPIRED');
  });
});

describe('PackagePurchase.sessionsRemaining', () => {
  it('is the total minus the sessions used', async () => {
    const purchase = await fx.buyPackage({ now: NOW, patient: await fx.addPatient() });
    const loaded = await db.orm.em.fork().findOneOrFail(PackagePurchase, purchase.id);
    expect(loaded.sessionsRemaining).toBe(10);
  });
});
