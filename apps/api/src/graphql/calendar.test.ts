import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, loadCatalogue, startSeededApi, type Catalogue, type SeededApi } from '../testing/graphql-client.js';

/**
 * The clinic's calendar over HTTP, on the demo data seeded at NOW (Tuesday 2026-11-24): the
 * week of Sunday 29 November, when Omar is on annual leave (28 November to 4 December).
 */

let api: SeededApi;
let catalogue: Catalogue;
let otherCatalogue: Catalogue;

const CALENDAR = /* GraphQL */ `
  query ($clinicId: ID!, $from: Date!, $to: Date!, $providerIds: [ID!]) {
    clinicCalendar(clinicId: $clinicId, from: $from, to: $to, providerIds: $providerIds) {
      timeZone from to days
      clinic { id nameEn }
      providers {
        provider { id name }
        working { date startsAt endsAt }
        unavailable { date startsAt endsAt kind reason }
      }
      appointments {
        appointmentId providerId startsAt endsAt status patientNameEn serviceCode sessionNumber sessionTotal inThisClinic canReschedule
      }
    }
  }
`;

interface Calendar {
  clinicCalendar: {
    timeZone: string;
    days: string[];
    clinic: { id: string; nameEn: string };
    providers: Array<{
      provider: { id: string; name: string };
      working: Array<{ date: string; startsAt: string; endsAt: string }>;
      unavailable: Array<{ date: string; startsAt: string; endsAt: string; kind: string; reason: string | null }>;
    }>;
    appointments: Array<{
      appointmentId: string;
      providerId: string;
      startsAt: string;
      status: string;
      patientNameEn: string;
      serviceCode: string;
      sessionNumber: number | null;
      sessionTotal: number | null;
      inThisClinic: boolean;
      canReschedule: boolean;
    }>;
  };
}

const WEEK = { from: '2026-11-29', to: '2026-12-05' };
const slp = () => catalogue.clinics['Speech-Language Pathology']!;

beforeAll(async () => {
  api = await startSeededApi();
  catalogue = await loadCatalogue(await api.as(DEMO_EMAILS.admin));
  otherCatalogue = await loadCatalogue(await api.as(DEMO_EMAILS.otherAdmin));
});
afterAll(() => api?.close());

describe('clinicCalendar', () => {
  it("shows the front desk a column per provider, Omar's leave with its reason, and the weekend not worked", async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const { clinicCalendar: week } = await reception.data<Calendar>(CALENDAR, { clinicId: slp(), ...WEEK });
    expect(week.timeZone).toBe('Asia/Riyadh');
    expect(week.days).toHaveLength(7);
    expect(week.providers.map((column) => column.provider.name)).toEqual(['Huda Al-Otaibi', 'Nada Al-Shammari', 'Omar Haddad']);
    const omar = week.providers.find((column) => column.provider.name === 'Omar Haddad');
    expect(omar?.working).toEqual([]);
    expect(omar?.unavailable.map((u) => [u.date, u.kind, u.reason])).toEqual([
      ['2026-11-29', 'TIME_OFF', 'Annual leave'],
      ['2026-11-30', 'TIME_OFF', 'Annual leave'],
      ['2026-12-01', 'TIME_OFF', 'Annual leave'],
      ['2026-12-02', 'TIME_OFF', 'Annual leave'],
      ['2026-12-03', 'TIME_OFF', 'Annual leave'],
      ['2026-12-04', 'NOT_WORKING_DAY', null],
      ['2026-12-05', 'NOT_WORKING_DAY', null],
    ]);
    // Sunday 29 November, 00:00 in Riyadh (UTC+3) to the next midnight.
    expect(omar?.unavailable[0]).toMatchObject({ startsAt: '2026-11-28T21:00:00.000Z', endsAt: '2026-11-29T21:00:00.000Z' });
    const huda = week.providers.find((column) => column.provider.name === 'Huda Al-Otaibi');
    expect(huda?.working.filter((w) => w.date === '2026-11-29').map((w) => [w.startsAt, w.endsAt])).toEqual([
      ['2026-11-29T05:00:00.000Z', '2026-11-29T09:00:00.000Z'],
      ['2026-11-29T10:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ]);
  });

  it('lists the same appointments as the appointments query, with n/total for package sessions', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const { clinicCalendar: week } = await reception.data<Calendar>(CALENDAR, { clinicId: slp(), ...WEEK });
    const columns = new Set(week.providers.map((column) => column.provider.id));
    const listed = await reception.data<{ appointments: { edges: Array<{ node: { id: string; provider: { id: string } } }> } }>(
      `query ($f: AppointmentFilter) { appointments(filter: $f, first: 100) { edges { node { id provider { id } } } } }`,
      { f: { from: '2026-11-28T21:00:00Z', to: '2026-12-05T21:00:00Z' } },
    );
    const expected = listed.appointments.edges.filter((edge) => columns.has(edge.node.provider.id)).map((edge) => edge.node.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(week.appointments.map((a) => a.appointmentId)).toEqual(expected);
    const sessions = week.appointments.filter((a) => a.sessionNumber !== null);
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      expect(session.sessionTotal).toBeGreaterThanOrEqual(session.sessionNumber!);
      expect(session.serviceCode).toMatch(/^SLP-/);
    }
  });

  it('lets the front desk drag what it may reschedule (not a final status), and a clinician none', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const { clinicCalendar: month } = await reception.data<Calendar>(CALENDAR, { clinicId: slp(), from: '2026-11-10', to: '2026-12-09' });
    const final = new Set(['COMPLETED', 'CANCELLED', 'NO_SHOW']);
    expect(month.appointments.some((a) => final.has(a.status))).toBe(true);
    expect(month.appointments.some((a) => !final.has(a.status))).toBe(true);
    for (const appointment of month.appointments) expect(appointment.canReschedule).toBe(!final.has(appointment.status));
    const clinician = await api.as(DEMO_EMAILS.clinician);
    const { clinicCalendar: own } = await clinician.data<Calendar>(CALENDAR, { clinicId: slp(), from: '2026-11-10', to: '2026-12-09' });
    expect(own.appointments.length).toBeGreaterThan(0);
    expect(own.appointments.every((a) => !a.canReschedule)).toBe(true);
  });

  it('gives a clinician every column but only their own appointments', async () => {
    const clinician = await api.as(DEMO_EMAILS.clinician);
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const { clinicCalendar: week } = await clinician.data<Calendar>(CALENDAR, { clinicId: slp(), from: '2026-11-22', to: '2026-12-19' });
    expect(week.providers).toHaveLength(3);
    expect(week.appointments.length).toBeGreaterThan(0);
    expect(new Set(week.appointments.map((a) => a.providerId))).toEqual(new Set([huda]));
    const { clinicCalendar: nada } = await clinician.data<Calendar>(CALENDAR, {
      clinicId: slp(),
      from: '2026-11-22',
      to: '2026-12-19',
      providerIds: [catalogue.providers['Nada Al-Shammari']!],
    });
    expect(nada.providers.map((column) => column.provider.name)).toEqual(['Nada Al-Shammari']);
    expect(nada.appointments).toEqual([]);
  });

  it("answers another organisation's clinic as not found, and a provider of theirs as absent", async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const foreign = await reception.failure(CALENDAR, { clinicId: Object.values(otherCatalogue.clinics)[0], ...WEEK });
    expect(foreign.status).toBe(200);
    expect(foreign.errors[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(foreign.data).toBeNull();
    const { clinicCalendar: mixed } = await reception.data<Calendar>(CALENDAR, {
      clinicId: slp(),
      ...WEEK,
      providerIds: [Object.values(otherCatalogue.providers)[0], catalogue.providers['Omar Haddad']],
    });
    expect(mixed.providers.map((column) => column.provider.name)).toEqual(['Omar Haddad']);
  });

  it('refuses a range backwards or longer than 31 days with VALIDATION, and a malformed day as bad input', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    const backwards = await reception.failure(CALENDAR, { clinicId: slp(), from: '2026-12-05', to: '2026-11-29' });
    expect(backwards.errors[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: ['to'] });
    const tooLong = await reception.failure(CALENDAR, { clinicId: slp(), from: '2026-11-01', to: '2026-12-02' });
    expect(tooLong.errors[0]?.extensions).toMatchObject({ code: 'VALIDATION', field: ['to'] });
    const month = await reception.data<Calendar>(CALENDAR, { clinicId: slp(), from: '2026-11-01', to: '2026-12-01' });
    expect(month.clinicCalendar.days).toHaveLength(31);
    const malformed = await reception.failure(CALENDAR, { clinicId: slp(), from: '2026-02-30', to: '2026-03-01' });
    expect(malformed.status).toBe(400);
    expect(malformed.errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('asks to sign in first', async () => {
    const anonymous = await api.anonymous.failure(CALENDAR, { clinicId: slp(), ...WEEK });
    expect(anonymous.errors[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
