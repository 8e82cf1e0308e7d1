import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, sqlRows, stateFingerprint, uuidOf, type Catalogue, type GraphqlClient, type SeededApi, type UserErrors } from '../../testing/graphql-client.js';
import { startDeskApi, type DeskApi } from '../../testing/desk-api.js';

/**
 * The scheduler's second generation over HTTP: previewPackageSchedule plans with preferences and
 * writes nothing; schedulePackage with the same input creates exactly the preview; an unplaced
 * session carries suggestions; bad preferences are userErrors that change nothing.
 */

let desk: DeskApi;
let api: SeededApi;
let reception: GraphqlClient;
let catalogue: Catalogue;

const SESSION = 'sessionNumber startsAt endsAt reason provider { id name } service { code }';
const MISS = 'schedulingErrors { sessionNumber code alternatives { provider { id } startsAt endsAt note } }';
const PREVIEW = `query ($input: SchedulePackageInput!) { previewPackageSchedule(input: $input) { sessions { ${SESSION} } ${MISS} userErrors { code field } } }`;
const COMMIT = `mutation ($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { sessionNumberInPackage startsAt endsAt provider { id } } ${MISS} userErrors { code field } } }`;

interface Planned {
  sessionNumber: number;
  startsAt: string;
  endsAt: string;
  reason: string;
  provider: { id: string; name: string };
  service: { code: string };
}
interface Miss {
  sessionNumber: number;
  code: string;
  alternatives: Array<{ provider: { id: string }; startsAt: string; endsAt: string; note: string }>;
}
type Preview = { sessions: Planned[]; schedulingErrors: Miss[] } & UserErrors;

const preview = async (input: Record<string, unknown>) =>
  (await reception.data<{ previewPackageSchedule: Preview }>(PREVIEW, { input })).previewPackageSchedule;

beforeAll(async () => {
  desk = await startDeskApi();
  ({ api, reception, catalogue } = desk);
});

afterAll(async () => {
  await desk?.close();
});

describe('previewing and committing a schedule over HTTP', () => {
  it('previews with a window and a weekly slot, writes nothing, and the commit creates exactly the preview', async () => {
    const { purchaseId } = await desk.paidPurchase('SCHED2-1');
    const input = {
      packagePurchaseId: purchaseId,
      providerId: catalogue.providers['Huda Al-Otaibi'],
      startDate: '2026-11-29',
      preferredDays: ['SUNDAY', 'TUESDAY'],
      timeWindow: { from: '13:00', to: '15:00' },
      keepWeeklySlot: true,
      maxSessionsPerWeek: 2,
    };
    const before = await stateFingerprint(api.db);
    const plan = await preview(input);
    expect(await stateFingerprint(api.db)).toBe(before);
    expect(plan.userErrors).toEqual([]);
    expect(plan.sessions.length + plan.schedulingErrors.length).toBe(10);
    for (const session of plan.sessions) {
      const local = new Date(new Date(session.startsAt).getTime() + 3 * 3_600_000).toISOString(); // Riyadh is UTC+3
      expect(local.slice(11, 16) >= '13:00').toBe(true);
      expect(new Date(new Date(session.endsAt).getTime() + 3 * 3_600_000).toISOString().slice(11, 16) <= '15:00').toBe(true);
      expect(['EARLIEST_FREE', 'WEEKLY_SLOT', 'WEEKLY_SLOT_TAKEN']).toContain(session.reason);
      expect(session.provider.name).toBe('Huda Al-Otaibi');
    }
    expect(plan.sessions.some((s) => s.reason === 'WEEKLY_SLOT')).toBe(true);

    const { schedulePackage } = await reception.data<{
      schedulePackage: { appointments: Array<{ sessionNumberInPackage: number; startsAt: string; endsAt: string; provider: { id: string } }> } & UserErrors;
    }>(COMMIT, { input });
    expect(schedulePackage.userErrors).toEqual([]);
    expect(schedulePackage.appointments.map((a) => [a.sessionNumberInPackage, a.startsAt, a.endsAt, a.provider.id])).toEqual(
      plan.sessions.map((s) => [s.sessionNumber, s.startsAt, s.endsAt, s.provider.id]),
    );
    const rows = await sqlRows<{ n: number }>(api.db, 'select count(*)::int as n from appointment where package_purchase_id = $1', [uuidOf(purchaseId)]);
    expect(rows[0]!.n).toBe(plan.sessions.length);
  });

  it('suggests slots for a session that does not fit, and refuses bad preferences with userErrors that change nothing', async () => {
    const { purchaseId } = await desk.paidPurchase('SCHED2-2');
    const plan = await preview({
      packagePurchaseId: purchaseId,
      providerId: catalogue.providers['Huda Al-Otaibi'],
      startDate: '2026-11-29',
      endDate: '2026-12-03',
      timeWindow: { from: '09:00', to: '11:00' },
    });
    expect(plan.userErrors).toEqual([]);
    expect(plan.schedulingErrors.length).toBeGreaterThan(0);
    const notes = plan.schedulingErrors[0]!.alternatives.map((a) => a.note);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.length).toBeLessThanOrEqual(3);
    expect(notes).toContain('LATER_END_DATE');

    const clinician = await api.as(DEMO_EMAILS.clinician);
    const before = await stateFingerprint(api.db);
    const base = { packagePurchaseId: purchaseId, providerId: catalogue.providers['Huda Al-Otaibi'], startDate: '2026-11-29' };
    expect((await preview({ ...base, timeWindow: { from: '5pm', to: '18:00' } })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'timeWindow', 'from'] }]);
    expect((await preview({ ...base, minDaysBetween: 0 })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'minDaysBetween'] }]);
    const { schedulePackage } = await reception.data<{ schedulePackage: UserErrors }>(COMMIT, { input: { ...base, maxSessionsPerWeek: 9 } });
    expect(schedulePackage.userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'maxSessionsPerWeek'] }]);
    const forbidden = await clinician.data<{ previewPackageSchedule: Preview }>(PREVIEW, { input: base });
    expect(forbidden.previewPackageSchedule.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect(await stateFingerprint(api.db)).toBe(before);
  });
});
