import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Role } from '../tenancy/role.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { expirePurchases } from '../purchases/expire-purchases.js';
import type { Package } from '../catalogue/package.entity.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import type { Service } from '../catalogue/service.entity.js';
import type { Provider } from '../providers/provider.entity.js';
import { csvField, packageLiability, type PackageLiabilityInput } from './liability-report.js';

/**
 * A history across two clinics of one tenant, all in Riyadh:
 * - speech A1: 3 sessions for 1000.00 (333.33, 333.33, 333.34), sold 2026-10-20, a session on 10-21 and one on 11-03;
 * - OT B1: 2 sessions for 600.00 (300.00 each), sold 11-02, a session on 11-04, expired after 11-12 (breakage 300.00 on 11-13);
 * - speech A2: 1000.00 sold 11-10, untouched.
 */
let db: TestDatabase;
let fx: ClinicFixture;
let speech: Package;
let ot: Package;
let a1: PackagePurchase;
let b1: PackagePurchase;
let a2: PackagePurchase;
/** The sum of the open purchases' liabilities once October's history was written. */
let openAtEndOfOctober: { all: string; speech: string; ot: string };


const report = (input: PackageLiabilityInput, role: Role = 'FINANCE', fixture = fx) =>
  packageLiability(fixture.context(role, fixture.at('2026-12-01', '09:00')), input);

async function deliver(purchase: PackagePurchase, service: Service, provider: Provider, date: string) {
  const appointment = ok(
    await bookAppointment(fx.context('RECEPTIONIST', fx.at(date, '07:00')), {
      patientId: purchase.patient.id,
      providerId: provider.id,
      serviceId: service.id,
      startsAt: fx.at(date, '09:00'),
      packagePurchaseId: purchase.id,
    }),
  );
  ok(await setAppointmentStatus(fx.context('ADMIN', fx.at(date, '12:00')), { appointmentId: appointment.id, status: 'COMPLETED' }));
}

/** What the purchases hold now: the sum of the liabilities of the open (ACTIVE) ones, tenant-wide and per clinic. */
async function openLiabilities(): Promise<{ all: string; speech: string; ot: string }> {
  const { rows } = await db.sql.query<{ all: string; speech: string; ot: string }>(
    `select coalesce(sum(p.liability), 0)::numeric(12,2)::text as all,
            coalesce(sum(p.liability) filter (where pk.clinic_id = $2), 0)::numeric(12,2)::text as speech,
            coalesce(sum(p.liability) filter (where pk.clinic_id = $3), 0)::numeric(12,2)::text as ot
       from package_purchase p join package pk on pk.id = p.package_id
      where p.tenant_id = $1 and p.status = 'ACTIVE'`,
    [fx.tenant.id, fx.clinic.id, fx.otherClinic.id],
  );
  return rows[0]!;
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  speech = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }], price: '1000.00', validityDays: 60 });
  ot = await fx.addPackage({ lines: [{ service: fx.otherClinicService, sessions: 2 }], price: '600.00', validityDays: 10 });

  a1 = await fx.buyPackage({ now: fx.at('2026-10-20', '10:00'), patient: await fx.addPatient(), pkg: speech });
  await deliver(a1, fx.therapy, fx.provider, '2026-10-21');
  openAtEndOfOctober = await openLiabilities();

  b1 = await fx.buyPackage({ now: fx.at('2026-11-02', '10:00'), patient: await fx.addPatient(), pkg: ot });
  await deliver(a1, fx.therapy, fx.provider, '2026-11-03');
  await deliver(b1, fx.otherClinicService, fx.otherClinicProvider, '2026-11-04');
  a2 = await fx.buyPackage({ now: fx.at('2026-11-10', '10:00'), patient: await fx.addPatient(), pkg: speech });
  await expirePurchases(db.orm.em.fork(), fx.at('2026-11-14', '09:00'));
});

afterAll(async () => {
  await db?.drop();
});

describe('the package liability report', () => {
  it('states the worked figures of November for the tenant', async () => {
    const november = ok(await report({ from: '2026-11-01', to: '2026-11-30' }));
    expect(november).toMatchObject({
      currency: 'SAR',
      from: '2026-11-01',
      to: '2026-11-30',
      opening: '666.67', // 1000.00 sold in October, less 333.33 recognised then
      sold: '1600.00', // 600.00 + 1000.00
      recognised: '633.33', // 333.33 + 300.00
      breakage: '300.00',
      refunded: '0.00',
      transferredIn: '0.00',
      transferredOut: '0.00',
      closing: '1333.34', // 666.67 + 1600.00 - 633.33 - 300.00
      sessionsRecognised: 2,
    });
    expect(november.entries.map((entry) => [entry.occurredOn, entry.kind, entry.amount, entry.packagePurchaseId])).toEqual([
      ['2026-11-02', 'SOLD', '600.00', b1.id],
      ['2026-11-03', 'RECOGNISED', '333.33', a1.id],
      ['2026-11-04', 'RECOGNISED', '300.00', b1.id],
      ['2026-11-10', 'SOLD', '1000.00', a2.id],
      ['2026-11-13', 'BREAKAGE', '300.00', b1.id],
    ]);
  });

  it("closes each period at the sum of the open purchases' liabilities at its end, tenant-wide and per clinic", async () => {
    const now = await openLiabilities();
    expect(now).toEqual({ all: '1333.34', speech: '1333.34', ot: '0.00' });
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-30' })).closing).toBe(now.all);
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-30', clinicId: fx.clinic.id })).closing).toBe(now.speech);
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-30', clinicId: fx.otherClinic.id })).closing).toBe(now.ot);

    expect(openAtEndOfOctober).toEqual({ all: '666.67', speech: '666.67', ot: '0.00' });
    const october = ok(await report({ from: '2026-10-01', to: '2026-10-31' }));
    expect(october).toMatchObject({ opening: '0.00', sold: '1000.00', recognised: '333.33', sessionsRecognised: 1, closing: openAtEndOfOctober.all });
    // One period's closing is the next one's opening.
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-01' })).opening).toBe(october.closing);
  });

  it('counts a purchase in the clinic whose package was sold', async () => {
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-30', clinicId: fx.clinic.id }))).toMatchObject({
      opening: '666.67',
      sold: '1000.00',
      recognised: '333.33',
      breakage: '0.00',
      closing: '1333.34',
      sessionsRecognised: 1,
    });
    const otReport = ok(await report({ from: '2026-11-01', to: '2026-11-30', clinicId: fx.otherClinic.id }));
    expect(otReport).toMatchObject({ opening: '0.00', sold: '600.00', recognised: '300.00', breakage: '300.00', closing: '0.00', sessionsRecognised: 1 });
    expect(new Set(otReport.entries.map((entry) => entry.clinicId))).toEqual(new Set([fx.otherClinic.id]));
  });

  it('writes the figures and the entries as CSV with a header row', async () => {
    const { csv } = ok(await report({ from: '2026-11-01', to: '2026-11-30', clinicId: fx.otherClinic.id }));
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      'record,date,kind,direction,package_purchase_id,clinic_id,sessions,amount,currency',
      'figure,2026-11-01,OPENING,,,,,0.00,SAR',
      `entry,2026-11-02,SOLD,,${b1.id},${fx.otherClinic.id},,600.00,SAR`,
      `entry,2026-11-04,RECOGNISED,,${b1.id},${fx.otherClinic.id},,300.00,SAR`,
      `entry,2026-11-13,BREAKAGE,,${b1.id},${fx.otherClinic.id},,300.00,SAR`,
      'figure,2026-11-30,SOLD,,,,,600.00,SAR',
      'figure,2026-11-30,RECOGNISED,,,,1,300.00,SAR',
      'figure,2026-11-30,BREAKAGE,,,,,300.00,SAR',
      'figure,2026-11-30,REFUNDED,,,,,0.00,SAR',
      'figure,2026-11-30,TRANSFERRED_IN,,,,,0.00,SAR',
      'figure,2026-11-30,TRANSFERRED_OUT,,,,,0.00,SAR',
      'figure,2026-11-30,CLOSING,,,,,0.00,SAR',
    ]);
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines')]).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"']);
  });

  it('nets reversals out of recognised, and moves transfers between clinics (nothing tenant-wide)', async () => {
    const other = await createClinicFixture(db.orm, { slug: 'transfers' });
    const from = await other.buyPackage({ now: other.at('2026-11-02', '10:00') });
    const toPkg = await other.addPackage({ lines: [{ service: other.otherClinicService, sessions: 2 }], price: '600.00' });
    const to = await other.buyPackage({ now: other.at('2026-11-02', '10:00'), pkg: toPkg });
    const insert = (purchaseId: string, kind: string, amount: string, direction: string | null = null) =>
      db.sql.query(
        `insert into ledger_entry (id, tenant_id, package_purchase_id, kind, amount, occurred_on, transfer_direction) values (gen_random_uuid(), $1, $2, $3, $4, '2026-11-05', $5)`,
        [other.tenant.id, purchaseId, kind, amount, direction],
      );
    await insert(from.id, 'RECOGNISED', '150.00');
    await insert(from.id, 'REVERSED', '150.00');
    await insert(from.id, 'TRANSFERRED', '400.00', 'OUT');
    await insert(to.id, 'TRANSFERRED', '400.00', 'IN');
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const all = ok(await report(period, 'ADMIN', other));
    expect(all).toMatchObject({ recognised: '0.00', sessionsRecognised: 0, transferredIn: '400.00', transferredOut: '400.00', closing: '3100.00' }); // 2500.00 + 600.00
    expect(ok(await report({ ...period, clinicId: other.clinic.id }, 'ADMIN', other))).toMatchObject({ transferredOut: '400.00', transferredIn: '0.00', closing: '2100.00' });
    expect(ok(await report({ ...period, clinicId: other.otherClinic.id }, 'ADMIN', other))).toMatchObject({ transferredIn: '400.00', closing: '1000.00' });
    const { rows } = await db.sql.query<{ sum: string }>(`select sum(liability)::text as sum from package_purchase where tenant_id = $1`, [other.tenant.id]);
    expect(rows[0]!.sum).toBe(all.closing);
    // Neither tenant sees the other's ledger.
    expect(ok(await report(period)).closing).toBe('1333.34');
  });
});

describe('the report refuses, and answers nothing of another tenant', () => {
  it('is for ADMIN and FINANCE only', async () => {
    for (const role of ['RECEPTIONIST', 'CLINICIAN'] as const) {
      const answer = await report({ from: '2026-11-01', to: '2026-11-30' }, role);
      expect(answer.ok ? null : answer.error.code, role).toBe('FORBIDDEN');
    }
    expect((await report({ from: '2026-11-01', to: '2026-11-30' }, 'ADMIN')).ok).toBe(true);
  });

  it('refuses bad periods with VALIDATION and an unknown or foreign clinic with NOT_FOUND', async () => {
    const refusal = async (input: PackageLiabilityInput) => {
      const answer = await report(input);
      return answer.ok ? null : [answer.error.code, answer.error.field];
    };
    expect(await refusal({ from: '2026-11-31', to: '2026-12-01' })).toEqual(['VALIDATION', ['from']]);
    expect(await refusal({ from: '2026-11-01', to: 'soon' })).toEqual(['VALIDATION', ['to']]);
    expect(await refusal({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['VALIDATION', ['to']]);
    expect(await refusal({ from: '2026-01-01', to: '2027-01-02' })).toEqual(['VALIDATION', ['to']]);
    expect(await refusal({ from: '2026-11-01', to: '2026-11-30', clinicId: 'nope' })).toEqual(['NOT_FOUND', ['clinicId']]);
    const stranger = await createClinicFixture(db.orm, { slug: 'stranger' });
    expect(await refusal({ from: '2026-11-01', to: '2026-11-30', clinicId: stranger.clinic.id })).toEqual(['NOT_FOUND', ['clinicId']]);
    expect(ok(await report({ from: '2026-11-01', to: '2026-11-30' }, 'FINANCE', stranger))).toMatchObject({ opening: '0.00', sold: '0.00', closing: '0.00', entries: [] });
  });
});
