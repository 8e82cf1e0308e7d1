import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import type { Result } from '../kernel/domain-error.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { createClosure } from '../closures/closures.js';
import { addTimeOff } from '../providers/manage-providers.js';
import { firstAvailableSlots, type AvailableSlot } from './first-available.js';
import { dayStatus } from './day-status.js';
import { freeSlots } from './free-slots.js';
import { acceptWaitlistOffer, joinWaitlist } from '../waitlist/waitlist.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});


const shown = (fx: ClinicFixture, slots: AvailableSlot[]) => slots.map((slot) => `${slot.providerName} ${fx.local(slot.startsAt)}`);

describe('first available slots across the providers of a clinic', () => {
  it('lists the earliest slots of every provider from now, and a booking takes its slot away', async () => {
    const fx = await createClinicFixture(db.orm);
    const now = fx.at('2026-11-24', '10:05'); // Tuesday
    const ask = { clinicId: fx.clinic.id, serviceId: fx.therapy.id, first: 3 };
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), ask)))).toEqual([
      'Dr Amal 2026-11-24 10:15',
      'Dr Basim 2026-11-24 10:15',
      'Dr Amal 2026-11-24 10:30',
    ]);
    ok(await bookAppointment(fx.context('RECEPTIONIST', now), { patientId: fx.patient.id, providerId: fx.provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-11-24', '10:15') }));
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, first: 4 })))).toEqual([
      'Dr Basim 2026-11-24 10:15',
      'Dr Basim 2026-11-24 10:30',
      'Dr Basim 2026-11-24 10:45',
      'Dr Amal 2026-11-24 11:00',
    ]);
    // "from" later than now.
    const later = ok(await firstAvailableSlots(fx.context('CLINICIAN', now), { ...ask, from: fx.at('2026-11-24', '13:00'), first: 1 }));
    expect(shown(fx, later)).toEqual(['Dr Amal 2026-11-24 13:00']);
  });

  it('passes over a closed day, the weekend and a provider away, and keeps to the providers asked for', async () => {
    const fx = await createClinicFixture(db.orm);
    const now = fx.at('2026-11-25', '15:30'); // Wednesday, after the last 45-minute slot
    ok(await createClosure(fx.context('ADMIN', now), { clinicId: fx.clinic.id, startDate: '2026-11-26', endDate: '2026-11-26', reason: 'Staff training' }));
    ok(await addTimeOff(fx.context('ADMIN', now), { providerId: fx.provider.id, startsAt: fx.at('2026-11-29', '00:00'), endsAt: fx.at('2026-11-30', '00:00'), reason: 'Annual leave' }));
    const ask = { clinicId: fx.clinic.id, serviceId: fx.therapy.id, first: 2 };
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), ask)))).toEqual(['Dr Basim 2026-11-29 08:00', 'Dr Basim 2026-11-29 08:15']);
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, providerIds: [fx.provider.id] })))).toEqual([
      'Dr Amal 2026-11-30 08:00',
      'Dr Amal 2026-11-30 08:15',
    ]);

    // Why each day is empty (or not).
    const status = async (date: string, providerId = fx.provider.id) =>
      ok(await dayStatus(fx.context('RECEPTIONIST', now), { providerId, serviceId: fx.therapy.id, date }));
    expect(await status('2026-11-24')).toEqual({ status: 'PAST', reason: null, freeSlotCount: 0 });
    expect((await status('2026-11-25')).status).toBe('PAST');
    expect(await status('2026-11-26')).toEqual({ status: 'CLOSED', reason: 'Staff training', freeSlotCount: 0 });
    expect((await status('2026-11-27')).status).toBe('NOT_WORKING_DAY');
    expect(await status('2026-11-29')).toEqual({ status: 'PROVIDER_AWAY', reason: 'Annual leave', freeSlotCount: 0 });
    expect(await status('2026-11-29', fx.secondProvider.id)).toEqual({ status: 'OPEN', reason: null, freeSlotCount: 24 });

    const short = await fx.addProvider({ name: 'Dr Short', hours: [{ weekday: 1, startTime: '08:00', endTime: '09:00' }] });
    expect((await status('2026-11-30', short.id)).status).toBe('OPEN');
    ok(await bookAppointment(fx.context('RECEPTIONIST', now), { patientId: fx.patient.id, providerId: short.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-11-30', '08:00') }));
    expect(await status('2026-11-30', short.id)).toEqual({ status: 'FULL', reason: null, freeSlotCount: 0 });
  });

  it('leaves a slot held by a waitlist offer out of every free-slot answer, for everyone, until it is booked', async () => {
    const fx = await createClinicFixture(db.orm);
    const now = fx.at('2026-11-24', '10:05'); // Tuesday
    const waiting = await fx.addPatient();
    // 10:15 is free already: the entry is offered it at once and holds Dr Amal's 10:15-11:00.
    const entry = ok(await joinWaitlist(fx.context('RECEPTIONIST', now), {
      patientId: waiting.id,
      serviceId: fx.therapy.id,
      providerIds: [fx.provider.id],
      from: '2026-11-24',
      to: '2026-11-24',
      timeWindow: { from: '10:15', to: '11:00' },
    }));
    expect(entry.status).toBe('OFFERED');
    const ask = { clinicId: fx.clinic.id, serviceId: fx.therapy.id, first: 4 };
    const expected = ['Dr Basim 2026-11-24 10:15', 'Dr Basim 2026-11-24 10:30', 'Dr Basim 2026-11-24 10:45', 'Dr Amal 2026-11-24 11:00'];
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), ask)))).toEqual(expected);
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('CLINICIAN', now), ask)))).toEqual(expected);
    const day = { providerId: fx.provider.id, serviceId: fx.therapy.id, date: '2026-11-24' };
    const amal = ok(await freeSlots(fx.context('RECEPTIONIST', now), day)).map((slot) => fx.local(slot.startsAt));
    expect(amal.slice(0, 2)).toEqual(['2026-11-24 11:00', '2026-11-24 11:15']);
    // The holder too: they take it by accepting the offer.
    const theirs = ok(await freeSlots(fx.context('RECEPTIONIST', now), { ...day, patientId: waiting.id })).map((slot) => fx.local(slot.startsAt));
    expect(theirs[0]).toBe('2026-11-24 11:00');
    const status = ok(await dayStatus(fx.context('RECEPTIONIST', now), day));
    expect(status.freeSlotCount).toBe(amal.length);
    // Accepting books it: the answers stay the same (now an appointment takes the time).
    ok(await acceptWaitlistOffer(fx.context('RECEPTIONIST', now), { waitlistEntryId: entry.id }));
    expect(shown(fx, ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), ask)))).toEqual(expected);
  });

  it('refuses bad input with a typed error', async () => {
    const fx = await createClinicFixture(db.orm);
    const now = fx.at('2026-11-24', '10:00');
    const code = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);
    const ask = { clinicId: fx.clinic.id, serviceId: fx.therapy.id, first: 3 };
    expect(code(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, first: 0 }))).toBe('VALIDATION');
    expect(code(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, first: 51 }))).toBe('VALIDATION');
    expect(code(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, clinicId: fx.otherClinic.id }))).toBe('VALIDATION');
    expect(code(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, providerIds: [fx.otherClinicProvider.id] }))).toBe('NOT_FOUND');
    expect(code(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { ...ask, providerIds: ['nope'] }))).toBe('NOT_FOUND');
    expect(code(await dayStatus(fx.context('RECEPTIONIST', now), { providerId: fx.provider.id, serviceId: fx.therapy.id, date: '2026-13-01' }))).toBe('VALIDATION');
  });

  it('sends as many statements for two providers over a closed week as for six over an open day', async () => {
    const counted = async (extraProviders: number, closedDays: number) => {
      const fx = await createClinicFixture(db.orm);
      const now = fx.at('2026-11-24', '08:00');
      for (let i = 0; i < extraProviders; i += 1) await fx.addProvider({ name: `Dr ${i}` });
      if (closedDays) ok(await createClosure(fx.context('ADMIN', now), { clinicId: fx.clinic.id, startDate: '2026-11-24', endDate: `2026-11-${24 + closedDays - 1}`, reason: 'Works' }));
      db.resetQueryLog();
      const slots = ok(await firstAvailableSlots(fx.context('RECEPTIONIST', now), { clinicId: fx.clinic.id, serviceId: fx.therapy.id, first: 5 }));
      expect(slots).toHaveLength(5);
      return db.queries.length;
    };
    const few = await counted(0, 7);
    console.log(`firstAvailableSlots: ${few} statements`);
    expect(few).toBeLessThanOrEqual(6);
    expect(await counted(4, 0)).toBe(few);
  });
});
