import { USERS } from '../support/api.js';
import { addDays, localDateOf, TODAY_DATE, weekdayOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

test('scheduling a package on Mondays and Wednesdays puts every session on those days, a day apart, before expiry', async ({
  app,
  api,
  patient,
  newProvider,
}) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  await app.signInAs(USERS.reception);

  await app.patient.goto(patient);
  await app.patient.card('10 SLP Sessions').scheduleLink.click();
  await app.schedule.expectOpen();
  await expect(app.schedule.startDate).toHaveValue(TODAY_DATE);
  await expect(app.schedule.endDate).toHaveValue(purchase.expiryDate);

  await app.schedule.schedule({ provider: provider.name, days: ['MONDAY', 'WEDNESDAY'] });
  await app.schedule.expectCreated(10);
  await expect(app.schedule.result).toContainText(app.words.t('allPlaced'));
  await expect(app.schedule.notPlacedHeading).toHaveCount(0);

  // What the API stored: every session on a Monday or a Wednesday, in order, never two on one
  // day, from the start date up to the expiry date.
  const appointments = await api.appointmentsOf(purchase.id);
  expect(appointments.map((a) => a.sessionNumberInPackage)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const days = appointments.map((a) => localDateOf(a.startsAt, a.clinic.timeZone));
  for (const day of days) {
    expect(['MONDAY', 'WEDNESDAY'], `${day} is a preferred day`).toContain(weekdayOf(day));
    expect(day >= TODAY_DATE && day <= purchase.expiryDate, `${day} is between today and the expiry date`).toBe(true);
  }
  for (let i = 1; i < days.length; i += 1) expect(days[i]! > days[i - 1]!, `session ${i + 1} is a day after session ${i}`).toBe(true);
  // The fresh provider's diary is empty: the first Wednesday and Monday from today, in turn.
  expect(days.slice(0, 4)).toEqual([addDays(TODAY_DATE, 1), addDays(TODAY_DATE, 6), addDays(TODAY_DATE, 8), addDays(TODAY_DATE, 13)]);
  expect(appointments.every((a) => a.provider.id === provider.id && a.status === 'BOOKED')).toBe(true);

  // The screen shows the same sessions, days and provider.
  const shown = await app.schedule.createdSessions();
  expect(shown.map(({ session, date, provider }) => ({ session, date, provider }))).toEqual(
    days.map((day, i) => ({ session: app.words.t('sessionN', { n: i + 1 }), date: app.words.date(day), provider: provider.name })),
  );

  // The card beside the form, and the patient's card: every session scheduled, none used.
  await app.schedule.card.expectRemaining(10, 0);
  await app.schedule.card.expectUsed(0, 10);
  await app.patient.goto(patient);
  const card = app.patient.card('10 SLP Sessions');
  await card.expectRemaining(10, 0);
  await expect(card.scheduleLink).toHaveCount(0);
  await card.progressLink.click();
  await app.progress.expectLoaded();
  await app.progress.expectCounts({ used: 0, remaining: 10, unscheduled: 0, scheduled: 10, completed: 0 });
  await expect(app.progress.appointments.locator('tbody tr')).toHaveCount(10);

  // Scheduling again is safe: nothing is left to place, nothing is created.
  await app.schedule.goto(purchase.id);
  await app.schedule.schedule({ provider: provider.name, days: ['MONDAY', 'WEDNESDAY'] });
  await expect(app.schedule.result).toContainText(app.words.t('nothingToSchedule'));
  expect(await api.appointmentsOf(purchase.id)).toHaveLength(10);
});
