import { USERS } from '../support/api.js';
import { localDateOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

test('booking one session from a package takes the next session number and shows what remains', async ({ app, api, patient, newProvider }) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  // Sessions 1 and 2 are already booked (not yet delivered).
  await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', ['2026-11-25', '2026-11-29']);
  await app.signInAs(USERS.reception);

  await app.patient.goto(patient);
  const card = app.patient.card('10 SLP Sessions');
  await card.expectRemaining(10, 8);
  await card.bookOneSessionLink.click();

  await app.book.expectLoaded();
  // Coming from the card, the clinic and service follow from the package, and the package is chosen.
  await expect(app.book.clinic.locator('option:checked')).toHaveText('Speech-Language Pathology');
  await expect(app.book.service.locator('option:checked')).toHaveText('Speech therapy session');
  const option = app.book.packageOption('10 SLP Sessions');
  await expect(option).toBeChecked();
  await expect(option).toHaveAccessibleName(
    app.words.t('packageRemains', { name: '10 SLP Sessions', remaining: 10, unscheduled: 8, date: app.words.date(purchase.expiryDate) }),
  );
  await app.book.choose({ provider: provider.name, date: '2026-12-01' });
  await app.book.pickFirstFreeSlot();
  await app.book.book();

  await app.appointment.expectLoaded();
  await app.appointment.expectStatus('BOOKED');
  await app.appointment.expectPackageSession(3, 10);
  await app.appointment.expectPackageUsed(0, 10);
  await expect(app.appointment.packageRemaining).toHaveText('10');

  const number = await app.appointment.number();
  const booked = (await api.appointmentsOf(purchase.id)).find((a) => a.number === number);
  expect(booked).toMatchObject({ sessionNumberInPackage: 3, status: 'BOOKED', provider: { id: provider.id } });
  expect(localDateOf(booked!.startsAt)).toBe('2026-12-01');

  await app.patient.goto(patient);
  await card.expectRemaining(10, 7);
  await card.expectUsed(0, 10);
});

test('after the assessment of "SLP Assessment + 8 Sessions", booking one session offers a therapy session', async ({
  app,
  api,
  adminApi,
  patient,
  newProvider,
}) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, 'SLP Assessment + 8 Sessions');
  const [assessment] = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-ASSESS', ['2026-11-25']);
  await adminApi.setAppointmentStatus(assessment!.id, 'COMPLETED');
  await app.signInAs(USERS.reception);

  await app.patient.goto(patient);
  await app.patient.card('SLP Assessment + 8 Sessions').bookOneSessionLink.click();
  await app.book.expectLoaded();
  // The next free session is the first therapy session: its service is chosen, not the assessment's.
  await expect(app.book.service.locator('option:checked')).toHaveText('Speech therapy session');
  await expect(app.book.packageOption('SLP Assessment + 8 Sessions')).toBeChecked();
  await app.book.choose({ provider: provider.name, date: '2026-11-30' });
  await app.book.pickFirstFreeSlot();
  await app.book.book();

  await app.appointment.expectLoaded();
  await app.appointment.expectPackageSession(2, 9);
  await app.appointment.expectPackageUsed(1, 9);
  await expect(app.appointment.packageRemaining).toHaveText('8');
});
