import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, endPurchaseInDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Role } from '../tenancy/role.js';
import type { Package } from '../catalogue/package.entity.js';
import type { Patient } from '../patients/patient.entity.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import type { Result } from '../kernel/domain-error.js';
import { setAppointmentStatus } from '../appointments/set-appointment-status.js';
import { freeSlots } from '../availability/free-slots.js';
import { schedulePackage, type PackageSchedule, type SchedulePackageInput } from './schedule-package.js';

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


interface Row {
  id: string;
  session: number;
  provider_id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
}

async function sessionsOf(purchase: { id: string }): Promise<Row[]> {
  const { rows } = await db.sql.query<Row>(
    `select id, session_number_in_package as session, provider_id, starts_at, ends_at, status
       from appointment where package_purchase_id = $1 order by session_number_in_package, starts_at`,
    [purchase.id],
  );
  return rows;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.sql.query<{ n: string }>(`select count(*)::text as n from (${sql}) as q`, params);
  return Number(rows[0]?.n);
}

/** A patient, a provider of the clinic (Sunday-Thursday unless told) and a purchase of their own. */
async function world(options: { pkg?: Package; f?: ClinicFixture; hours?: Parameters<ClinicFixture['addProvider']>[0]; now?: Date } = {}) {
  const f = options.f ?? fx;
  const patient = await f.addPatient();
  const provider = await f.addProvider(options.hours ?? {});
  const purchase = await f.buyPackage({ now: options.now ?? NOW, patient, ...(options.pkg ? { pkg: options.pkg } : {}) });
  return { patient, provider, purchase };
}

function schedule(
  input: Omit<SchedulePackageInput, 'packagePurchaseId'> & { purchase: PackagePurchase },
  options: { role?: Role; now?: Date; f?: ClinicFixture } = {},
): Promise<Result<PackageSchedule>> {
  const f = options.f ?? fx;
  const { purchase, ...rest } = input;
  return schedulePackage(f.context(options.role ?? 'RECEPTIONIST', options.now ?? NOW), { packagePurchaseId: purchase.id, ...rest });
}

const local = (instant: Date, zone = 'Asia/Riyadh') => DateTime.fromJSDate(instant, { zone });

/** The invariants of every schedule: in session order, one per local day, at least a day apart, in working hours, before the end. */
function expectWellFormed(rows: Row[], options: { zone?: string; lastDate: string; weekdays?: number[] }) {
  const zone = options.zone ?? 'Asia/Riyadh';
  const days = rows.map((row) => local(row.starts_at, zone).toISODate() as string);
  for (let i = 1; i < rows.length; i += 1) {
    expect(days[i]! > days[i - 1]!, `session ${rows[i]!.session} after session ${rows[i - 1]!.session}`).toBe(true);
    expect(rows[i]!.session).toBeGreaterThan(rows[i - 1]!.session);
  }
  for (const row of rows) {
    const start = local(row.starts_at, zone);
    const end = local(row.ends_at, zone);
    expect(start.toISODate()! <= options.lastDate).toBe(true);
    expect(options.weekdays ?? [0, 1, 2, 3, 4]).toContain(start.weekday % 7);
    const [from, to] = [start.toFormat('HH:mm'), end.toFormat('HH:mm')];
    const inMorning = from >= '08:00' && to <= '12:00';
    const inAfternoon = from >= '13:00' && to <= '16:00';
    expect(inMorning || inAfternoon, `${from}-${to}`).toBe(true);
    expect(end.toISODate()).toBe(start.toISODate());
  }
}

describe('auto-scheduling rule 2: sessions in order, each at the earliest free slot on a preferred day', () => {
  it('schedules every session on the preferred days only, one per local day, in session order, before expiry, inside working hours', async () => {
    const { provider, purchase } = await world();
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', preferredDays: ['SUNDAY', 'TUESDAY'] }));
    expect(result.schedulingErrors).toEqual([]);
    expect(result.appointments).toHaveLength(10);
    const rows = await sessionsOf(purchase);
    expect(rows.map((r) => r.session)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.map((r) => local(r.starts_at).toFormat('yyyy-MM-dd ccc HH:mm'))).toEqual([
      '2026-11-29 Sun 08:00',
      '2026-12-01 Tue 08:00',
      '2026-12-06 Sun 08:00',
      '2026-12-08 Tue 08:00',
      '2026-12-13 Sun 08:00',
      '2026-12-15 Tue 08:00',
      '2026-12-20 Sun 08:00',
      '2026-12-22 Tue 08:00',
      '2026-12-27 Sun 08:00',
      '2026-12-29 Tue 08:00',
    ]);
    expect(rows.every((r) => r.provider_id === provider.id && r.status === 'BOOKED')).toBe(true);
    expect(rows.every((r) => r.ends_at.getTime() - r.starts_at.getTime() === 45 * 60_000)).toBe(true);
    expectWellFormed(rows, { lastDate: '2027-02-22', weekdays: [0, 2] });
    expect(result.progress).toMatchObject({ totalSessions: 10, sessionsUnscheduled: 0, scheduledAppointments: 10 });
  });

  it('uses consecutive working days when no day is preferred', async () => {
    const { provider, purchase } = await world();
    ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', preferredDays: [] }));
    const rows = await sessionsOf(purchase);
    expect(rows.map((r) => local(r.starts_at).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2026-11-25 08:00', // Wednesday
      '2026-11-26 08:00',
      '2026-11-29 08:00', // Friday and Saturday are not worked
      '2026-11-30 08:00',
      '2026-12-01 08:00',
      '2026-12-02 08:00',
      '2026-12-03 08:00',
      '2026-12-06 08:00',
      '2026-12-07 08:00',
      '2026-12-08 08:00',
    ]);
    expectWellFormed(rows, { lastDate: '2027-02-22' });
  });

  it("takes the earliest slot free of the provider's and the patient's appointments and of time off", async () => {
    const { patient, provider, purchase } = await world();
    const someone = await fx.addPatient();
    const elsewhere = await fx.addProvider();
    // The provider is busy 08:00-08:45 on the 25th, the patient 08:45-09:30 with another provider,
    // and the provider is away all of the 26th.
    await db.sql.query(
      `insert into appointment (id, tenant_id, number, patient_id, provider_id, clinic_id, service_id, starts_at, ends_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9), ($10, $2, $11, $12, $13, $6, $7, $14, $15)`,
      [
        randomUUID(), fx.tenant.id, `X-${randomUUID().slice(0, 8)}`, someone.id, provider.id, fx.clinic.id, fx.therapy.id,
        fx.at('2026-11-25', '08:00'), fx.at('2026-11-25', '08:45'),
        randomUUID(), `X-${randomUUID().slice(0, 8)}`, patient.id, elsewhere.id, fx.at('2026-11-25', '08:45'), fx.at('2026-11-25', '09:30'),
      ],
    );
    await db.sql.query(`insert into time_off (id, tenant_id, provider_id, starts_at, ends_at) values ($1, $2, $3, $4, $5)`, [
      randomUUID(), fx.tenant.id, provider.id, fx.at('2026-11-26', '00:00'), fx.at('2026-11-27', '00:00'),
    ]);
    ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }));
    const rows = await sessionsOf(purchase);
    expect(rows.slice(0, 3).map((r) => local(r.starts_at).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2026-11-25 09:30',
      '2026-11-29 08:00',
      '2026-11-30 08:00',
    ]);
  });

  it('places a session no earlier than now, on the start date itself', async () => {
    const { provider, purchase } = await world();
    const tenPast = fx.at('2026-11-24', '10:10');
    ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-24' }, { now: tenPast }));
    const rows = await sessionsOf(purchase);
    expect(local(rows[0]!.starts_at).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-11-24 10:15');
  });
});

describe('auto-scheduling rule 1: only sessions without a live appointment are scheduled', () => {
  it('creates nothing the second time it runs', async () => {
    const { provider, purchase } = await world();
    const input = { purchase, providerId: provider.id, startDate: '2026-11-25', preferredDays: ['MONDAY', 'WEDNESDAY'] as const };
    const first = ok(await schedule({ ...input, preferredDays: [...input.preferredDays] }));
    expect(first.appointments).toHaveLength(10);
    const before = await sessionsOf(purchase);
    const second = ok(await schedule({ ...input, preferredDays: [...input.preferredDays] }));
    expect(second.appointments).toEqual([]);
    expect(second.schedulingErrors).toEqual([]);
    expect(await sessionsOf(purchase)).toEqual(before);
    expect(second.progress).toMatchObject({ scheduledAppointments: 10, sessionsUnscheduled: 0 });
  });

  it('schedules again only the session whose appointment was cancelled', async () => {
    const { provider, purchase } = await world();
    ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }));
    const rows = await sessionsOf(purchase);
    const third = rows.find((r) => r.session === 3)!;
    ok(await setAppointmentStatus(fx.context('RECEPTIONIST', NOW), { appointmentId: third.id, status: 'CANCELLED' }));
    const again = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }));
    expect(again.appointments.map((a) => a.sessionNumberInPackage)).toEqual([3]);
    // Not on a day that already holds a session of the package.
    const liveDays = (await sessionsOf(purchase)).filter((r) => r.status !== 'CANCELLED').map((r) => local(r.starts_at).toISODate());
    expect(new Set(liveDays).size).toBe(10);
  });
});

describe('auto-scheduling rule 3: a session that finds no slot is reported, the others are created', () => {
  it('reports PAST_END_DATE for the sessions that do not fit before the end date', async () => {
    const { provider, purchase } = await world();
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', endDate: '2026-11-28' }));
    expect(result.appointments.map((a) => a.sessionNumberInPackage)).toEqual([1, 2]);
    expect(result.schedulingErrors.map((e) => [e.sessionNumber, e.code])).toEqual(
      [3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, 'PAST_END_DATE']),
    );
    expect(result.schedulingErrors.every((e) => e.message.length > 0)).toBe(true);
    expect((await sessionsOf(purchase)).map((r) => local(r.starts_at).toISODate())).toEqual(['2026-11-25', '2026-11-26']);
    expect(result.progress).toMatchObject({ scheduledAppointments: 2, sessionsUnscheduled: 8 });
  });

  it('with a provider who works one day a week, places what fits before the end date and reports the rest', async () => {
    const { provider, purchase } = await world({ hours: { hours: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] } });
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', endDate: '2026-12-20' }));
    expect((await sessionsOf(purchase)).map((r) => local(r.starts_at).toFormat('yyyy-MM-dd ccc HH:mm'))).toEqual([
      '2026-11-30 Mon 09:00',
      '2026-12-07 Mon 09:00',
      '2026-12-14 Mon 09:00',
    ]);
    expect(result.schedulingErrors.map((e) => [e.sessionNumber, e.code])).toEqual([4, 5, 6, 7, 8, 9, 10].map((n) => [n, 'PAST_END_DATE']));
  });

  it('reports NO_AVAILABILITY for a session that finds no slot within 90 days of its cursor', async () => {
    const yearLong = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 5 }], validityDays: 365 });
    const { provider, purchase } = await world({ pkg: yearLong, hours: { hours: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] } });
    // Away from 2026-12-01 to 2027-04-01: after the first Monday, nothing within 90 days.
    await db.sql.query(`insert into time_off (id, tenant_id, provider_id, starts_at, ends_at) values ($1, $2, $3, $4, $5)`, [
      randomUUID(), fx.tenant.id, provider.id, fx.at('2026-12-01', '00:00'), fx.at('2027-04-01', '00:00'),
    ]);
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }));
    expect(result.appointments.map((a) => a.sessionNumberInPackage)).toEqual([1]);
    expect(result.schedulingErrors.map((e) => [e.sessionNumber, e.code])).toEqual([2, 3, 4, 5].map((n) => [n, 'NO_AVAILABILITY']));
    expect((await sessionsOf(purchase)).map((r) => local(r.starts_at).toISODate())).toEqual(['2026-11-30']);
  });
});

describe('a provider per session', () => {
  it('gives each session its assigned provider, and the default provider to the others', async () => {
    const { provider, purchase } = await world();
    const second = await fx.addProvider();
    const evens = [2, 4, 6, 8, 10];
    const result = ok(
      await schedule({
        purchase,
        providerId: provider.id,
        providerAssignments: evens.map((sessionNumber) => ({ sessionNumber, providerId: second.id })),
        startDate: '2026-11-25',
      }),
    );
    expect(result.schedulingErrors).toEqual([]);
    const rows = await sessionsOf(purchase);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.provider_id, `session ${row.session}`).toBe(evens.includes(row.session) ? second.id : provider.id);
    expectWellFormed(rows, { lastDate: '2027-02-22' });
  });

  it('schedules with assignments only, without a default provider', async () => {
    const three = await fx.addPackage({ lines: [{ service: fx.assessment, sessions: 1 }, { service: fx.therapy, sessions: 2 }] });
    const { provider, purchase } = await world({ pkg: three });
    const second = await fx.addProvider();
    ok(
      await schedule({
        purchase,
        providerAssignments: [
          { sessionNumber: 1, providerId: second.id },
          { sessionNumber: 2, providerId: provider.id },
          { sessionNumber: 3, providerId: second.id },
        ],
        startDate: '2026-11-25',
      }),
    );
    const rows = await sessionsOf(purchase);
    expect(rows.map((r) => r.provider_id)).toEqual([second.id, provider.id, second.id]);
    expect(rows.map((r) => (r.ends_at.getTime() - r.starts_at.getTime()) / 60_000)).toEqual([60, 45, 45]);
  });

  it('reports PROVIDER_NOT_IN_CLINIC and PROVIDER_NOT_FOUND per session and creates the others', async () => {
    const other = await createClinicFixture(db.orm);
    const { provider, purchase } = await world();
    const result = ok(
      await schedule({
        purchase,
        providerId: provider.id,
        providerAssignments: [
          { sessionNumber: 3, providerId: fx.otherClinicProvider.id },
          { sessionNumber: 4, providerId: randomUUID() },
          { sessionNumber: 5, providerId: 'not-an-id' },
          { sessionNumber: 6, providerId: other.provider.id }, // another tenant's provider
        ],
        startDate: '2026-11-25',
      }),
    );
    expect(result.schedulingErrors.map((e) => [e.sessionNumber, e.code])).toEqual([
      [3, 'PROVIDER_NOT_IN_CLINIC'],
      [4, 'PROVIDER_NOT_FOUND'],
      [5, 'PROVIDER_NOT_FOUND'],
      [6, 'PROVIDER_NOT_FOUND'],
    ]);
    expect((await sessionsOf(purchase)).map((r) => r.session)).toEqual([1, 2, 7, 8, 9, 10]);
  });
});

describe('refusals', () => {
  it("refuses an end date after the purchase's expiry with VALIDATION on ['input', 'endDate']", async () => {
    const { provider, purchase } = await world();
    const result = await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', endDate: '2027-02-23' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: ['input', 'endDate'] } });
    expect(await sessionsOf(purchase)).toEqual([]);
    // The expiry date itself is allowed.
    ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25', endDate: '2027-02-22' }));
  });

  it('refuses a start date in the past, or after the end date, with VALIDATION', async () => {
    const { provider, purchase } = await world();
    expect(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-23' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: ['input', 'startDate'] },
    });
    expect(await schedule({ purchase, providerId: provider.id, startDate: '2026-12-10', endDate: '2026-12-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await schedule({ purchase, providerId: provider.id, startDate: '25/11/2026' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: ['input', 'startDate'] },
    });
    expect(await sessionsOf(purchase)).toEqual([]);
  });

  it('refuses an expired purchase with PACKAGE_EXPIRED', async () => {
    const { provider, purchase } = await world({ now: new Date('2026-08-01T05:00:00Z') }); // expired 2026-10-30
    const result = await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PACKAGE_EXPIRED' } });
    expect(await sessionsOf(purchase)).toEqual([]);
  });

  it('refuses a completed or cancelled purchase', async () => {
    const { provider, purchase } = await world();
    await endPurchaseInDatabase(db.sql, purchase.id, 'CANCELLED');
    expect(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' })).toMatchObject({
      ok: false,
      error: { code: 'PACKAGE_NOT_ACTIVE' },
    });
    expect(await sessionsOf(purchase)).toEqual([]);
  });

  it('refuses a CLINICIAN with FORBIDDEN, and answers NOT_FOUND for another tenant\'s purchase', async () => {
    const { provider, purchase } = await world();
    expect(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }, { role: 'CLINICIAN' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const other = await createClinicFixture(db.orm);
    const theirs = await other.buyPackage({ now: NOW });
    expect(await schedule({ purchase: theirs, providerId: provider.id, startDate: '2026-11-25' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await sessionsOf(purchase)).toEqual([]);
    expect(await sessionsOf(theirs)).toEqual([]);
  });

  it('refuses a session without a provider with VALIDATION', async () => {
    const { purchase } = await world();
    expect(await schedule({ purchase, startDate: '2026-11-25' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await sessionsOf(purchase)).toEqual([]);
  });
});

describe('scale: the statements do not depend on the number of sessions', () => {
  let statements5 = 0;

  async function scheduleCounting(pkg: Package) {
    const { provider, purchase } = await world({ pkg });
    db.resetQueryLog();
    const started = performance.now();
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate: '2026-11-25' }));
    const ms = performance.now() - started;
    const statements = db.queries.length;
    return { result, statements, ms, purchase };
  }

  it('sends as many statements for 5 sessions as for 50', async () => {
    const five = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 5 }], validityDays: 120 });
    const fifty = await fx.addPackage({ lines: [{ service: fx.assessment, sessions: 5 }, { service: fx.therapy, sessions: 45 }], validityDays: 120 });
    const a = await scheduleCounting(five);
    const b = await scheduleCounting(fifty);
    expect(a.result.appointments).toHaveLength(5);
    expect(b.result.appointments).toHaveLength(50);
    console.log(`schedulePackage statements: 5 sessions -> ${a.statements}, 50 sessions -> ${b.statements}`);
    expect(b.statements).toBe(a.statements);
    statements5 = a.statements;
  });

  it('schedules 100 sessions (timed, not asserted)', async () => {
    const hundred = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 100 }], validityDays: 365 });
    const { result, statements, ms, purchase } = await scheduleCounting(hundred);
    console.log(`schedulePackage of 100 sessions took ${ms.toFixed(1)} ms in ${statements} statements`);
    expect(result.appointments).toHaveLength(100);
    expect(result.schedulingErrors).toEqual([]);
    if (statements5) expect(statements).toBe(statements5);
    expectWellFormed(await sessionsOf(purchase), { lastDate: '2027-11-24' });
  });
});

describe('auto-scheduling rule 4: concurrent schedulers never double-book', () => {
  it('answers 20 concurrent schedules of 20 purchases against one provider, with zero overlaps', async () => {
    const provider = await fx.addProvider();
    const patients: Patient[] = [];
    for (let i = 0; i < 20; i += 1) patients.push(await fx.addPatient());
    const purchases: PackagePurchase[] = [];
    for (const patient of patients) purchases.push(await fx.buyPackage({ now: NOW, patient }));
    const results = await Promise.all(
      purchases.map((purchase) =>
        schedulePackage(
          { em: db.orm.em.fork(), actor: fx.actor('RECEPTIONIST'), now: NOW },
          { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25' },
        ),
      ),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(20).fill('ok'));
    const placed = results.reduce((sum, r) => sum + (r.ok ? r.value.appointments.length : 0), 0);
    const errors = results.flatMap((r) => (r.ok ? r.value.schedulingErrors : []));
    expect(placed + errors.length).toBe(200);
    expect(errors).toEqual([]);
    expect(await count(`select 1 from appointment where provider_id = $1 and status <> 'CANCELLED'`, [provider.id])).toBe(200);

    const overlaps = await count(
      `select 1 from appointment a join appointment b
         on a.provider_id = b.provider_id and a.id < b.id
        and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
      where a.provider_id = $1 and a.status <> 'CANCELLED' and b.status <> 'CANCELLED'`,
      [provider.id],
    );
    expect(overlaps).toBe(0);
    for (const purchase of purchases) expectWellFormed(await sessionsOf(purchase), { lastDate: '2027-02-22' });
  });
});

describe('daylight saving time', () => {
  let ny: ClinicFixture;
  const zone = 'America/New_York';

  beforeAll(async () => {
    ny = await createClinicFixture(db.orm, { zone });
  });

  async function scheduleAcross(now: Date, startDate: string) {
    const { provider, purchase } = await world({ f: ny, now });
    const result = ok(await schedule({ purchase, providerId: provider.id, startDate }, { f: ny, now }));
    expect(result.schedulingErrors).toEqual([]);
    const rows = await sessionsOf(purchase);
    expect(rows).toHaveLength(10);
    return { rows, provider };
  }

  it('keeps sessions at 08:00 local across the March change (2026-03-08)', async () => {
    const { rows, provider } = await scheduleAcross(new Date('2026-03-02T12:00:00Z'), '2026-03-03');
    expect(rows.map((r) => DateTime.fromJSDate(r.starts_at, { zone }).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2026-03-03 08:00',
      '2026-03-04 08:00',
      '2026-03-05 08:00',
      '2026-03-08 08:00', // the first day of daylight time
      '2026-03-09 08:00',
      '2026-03-10 08:00',
      '2026-03-11 08:00',
      '2026-03-12 08:00',
      '2026-03-15 08:00',
      '2026-03-16 08:00',
    ]);
    expect(rows[0]!.starts_at.toISOString()).toBe('2026-03-03T13:00:00.000Z');
    expect(rows[3]!.starts_at.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expectWellFormed(rows, { zone, lastDate: '2026-05-31' });

    const slots = ok(
      await freeSlots(ny.context('RECEPTIONIST', new Date('2026-03-02T12:00:00Z')), { providerId: provider.id, serviceId: ny.therapy.id, date: '2026-03-08' }),
    );
    const times = slots.map((s) => DateTime.fromJSDate(s.startsAt, { zone }).toFormat('HH:mm'));
    expect(times[0]).toBe('08:45'); // 08:00 is the scheduled session
    expect(times.at(-1)).toBe('15:15');
  });

  it('keeps sessions at 08:00 local across the November change (2026-11-01)', async () => {
    const { rows } = await scheduleAcross(new Date('2026-10-26T12:00:00Z'), '2026-10-27');
    expect(rows.map((r) => DateTime.fromJSDate(r.starts_at, { zone }).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2026-10-27 08:00',
      '2026-10-28 08:00',
      '2026-10-29 08:00',
      '2026-11-01 08:00', // the first day of standard time
      '2026-11-02 08:00',
      '2026-11-03 08:00',
      '2026-11-04 08:00',
      '2026-11-05 08:00',
      '2026-11-08 08:00',
      '2026-11-09 08:00',
    ]);
    expect(rows[0]!.starts_at.toISOString()).toBe('2026-10-27T12:00:00.000Z');
    expect(rows[3]!.starts_at.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expectWellFormed(rows, { zone, lastDate: '2027-01-24' });
  });

  it('keeps Sunday-only sessions at 08:00 local through both changes', async () => {
    const yearLong = await ny.addPackage({ lines: [{ service: ny.therapy, sessions: 40 }], validityDays: 365 });
    const { provider, purchase } = await world({ f: ny, pkg: yearLong, now: new Date('2026-02-20T12:00:00Z') });
    const result = ok(
      await schedule({ purchase, providerId: provider.id, startDate: '2026-02-22', preferredDays: ['SUNDAY'] }, { f: ny, now: new Date('2026-02-20T12:00:00Z') }),
    );
    expect(result.schedulingErrors).toEqual([]);
    const rows = await sessionsOf(purchase);
    const locals = rows.map((r) => DateTime.fromJSDate(r.starts_at, { zone }));
    expect(locals.every((t) => t.toFormat('ccc HH:mm') === 'Sun 08:00')).toBe(true);
    expect(locals.map((t) => t.toISODate())).toContain('2026-03-08');
    expect(locals.map((t) => t.toISODate())).toContain('2026-11-01');
    expect(new Set(rows.map((r) => r.starts_at.getUTCHours()))).toEqual(new Set([12, 13]));
  });
});
