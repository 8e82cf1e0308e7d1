import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { previewPackageSchedule, schedulePackage, type SchedulePackageInput } from './schedule-package.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');
const ZONE = 'Asia/Riyadh';

let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});


const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');
const appointmentCount = async (purchase: PackagePurchase) =>
  Number((await db.sql.query<{ n: string }>('select count(*)::text as n from appointment where package_purchase_id = $1', [purchase.id])).rows[0]?.n);

describe('previewing a package schedule', () => {
  it('plans inside the window, a weekly slot, writes nothing; committing creates exactly the preview', async () => {
    const provider = await fx.addProvider();
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient });
    const input: SchedulePackageInput = {
      packagePurchaseId: purchase.id,
      providerId: provider.id,
      startDate: '2026-11-24',
      preferredDays: ['SUNDAY', 'TUESDAY'],
      timeWindow: { from: '13:00', to: '15:00' },
      keepWeeklySlot: true,
      minDaysBetween: 2,
      maxSessionsPerWeek: 2,
    };
    db.resetQueryLog();
    const preview = ok(await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), input));
    const previewStatements = db.queries.length;
    expect(db.queries.some((q) => /^\s*(insert|update|delete)/i.test(q))).toBe(false);
    expect(await appointmentCount(purchase)).toBe(0);
    expect(preview.schedulingErrors).toEqual([]);
    expect(preview.sessions.map((s) => local(s.startsAt)).slice(0, 4)).toEqual([
      'Tue 2026-11-24 13:00',
      'Sun 2026-11-29 13:00',
      'Tue 2026-12-01 13:00',
      'Sun 2026-12-06 13:00',
    ]);
    expect(preview.sessions.map((s) => s.reason).slice(0, 3)).toEqual(['EARLIEST_FREE', 'EARLIEST_FREE', 'WEEKLY_SLOT']);

    const committed = ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), input));
    expect(committed.appointments.map((a) => [a.sessionNumberInPackage, a.provider.id, a.startsAt.toISOString(), a.endsAt.toISOString()])).toEqual(
      preview.sessions.map((s) => [s.sessionNumber, s.providerId, s.startsAt.toISOString(), s.endsAt.toISOString()]),
    );
    console.log(`previewPackageSchedule of ${preview.sessions.length} sessions: ${previewStatements} statements`);
  });

  it('commits a different plan when the calendar changed in between, and says nothing is left to preview afterwards', async () => {
    const provider = await fx.addProvider();
    const patient = await fx.addPatient();
    const other = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient });
    const input: SchedulePackageInput = { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25', timeWindow: { from: '09:00', to: '10:00' } };
    const preview = ok(await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), input));
    const first = preview.sessions[0]!;
    ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), { patientId: other.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: first.startsAt }));
    const committed = ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), input));
    expect(committed.appointments[0]!.startsAt.getTime()).not.toBe(first.startsAt.getTime());
    // Session 1 (an hour) no longer fits the 09:00-10:00 window on Wednesday.
    expect(local(committed.appointments[0]!.startsAt)).toBe('Thu 2026-11-26 09:00');
    const again = ok(await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), input));
    expect(again.sessions).toEqual([]);
  });

  it('gives an unplaced session up to three suggestions, each bookable as is', async () => {
    const provider = await fx.addProvider({ hours: [{ weekday: 2, startTime: '08:00', endTime: '09:00' }] });
    await fx.addProvider(); // a colleague with the standard week
    const patient = await fx.addPatient();
    const purchase = await fx.buyPackage({ now: NOW, patient });
    const preview = ok(
      await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), {
        packagePurchaseId: purchase.id,
        providerId: provider.id,
        startDate: '2026-11-24',
        endDate: '2026-12-02',
        timeWindow: { from: '08:00', to: '09:00' },
      }),
    );
    expect(preview.sessions.map((s) => local(s.startsAt))).toEqual(['Tue 2026-11-24 08:00', 'Tue 2026-12-01 08:00']);
    const miss = preview.schedulingErrors[0]!;
    expect(miss.code).toBe('PAST_END_DATE');
    const kinds = miss.alternatives.map((s) => s.kind);
    expect(kinds).toContain('OTHER_PROVIDER');
    expect(kinds).toContain('LATER_END_DATE');
    expect(miss.alternatives.length).toBeLessThanOrEqual(3);
    ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-24', endDate: '2026-12-02', timeWindow: { from: '08:00', to: '09:00' } }));
    for (const suggestion of miss.alternatives) {
      // Each one alone is bookable as the next session of the purchase.
      const booked = await bookAppointment(fx.context('RECEPTIONIST', NOW), {
        patientId: patient.id,
        providerId: suggestion.providerId,
        serviceId: fx.therapy.id,
        startsAt: suggestion.startsAt,
        packagePurchaseId: purchase.id,
      });
      expect(booked.ok, JSON.stringify(booked)).toBe(true);
      if (booked.ok) await db.sql.query(`update appointment set status = 'CANCELLED' where id = $1`, [booked.value.id]);
    }
    expect(miss.alternatives.find((s) => s.kind === 'OTHER_PROVIDER')?.providerId).not.toBe(provider.id);
  });

  it('refuses a malformed window, gap or weekly cap with VALIDATION on the field, and a clinician with FORBIDDEN', async () => {
    const provider = await fx.addProvider();
    const purchase = await fx.buyPackage({ now: NOW, patient: await fx.addPatient() });
    const base = { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-24' };
    const cases: Array<[Partial<SchedulePackageInput>, string[]]> = [
      [{ timeWindow: { from: '3pm', to: '17:00' } }, ['input', 'timeWindow', 'from']],
      [{ timeWindow: { from: '17:00', to: '15:00' } }, ['input', 'timeWindow', 'to']],
      [{ minDaysBetween: 0 }, ['input', 'minDaysBetween']],
      [{ maxSessionsPerWeek: 8 }, ['input', 'maxSessionsPerWeek']],
    ];
    for (const [extra, field] of cases) {
      for (const run of [previewPackageSchedule, schedulePackage]) {
        const result = await run(fx.context('RECEPTIONIST', NOW), { ...base, ...extra });
        expect(result.ok).toBe(false);
        if (!result.ok) expect([result.error.code, result.error.field]).toEqual(['VALIDATION', field]);
      }
    }
    const forbidden = await previewPackageSchedule(fx.context('CLINICIAN', NOW), base);
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
    expect(await appointmentCount(purchase)).toBe(0);
  });

  it('sends as many statements to preview 5 sessions as 50', async () => {
    const counted = async (sessions: number) => {
      const pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions }], validityDays: 200 });
      const provider = await fx.addProvider();
      const purchase = await fx.buyPackage({ now: NOW, patient: await fx.addPatient(), pkg });
      db.resetQueryLog();
      const preview = ok(await previewPackageSchedule(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25', keepWeeklySlot: true }));
      expect(preview.sessions).toHaveLength(sessions);
      return db.queries.length;
    };
    expect(await counted(50)).toBe(await counted(5));
  });
});
