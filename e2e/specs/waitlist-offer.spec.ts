import { WaitlistPage } from '../pages/waitlist.page.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

// A day no other flow uses: Wednesday 1 September 2027.
const DAY = '2027-09-01';

test('a cancellation offers the freed slot to the patient waiting, and the desk accepts it', async ({ app, api, patient, newProvider }) => {
  const provider = await newProvider();
  const service = await api.serviceCoded('SLP-THERAPY');
  const holder = await api.createPatient();
  const [slot] = await api.freeSlots(provider.id, service.id, DAY);
  const booked = await api.bookAppointment({ patientId: holder.id, providerId: provider.id, serviceId: service.id, startsAt: slot! });
  // The patient waits for exactly that time (09:00-09:45 in the clinic) with that provider.
  const local = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Riyadh', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  const joined = await api.mutate<{ entry: { id: string; status: string } }>(
    'joinWaitlist',
    'mutation ($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { entry { id status } userErrors { code message } } }',
    { patientId: patient.id, serviceId: service.id, providerIds: [provider.id], from: DAY, to: DAY, timeWindow: { from: local(booked.startsAt), to: local(new Date(new Date(booked.startsAt).getTime() + 45 * 60_000).toISOString()) } },
  );
  expect(joined.entry.status).toBe('WAITING');

  await app.signInAs(USERS.reception);
  const waitlist = new WaitlistPage(app.page, app.lang);
  await waitlist.goto();
  await waitlist.expectStatus(patient.nameEn, 'WAITING');

  // The holder cancels: the slot is offered and held for the patient waiting.
  await api.setAppointmentStatus(booked.id, 'CANCELLED', 'Family travelling');
  await waitlist.goto();
  await waitlist.expectStatus(patient.nameEn, 'OFFERED');
  await waitlist.accept(patient.nameEn);
  const [before] = app.words.t('waitlistAccepted', { number: '#' }).split('#');
  await expect(app.page.getByRole('status').filter({ hasText: before! })).toBeVisible();
  await expect(waitlist.entry(patient.nameEn)).toHaveCount(0);

  const { appointments } = await api.query<{ appointments: { edges: Array<{ node: { startsAt: string; provider: { id: string }; patient: { id: string } } }> } }>(
    'query ($f: AppointmentFilter) { appointments(filter: $f) { edges { node { startsAt provider { id } patient { id } } } } }',
    { f: { patientId: patient.id } },
  );
  expect(appointments.edges.map((e) => e.node)).toEqual([{ startsAt: booked.startsAt, provider: { id: provider.id }, patient: { id: patient.id } }]);
});

test('an empty booking day links to the waitlist, prefilled; removing the time off offers the freed slot', async ({ app, api, adminApi, patient, newProvider }) => {
  const provider = await newProvider();
  const service = await api.serviceCoded('SLP-THERAPY');
  // The provider is away all of Wednesday 8 September 2027 (a day no other flow uses).
  const away = '2027-09-08';
  const { timeOff } = await adminApi.mutate<{ timeOff: { id: string } }>(
    'addTimeOff',
    'mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { timeOff { id } userErrors { code message } } }',
    { providerId: provider.id, startsAt: `${away}T00:00:00+03:00`, endsAt: `${away}T23:59:00+03:00`, reason: 'Course' },
  );

  await app.signInAs(USERS.reception);
  const address = new URLSearchParams({ patientId: patient.id, clinicId: service.clinic.id, providerId: provider.id, serviceId: service.id, date: away });
  await app.page.goto(`/appointments/new?${address}`);
  await expect(app.page.getByTestId('empty-day')).toHaveAttribute('data-status', 'PROVIDER_AWAY');
  await app.page.getByRole('link', { name: app.words.t('waitlistJoinLink') }).click();
  const waitlist = new WaitlistPage(app.page, app.lang);
  await waitlist.expectJoinForm({ from: away, to: away, serviceId: service.id, providerId: provider.id });
  await waitlist.join();
  await expect(app.page.getByRole('status').filter({ hasText: app.words.t('waitlistJoined_WAITING') })).toBeVisible();
  await waitlist.expectStatus(patient.nameEn, 'WAITING');

  // The time off is removed: the same request offers the freed time to the patient waiting.
  await adminApi.mutate('removeTimeOff', 'mutation ($input: RemoveTimeOffInput!) { removeTimeOff(input: $input) { timeOff { id } userErrors { code message } } }', {
    timeOffId: timeOff.id,
  });
  await waitlist.goto();
  await waitlist.expectStatus(patient.nameEn, 'OFFERED');
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the waitlist screen and the hold time setting are accessible, right to left, at 1366 and 390 px', async ({ app, patient }) => {
    await app.signInAs(USERS.admin);
    const waitlist = new WaitlistPage(app.page, app.lang);
    await waitlist.goto(`?patientId=${encodeURIComponent(patient.id)}`);
    await expect(app.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(app.page.getByRole('button', { name: app.words.t('waitlistJoin') })).toBeVisible();
    await app.expectAccessible('waitlist (ar, 1366)');
    await app.page.setViewportSize({ width: 390, height: 844 });
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.expectAccessible('waitlist (ar, 390)');

    // The hold time, on the policy screen (ADMIN).
    await app.page.goto('/settings/policy');
    const form = app.page.getByRole('form', { name: app.words.t('waitlistHoldTitle') });
    await expect(form.getByLabel(app.words.t('waitlistHoldMinutes'))).toHaveValue('120');
    const overflowThere = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflowThere).toBeLessThanOrEqual(0);
    await app.expectAccessible('waitlist hold time (ar, 390)');
  });
});
