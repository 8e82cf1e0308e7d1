import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, endPurchaseInDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Role } from '../tenancy/role.js';
import type { Patient } from '../patients/patient.entity.js';
import type { Provider } from '../providers/provider.entity.js';
import type { Package } from '../catalogue/package.entity.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { availablePackages } from '../purchases/available-packages.js';
import { packageProgress } from '../purchases/package-progress.js';
import type { Result } from '../kernel/domain-error.js';
import type { AppointmentStatus } from './appointment-status.js';
import { bookAppointment } from './book-appointment.js';
import { setAppointmentStatus } from './set-appointment-status.js';
import { rescheduleAppointment } from './reschedule-appointment.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. The purchases bought now expire on 2027-02-22. */
const NOW = new Date('2026-11-24T05:00:00Z');

let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});


function codeOf(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.sql.query<{ n: string }>(`select count(*)::text as n from (${sql}) as q`, params);
  return Number(rows[0]?.n);
}

interface AppointmentRow {
  status: AppointmentStatus;
  starts_at: Date;
  ends_at: Date;
  provider_id: string;
  package_id: string | null;
  package_purchase_id: string | null;
  session_number_in_package: number | null;
  package_total_sessions: number | null;
  session_consumed: boolean;
  applied_policy: Record<string, unknown> | null;
  updated_at: Date;
}

async function appointmentRow(id: string): Promise<AppointmentRow> {
  const { rows } = await db.sql.query(`select * from appointment where id = $1`, [id]);
  return rows[0] as AppointmentRow;
}

async function purchaseRow(id: string): Promise<{ status: string; sessions_used: number }> {
  const { rows } = await db.sql.query(`select status, sessions_used from package_purchase where id = $1`, [id]);
  return rows[0] as { status: string; sessions_used: number };
}

const auditCount = (entityId: string) => count(`select 1 from audit_event where entity_id = $1`, [entityId]);

/** A patient, a provider of the clinic and a purchase of their own, so that tests never share a calendar. */
async function world(options: { pkg?: Package; boughtAt?: Date } = {}) {
  const patient = await fx.addPatient();
  const provider = await fx.addProvider();
  const purchase = await fx.buyPackage({ now: options.boughtAt ?? NOW, patient, ...(options.pkg ? { pkg: options.pkg } : {}) });
  return { patient, provider, purchase };
}

function book(
  input: { patient: Patient; provider: Provider; startsAt: Date; purchase?: PackagePurchase | null; serviceId?: string },
  options: { role?: Role; now?: Date; f?: ClinicFixture } = {},
) {
  const f = options.f ?? fx;
  return bookAppointment(f.context(options.role ?? 'RECEPTIONIST', options.now ?? NOW), {
    patientId: input.patient.id,
    providerId: input.provider.id,
    serviceId: input.serviceId ?? f.therapy.id,
    startsAt: input.startsAt,
    packagePurchaseId: input.purchase?.id ?? null,
  });
}

function move(appointment: { id: string }, status: AppointmentStatus, options: { role?: Role; now?: Date; f?: ClinicFixture } = {}) {
  const f = options.f ?? fx;
  return setAppointmentStatus(f.context(options.role ?? 'ADMIN', options.now ?? NOW), { appointmentId: appointment.id, status });
}

describe('single appointments', () => {
  it('leaves a single appointment without a package untouched by package logic', async () => {
    const { patient, provider, purchase } = await world();
    const single = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
    const row = await appointmentRow(single.id);
    expect(row).toMatchObject({
      status: 'BOOKED',
      package_id: null,
      package_purchase_id: null,
      session_number_in_package: null,
      package_total_sessions: null,
      session_consumed: false,
    });
    const change = ok(await move(single, 'COMPLETED'));
    expect(change.packagePurchase).toBeNull();
    expect(await appointmentRow(single.id)).toMatchObject({ status: 'COMPLETED', session_consumed: false, package_purchase_id: null });
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 0 });

    // A late cancellation or a no-show of a single appointment applies no package policy either.
    const late = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '10:00') }));
    ok(await move(late, 'CANCELLED'));
    const noShow = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '11:00') }));
    ok(await move(noShow, 'NO_SHOW'));
    expect(await appointmentRow(late.id)).toMatchObject({ session_consumed: false, applied_policy: null });
    expect(await appointmentRow(noShow.id)).toMatchObject({ session_consumed: false, applied_policy: null });
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 0 });
  });
});

describe('rule 7: booking one session takes the lowest free session number', () => {
  it('takes the lowest free session number, not sessionsUsed + 1', async () => {
    const { patient, provider, purchase } = await world();
    const at = (time: string) => fx.at('2026-11-25', time);
    const s1 = ok(await book({ patient, provider, purchase, startsAt: at('08:00') }));
    const s2 = ok(await book({ patient, provider, purchase, startsAt: at('09:00') }));
    const s3 = ok(await book({ patient, provider, purchase, startsAt: at('10:00') }));
    expect([s1, s2, s3].map((a) => a.sessionNumberInPackage)).toEqual([1, 2, 3]);
    ok(await move(s1, 'COMPLETED')); // sessionsUsed 1: "used + 1" would be 2, which is taken
    ok(await move(s2, 'CANCELLED')); // a day ahead: frees number 2
    const again = ok(await book({ patient, provider, purchase, startsAt: at('13:00') }));
    expect(again.sessionNumberInPackage).toBe(2);
    const next = ok(await book({ patient, provider, purchase, startsAt: at('14:00') }));
    expect(next.sessionNumberInPackage).toBe(4);
    expect(await appointmentRow(again.id)).toMatchObject({ package_purchase_id: purchase.id, package_total_sessions: 10 });
  });

  it('gives concurrent bookings of one purchase distinct session numbers', async () => {
    const { patient, purchase } = await world();
    const providers = await Promise.all(Array.from({ length: 5 }, () => fx.addProvider()));
    const days = ['2026-11-25', '2026-11-26', '2026-11-29', '2026-11-30', '2026-12-01'];
    const results = await Promise.all(
      providers.map((provider, i) => book({ patient, provider, purchase, startsAt: fx.at(days[i]!, '08:00') })),
    );
    const numbers = results.map((r) => ok(r).sessionNumberInPackage).sort((a, b) => a! - b!);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
  });

  it("takes the lowest free session number of the booked service's line", async () => {
    const mixed = await fx.addPackage({ lines: [{ service: fx.assessment, sessions: 1 }, { service: fx.therapy, sessions: 3 }] });
    const { patient, provider, purchase } = await world({ pkg: mixed });
    const therapy = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }));
    expect(therapy.sessionNumberInPackage).toBe(2);
    const assessment = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '09:00'), serviceId: fx.assessment.id }));
    expect(assessment.sessionNumberInPackage).toBe(1);
    const second = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '10:15'), serviceId: fx.assessment.id });
    expect(codeOf(second)).toBe('NO_SESSIONS_REMAINING');
  });

  it('refuses with NO_SESSIONS_REMAINING when no session is unbooked, and writes nothing', async () => {
    const two = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 2 }] });
    const { patient, provider, purchase } = await world({ pkg: two });
    ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }));
    ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '09:00') }));
    const refused = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '10:00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NO_SESSIONS_REMAINING', field: ['input', 'packagePurchaseId'] } });
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(2);
  });
});

describe('rule 4: ownership', () => {
  it("refuses another patient's purchase with PACKAGE_NOT_FOR_PATIENT", async () => {
    const { provider, purchase } = await world();
    const stranger = await fx.addPatient();
    const refused = await book({ patient: stranger, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PACKAGE_NOT_FOR_PATIENT', field: ['input', 'packagePurchaseId'] } });
    expect(await count(`select 1 from appointment where patient_id = $1`, [stranger.id])).toBe(0);
  });

  it('refuses a service that is not in the package with SERVICE_NOT_IN_PACKAGE', async () => {
    const { patient, provider, purchase } = await world();
    const refused = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00'), serviceId: fx.assessment.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SERVICE_NOT_IN_PACKAGE', field: ['input', 'serviceId'] } });
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
  });

  it("refuses a provider who does not work in the package's clinic with PROVIDER_NOT_IN_CLINIC", async () => {
    const { patient, purchase } = await world();
    const refused = await book({ patient, provider: fx.otherClinicProvider, purchase, startsAt: fx.at('2026-11-25', '08:00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROVIDER_NOT_IN_CLINIC', field: ['input', 'providerId'] } });
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
  });

  it('books a session for the owner, with a service of the package and a provider of its clinic', async () => {
    const { patient, provider, purchase } = await world();
    const booked = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }));
    expect(await appointmentRow(booked.id)).toMatchObject({ package_purchase_id: purchase.id, package_id: fx.pkg.id, session_number_in_package: 1 });
  });
});

describe('rule 3: expiry', () => {
  it('refuses a session that would start after the expiry date with PACKAGE_EXPIRED', async () => {
    const { patient, provider, purchase } = await world(); // expires 2027-02-22
    const late = await book({ patient, provider, purchase, startsAt: fx.at('2027-02-23', '08:00') });
    expect(late).toMatchObject({ ok: false, error: { code: 'PACKAGE_EXPIRED', field: ['input', 'startsAt'] } });
    // The expiry date itself (a Monday) is still bookable.
    const lastDay = ok(await book({ patient, provider, purchase, startsAt: fx.at('2027-02-22', '15:00') }));
    expect(lastDay.sessionNumberInPackage).toBe(1);
  });

  it('refuses an expired purchase with PACKAGE_EXPIRED', async () => {
    const { patient, provider, purchase } = await world({ boughtAt: new Date('2026-08-01T05:00:00Z') }); // expired 2026-10-30
    const refused = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PACKAGE_EXPIRED' } });
    await endPurchaseInDatabase(db.sql, purchase.id, 'EXPIRED');
    expect(codeOf(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }))).toBe('PACKAGE_EXPIRED');
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
  });

  it('refuses a completed or cancelled purchase with PACKAGE_NOT_ACTIVE', async () => {
    const { patient, provider, purchase } = await world();
    await endPurchaseInDatabase(db.sql, purchase.id, 'CANCELLED');
    expect(codeOf(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }))).toBe('PACKAGE_NOT_ACTIVE');
    await endPurchaseInDatabase(db.sql, purchase.id, 'COMPLETED');
    const completed = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') });
    expect(['PACKAGE_NOT_ACTIVE', 'NO_SESSIONS_REMAINING']).toContain(codeOf(completed));
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
  });
});

describe('working hours', () => {
  it('refuses a time outside the working hours with OUTSIDE_WORKING_HOURS', async () => {
    const { patient, provider } = await world();
    const tries = [
      fx.at('2026-11-25', '07:45'), // before opening
      fx.at('2026-11-25', '11:30'), // runs into the break at 12:00
      fx.at('2026-11-25', '12:15'), // during the break
      fx.at('2026-11-25', '15:30'), // ends 16:15, after closing
      fx.at('2026-11-27', '09:00'), // a Friday
    ];
    for (const startsAt of tries) {
      const refused = await book({ patient, provider, startsAt });
      expect(refused, fx.local(startsAt)).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKING_HOURS', field: ['input', 'startsAt'] } });
    }
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
    // Exactly the last 45 minutes of the day fit.
    ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '15:15') }));
  });

  it('refuses a time in the past with VALIDATION', async () => {
    const { patient, provider } = await world();
    const refused = await book({ patient, provider, startsAt: fx.at('2026-11-23', '09:00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'startsAt'] } });
  });
});

describe('rule 8: no double booking', () => {
  it('refuses with SLOT_TAKEN an overlapping appointment of the same provider', async () => {
    const { patient, provider } = await world();
    const otherPatient = await fx.addPatient();
    ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
    const refused = await book({ patient: otherPatient, provider, startsAt: fx.at('2026-11-25', '09:30') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } });
    // Back to back is fine ([start, end)).
    ok(await book({ patient: otherPatient, provider, startsAt: fx.at('2026-11-25', '09:45') }));
  });

  it('refuses with SLOT_TAKEN an overlapping appointment of the same patient', async () => {
    const { patient, provider } = await world();
    const otherProvider = await fx.addProvider();
    ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
    const refused = await book({ patient, provider: otherProvider, startsAt: fx.at('2026-11-25', '09:15') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } });
    expect(await count(`select 1 from appointment where provider_id = $1`, [otherProvider.id])).toBe(0);
  });

  it('a cancelled appointment does not hold its slot', async () => {
    const { patient, provider } = await world();
    const otherPatient = await fx.addPatient();
    const first = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
    ok(await move(first, 'CANCELLED'));
    ok(await book({ patient: otherPatient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
  });

  it('is enforced by the database: concurrent bookings of one slot leave exactly one appointment', async () => {
    const provider = await fx.addProvider();
    const patients = await Promise.all(Array.from({ length: 10 }, () => fx.addPatient()));
    const results = await Promise.all(patients.map((patient) => book({ patient, provider, startsAt: fx.at('2026-11-25', '10:00') })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(Array(9).fill('SLOT_TAKEN'));
    expect(await count(`select 1 from appointment where provider_id = $1`, [provider.id])).toBe(1);

    // Plain SQL around the domain code is refused as well.
    const existing = (await db.sql.query(`select * from appointment where provider_id = $1`, [provider.id])).rows[0];
    const error = await db.sql
      .query(
        `insert into appointment (id, tenant_id, number, patient_id, provider_id, clinic_id, service_id, starts_at, ends_at, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'BOOKED')`,
        [
          randomUUID(), fx.tenant.id, `APT-X-${randomUUID().slice(0, 6)}`, patients.find((p) => p.id !== existing.patient_id)!.id,
          provider.id, fx.clinic.id, fx.therapy.id, new Date(existing.starts_at.getTime() + 600_000), new Date(existing.ends_at.getTime() + 600_000),
        ],
      )
      .then(() => null, (e: { code: string; constraint: string }) => e);
    expect(error).toMatchObject({ code: '23P01', constraint: 'appointment_provider_no_overlap' });
  });
});

describe('life cycle', () => {
  async function single(time: string, date = '2026-11-26') {
    const { patient, provider } = await world();
    return ok(await book({ patient, provider, startsAt: fx.at(date, time) }));
  }

  it('moves forward one step at a time: BOOKED, CONFIRMED, ARRIVED, IN_PROGRESS, COMPLETED', async () => {
    const appointment = await single('08:00');
    for (const status of ['CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED'] as const) {
      const change = ok(await move(appointment, status));
      expect(change.appointment.status).toBe(status);
      expect((await appointmentRow(appointment.id)).status).toBe(status);
    }
  });

  it('may skip steps forward (a BOOKED appointment may be completed directly)', async () => {
    const direct = await single('09:00');
    ok(await move(direct, 'COMPLETED'));
    expect((await appointmentRow(direct.id)).status).toBe('COMPLETED');
    const skipping = await single('10:00');
    ok(await move(skipping, 'ARRIVED'));
    ok(await move(skipping, 'COMPLETED'));
    expect((await appointmentRow(skipping.id)).status).toBe('COMPLETED');
    const cancelledInProgress = await single('11:00');
    ok(await move(cancelledInProgress, 'IN_PROGRESS'));
    ok(await move(cancelledInProgress, 'NO_SHOW'));
    expect((await appointmentRow(cancelledInProgress.id)).status).toBe('NO_SHOW');
  });

  it('refuses a move backwards, or to the same status, with INVALID_TRANSITION and changes nothing', async () => {
    const appointment = await single('13:00');
    ok(await move(appointment, 'ARRIVED'));
    const before = await appointmentRow(appointment.id);
    const audits = await auditCount(appointment.id);
    for (const status of ['BOOKED', 'CONFIRMED', 'ARRIVED'] as const) {
      const refused = await move(appointment, status, { now: new Date(NOW.getTime() + 60_000) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', field: ['input', 'status'] } });
    }
    expect(await appointmentRow(appointment.id)).toEqual(before);
    expect(await auditCount(appointment.id)).toBe(audits);
  });

  it('refuses any move from COMPLETED, CANCELLED or NO_SHOW with INVALID_TRANSITION and changes nothing', async () => {
    const finals = [
      [await single('08:00', '2026-11-29'), 'COMPLETED'],
      [await single('09:00', '2026-11-29'), 'CANCELLED'],
      [await single('10:00', '2026-11-29'), 'NO_SHOW'],
    ] as const;
    for (const [appointment, final] of finals) {
      ok(await move(appointment, final));
      const before = await appointmentRow(appointment.id);
      const audits = await auditCount(appointment.id);
      for (const status of ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const) {
        const refused = await move(appointment, status, { now: new Date(NOW.getTime() + 60_000) });
        expect(codeOf(refused), `${final} -> ${status}`).toBe('INVALID_TRANSITION');
      }
      expect(await appointmentRow(appointment.id)).toEqual(before);
      expect(await auditCount(appointment.id)).toBe(audits);
    }
  });

  it("answers NOT_FOUND for another tenant's appointment", async () => {
    const other = await createClinicFixture(db.orm);
    const patient = await other.addPatient();
    const theirs = ok(await book({ patient, provider: other.provider, startsAt: other.at('2026-11-25', '08:00') }, { f: other }));
    expect(codeOf(await move(theirs, 'CANCELLED'))).toBe('NOT_FOUND');
    expect(codeOf(await rescheduleAppointment(fx.context('ADMIN', NOW), { appointmentId: theirs.id, startsAt: other.at('2026-11-25', '09:00') }))).toBe(
      'NOT_FOUND',
    );
    expect((await appointmentRow(theirs.id)).status).toBe('BOOKED');
  });
});

describe('rule 1: usage counts when a session is delivered', () => {
  it('increments sessionsUsed by exactly one when a session is completed, and never twice for one appointment', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }));
    const change = ok(await move(session, 'COMPLETED'));
    expect(change.packagePurchase?.sessionsUsed).toBe(1);
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
    expect(await appointmentRow(session.id)).toMatchObject({ status: 'COMPLETED', session_consumed: true });
    expect(codeOf(await move(session, 'COMPLETED'))).toBe('INVALID_TRANSITION');
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
    // Confirming or starting a session consumes nothing.
    const other = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '09:00') }));
    ok(await move(other, 'CONFIRMED'));
    ok(await move(other, 'IN_PROGRESS'));
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
  });

  it('makes the purchase COMPLETED when every session is completed', async () => {
    const three = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 3 }] });
    const { patient, provider, purchase } = await world({ pkg: three });
    const sessions = [];
    for (const time of ['08:00', '09:00', '10:00']) sessions.push(ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', time) })));
    for (const [index, session] of sessions.entries()) {
      ok(await move(session, 'COMPLETED'));
      expect(await purchaseRow(purchase.id)).toEqual({ status: index === 2 ? 'COMPLETED' : 'ACTIVE', sessions_used: index + 1 });
    }
    const progress = ok(await packageProgress(fx.context('ADMIN', NOW), purchase.id));
    expect(progress).toMatchObject({ sessionsUsed: 3, sessionsRemaining: 0, percentUsed: 100, completedAppointments: 3 });
    // A completed purchase cannot be booked.
    const refused = await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '13:00') });
    expect(['PACKAGE_NOT_ACTIVE', 'NO_SESSIONS_REMAINING']).toContain(codeOf(refused));
  });

  it('adds exactly one when 20 completions of one appointment run concurrently', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }));
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        setAppointmentStatus({ em: db.orm.em.fork(), actor: fx.actor('ADMIN'), now: NOW }, { appointmentId: session.id, status: 'COMPLETED' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(Array(19).fill('INVALID_TRANSITION'));
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
    expect(await count(`select 1 from audit_event where entity_id = $1 and operation = 'consumeSession'`, [purchase.id])).toBe(1);
  });

  it('a status change is not restricted by the clock: a session may be completed before or long after its time', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '08:00') }));
    ok(await move(session, 'COMPLETED', { now: fx.at('2027-06-01', '08:00') }));
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
  });
});

describe('rule 2: cancellation never gives a used session back', () => {
  it('never decrements sessionsUsed', async () => {
    const { patient, provider, purchase } = await world();
    const completed = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '08:00') }));
    const late = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '09:00') }));
    const early = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-29', '09:00') }));
    ok(await move(completed, 'COMPLETED'));
    expect(codeOf(await move(completed, 'CANCELLED'))).toBe('INVALID_TRANSITION');
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(1);
    ok(await move(late, 'CANCELLED', { now: fx.at('2026-11-25', '20:00') })); // 13 hours ahead
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(2);
    ok(await move(early, 'CANCELLED', { now: fx.at('2026-11-25', '20:00') }));
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(2);
    const { rows } = await db.sql.query<{ before: { sessionsUsed: number }; after: { sessionsUsed: number } }>(
      `select before, after from audit_event where entity_id = $1 and before is not null`,
      [purchase.id],
    );
    for (const row of rows) expect(row.after.sessionsUsed).toBeGreaterThanOrEqual(row.before.sessionsUsed);
  });

  it('a cancellation more than 24 hours ahead frees the session number and consumes nothing', async () => {
    const { patient, provider, purchase } = await world();
    const first = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '08:00') }));
    // Exactly 24 hours ahead is not "less than 24 hours".
    ok(await move(first, 'CANCELLED', { now: fx.at('2026-11-25', '08:00') }));
    expect(await appointmentRow(first.id)).toMatchObject({ status: 'CANCELLED', session_consumed: false });
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 0 });
    const rebooked = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '09:00') }));
    expect(rebooked.sessionNumberInPackage).toBe(1);
    const available = ok(await availablePackages(fx.context('RECEPTIONIST', NOW), { patientId: patient.id }));
    expect(available).toHaveLength(1);
    expect(available[0]).toMatchObject({ sessionsRemaining: 10, sessionsUnscheduled: 9 });
  });

  it('a late cancellation (less than 24 hours ahead) consumes the session under the default policy and records the policy', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '08:00') }));
    const change = ok(await move(session, 'CANCELLED', { now: fx.at('2026-11-25', '08:01') }));
    expect(change.packagePurchase?.sessionsUsed).toBe(1);
    expect(await appointmentRow(session.id)).toMatchObject({
      status: 'CANCELLED',
      session_consumed: true,
      applied_policy: { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 },
    });
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
    // The consumed session keeps its number: the next booking takes 2.
    const next = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '09:00') }));
    expect(next.sessionNumberInPackage).toBe(2);
  });

  it('a NO_SHOW consumes the session under the default policy and records the policy', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-26', '08:00') }));
    ok(await move(session, 'NO_SHOW', { now: fx.at('2026-11-26', '09:00') }));
    expect(await appointmentRow(session.id)).toMatchObject({
      status: 'NO_SHOW',
      session_consumed: true,
      applied_policy: { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24 },
    });
    expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 1 });
  });

  describe('with a tenant policy that turns both off', () => {
    let lenient: ClinicFixture;
    beforeAll(async () => {
      lenient = await createClinicFixture(db.orm);
      await db.sql.query(
        `insert into cancellation_policy (id, tenant_id, no_show_consumes_session, late_cancellation_consumes_session, late_cancellation_window_hours)
         values ($1, $2, false, false, 24)`,
        [randomUUID(), lenient.tenant.id],
      );
    });

    it('neither a late cancellation nor a NO_SHOW consumes the session, and the policy is recorded', async () => {
      const purchase = await lenient.buyPackage({ now: NOW });
      const patient = lenient.patient;
      const provider = lenient.provider;
      const late = ok(await book({ patient, provider, purchase, startsAt: lenient.at('2026-11-26', '08:00') }, { f: lenient }));
      const noShow = ok(await book({ patient, provider, purchase, startsAt: lenient.at('2026-11-26', '09:00') }, { f: lenient }));
      ok(await move(late, 'CANCELLED', { f: lenient, now: lenient.at('2026-11-26', '07:00') }));
      ok(await move(noShow, 'NO_SHOW', { f: lenient, now: lenient.at('2026-11-26', '10:00') }));
      const policy = { noShowConsumesSession: false, lateCancellationConsumesSession: false, lateCancellationWindowHours: 24 };
      expect(await appointmentRow(late.id)).toMatchObject({ status: 'CANCELLED', session_consumed: false, applied_policy: policy });
      expect(await appointmentRow(noShow.id)).toMatchObject({ status: 'NO_SHOW', session_consumed: false, applied_policy: policy });
      expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 0 });
      // The late cancellation that consumed nothing frees its number.
      const rebooked = ok(await book({ patient, provider, purchase, startsAt: lenient.at('2026-11-29', '08:00') }, { f: lenient }));
      expect(rebooked.sessionNumberInPackage).toBe(1);
    });

    // Otherwise the patient would keep 10 remaining sessions but could book only 9, and the
    // purchase could never reach COMPLETED.
    it('a NO_SHOW that consumed nothing leaves the session bookable again', async () => {
      const patient = await lenient.addPatient();
      const purchase = await lenient.buyPackage({ now: NOW, patient });
      const provider = await lenient.addProvider();
      const noShow = ok(await book({ patient, provider, purchase, startsAt: lenient.at('2026-11-26', '08:00') }, { f: lenient }));
      ok(await move(noShow, 'NO_SHOW', { f: lenient, now: lenient.at('2026-11-26', '10:00') }));
      expect(await purchaseRow(purchase.id)).toEqual({ status: 'ACTIVE', sessions_used: 0 });
      const available = ok(await availablePackages(lenient.context('RECEPTIONIST', NOW), { patientId: patient.id }));
      expect(available[0]).toMatchObject({ sessionsRemaining: 10, sessionsUnscheduled: 10 });
      const days = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];
      for (const day of days) ok(await book({ patient, provider, purchase, startsAt: lenient.at(day, '08:00') }, { f: lenient }));
    });
  });
});

describe('rescheduling', () => {
  it('moves the times of a live appointment, keeping its length, and audits before and after', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '09:00') }));
    ok(await move(session, 'CONFIRMED'));
    const moved = ok(
      await rescheduleAppointment(fx.context('RECEPTIONIST', NOW), { appointmentId: session.id, startsAt: fx.at('2026-11-26', '10:00') }),
    );
    expect(moved.startsAt).toEqual(fx.at('2026-11-26', '10:00'));
    expect(await appointmentRow(session.id)).toMatchObject({
      status: 'CONFIRMED',
      starts_at: fx.at('2026-11-26', '10:00'),
      ends_at: fx.at('2026-11-26', '10:45'),
      provider_id: provider.id,
      session_number_in_package: 1,
    });
    // Overlapping its own old time is no conflict.
    ok(await rescheduleAppointment(fx.context('RECEPTIONIST', NOW), { appointmentId: session.id, startsAt: fx.at('2026-11-26', '10:15') }));
    expect((await appointmentRow(session.id)).starts_at).toEqual(fx.at('2026-11-26', '10:15'));
    const { rows } = await db.sql.query(
      `select before, after from audit_event where entity_id = $1 and operation = 'rescheduleAppointment' order by created_at, id`,
      [session.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({
      before: expect.objectContaining({ startsAt: fx.at('2026-11-25', '09:00').toISOString() }),
      after: expect.objectContaining({ startsAt: fx.at('2026-11-26', '10:00').toISOString() }),
    });
  });

  it('may move an appointment to another provider of the clinic, but not to one of another clinic', async () => {
    const { patient, provider } = await world();
    const colleague = await fx.addProvider();
    const appointment = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '09:00') }));
    ok(await rescheduleAppointment(fx.context('ADMIN', NOW), { appointmentId: appointment.id, startsAt: fx.at('2026-11-25', '10:00'), providerId: colleague.id }));
    expect(await appointmentRow(appointment.id)).toMatchObject({ provider_id: colleague.id, starts_at: fx.at('2026-11-25', '10:00') });
    const refused = await rescheduleAppointment(fx.context('ADMIN', NOW), {
      appointmentId: appointment.id,
      startsAt: fx.at('2026-11-25', '11:00'),
      providerId: fx.otherClinicProvider.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PROVIDER_NOT_IN_CLINIC' } });
    expect(await appointmentRow(appointment.id)).toMatchObject({ provider_id: colleague.id, starts_at: fx.at('2026-11-25', '10:00') });
  });

  it('refuses to reschedule a COMPLETED, CANCELLED or NO_SHOW appointment with INVALID_TRANSITION', async () => {
    const { patient, provider } = await world();
    for (const [time, final] of [['08:00', 'COMPLETED'], ['09:00', 'CANCELLED'], ['10:00', 'NO_SHOW']] as const) {
      const appointment = ok(await book({ patient, provider, startsAt: fx.at('2026-11-29', time) }));
      ok(await move(appointment, final));
      const before = await appointmentRow(appointment.id);
      const refused = await rescheduleAppointment(fx.context('ADMIN', NOW), { appointmentId: appointment.id, startsAt: fx.at('2026-11-30', time) });
      expect(refused, final).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
      expect(await appointmentRow(appointment.id)).toEqual(before);
    }
  });

  it('refuses a taken slot, a time outside working hours, and a time past the expiry', async () => {
    const { patient, provider, purchase } = await world();
    const other = await fx.addPatient();
    ok(await book({ patient: other, provider, startsAt: fx.at('2026-11-26', '10:00') }));
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '09:00') }));
    const to = (startsAt: Date) => rescheduleAppointment(fx.context('RECEPTIONIST', NOW), { appointmentId: session.id, startsAt });
    expect(codeOf(await to(fx.at('2026-11-26', '10:30')))).toBe('SLOT_TAKEN');
    expect(codeOf(await to(fx.at('2026-11-27', '10:00')))).toBe('OUTSIDE_WORKING_HOURS');
    expect(codeOf(await to(fx.at('2027-02-23', '10:00')))).toBe('PACKAGE_EXPIRED');
    expect((await appointmentRow(session.id)).starts_at).toEqual(fx.at('2026-11-25', '09:00'));
  });
});

describe('roles', () => {
  it('a CLINICIAN may move its own appointment through the life cycle and complete it', async () => {
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient });
    const own = ok(await book({ patient, provider: fx.provider, purchase, startsAt: fx.at('2026-12-01', '08:00') }));
    ok(await move(own, 'IN_PROGRESS', { role: 'CLINICIAN' }));
    ok(await move(own, 'COMPLETED', { role: 'CLINICIAN' }));
    expect((await appointmentRow(own.id)).status).toBe('COMPLETED');
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(1);
    const { rows } = await db.sql.query(`select actor_id from audit_event where entity_id = $1 and operation = 'setAppointmentStatus'`, [own.id]);
    expect(rows.map((r) => r.actor_id)).toEqual([fx.users.CLINICIAN.id, fx.users.CLINICIAN.id]);
  });

  it("gives a CLINICIAN FORBIDDEN on another provider's appointment, and changes nothing", async () => {
    const { patient, provider, purchase } = await world();
    const theirs = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-12-01', '09:00') }));
    const before = await appointmentRow(theirs.id);
    expect(await move(theirs, 'COMPLETED', { role: 'CLINICIAN' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await appointmentRow(theirs.id)).toEqual(before);
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(0);
  });

  it('a RECEPTIONIST may not complete an appointment, but may confirm, cancel and mark a no-show', async () => {
    const { patient, provider, purchase } = await world();
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-12-01', '10:00') }));
    expect(await move(session, 'COMPLETED', { role: 'RECEPTIONIST' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await move(session, 'IN_PROGRESS', { role: 'RECEPTIONIST' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await appointmentRow(session.id)).toMatchObject({ status: 'BOOKED' });
    expect((await purchaseRow(purchase.id)).sessions_used).toBe(0);
    ok(await move(session, 'CONFIRMED', { role: 'RECEPTIONIST' }));
    ok(await move(session, 'ARRIVED', { role: 'RECEPTIONIST' }));
    ok(await move(session, 'CANCELLED', { role: 'RECEPTIONIST' }));
  });

  it('refuses booking to a CLINICIAN and to FINANCE, and rescheduling to a CLINICIAN, with FORBIDDEN', async () => {
    const { patient, provider } = await world();
    for (const role of ['CLINICIAN', 'FINANCE'] as const) {
      expect(codeOf(await book({ patient, provider: fx.provider, startsAt: fx.at('2026-12-01', '13:00') }, { role }))).toBe('FORBIDDEN');
    }
    expect(await count(`select 1 from appointment where patient_id = $1`, [patient.id])).toBe(0);
    const appointment = ok(await book({ patient, provider, startsAt: fx.at('2026-12-01', '13:00') }));
    const refused = await rescheduleAppointment(fx.context('CLINICIAN', NOW), { appointmentId: appointment.id, startsAt: fx.at('2026-12-01', '14:00') });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(codeOf(await move(appointment, 'CANCELLED', { role: 'FINANCE' }))).toBe('FORBIDDEN');
  });
});

describe('rule 9: audit', () => {
  interface AuditRow {
    actor_id: string | null;
    occurred_at: Date;
    operation: string;
    entity_type: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }
  const events = async (entityId: string) =>
    (
      await db.sql.query<AuditRow>(
        `select actor_id, occurred_at, operation, entity_type, before, after from audit_event where entity_id = $1 order by occurred_at, operation`,
        [entityId],
      )
    ).rows;

  it('records every change to an appointment or a purchase: who, when, the operation, before and after', async () => {
    const { patient, provider, purchase } = await world();
    const bookedAt = new Date(NOW.getTime() + 1_000);
    const session = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-25', '08:00') }, { now: bookedAt }));
    const completedAt = fx.at('2026-11-25', '09:00');
    ok(await move(session, 'COMPLETED', { role: 'ADMIN', now: completedAt }));
    const movedAt = fx.at('2026-11-25', '10:00');
    const another = ok(await book({ patient, provider, purchase, startsAt: fx.at('2026-11-29', '08:00') }, { now: movedAt }));
    ok(await rescheduleAppointment(fx.context('RECEPTIONIST', movedAt), { appointmentId: another.id, startsAt: fx.at('2026-11-29', '09:00') }));

    expect(await events(session.id)).toEqual([
      {
        actor_id: fx.users.RECEPTIONIST.id,
        occurred_at: bookedAt,
        operation: 'bookAppointment',
        entity_type: 'Appointment',
        before: null,
        after: expect.objectContaining({ status: 'BOOKED', sessionNumberInPackage: 1, packagePurchaseId: purchase.id }),
      },
      {
        actor_id: fx.users.ADMIN.id,
        occurred_at: completedAt,
        operation: 'setAppointmentStatus',
        entity_type: 'Appointment',
        before: expect.objectContaining({ status: 'BOOKED', sessionConsumed: false }),
        after: expect.objectContaining({ status: 'COMPLETED', sessionConsumed: true }),
      },
    ]);
    const purchaseEvents = await events(purchase.id);
    expect(purchaseEvents).toContainEqual({
      actor_id: fx.users.RECEPTIONIST.id,
      occurred_at: NOW,
      operation: 'payInvoice',
      entity_type: 'PackagePurchase',
      before: null,
      after: expect.objectContaining({ status: 'ACTIVE', sessionsUsed: 0, totalSessions: 10 }),
    });
    expect(purchaseEvents).toContainEqual({
      actor_id: fx.users.ADMIN.id,
      occurred_at: completedAt,
      operation: 'consumeSession',
      entity_type: 'PackagePurchase',
      before: expect.objectContaining({ sessionsUsed: 0 }),
      after: expect.objectContaining({ sessionsUsed: 1 }),
    });
    const rescheduled = (await events(another.id)).find((e) => e.operation === 'rescheduleAppointment');
    expect(rescheduled).toMatchObject({
      actor_id: fx.users.RECEPTIONIST.id,
      before: { startsAt: fx.at('2026-11-29', '08:00').toISOString() },
      after: { startsAt: fx.at('2026-11-29', '09:00').toISOString() },
    });
  });

  it('keeps the history read-only', async () => {
    const { patient, provider } = await world();
    const appointment = ok(await book({ patient, provider, startsAt: fx.at('2026-11-25', '08:00') }));
    const update = await db.sql.query(`update audit_event set operation = 'x' where entity_id = $1`, [appointment.id]).then(
      () => null,
      (e: Error) => e,
    );
    expect(update).toBeInstanceOf(Error);
    const remove = await db.sql.query(`delete from audit_event where entity_id = $1`, [appointment.id]).then(
      () => null,
      (e: Error) => e,
    );
    expect(remove).toBeInstanceOf(Error);
    expect(await auditCount(appointment.id)).toBe(1);
  });
});
