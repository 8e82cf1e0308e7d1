import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, globalIdOf, sqlRows, startSeededApi, uuidOf, type SeededApi } from '../../testing/graphql-client.js';

/**
 * Closures over HTTP on the demo data: an ADMIN closes a clinic on a day that already has
 * appointments and is told which (none moved); the desk reads them; booking and free slots skip
 * the day and the calendar shows it closed with the reason; other roles cannot create one,
 * another tenant sees none, and a clinician sees only their own appointments inside.
 */

let api: SeededApi;
let day: string;
let clinicId: string;
let providerId: string;
let serviceId: string;
let patientId: string;
let inside: string[];

const CREATE = /* GraphQL */ `
  mutation ($input: CreateClosureInput!) {
    createClosure(input: $input) {
      closure { id startDate endDate reason clinic { id } }
      affectedAppointments { id startsAt status }
      userErrors { code field message }
    }
  }
`;
const LIST = /* GraphQL */ `
  query ($clinicId: ID, $from: Date, $to: Date) {
    closures(clinicId: $clinicId, from: $from, to: $to) { id reason startDate endDate clinic { id } appointmentsInside { id } }
  }
`;

beforeAll(async () => {
  api = await startSeededApi();
  // A later day on which the demo clinician has a live appointment in Al Noor.
  const [row] = await sqlRows<{ day: string; clinic_id: string; provider_id: string; service_id: string; patient_id: string }>(
    api.db,
    `select to_char((a.starts_at at time zone c.time_zone)::date, 'YYYY-MM-DD') as day, a.clinic_id, a.provider_id, a.service_id, a.patient_id
       from appointment a join clinic c on c.id = a.clinic_id join app_user u on u.provider_id = a.provider_id
      where u.email = $1 and a.status in ('BOOKED', 'CONFIRMED') and a.starts_at > '2026-11-25'
      order by a.starts_at limit 1`,
    [DEMO_EMAILS.clinician],
  );
  day = row!.day;
  clinicId = globalIdOf('Clinic', row!.clinic_id);
  providerId = globalIdOf('Provider', row!.provider_id);
  serviceId = globalIdOf('Service', row!.service_id);
  patientId = globalIdOf('Patient', row!.patient_id);
  const open = await sqlRows<{ id: string }>(
    api.db,
    `select a.id from appointment a join clinic c on c.id = a.clinic_id
      where a.clinic_id = $1 and a.status in ('BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS') and (a.starts_at at time zone c.time_zone)::date = $2::date
      order by a.starts_at, a.id`,
    [row!.clinic_id, day],
  );
  inside = open.map((a) => globalIdOf('Appointment', a.id));
});

afterAll(async () => {
  await api?.close();
});

describe('closures over HTTP', () => {
  it('an ADMIN closes a clinic for a day and is told which appointments are already there; none moves', async () => {
    const before = await sqlRows(api.db, 'select id, starts_at, status from appointment order by id');
    const admin = await api.as(DEMO_EMAILS.admin);
    const { createClosure } = await admin.data<{ createClosure: { closure: { id: string; reason: string; clinic: { id: string } }; affectedAppointments: Array<{ id: string }>; userErrors: unknown[] } }>(
      CREATE,
      { input: { clinicId, startDate: day, endDate: day, reason: 'Staff training' } },
    );
    expect(createClosure.userErrors).toEqual([]);
    expect(createClosure.closure).toMatchObject({ reason: 'Staff training', clinic: { id: clinicId } });
    expect(inside.length).toBeGreaterThan(0);
    expect(createClosure.affectedAppointments.map((a) => a.id)).toEqual(inside);
    expect(await sqlRows(api.db, 'select id, starts_at, status from appointment order by id')).toEqual(before);

    const node = await admin.data<{ node: { reason: string } | null }>(`query ($id: ID!) { node(id: $id) { ... on Closure { reason } } }`, { id: createClosure.closure.id });
    expect(node.node).toEqual({ reason: 'Staff training' });
  });

  it('the desk lists it with the appointments inside; a clinician sees only their own; another tenant sees none', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const { closures } = await reception.data<{ closures: Array<{ reason: string; appointmentsInside: Array<{ id: string }> }> }>(LIST, { clinicId, from: day, to: day });
    expect(closures.map((c) => c.reason)).toEqual(['Staff training']);
    expect(closures[0]!.appointmentsInside.map((a) => a.id)).toEqual(inside);

    const clinician = await api.as(DEMO_EMAILS.clinician);
    const own = await clinician.data<{ closures: Array<{ appointmentsInside: Array<{ id: string }> }> }>(LIST, { clinicId, from: day, to: day });
    const [mine] = await sqlRows<{ ids: string[] }>(
      api.db,
      `select coalesce(array_agg(a.id order by a.starts_at, a.id), '{}') as ids from appointment a join app_user u on u.provider_id = a.provider_id join clinic c on c.id = a.clinic_id
        where u.email = $1 and a.status in ('BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS') and (a.starts_at at time zone c.time_zone)::date = $2::date`,
      [DEMO_EMAILS.clinician, day],
    );
    expect(own.closures[0]!.appointmentsInside.map((a) => a.id)).toEqual(mine!.ids.map((id) => globalIdOf('Appointment', id)));
    expect(mine!.ids.length).toBeLessThanOrEqual(inside.length);

    const other = await api.as(DEMO_EMAILS.otherAdmin);
    const theirs = await other.data<{ closures: Array<{ reason: string }> }>(LIST, { from: day, to: day });
    expect(theirs.closures.map((c) => c.reason)).not.toContain('Staff training');
    expect((await other.data<{ closures: unknown[] }>(LIST, { clinicId })).closures).toEqual([]);
  });

  it('free slots skip the day, booking in it is refused CLINIC_CLOSED, and the calendar shows it closed with the reason', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const slots = await reception.data<{ freeSlots: unknown[] }>(
      `query ($p: ID!, $s: ID!, $d: Date!) { freeSlots(providerId: $p, serviceId: $s, date: $d) { startsAt } }`,
      { p: providerId, s: serviceId, d: day },
    );
    expect(slots.freeSlots).toEqual([]);
    const [start] = await sqlRows<{ at: string }>(api.db, `select ($1::date + time '11:00') at time zone 'Asia/Riyadh' as at`, [day]);
    const booked = await reception.data<{ bookAppointment: { appointment: unknown; userErrors: Array<{ code: string; message: string }> } }>(
      `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } userErrors { code message } } }`,
      { input: { patientId, providerId, serviceId, startsAt: new Date(start!.at).toISOString() } },
    );
    expect(booked.bookAppointment.appointment).toBeNull();
    expect(booked.bookAppointment.userErrors).toEqual([{ code: 'CLINIC_CLOSED', message: expect.stringContaining('Staff training') }]);

    const calendar = await reception.data<{ clinicCalendar: { providers: Array<{ unavailable: Array<{ date: string; kind: string; reason: string | null }> }> } }>(
      `query ($c: ID!, $d: Date!) { clinicCalendar(clinicId: $c, from: $d, to: $d) { providers { unavailable { date kind reason } } } }`,
      { c: clinicId, d: day },
    );
    for (const column of calendar.clinicCalendar.providers) {
      expect(column.unavailable).toEqual([{ date: day, kind: 'CLOSED', reason: 'Staff training' }]);
    }
  });

  it("a provider's time off answers the appointments already inside it, and moves none", async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const [bounds] = await sqlRows<{ from: Date; to: Date }>(
      api.db,
      `select ($1::date::timestamp at time zone 'Asia/Riyadh') as "from", (($1::date + 1)::timestamp at time zone 'Asia/Riyadh') as "to"`,
      [day],
    );
    const [theirs] = await sqlRows<{ ids: string[] }>(
      api.db,
      `select coalesce(array_agg(a.id order by a.starts_at, a.id), '{}') as ids from appointment a
        where a.provider_id = $1 and a.status in ('BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS') and a.starts_at < $3 and a.ends_at > $2`,
      [uuidOf(providerId), bounds!.from, bounds!.to],
    );
    const { addTimeOff } = await admin.data<{ addTimeOff: { timeOff: { appointmentsInside: Array<{ id: string }> }; userErrors: unknown[] } }>(
      `mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { timeOff { appointmentsInside { id } } userErrors { code message } } }`,
      { input: { providerId, startsAt: bounds!.from.toISOString(), endsAt: bounds!.to.toISOString(), reason: 'conference' } },
    );
    expect(addTimeOff.userErrors).toEqual([]);
    expect(theirs!.ids.length).toBeGreaterThan(0);
    expect(addTimeOff.timeOff.appointmentsInside.map((a) => a.id)).toEqual(theirs!.ids.map((id) => globalIdOf('Appointment', id)));
  });

  it('refuses other roles and bad input with a userError, and changes nothing', async () => {
    const [{ count: before }] = (await sqlRows<{ count: string }>(api.db, 'select count(*) from closure')) as [{ count: string }];
    for (const email of [DEMO_EMAILS.reception, DEMO_EMAILS.finance, DEMO_EMAILS.clinician]) {
      const client = await api.as(email);
      const { createClosure } = await client.data<{ createClosure: { closure: unknown; userErrors: Array<{ code: string }> } }>(CREATE, {
        input: { startDate: '2026-12-31', endDate: '2026-12-31', reason: 'New year' },
      });
      expect(createClosure).toMatchObject({ closure: null, userErrors: [{ code: 'FORBIDDEN' }] });
    }
    const admin = await api.as(DEMO_EMAILS.admin);
    const backwards = await admin.data<{ createClosure: { userErrors: Array<{ code: string; field: string[] }> } }>(CREATE, {
      input: { startDate: '2026-12-31', endDate: '2026-12-30', reason: 'x' },
    });
    expect(backwards.createClosure.userErrors).toMatchObject([{ code: 'VALIDATION', field: ['input', 'endDate'] }]);
    const foreign = await (await api.as(DEMO_EMAILS.otherAdmin)).data<{ createClosure: { userErrors: Array<{ code: string }> } }>(CREATE, {
      input: { clinicId, startDate: '2026-12-31', endDate: '2026-12-31', reason: 'x' },
    });
    expect(foreign.createClosure.userErrors).toMatchObject([{ code: 'NOT_FOUND' }]);
    const [{ count: after }] = (await sqlRows<{ count: string }>(api.db, 'select count(*) from closure')) as [{ count: string }];
    expect(after).toBe(before);
  });
});
