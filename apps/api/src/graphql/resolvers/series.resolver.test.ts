import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, sqlRows, stateFingerprint, uuidOf, type Catalogue, type GraphqlClient, type SeededApi, type UserErrors } from '../../testing/graphql-client.js';
import { startDeskApi, type DeskApi } from '../../testing/desk-api.js';

/**
 * Moving a series over HTTP: the preview says which sessions move and writes nothing; the move
 * keeps each appointment (its history shows it); a clinician and finance are refused and nothing changes.
 */

let desk: DeskApi;
let api: SeededApi;
let reception: GraphqlClient;
let catalogue: Catalogue;

const PREVIEW = `query ($input: RescheduleSeriesInput!) { previewRescheduleSeries(input: $input) {
  sessions { sessionNumber moves startsAt provider { id } appointment { id startsAt } } schedulingErrors { sessionNumber code } userErrors { code field } } }`;
const MOVE = `mutation ($input: RescheduleSeriesInput!) { rescheduleSeries(input: $input) {
  moved { id sessionNumberInPackage startsAt provider { id } history { operation } } schedulingErrors { sessionNumber code alternatives { note } } userErrors { code field } } }`;

interface Moved {
  id: string;
  sessionNumberInPackage: number;
  startsAt: string;
  provider: { id: string };
  history: Array<{ operation: string }>;
}
type MovePayload = { moved: Moved[]; schedulingErrors: Array<{ sessionNumber: number; code: string }> } & UserErrors;

beforeAll(async () => {
  desk = await startDeskApi();
  ({ api, reception, catalogue } = desk);
});

afterAll(async () => {
  await desk?.close();
});

describe('moving the rest of a series over HTTP', () => {
  it('previews, moves sessions 6 to 10 to another provider keeping their appointments, and refuses a clinician and finance', async () => {
    const { purchaseId } = await desk.paidPurchase('SERIES-1');
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const nada = catalogue.providers['Nada Al-Shammari']!;
    const { schedulePackage } = await reception.data<{ schedulePackage: { appointments: Array<{ id: string }> } & UserErrors }>(
      'mutation ($i: SchedulePackageInput!) { schedulePackage(input: $i) { appointments { id } userErrors { code } } }',
      { i: { packagePurchaseId: purchaseId, providerId: huda, startDate: '2026-12-06', timeWindow: { from: '13:00', to: '15:00' } } },
    );
    expect(schedulePackage.userErrors).toEqual([]);
    const input = { packagePurchaseId: purchaseId, fromSessionNumber: 6, startDate: '2026-12-06', providerId: nada };

    const refusedRoles = [await api.as(DEMO_EMAILS.clinician), await api.as(DEMO_EMAILS.finance)];
    const before = await stateFingerprint(api.db);
    const { previewRescheduleSeries: plan } = await reception.data<{
      previewRescheduleSeries: { sessions: Array<{ sessionNumber: number; moves: boolean; startsAt: string; provider: { id: string }; appointment: { id: string } }> } & UserErrors;
    }>(PREVIEW, { input });
    expect(await stateFingerprint(api.db)).toBe(before);
    expect(plan.userErrors).toEqual([]);
    const planned = plan.sessions.filter((s) => s.sessionNumber >= 6);
    expect(plan.sessions.map((s) => s.sessionNumber)).toEqual([6, 7, 8, 9, 10].slice(0, plan.sessions.length));

    for (const client of refusedRoles) {
      const refused = (await client.data<{ rescheduleSeries: MovePayload }>(MOVE, { input })).rescheduleSeries;
      expect(refused.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    }
    const bad = (await reception.data<{ rescheduleSeries: MovePayload }>(MOVE, { input: { ...input, fromSessionNumber: 11 } })).rescheduleSeries;
    expect(bad.userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'fromSessionNumber'] }]);
    expect(await stateFingerprint(api.db)).toBe(before);

    const { rescheduleSeries: done } = await reception.data<{ rescheduleSeries: MovePayload }>(MOVE, { input });
    expect(done.userErrors).toEqual([]);
    expect(done.schedulingErrors).toEqual([]);
    expect(done.moved.map((a) => [a.id, a.sessionNumberInPackage, a.startsAt, a.provider.id])).toEqual(
      planned.filter((s) => s.moves).map((s) => [s.appointment.id, s.sessionNumber, s.startsAt, s.provider.id]),
    );
    expect(done.moved.length).toBeGreaterThan(0);
    expect(done.moved.every((a) => a.provider.id === nada && a.history.some((h) => h.operation === 'rescheduleSeries'))).toBe(true);
    const rows = await sqlRows<{ provider_id: string; n: number }>(
      api.db,
      `select provider_id, count(*)::int as n from appointment where package_purchase_id = $1 and status <> 'CANCELLED' group by provider_id order by n`,
      [uuidOf(purchaseId)],
    );
    expect(rows.map((r) => r.n).sort()).toEqual([5, 5]);
  });
});
