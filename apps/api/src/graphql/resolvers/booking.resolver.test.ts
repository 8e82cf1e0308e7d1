import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, NOW, globalIdOf, problemCode, sqlRows, startSeededApi, type SeededApi } from '../../testing/graphql-client.js';

/**
 * "First available" and why a day is empty, over HTTP on the demo data (now: Tuesday 2026-11-24
 * 09:00 in Riyadh): the earliest slots across a clinic's providers agree with each provider's
 * free slots; a past day, a weekend day and a closed day each say why; bad input is a typed
 * error, never a 500.
 */

let api: SeededApi;
let clinicId: string;
let serviceId: string;
let providerIds: string[];

const FIRST = /* GraphQL */ `
  query ($c: ID!, $s: ID!, $first: Int, $p: [ID!]) {
    firstAvailableSlots(clinicId: $c, serviceId: $s, first: $first, providerIds: $p) { startsAt endsAt provider { id name } }
  }
`;
const FREE = /* GraphQL */ `query ($p: ID!, $s: ID!, $d: Date!) { freeSlots(providerId: $p, serviceId: $s, date: $d) { startsAt } }`;
const STATUS = /* GraphQL */ `query ($p: ID!, $s: ID!, $d: Date!) { dayStatus(providerId: $p, serviceId: $s, date: $d) { status reason freeSlotCount } }`;

beforeAll(async () => {
  api = await startSeededApi();
  const [row] = await sqlRows<{ clinic_id: string; service_id: string; providers: string[] }>(
    api.db,
    `select s.clinic_id, s.id as service_id, array_agg(distinct pc.provider_id::text) as providers
       from service s join provider_clinic pc on pc.clinic_id = s.clinic_id join provider p on p.id = pc.provider_id and p.active
       join app_user u on u.tenant_id = s.tenant_id and u.email = $1
      group by s.clinic_id, s.id having count(distinct pc.provider_id) > 1 order by s.clinic_id, s.id limit 1`,
    [DEMO_EMAILS.reception],
  );
  clinicId = globalIdOf('Clinic', row!.clinic_id);
  serviceId = globalIdOf('Service', row!.service_id);
  providerIds = row!.providers.map((id) => globalIdOf('Provider', id));
});

afterAll(async () => {
  await api?.close();
});

type Slot = { startsAt: string; endsAt: string; provider: { id: string; name: string } };

describe('first available and the empty day over HTTP', () => {
  it("lists the earliest slots across the clinic's providers, each one a free slot of its provider", async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const { firstAvailableSlots: slots } = await reception.data<{ firstAvailableSlots: Slot[] }>(FIRST, { c: clinicId, s: serviceId, first: 8 });
    expect(slots).toHaveLength(8);
    const starts = slots.map((slot) => Date.parse(slot.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBeGreaterThanOrEqual(NOW.getTime());
    for (const slot of slots) {
      expect(providerIds).toContain(slot.provider.id);
      const [day] = await sqlRows<{ d: string }>(api.db, `select to_char(($1::timestamptz at time zone 'Asia/Riyadh')::date, 'YYYY-MM-DD') as d`, [slot.startsAt]);
      const free = await reception.data<{ freeSlots: Array<{ startsAt: string }> }>(FREE, { p: slot.provider.id, s: serviceId, d: day!.d });
      expect(free.freeSlots.map((f) => f.startsAt)).toContain(slot.startsAt);
    }
    const one = await reception.data<{ firstAvailableSlots: Slot[] }>(FIRST, { c: clinicId, s: serviceId, first: 3, p: [providerIds[1]] });
    expect(new Set(one.firstAvailableSlots.map((slot) => slot.provider.id))).toEqual(new Set([providerIds[1]]));
  });

  it('says why a day is empty: past, not a working day, closed with the reason', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const status = async (d: string) => (await admin.data<{ dayStatus: { status: string; reason: string | null; freeSlotCount: number } }>(STATUS, { p: providerIds[0], s: serviceId, d })).dayStatus;
    expect(await status('2026-11-20')).toEqual({ status: 'PAST', reason: null, freeSlotCount: 0 });
    expect((await status('2026-12-04')).status).toBe('NOT_WORKING_DAY'); // a Friday
    const created = await admin.data<{ createClosure: { userErrors: unknown[] } }>(
      `mutation ($input: CreateClosureInput!) { createClosure(input: $input) { userErrors { code } } }`,
      { input: { clinicId, startDate: '2026-12-08', endDate: '2026-12-08', reason: 'Inspection' } },
    );
    expect(created.createClosure.userErrors).toEqual([]);
    expect(await status('2026-12-08')).toEqual({ status: 'CLOSED', reason: 'Inspection', freeSlotCount: 0 });
  });

  it('refuses bad input with a stable code and no 500', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const first0 = await reception.failure(FIRST, { c: clinicId, s: serviceId, first: 0 });
    expect(first0.status).toBe(200);
    expect(problemCode(first0, 'firstAvailableSlots')).toBe('VALIDATION');
    const wrongClinic = await reception.failure(FIRST, { c: globalIdOf('Clinic', '00000000-0000-4000-8000-000000000000'), s: serviceId, first: 3 });
    expect(problemCode(wrongClinic, 'firstAvailableSlots')).toBe('VALIDATION');
    const badDay = await reception.failure(STATUS, { p: providerIds[0], s: serviceId, d: '2026-12-08' + 'x' });
    expect(badDay.status).toBeLessThan(500);
    const other = await api.as(DEMO_EMAILS.otherAdmin);
    expect(problemCode(await other.failure(FIRST, { c: clinicId, s: serviceId, first: 3 }), 'firstAvailableSlots')).toBe('NOT_FOUND');
  });
});
