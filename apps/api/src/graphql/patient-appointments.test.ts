import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, globalIdOf, loadCatalogue, NOW, problemCode, sqlRows, startSeededApi, uuidOf, type GraphqlClient, type SeededApi } from '../testing/graphql-client.js';

/**
 * Patient.upcomingAppointments and Patient.pastAppointments: every status, on either side of the
 * server's now (upcoming in time order, past latest first), a page at a time; the same rows as the
 * root `appointments` query for each role (a clinician: their own), and a bad page size refused.
 */

let api: SeededApi;
let patientId: string;
let clinicianPatientId: string;

beforeAll(async () => {
  api = await startSeededApi();
  // The demo patient with the most appointments before now and at least three from now on.
  const [busiest] = await sqlRows<{ id: string }>(
    api.db,
    `select patient_id as id from appointment group by patient_id
      having count(*) filter (where starts_at >= $1) >= 3 and count(*) filter (where starts_at < $1) >= 3
      order by count(*) desc, patient_id limit 1`,
    [NOW],
  );
  patientId = globalIdOf('Patient', busiest!.id);
  // A patient of the clinician's, given one more session with another speech therapist.
  const [own] = await sqlRows<{ id: string }>(
    api.db,
    `select a.patient_id as id from appointment a join app_user u on u.provider_id = a.provider_id and u.email = $1 order by a.patient_id limit 1`,
    [DEMO_EMAILS.clinician],
  );
  clinicianPatientId = globalIdOf('Patient', own!.id);
  const reception = await api.as(DEMO_EMAILS.reception);
  const catalogue = await loadCatalogue(reception);
  const therapy = catalogue.services['SLP-THERAPY']!;
  for (const [name, providerId] of Object.entries(catalogue.providers)) {
    if (name === 'Huda Al-Otaibi') continue;
    const answer = await reception.request<{ freeSlots: Array<{ startsAt: string }> }>(
      'query ($p: ID!, $s: ID!, $d: Date!, $pt: ID) { freeSlots(providerId: $p, serviceId: $s, date: $d, patientId: $pt) { startsAt } }',
      { p: providerId, s: therapy, d: '2026-12-08', pt: clinicianPatientId },
    );
    const slot = answer.data?.freeSlots[0];
    if (!slot) continue;
    const booked = await reception.data<{ bookAppointment: { userErrors: unknown[] } }>(
      'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { userErrors { code } } }',
      { input: { patientId: clinicianPatientId, providerId, serviceId: therapy, startsAt: slot.startsAt } },
    );
    expect(booked.bookAppointment.userErrors).toEqual([]);
    break;
  }
});
afterAll(() => api?.close());

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; startsAt: string; status: string } }>;
}

const NESTED = `query ($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Patient {
    upcomingAppointments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id startsAt status } } }
    pastAppointments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id startsAt status } } }
  } }
}`;

async function walk(client: GraphqlClient, id: string, field: 'upcomingAppointments' | 'pastAppointments') {
  const ids: Array<{ id: string; startsAt: string; status: string }> = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 0; pages < 50; pages += 1) {
    const data: { node: Record<string, Connection> } = await client.data(NESTED, { id, first: 2, after });
    const page = data.node[field]!;
    totalCount = page.totalCount;
    ids.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { rows: ids, totalCount };
}

async function root(client: GraphqlClient, id: string, range: { from?: string; to?: string }) {
  const data = await client.data<{ appointments: Connection }>(
    `query ($filter: AppointmentFilter) { appointments(filter: $filter, first: 100) { totalCount edges { node { id startsAt status } } } }`,
    { filter: { patientId: id, ...range } },
  );
  return data.appointments.edges.map((edge) => edge.node.id);
}

describe("a patient's appointments on the patient's page", () => {
  it('upcoming in time order and past latest first, every status, paged without gaps, as the root query has them', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const upcoming = await walk(reception, patientId, 'upcomingAppointments');
    const past = await walk(reception, patientId, 'pastAppointments');
    const [counts] = await sqlRows<{ upcoming: number; past: number }>(
      api.db,
      `select count(*) filter (where starts_at >= $2)::int as upcoming, count(*) filter (where starts_at < $2)::int as past from appointment where patient_id = $1`,
      [uuidOf(patientId), NOW],
    );
    expect(upcoming.totalCount).toBe(counts!.upcoming);
    expect(past.totalCount).toBe(counts!.past);
    expect(upcoming.rows).toHaveLength(counts!.upcoming);
    expect(past.rows).toHaveLength(counts!.past);
    expect(new Set(upcoming.rows.map((r) => r.id)).size).toBe(upcoming.rows.length);
    expect(new Set(past.rows.map((r) => r.id)).size).toBe(past.rows.length);

    const times = (rows: Array<{ startsAt: string }>) => rows.map((r) => Date.parse(r.startsAt));
    expect(times(upcoming.rows).every((t) => t >= NOW.getTime())).toBe(true);
    expect(times(past.rows).every((t) => t < NOW.getTime())).toBe(true);
    expect(times(upcoming.rows)).toEqual([...times(upcoming.rows)].sort((a, b) => a - b));
    expect(times(past.rows)).toEqual([...times(past.rows)].sort((a, b) => b - a));

    // The same rows as the root query with the same bounds.
    expect(upcoming.rows.map((r) => r.id)).toEqual(await root(reception, patientId, { from: NOW.toISOString() }));
    expect(past.rows.map((r) => r.id).reverse()).toEqual(await root(reception, patientId, { to: NOW.toISOString() }));
  });

  it('a clinician sees only their own sessions of a patient, the same by the nested field as by the root query', async () => {
    const clinician = await api.as(DEMO_EMAILS.clinician);
    const reception = await api.as(DEMO_EMAILS.reception);
    const theirs = [...(await walk(clinician, clinicianPatientId, 'pastAppointments')).rows, ...(await walk(clinician, clinicianPatientId, 'upcomingAppointments')).rows];
    const everyone = [...(await walk(reception, clinicianPatientId, 'pastAppointments')).rows, ...(await walk(reception, clinicianPatientId, 'upcomingAppointments')).rows];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(everyone.length);
    expect(theirs.map((r) => r.id).sort()).toEqual((await root(clinician, clinicianPatientId, {})).sort());
  });

  it('refuses a page size out of range with a typed error, and a patient list cannot ask for every page', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const answer = await reception.request(NESTED, { id: patientId, first: 0 });
    expect(problemCode(answer, 'node')).toBe('VALIDATION');
    // Two statements a patient: a page of 100 patients asking for both lists costs too much.
    const costly = await reception.request(`{ patients(first: 100) { id upcomingAppointments { totalCount } pastAppointments { totalCount } } }`);
    expect(problemCode(costly, 'patients')).toBe('QUERY_TOO_COMPLEX');
  });
});
