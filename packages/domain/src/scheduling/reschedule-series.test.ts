import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { PackagePurchase } from '../purchases/package-purchase.entity.js';
import type { Provider } from '../providers/provider.entity.js';
import { rescheduleAppointment } from '../appointments/reschedule-appointment.js';
import { freezePackagePurchase } from '../purchases/freeze-purchase.js';
import { schedulePackage } from './schedule-package.js';
import { previewRescheduleSeries, rescheduleSeries, type RescheduleSeriesInput } from './reschedule-series.js';

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

interface Row {
  id: string;
  session: number;
  provider_id: string;
  starts_at: Date;
}

const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm');

async function sessionsOf(purchase: PackagePurchase): Promise<Row[]> {
  const { rows } = await db.sql.query<Row>(
    `select id, session_number_in_package as session, provider_id, starts_at from appointment
      where package_purchase_id = $1 and status <> 'CANCELLED' order by session_number_in_package`,
    [purchase.id],
  );
  return rows;
}

/** A purchase of `sessions` therapy sessions, scheduled daily at 08:00 from Wednesday 2026-11-25 with its own provider. */
async function scheduled(sessions = 10): Promise<{ purchase: PackagePurchase; provider: Provider }> {
  const pkg = sessions === 10 ? fx.pkg : await fx.addPackage({ lines: [{ service: fx.therapy, sessions }], validityDays: 200 });
  const provider = await fx.addProvider();
  const purchase = await fx.buyPackage({ now: NOW, patient: await fx.addPatient(), pkg });
  const done = ok(await schedulePackage(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25' }));
  expect(done.appointments).toHaveLength(sessions);
  return { purchase, provider };
}

const move = (input: RescheduleSeriesInput, role: 'RECEPTIONIST' | 'ADMIN' | 'CLINICIAN' | 'FINANCE' = 'RECEPTIONIST') =>
  rescheduleSeries(fx.context(role, NOW), input);

describe('moving this and the following sessions', () => {
  it('moves sessions 4 to 10 to another provider, keeping their appointments; 1 to 3 stay; audited', async () => {
    const { purchase, provider } = await scheduled();
    const other = await fx.addProvider();
    const before = await sessionsOf(purchase);
    const input = { packagePurchaseId: purchase.id, fromSessionNumber: 4, startDate: '2026-11-29', providerId: other.id };
    const preview = ok(await previewRescheduleSeries(fx.context('RECEPTIONIST', NOW), input));
    expect(await sessionsOf(purchase)).toEqual(before);
    const result = ok(await move(input));
    const after = await sessionsOf(purchase);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after.slice(3).every((r) => r.provider_id === other.id)).toBe(true);
    expect(before.slice(3).every((r) => r.provider_id === provider.id)).toBe(true);
    // The other provider is free at the same times: the same days and hours.
    expect(after.map((r) => local(r.starts_at))).toEqual(before.map((r) => local(r.starts_at)));
    expect(result.moved.map((a) => a.sessionNumberInPackage)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(result.schedulingErrors).toEqual([]);
    // Committing what was previewed, nothing having changed in between, does exactly the preview.
    expect(preview.sessions.map((s) => [s.sessionNumber, s.moves, s.providerId, s.startsAt.toISOString()])).toEqual(
      result.sessions.map((s) => [s.sessionNumber, s.moves, s.providerId, s.startsAt.toISOString()]),
    );
    const { rows } = await db.sql.query<{ n: string }>(
      `select count(*)::text as n from audit_event where operation = 'rescheduleSeries' and entity_id = any($1::uuid[])`,
      [after.map((r) => r.id)],
    );
    expect(Number(rows[0]?.n)).toBe(7);
    // Asked again, nothing must move any more.
    expect(ok(await move(input)).moved).toEqual([]);
  });

  it('moves only the sessions outside the new window; one already inside stays, and order holds', async () => {
    const { purchase } = await scheduled();
    const before = await sessionsOf(purchase);
    const sixth = before[5]!;
    ok(await rescheduleAppointment(fx.context('RECEPTIONIST', NOW), { appointmentId: sixth.id, startsAt: fx.at('2026-12-02', '14:00') }));
    const result = ok(
      await move({ packagePurchaseId: purchase.id, fromSessionNumber: 3, startDate: '2026-11-29', timeWindow: { from: '13:00', to: '16:00' } }),
    );
    expect(result.moved.map((a) => a.sessionNumberInPackage)).toEqual([3, 4, 5, 7, 8, 9, 10]);
    const after = await sessionsOf(purchase);
    expect(after.map((r) => local(r.starts_at))).toEqual([
      'Wed 2026-11-25 08:00',
      'Thu 2026-11-26 08:00',
      'Sun 2026-11-29 13:00',
      'Mon 2026-11-30 13:00',
      'Tue 2026-12-01 13:00',
      'Wed 2026-12-02 14:00',
      'Thu 2026-12-03 13:00',
      'Sun 2026-12-06 13:00',
      'Mon 2026-12-07 13:00',
      'Tue 2026-12-08 13:00',
    ]);
  });

  it('keeps to new week days from the new start date', async () => {
    const { purchase } = await scheduled();
    ok(await move({ packagePurchaseId: purchase.id, fromSessionNumber: 5, startDate: '2026-12-06', preferredDays: ['SUNDAY', 'WEDNESDAY'] }));
    const after = await sessionsOf(purchase);
    expect(after.slice(4).map((r) => local(r.starts_at))).toEqual([
      'Sun 2026-12-06 08:00',
      'Wed 2026-12-09 08:00',
      'Sun 2026-12-13 08:00',
      'Wed 2026-12-16 08:00',
      'Sun 2026-12-20 08:00',
      'Wed 2026-12-23 08:00',
    ]);
  });

  it('leaves a session that already started to the desk: only sessions still to come move', async () => {
    const { purchase } = await scheduled();
    const other = await fx.addProvider();
    // Thursday 26 November, 08:30: sessions 1 (Wednesday) and 2 (08:00 today) have started.
    const later = new Date('2026-11-26T05:30:00Z');
    const result = ok(
      await rescheduleSeries(fx.context('RECEPTIONIST', later), { packagePurchaseId: purchase.id, fromSessionNumber: 1, startDate: '2026-11-26', providerId: other.id }),
    );
    expect(result.moved.map((a) => a.sessionNumberInPackage)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('never moves a session into a freeze of the purchase', async () => {
    const { purchase } = await scheduled();
    ok(await freezePackagePurchase(fx.context('RECEPTIONIST', NOW), { packagePurchaseId: purchase.id, from: '2026-12-13', to: '2026-12-20', reason: 'Family travel' }));
    ok(await move({ packagePurchaseId: purchase.id, fromSessionNumber: 8, startDate: '2026-12-09', preferredDays: ['SUNDAY'] }));
    const after = await sessionsOf(purchase);
    expect(after.slice(7).map((r) => local(r.starts_at))).toEqual(['Sun 2026-12-27 08:00', 'Sun 2027-01-03 08:00', 'Sun 2027-01-10 08:00']);
  });

  it('moves nothing when one session cannot be placed, and says why with distinct suggestions', async () => {
    const { purchase } = await scheduled();
    const before = await sessionsOf(purchase);
    // No one works on Saturdays.
    const result = ok(await move({ packagePurchaseId: purchase.id, fromSessionNumber: 8, startDate: '2026-11-29', preferredDays: ['SATURDAY'] }));
    expect(result.moved).toEqual([]);
    expect(await sessionsOf(purchase)).toEqual(before);
    expect(result.schedulingErrors.map((e) => [e.sessionNumber, e.code])).toEqual([
      [8, 'PAST_END_DATE'],
      [9, 'PAST_END_DATE'],
      [10, 'PAST_END_DATE'],
    ]);
    const offered = result.schedulingErrors.flatMap((e) => e.alternatives.map((s) => `${s.providerId} ${s.startsAt.toISOString()}`));
    expect(offered.length).toBeGreaterThanOrEqual(3);
    expect(new Set(offered).size).toBe(offered.length);
    expect(result.schedulingErrors[0]!.alternatives.every((s) => s.serviceId === fx.therapy.id)).toBe(true);
  });

  it('moves nothing when a session would pass the expiry date', async () => {
    const { purchase } = await scheduled();
    const before = await sessionsOf(purchase);
    const result = ok(await move({ packagePurchaseId: purchase.id, fromSessionNumber: 1, startDate: '2027-02-18' }));
    expect(result.moved).toEqual([]);
    expect(result.schedulingErrors.map((e) => e.code)).toContain('PAST_END_DATE');
    expect(await sessionsOf(purchase)).toEqual(before);
  });

  it('refuses a clinician and finance (FORBIDDEN), bad input (VALIDATION on its field), a provider of another clinic; nothing changes', async () => {
    const { purchase } = await scheduled();
    const before = await sessionsOf(purchase);
    const base = { packagePurchaseId: purchase.id, fromSessionNumber: 2, startDate: '2026-11-29' };
    for (const role of ['CLINICIAN', 'FINANCE'] as const) {
      const refused = await move(base, role);
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    }
    const cases: Array<[Partial<RescheduleSeriesInput>, string, string[]]> = [
      [{ fromSessionNumber: 0 }, 'VALIDATION', ['input', 'fromSessionNumber']],
      [{ fromSessionNumber: 11 }, 'VALIDATION', ['input', 'fromSessionNumber']],
      [{ startDate: '2026-11-20' }, 'VALIDATION', ['input', 'startDate']],
      [{ startDate: '2026-13-01' }, 'VALIDATION', ['input', 'startDate']],
      [{ timeWindow: { from: '17:00', to: '15:00' } }, 'VALIDATION', ['input', 'timeWindow', 'to']],
      [{ providerId: fx.otherClinicProvider.id }, 'PROVIDER_NOT_IN_CLINIC', ['input', 'providerId']],
      [{ providerId: 'nope' }, 'NOT_FOUND', ['input', 'providerId']],
    ];
    for (const [extra, code, field] of cases) {
      const refused = await move({ ...base, ...extra });
      expect(refused.ok ? 'ok' : [refused.error.code, refused.error.field]).toEqual([code, field]);
    }
    expect(await sessionsOf(purchase)).toEqual(before);
  });

  it('sends as many statements to move 5 sessions as 50, previewing and committing', async () => {
    const counted = async (sessions: number) => {
      const { purchase } = await scheduled(sessions);
      const other = await fx.addProvider();
      const input = { packagePurchaseId: purchase.id, fromSessionNumber: 1, startDate: '2026-11-25', providerId: other.id };
      db.resetQueryLog();
      ok(await previewRescheduleSeries(fx.context('RECEPTIONIST', NOW), input));
      const preview = db.queries.length;
      db.resetQueryLog();
      const started = performance.now();
      const result = ok(await move(input));
      const ms = performance.now() - started;
      expect(result.moved).toHaveLength(sessions);
      console.log(`rescheduleSeries of ${sessions} sessions: preview ${preview} statements, commit ${db.queries.length} statements, ${ms.toFixed(0)} ms`);
      return [preview, db.queries.length];
    };
    expect(await counted(50)).toEqual(await counted(5));
  });
});
