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

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the waitlist screen is accessible, right to left, at 1366 and 390 px', async ({ app, patient }) => {
    await app.signInAs(USERS.reception);
    const waitlist = new WaitlistPage(app.page, app.lang);
    await waitlist.goto(`?patientId=${encodeURIComponent(patient.id)}`);
    await expect(app.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(app.page.getByRole('button', { name: app.words.t('waitlistJoin') })).toBeVisible();
    await app.expectAccessible('waitlist (ar, 1366)');
    await app.page.setViewportSize({ width: 390, height: 844 });
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await app.expectAccessible('waitlist (ar, 390)');
  });
});
