import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, globalIdOf, sqlRows, startSeededApi, type SeededApi } from '../../testing/graphql-client.js';

/**
 * Weekly hours over HTTP on the demo data: an ADMIN narrows a provider's hours so that a booked
 * appointment falls outside them; the provider's `appointmentsOutsideHours` names it and nothing
 * moves; a receptionist cannot change hours.
 */

let api: SeededApi;
let clinicId: string;
let providerId: string;
let appointmentId: string;
let weekday: number;

const SET = /* GraphQL */ `
  mutation ($input: SetWorkingHoursInput!) {
    setWorkingHours(input: $input) { workingHours { weekday startTime endTime } userErrors { code field } }
  }
`;
const OUTSIDE = /* GraphQL */ `
  query ($clinicId: ID) { providers(clinicId: $clinicId) { id appointmentsOutsideHours(clinicId: $clinicId) { id status } } }
`;

beforeAll(async () => {
  api = await startSeededApi();
  const [row] = await sqlRows<{ id: string; clinic_id: string; provider_id: string; weekday: number }>(
    api.db,
    `select a.id, a.clinic_id, a.provider_id, extract(dow from (a.starts_at at time zone c.time_zone))::int as weekday
       from appointment a join clinic c on c.id = a.clinic_id join app_user u on u.provider_id = a.provider_id
      where u.email = $1 and a.status in ('BOOKED', 'CONFIRMED') and a.starts_at > '2026-11-25'
        and (a.starts_at at time zone c.time_zone)::time >= '09:00'
      order by a.starts_at limit 1`,
    [DEMO_EMAILS.clinician],
  );
  appointmentId = globalIdOf('Appointment', row!.id);
  clinicId = globalIdOf('Clinic', row!.clinic_id);
  providerId = globalIdOf('Provider', row!.provider_id);
  weekday = row!.weekday;
});

afterAll(async () => {
  await api?.close();
});

type Outside = { providers: Array<{ id: string; appointmentsOutsideHours: Array<{ id: string; status: string }> }> };

describe('weekly hours over HTTP', () => {
  it('lists the booked appointments that new hours leave out, moving none', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const outsideNow = async () => (await admin.data<Outside>(OUTSIDE, { clinicId })).providers.find((p) => p.id === providerId)!.appointmentsOutsideHours.map((a) => a.id);
    expect(await outsideNow()).not.toContain(appointmentId);
    const before = await sqlRows(api.db, 'select id, starts_at, status from appointment order by id');
    const { setWorkingHours } = await admin.data<{ setWorkingHours: { userErrors: unknown[] } }>(SET, {
      input: { providerId, clinicId, ranges: [{ weekday, startTime: '07:00', endTime: '08:00' }] },
    });
    expect(setWorkingHours.userErrors).toEqual([]);
    expect(await outsideNow()).toContain(appointmentId);
    expect(await sqlRows(api.db, 'select id, starts_at, status from appointment order by id')).toEqual(before);
  });

  it('refuses a receptionist, changing nothing', async () => {
    const desk = await api.as(DEMO_EMAILS.reception);
    const { setWorkingHours } = await desk.data<{ setWorkingHours: { workingHours: unknown; userErrors: Array<{ code: string }> } }>(SET, {
      input: { providerId, clinicId, ranges: [] },
    });
    expect(setWorkingHours).toMatchObject({ workingHours: null, userErrors: [{ code: 'FORBIDDEN' }] });
  });
});
