import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('a provider per session: the assessment with one therapist, one session with another, the rest with the default', async ({
  app,
  api,
  patient,
  newProvider,
}) => {
  const [usual, assessor, cover] = [await newProvider(), await newProvider(), await newProvider()];
  const purchase = await api.buyPackage(patient.id, 'SLP Assessment + 8 Sessions');
  await app.signInAs(USERS.reception);

  await app.schedule.goto(purchase.id);
  await app.schedule.providerPerSession.check();
  // One select per session, each defaulting to the provider chosen above.
  for (let n = 1; n <= 9; n += 1) await expect(app.schedule.sessionProvider(n)).toHaveValue('');
  await app.schedule.schedule({ provider: usual.name, perSession: { 1: assessor.name, 5: cover.name }, days: ['SUNDAY', 'TUESDAY', 'THURSDAY'] });

  const expected = (n: number) => (n === 1 ? assessor : n === 5 ? cover : usual);
  await app.schedule.expectCreated(9);
  const shown = await app.schedule.createdSessions();
  expect(shown.map((row) => [row.session, row.provider])).toEqual(
    Array.from({ length: 9 }, (_, i) => [app.words.t('sessionN', { n: i + 1 }), expected(i + 1).name]),
  );

  const appointments = await api.appointmentsOf(purchase.id);
  expect(appointments.map((a) => [a.sessionNumberInPackage, a.provider.id])).toEqual(
    Array.from({ length: 9 }, (_, i) => [i + 1, expected(i + 1).id]),
  );

  // The progress page lists each session with its provider, and so does each appointment.
  await app.progress.goto(purchase.id);
  for (const n of [1, 2, 5, 9]) {
    await expect(app.progress.sessionRow(n, 'BOOKED')).toContainText(expected(n).name);
  }
  await app.progress.openSession(5);
  await app.appointment.expectLoaded(appointments[4]!.number);
  await expect(app.appointment.provider).toHaveText(cover.name);
  await app.appointment.expectPackageSession(5, 9);
});
