import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { freeSlots } from '../availability/free-slots.js';
import { addTimeOff, appointmentsInTimeOff, appointmentsOutsideHours, createProvider, removeTimeOff, setWorkingHours } from './manage-providers.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { cancellationPolicy, createService, setCancellationPolicy } from '../catalogue/manage-clinics.js';
import { createTenant } from '../tenancy/create-tenant.js';
import { signIn } from '../tenancy/sign-in.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { policyOf } from '../appointments/cancellation-policy.js';
import { CancellationPolicy } from '../appointments/cancellation-policy.entity.js';

const NOW = new Date('2026-11-24T05:00:00Z'); // Tuesday 08:00 in Riyadh
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());

const slotsOn = async (providerId: string, date: string) => {
  const result = await freeSlots(fx.context('RECEPTIONIST', NOW), { providerId, serviceId: fx.therapy.id, date });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.map((slot) => fx.local(slot.startsAt).slice(11));
};

describe('running a clinic', () => {
  it('adds a provider who works only the hours given to them', async () => {
    const created = await createProvider(fx.context('ADMIN', NOW), { name: 'Dr New', clinicIds: [fx.clinic.id] });
    expect(created.ok).toBe(true);
    const providerId = created.ok ? created.value.id : '';
    expect(await slotsOn(providerId, '2026-11-25')).toEqual([]);
    const hours = await setWorkingHours(fx.context('ADMIN', NOW), {
      providerId,
      clinicId: fx.clinic.id,
      ranges: [{ weekday: 3, startTime: '09:00', endTime: '10:30' }],
    });
    expect(hours.ok).toBe(true);
    expect(await slotsOn(providerId, '2026-11-25')).toEqual(['09:00', '09:15', '09:30', '09:45']);
  });

  it('refuses overlapping ranges of one day and changes nothing', async () => {
    const result = await setWorkingHours(fx.context('ADMIN', NOW), {
      providerId: fx.provider.id,
      clinicId: fx.clinic.id,
      ranges: [
        { weekday: 1, startTime: '08:00', endTime: '12:00' },
        { weekday: 1, startTime: '11:00', endTime: '13:00' },
      ],
    });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'VALIDATION', field: ['input', 'ranges', '0', 'startTime'] });
    expect(await slotsOn(fx.provider.id, '2026-11-25')).toHaveLength(24);
  });

  it('takes time off out of the free slots, and gives it back when removed', async () => {
    const added = await addTimeOff(fx.context('ADMIN', NOW), {
      providerId: fx.provider.id,
      startsAt: fx.at('2026-11-25', '08:00'),
      endsAt: fx.at('2026-11-25', '12:00'),
      reason: 'training',
    });
    expect(added.ok).toBe(true);
    expect((await slotsOn(fx.provider.id, '2026-11-25'))[0]).toBe('13:00');
    const removed = await removeTimeOff(fx.context('ADMIN', NOW), { timeOffId: added.ok ? added.value.id : '' });
    expect(removed.ok).toBe(true);
    expect((await slotsOn(fx.provider.id, '2026-11-25'))[0]).toBe('08:00');
  });

  it('answers the appointments already inside a week of leave, and moves none', async () => {
    const provider = await fx.addProvider({ name: 'Dr Leave' });
    const booked = await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: fx.patient.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-09', '09:00'),
    });
    if (!booked.ok) throw new Error(booked.error.message);
    const leave = await addTimeOff(fx.context('ADMIN', NOW), {
      providerId: provider.id, startsAt: fx.at('2026-12-06', '00:00'), endsAt: fx.at('2026-12-13', '00:00'), reason: 'annual leave',
    });
    if (!leave.ok) throw new Error(leave.error.message);
    const inside = await appointmentsInTimeOff(fx.context('RECEPTIONIST', NOW), { timeOffId: leave.value.id });
    expect(inside.ok && inside.value.map((a) => [a.id, a.startsAt.toISOString()])).toEqual([[booked.value.id, booked.value.startsAt.toISOString()]]);
    expect(await slotsOn(provider.id, '2026-12-08')).toEqual([]);
    const foreign = await appointmentsInTimeOff(fx.context('RECEPTIONIST', NOW), { timeOffId: 'not-an-id' });
    expect(foreign.ok ? null : foreign.error.code).toBe('NOT_FOUND');
  });

  it('lists the booked appointments new weekly hours leave out, and moves none', async () => {
    const provider = await fx.addProvider({ name: 'Dr Hours' });
    const booked = await bookAppointment(fx.context('RECEPTIONIST', NOW), {
      patientId: fx.patient.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-16', '09:00'),
    });
    if (!booked.ok) throw new Error(booked.error.message);
    const outside = async () => {
      const result = await appointmentsOutsideHours(fx.context('ADMIN', NOW), { providerId: provider.id, clinicId: fx.clinic.id });
      if (!result.ok) throw new Error(result.error.message);
      return result.value.map((a) => a.id);
    };
    expect(await outside()).toEqual([]);
    const wednesdayAfternoons = [{ weekday: 3, startTime: '08:00', endTime: '09:15' }, { weekday: 3, startTime: '13:00', endTime: '17:00' }];
    expect((await setWorkingHours(fx.context('ADMIN', NOW), { providerId: provider.id, clinicId: fx.clinic.id, ranges: wednesdayAfternoons })).ok).toBe(true);
    expect(await outside()).toEqual([booked.value.id]);
    const kept = await db.orm.em.fork().findOneOrFail(Appointment, booked.value.id);
    expect([kept.status, kept.startsAt.toISOString()]).toEqual(['BOOKED', booked.value.startsAt.toISOString()]);
    const mornings = [{ weekday: 3, startTime: '08:00', endTime: '12:00' }];
    expect((await setWorkingHours(fx.context('ADMIN', NOW), { providerId: provider.id, clinicId: fx.clinic.id, ranges: mornings })).ok).toBe(true);
    expect(await outside()).toEqual([]);
    const unknown = await appointmentsOutsideHours(fx.context('ADMIN', NOW), { providerId: 'not-an-id' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('lets only an admin manage providers', async () => {
    const result = await createProvider(fx.context('RECEPTIONIST', NOW), { name: 'X', clinicIds: [fx.clinic.id] });
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  });

  it('adds a service with a unique code and a sane duration', async () => {
    const ok = await createService(fx.context('ADMIN', NOW), {
      clinicId: fx.clinic.id, code: 'slp-group', nameEn: 'Group session', nameAr: 'جلسة جماعية', durationMinutes: 60, price: '150.00',
    });
    expect(ok.ok && ok.value.code).toBe('SLP-GROUP');
    const again = await createService(fx.context('ADMIN', NOW), {
      clinicId: fx.clinic.id, code: 'SLP-GROUP', nameEn: 'Again', nameAr: 'Again', durationMinutes: 7, price: '1',
    });
    expect(again.ok ? null : again.error.field).toEqual(['input', 'durationMinutes']);
  });

  it('sets the cancellation policy of the tenant; without one, every term has its default', async () => {
    await db.orm.em.fork().nativeDelete(CancellationPolicy, { tenant: fx.tenant.id });
    expect(await cancellationPolicy(fx.context('ADMIN', NOW))).toEqual({
      noShowConsumesSession: true,
      lateCancellationConsumesSession: true,
      lateCancellationWindowHours: 24,
      lateCancellationFee: null,
      noShowFee: null,
      graceAllowance: 0,
      gracePeriodDays: 90,
    });
    const terms = { noShowConsumesSession: false, lateCancellationConsumesSession: true, lateCancellationWindowHours: 12 };
    expect((await setCancellationPolicy(fx.context('ADMIN', NOW), terms)).ok).toBe(true);
    expect(await policyOf(db.orm.em.fork(), fx.tenant.id)).toMatchObject(terms);
  });
});

describe('creating a tenant on a real installation', () => {
  it('creates the tenant and its first admin, who can sign in', async () => {
    const result = await createTenant(db.orm.em, {
      slug: 'new-clinic', name: 'New Clinic', adminEmail: 'Boss@New.Example', adminName: 'Boss', adminPassword: 'a-long-password-1',
      clinic: { nameEn: 'Physiotherapy', nameAr: 'العلاج الطبيعي', timeZone: 'Asia/Riyadh' },
    });
    expect(result.ok).toBe(true);
    const user = await signIn(db.orm.em, 'boss@new.example', 'a-long-password-1');
    expect(user?.role).toBe('ADMIN');
    expect(await signIn(db.orm.em, 'boss@new.example', 'wrong-password-1')).toBeNull();
  });

  it('refuses a second tenant with the same slug, and a short password, creating nothing', async () => {
    const before = await db.orm.em.fork().count(Tenant, {});
    const duplicate = await createTenant(db.orm.em, {
      slug: 'new-clinic', name: 'Again', adminEmail: 'other@new.example', adminName: 'Other', adminPassword: 'a-long-password-1',
    });
    expect(duplicate.ok ? null : duplicate.error.code).toBe('CONFLICT');
    const weak = await createTenant(db.orm.em, { slug: 'weak', name: 'Weak', adminEmail: 'w@w.example', adminName: 'W', adminPassword: 'short' });
    expect(weak.ok ? null : weak.error.field).toEqual(['adminPassword']);
    expect(await db.orm.em.fork().count(Tenant, {})).toBe(before);
  });
});
