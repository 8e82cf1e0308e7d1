import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, globalIdOf, sqlRows, startSeededApi, type SeededApi } from '../../testing/graphql-client.js';

/**
 * The waitlist over HTTP on the demo data: a patient waits for exactly the slot of a booked
 * appointment; its cancellation offers it; the held slot refuses another patient's booking in
 * words (SLOT_TAKEN, SLOT_HELD); the desk accepts and the slot is booked for the waiting patient.
 * Entries are the desk's by every path (root, node); the at-risk list carries its numbers.
 */

let api: SeededApi;
let slot: { appointment: string; provider: string; service: string; startsAt: string; local: string; localEnd: string; day: string; clinic: string };
let waiting: string;
let other: string;

const JOIN = /* GraphQL */ `
  mutation ($input: JoinWaitlistInput!) {
    joinWaitlist(input: $input) { entry { id status offeredStartsAt offerExpiresAt from to preferredDays patient { id } service { id } } userErrors { code reason message } }
  }
`;
const LIST = /* GraphQL */ `
  query ($clinicId: ID) { waitlist(clinicId: $clinicId) { id status offeredStartsAt offerExpiresAt offeredProvider { id } patient { id } appointment { id } } }
`;

beforeAll(async () => {
  api = await startSeededApi();
  const [row] = await sqlRows<{ id: string; provider_id: string; service_id: string; starts_at: Date; local: string; local_end: string; day: string; clinic_id: string }>(
    api.db,
    `select a.id, a.provider_id, a.service_id, a.starts_at, a.clinic_id,
            to_char(a.starts_at at time zone c.time_zone, 'HH24:MI') as local,
            to_char(a.ends_at at time zone c.time_zone, 'HH24:MI') as local_end,
            to_char((a.starts_at at time zone c.time_zone)::date, 'YYYY-MM-DD') as day
       from appointment a join clinic c on c.id = a.clinic_id
      where a.status = 'BOOKED' and a.starts_at > '2026-11-27'
      order by a.starts_at limit 1`,
  );
  const patients = await sqlRows<{ id: string }>(
    api.db,
    `select p.id from patient p where p.tenant_id = (select tenant_id from appointment where id = $1)
        and not exists (select 1 from appointment a where a.patient_id = p.id and a.status <> 'CANCELLED' and a.starts_at::date = $2::date)
      order by p.mrn limit 2`,
    [row!.id, row!.starts_at],
  );
  slot = {
    appointment: globalIdOf('Appointment', row!.id),
    provider: globalIdOf('Provider', row!.provider_id),
    service: globalIdOf('Service', row!.service_id),
    startsAt: row!.starts_at.toISOString(),
    local: row!.local,
    localEnd: row!.local_end,
    day: row!.day,
    clinic: globalIdOf('Clinic', row!.clinic_id),
  };
  waiting = globalIdOf('Patient', patients[0]!.id);
  other = globalIdOf('Patient', patients[1]!.id);
});

afterAll(async () => {
  await api?.close();
});

describe('the waitlist over HTTP', () => {
  it('a cancellation offers the slot, the hold refuses others, the desk accepts it', async () => {
    const desk = await api.as(DEMO_EMAILS.reception);
    const { joinWaitlist } = await desk.data<{ joinWaitlist: { entry: { id: string; status: string }; userErrors: unknown[] } }>(JOIN, {
      input: { patientId: waiting, serviceId: slot.service, providerIds: [slot.provider], from: slot.day, to: slot.day, timeWindow: { from: slot.local, to: slot.localEnd } },
    });
    expect(joinWaitlist.userErrors).toEqual([]);
    const entryId = joinWaitlist.entry.id;
    // The window is exactly the booked slot: nothing to offer yet.
    expect(joinWaitlist.entry.status).toBe('WAITING');

    const cancelled = await desk.data<{ setAppointmentStatus: { userErrors: unknown[] } }>(
      `mutation ($i: SetAppointmentStatusInput!) { setAppointmentStatus(input: $i) { userErrors { code message } } }`,
      { i: { appointmentId: slot.appointment, status: 'CANCELLED', reason: 'family travelling' } },
    );
    expect(cancelled.setAppointmentStatus.userErrors).toEqual([]);
    const { waitlist } = await desk.data<{ waitlist: Array<{ id: string; status: string; offeredStartsAt: string; offerExpiresAt: string; offeredProvider: { id: string } }> }>(LIST, {
      clinicId: slot.clinic,
    });
    const entry = waitlist.find((e) => e.id === entryId)!;
    expect(entry).toMatchObject({ status: 'OFFERED', offeredStartsAt: slot.startsAt, offeredProvider: { id: slot.provider } });
    expect(new Date(entry.offerExpiresAt).getTime()).toBeLessThanOrEqual(new Date(slot.startsAt).getTime());

    const refused = await desk.data<{ bookAppointment: { appointment: null; userErrors: Array<{ code: string; reason: string }> } }>(
      `mutation ($i: BookAppointmentInput!) { bookAppointment(input: $i) { appointment { id } userErrors { code reason } } }`,
      { i: { patientId: other, providerId: slot.provider, serviceId: slot.service, startsAt: slot.startsAt } },
    );
    expect(refused.bookAppointment).toEqual({ appointment: null, userErrors: [{ code: 'SLOT_TAKEN', reason: 'SLOT_HELD' }] });

    // The held slot is no free slot, for anyone.
    const { freeSlots } = await desk.data<{ freeSlots: Array<{ startsAt: string }> }>(
      `query ($p: ID!, $s: ID!, $d: Date!) { freeSlots(providerId: $p, serviceId: $s, date: $d) { startsAt } }`,
      { p: slot.provider, s: slot.service, d: slot.day },
    );
    expect(freeSlots.map((free) => free.startsAt)).not.toContain(slot.startsAt);

    const clinician = await api.as(DEMO_EMAILS.clinician);
    const forbidden = await clinician.failure(LIST, {});
    expect(forbidden.errors[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const node = `query ($id: ID!) { node(id: $id) { __typename ... on WaitlistEntry { status } } }`;
    expect((await clinician.data<{ node: unknown }>(node, { id: entryId })).node).toBeNull();
    expect((await desk.data<{ node: unknown }>(node, { id: entryId })).node).toEqual({ __typename: 'WaitlistEntry', status: 'OFFERED' });

    const accepted = await desk.data<{ acceptWaitlistOffer: { appointment: { startsAt: string; patient: { id: string } }; userErrors: unknown[] } }>(
      `mutation ($i: RespondToOfferInput!) { acceptWaitlistOffer(input: $i) { appointment { startsAt patient { id } } userErrors { code } } }`,
      { i: { waitlistEntryId: entryId } },
    );
    expect(accepted.acceptWaitlistOffer).toEqual({ appointment: { startsAt: slot.startsAt, patient: { id: waiting } }, userErrors: [] });
    const again = await desk.data<{ acceptWaitlistOffer: { userErrors: Array<{ code: string }> } }>(
      `mutation ($i: RespondToOfferInput!) { acceptWaitlistOffer(input: $i) { userErrors { code } } }`,
      { i: { waitlistEntryId: entryId } },
    );
    expect(again.acceptWaitlistOffer.userErrors).toEqual([{ code: 'OFFER_NOT_OPEN' }]);
  });

  it('the hold time: ADMIN reads and sets it (15 min to 48 h, a typed refusal otherwise); others are refused', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const READ = '{ waitlistSettings { holdMinutes } }';
    const SET = `mutation ($i: SetWaitlistHoldTimeInput!) { setWaitlistHoldTime(input: $i) { waitlistSettings { holdMinutes } userErrors { code reason field } } }`;
    expect(await admin.data(READ)).toEqual({ waitlistSettings: { holdMinutes: 120 } });
    type Set = { setWaitlistHoldTime: { waitlistSettings: { holdMinutes: number } | null; userErrors: unknown[] } };
    expect((await admin.data<Set>(SET, { i: { holdMinutes: 5 } })).setWaitlistHoldTime).toEqual({
      waitlistSettings: null,
      userErrors: [{ code: 'VALIDATION', reason: 'HOLD_TIME_OUT_OF_RANGE', field: ['input', 'holdMinutes'] }],
    });
    expect((await admin.data<Set>(SET, { i: { holdMinutes: 45 } })).setWaitlistHoldTime).toEqual({ waitlistSettings: { holdMinutes: 45 }, userErrors: [] });
    expect(await admin.data(READ)).toEqual({ waitlistSettings: { holdMinutes: 45 } });
    const desk = await api.as(DEMO_EMAILS.reception);
    expect((await desk.failure(READ)).errors[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // A time off shortened (inside its old times only).
    const { addTimeOff } = await admin.data<{ addTimeOff: { timeOff: { id: string } } }>(
      `mutation ($i: AddTimeOffInput!) { addTimeOff(input: $i) { timeOff { id } } }`,
      { i: { providerId: slot.provider, startsAt: '2027-03-01T05:00:00Z', endsAt: '2027-03-01T13:00:00Z' } },
    );
    const SHORTEN = `mutation ($i: ShortenTimeOffInput!) { shortenTimeOff(input: $i) { timeOff { startsAt endsAt } userErrors { code reason } } }`;
    const longer = await admin.data<{ shortenTimeOff: unknown }>(SHORTEN, { i: { timeOffId: addTimeOff.timeOff.id, startsAt: '2027-03-01T04:00:00Z', endsAt: '2027-03-01T13:00:00Z' } });
    expect(longer.shortenTimeOff).toEqual({ timeOff: null, userErrors: [{ code: 'VALIDATION', reason: 'TIME_OFF_NOT_SHORTER' }] });
    const shorter = await admin.data<{ shortenTimeOff: unknown }>(SHORTEN, { i: { timeOffId: addTimeOff.timeOff.id, startsAt: '2027-03-01T09:00:00Z', endsAt: '2027-03-01T13:00:00Z' } });
    expect(shorter.shortenTimeOff).toEqual({ timeOff: { startsAt: '2027-03-01T09:00:00.000Z', endsAt: '2027-03-01T13:00:00.000Z' }, userErrors: [] });
  });

  it('lists purchases at risk with the numbers, and every purchase tells its risk', async () => {
    const desk = await api.as(DEMO_EMAILS.reception);
    const { atRiskPackages } = await desk.data<{ atRiskPackages: Array<{ expiryRisk: { level: string; daysLeft: number; sessionsToPlace: number; freeSlotsBeforeExpiry: number } }> }>(
      `{ atRiskPackages { id expiryDate expiryRisk { level sessionsToPlace daysLeft freeSlotsBeforeExpiry } } }`,
    );
    for (const row of atRiskPackages) expect(['AT_RISK', 'CANNOT_FINISH']).toContain(row.expiryRisk.level);
    const days = atRiskPackages.map((row) => row.expiryRisk.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const finance = await api.as(DEMO_EMAILS.finance);
    expect((await finance.failure(`{ atRiskPackages { id } }`)).errors[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
