import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { addTimeOff } from '../providers/manage-providers.js';
import type { Role } from '../tenancy/role.js';
import { clinicCalendar, type ClinicCalendar, type ClinicCalendarInput } from './clinic-calendar.js';

const NOW = new Date('2026-11-24T05:00:00Z'); // Tuesday 08:00 in Riyadh
const WEEK = { from: '2026-11-29', to: '2026-12-05' }; // Sunday to Saturday
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
  const admin = fx.context('ADMIN', NOW);
  // Dr Amal works Sunday, then is on annual leave Monday to Thursday; Dr Basim trains on Wednesday morning.
  const leave = await addTimeOff(admin, { providerId: fx.provider.id, startsAt: fx.at('2026-11-30', '00:00'), endsAt: fx.at('2026-12-04', '00:00'), reason: 'Annual leave' });
  const training = await addTimeOff(fx.context('ADMIN', NOW), { providerId: fx.secondProvider.id, startsAt: fx.at('2026-12-02', '08:00'), endsAt: fx.at('2026-12-02', '10:00'), reason: 'Training' });
  expect([leave.ok, training.ok]).toEqual([true, true]);

  const purchase = await fx.buyPackage({ now: NOW });
  const book = async (providerId: string, date: string, time: string, packagePurchaseId: string | null, patientId = fx.patient.id) => {
    const booked = await bookAppointment(fx.context('RECEPTIONIST', NOW), { patientId, providerId, serviceId: fx.therapy.id, startsAt: fx.at(date, time), packagePurchaseId });
    if (!booked.ok) throw new Error(booked.error.message);
  };
  await book(fx.provider.id, '2026-11-29', '09:00', purchase.id); // session 1 with Amal
  await book(fx.secondProvider.id, '2026-11-30', '09:00', purchase.id); // session 2 with Basim
  const other = await fx.addPatient({ nameEn: 'Omar' });
  await book(fx.secondProvider.id, '2026-12-01', '13:00', null, other.id); // a single appointment
  await book(fx.secondProvider.id, '2026-12-06', '09:00', null, other.id); // the next week: outside
});
afterAll(() => db?.drop());

async function calendar(role: Role, input: Partial<ClinicCalendarInput> = {}): Promise<ClinicCalendar> {
  const result = await clinicCalendar(fx.context(role, NOW), { clinicId: fx.clinic.id, ...WEEK, ...input });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const local = (interval: { startsAt: Date; endsAt: Date }) => `${fx.local(interval.startsAt)}–${fx.local(interval.endsAt).slice(11)}`;

describe("the clinic's calendar", () => {
  it('has a column per provider of the clinic, in the clinic zone, and none from another clinic', async () => {
    const week = await calendar('RECEPTIONIST');
    expect(week.timeZone).toBe('Asia/Riyadh');
    expect(week.days).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(week.columns.map((column) => column.provider.name)).toEqual(['Dr Amal', 'Dr Basim']);
  });

  it('shows a week of leave as time off with its reason, and the weekend as days not worked', async () => {
    const amal = (await calendar('RECEPTIONIST')).columns.find((column) => column.provider.id === fx.provider.id);
    expect(amal?.working.map(local)).toEqual(['2026-11-29 08:00–12:00', '2026-11-29 13:00–16:00']);
    expect(amal?.unavailable.map((u) => [u.date, u.kind, u.reason, local(u)])).toEqual([
      ['2026-11-30', 'TIME_OFF', 'Annual leave', '2026-11-30 00:00–00:00'],
      ['2026-12-01', 'TIME_OFF', 'Annual leave', '2026-12-01 00:00–00:00'],
      ['2026-12-02', 'TIME_OFF', 'Annual leave', '2026-12-02 00:00–00:00'],
      ['2026-12-03', 'TIME_OFF', 'Annual leave', '2026-12-03 00:00–00:00'],
      ['2026-12-04', 'NOT_WORKING_DAY', null, '2026-12-04 00:00–00:00'],
      ['2026-12-05', 'NOT_WORKING_DAY', null, '2026-12-05 00:00–00:00'],
    ]);
  });

  it('cuts a morning of training out of the working hours', async () => {
    const basim = (await calendar('RECEPTIONIST', { from: '2026-12-02', to: '2026-12-02' })).columns.find((c) => c.provider.id === fx.secondProvider.id);
    expect(basim?.working.map(local)).toEqual(['2026-12-02 10:00–12:00', '2026-12-02 13:00–16:00']);
    expect(basim?.unavailable.map((u) => [u.kind, u.reason, local(u)])).toEqual([['TIME_OFF', 'Training', '2026-12-02 08:00–10:00']]);
  });

  it('lists the appointments of the range with their session number and total', async () => {
    const week = await calendar('RECEPTIONIST');
    expect(
      week.appointments.map((a) => [fx.local(a.startsAt), a.provider.id === fx.provider.id ? 'Amal' : 'Basim', a.patient.nameEn, a.service.code, a.status, a.sessionNumberInPackage ?? null, a.packageTotalSessions ?? null]),
    ).toEqual([
      ['2026-11-29 09:00', 'Amal', 'Sara', 'SLP-T', 'BOOKED', 1, 10],
      ['2026-11-30 09:00', 'Basim', 'Sara', 'SLP-T', 'BOOKED', 2, 10],
      ['2026-12-01 13:00', 'Basim', 'Omar', 'SLP-T', 'BOOKED', null, null],
    ]);
  });

  it('answers only the providers asked for', async () => {
    const week = await calendar('RECEPTIONIST', { providerIds: [fx.secondProvider.id, fx.otherClinicProvider.id] });
    expect(week.columns.map((column) => column.provider.name)).toEqual(['Dr Basim']);
    expect(week.appointments.map((a) => fx.local(a.startsAt))).toEqual(['2026-11-30 09:00', '2026-12-01 13:00']);
  });

  it("gives a clinician every column's hours but only their own appointments", async () => {
    const week = await calendar('CLINICIAN');
    expect(week.columns).toHaveLength(2);
    expect(week.appointments.map((a) => [fx.local(a.startsAt), a.provider.id])).toEqual([['2026-11-29 09:00', fx.provider.id]]);
    const theirs = await calendar('CLINICIAN', { providerIds: [fx.secondProvider.id] });
    expect(theirs.appointments).toEqual([]);
  });

  it('sends the same few statements for one day as for a month', async () => {
    db.resetQueryLog();
    await calendar('RECEPTIONIST', { from: '2026-12-01', to: '2026-12-01' });
    const oneDay = db.queries.length;
    db.resetQueryLog();
    await calendar('RECEPTIONIST', { from: '2026-11-29', to: '2026-12-29' });
    expect(db.queries.length).toBe(oneDay);
    // clinic, providers, weekly hours, closures, time off, the appointments page and its count
    expect(oneDay).toBe(7);
  });

  it('refuses a range that is backwards, too long or not a date, and a clinic of no one', async () => {
    const refusal = async (input: Partial<ClinicCalendarInput>) => {
      const result = await clinicCalendar(fx.context('RECEPTIONIST', NOW), { clinicId: fx.clinic.id, ...WEEK, ...input });
      return result.ok ? null : { code: result.error.code, field: result.error.field };
    };
    expect(await refusal({ from: '2026-12-05', to: '2026-11-29' })).toEqual({ code: 'VALIDATION', field: ['to'] });
    expect(await refusal({ from: '2026-11-01', to: '2026-12-02' })).toEqual({ code: 'VALIDATION', field: ['to'] });
    expect(await refusal({ from: '2026-11-01', to: '2026-12-01' })).toBeNull();
    expect(await refusal({ from: '2026-02-30' })).toEqual({ code: 'VALIDATION', field: ['from'] });
    expect(await refusal({ clinicId: '3f1c0a4e-0000-4000-8000-000000000000' })).toEqual({ code: 'NOT_FOUND', field: ['clinicId'] });
    expect(await refusal({ clinicId: 'not-an-id' })).toEqual({ code: 'NOT_FOUND', field: ['clinicId'] });
    const elsewhere = await createClinicFixture(db.orm);
    expect(await refusal({ clinicId: elsewhere.clinic.id })).toEqual({ code: 'NOT_FOUND', field: ['clinicId'] });
  });
});

describe('a calendar across a daylight-saving change', () => {
  it('puts working hours and days on local wall-clock time in New York', async () => {
    const ny = await createClinicFixture(db.orm, { zone: 'America/New_York' });
    const result = await clinicCalendar(ny.context('RECEPTIONIST', NOW), { clinicId: ny.clinic.id, from: '2026-10-31', to: '2026-11-01' });
    if (!result.ok) throw new Error(result.error.message);
    const amal = result.value.columns[0];
    // Saturday is not worked: a whole local day, midnight EDT to midnight EDT.
    expect(amal?.unavailable.map((u) => [u.kind, u.startsAt.toISOString(), u.endsAt.toISOString()])).toEqual([
      ['NOT_WORKING_DAY', '2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z'],
    ]);
    // Sunday 1 November runs on EST from 02:00: 08:00 local is 13:00Z.
    expect(amal?.working.map((w) => w.startsAt.toISOString())).toEqual(['2026-11-01T13:00:00.000Z', '2026-11-01T18:00:00.000Z']);
  });
});
