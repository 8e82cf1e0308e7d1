import { USERS } from '../support/api.js';
import { localDateOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

test('with an end date three days after the start, the sessions that cannot be placed are listed with their reasons', async ({
  app,
  api,
  patient,
  newProvider,
}) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  await app.signInAs(USERS.reception);

  // Sunday 29 November to Tuesday 1 December: three working days, so three sessions at most.
  await app.schedule.goto(purchase.id);
  await app.schedule.schedule({ provider: provider.name, startDate: '2026-11-29', endDate: '2026-12-01' });

  await app.schedule.expectCreated(3);
  const shown = await app.schedule.createdSessions();
  expect(shown.map((row) => [row.session, row.date])).toEqual([
    [app.words.t('sessionN', { n: 1 }), app.words.date('2026-11-29')],
    [app.words.t('sessionN', { n: 2 }), app.words.date('2026-11-30')],
    [app.words.t('sessionN', { n: 3 }), app.words.date('2026-12-01')],
  ]);
  await expect(app.schedule.notPlacedHeading).toHaveText(app.words.t('notPlaced', { count: 7 }));
  await expect(app.schedule.notPlacedReasons).toHaveText([4, 5, 6, 7, 8, 9, 10].map((n) => app.words.t('sched_PAST_END_DATE', { n })));

  const appointments = await api.appointmentsOf(purchase.id);
  expect(appointments.map((a) => [a.sessionNumberInPackage, localDateOf(a.startsAt)])).toEqual([
    [1, '2026-11-29'],
    [2, '2026-11-30'],
    [3, '2026-12-01'],
  ]);
  await app.schedule.card.expectRemaining(10, 7);
});
