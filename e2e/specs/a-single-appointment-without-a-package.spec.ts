import { USERS } from '../support/api.js';
import { localDateOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

test('a single appointment without a package is booked and completed, and the patient’s package is not touched', async ({ app, api, patient }) => {
  // The patient owns a package of the same service: the single appointment must leave it alone.
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  // A day of this week, so that it shows in the clinician's week; one per repetition of the test
  // (--repeat-each), so that two runs in parallel never reach for the same free time of hers.
  const day = ['2026-11-25', '2026-11-26', '2026-11-24'][test.info().repeatEachIndex % 3]!;
  await app.signInAs(USERS.reception);

  // The front desk books it.
  await app.patients.goto();
  await app.shell.goTo('navBook');
  await app.book.expectLoaded();
  await app.book.choosePatient(patient.mrn, patient.nameEn);
  await app.book.choose({ clinic: 'Speech-Language Pathology', provider: 'Huda Al-Otaibi', service: 'Speech therapy session', date: day });
  await app.book.pickFirstFreeSlot();
  // The patient's package is preselected; a single visit is chosen on purpose.
  await expect(app.book.packageOption('10 SLP Sessions')).toBeChecked();
  await app.book.noPackage.check();
  await expect(app.book.packageOption('10 SLP Sessions')).not.toBeChecked();
  await expect(app.book.noPackage).toBeChecked();
  await app.book.book();

  await app.appointment.expectLoaded();
  await app.appointment.expectStatus('BOOKED');
  await expect(app.appointment.packageBlock).toHaveCount(0);
  const number = await app.appointment.number();

  // The clinician delivers it, from her week.
  await app.shell.signOut();
  await app.signInPage.signIn(USERS.clinician);
  await app.week.expectLoaded('Huda Al-Otaibi');
  await app.week.day(day).getByRole('link').filter({ hasText: patient.nameEn }).click();
  await app.appointment.expectLoaded(number);
  await expect(app.appointment.packageBlock).toHaveCount(0);
  await app.appointment.setStatus('COMPLETED');
  await expect(app.appointment.actions).toContainText(app.words.t('noActions'));

  // No package was touched. The purchase holds no session of hers, so the front desk looks.
  await app.shell.signOut();
  await app.signInPage.signIn(USERS.reception);
  await app.patient.goto(patient);
  const card = app.patient.card('10 SLP Sessions');
  await card.expectUsed(0, 10);
  await card.expectRemaining(10, 10);
  expect(await api.purchase(purchase.id)).toMatchObject({ status: 'ACTIVE', sessionsUsed: 0, sessionsUnscheduled: 10 });
  expect(await api.appointmentsOf(purchase.id)).toEqual([]);
  const [single] = await api.query<{ appointments: { edges: Array<{ node: { id: string } }> } }>(
    'query($f: AppointmentFilter) { appointments(filter: $f) { edges { node { id } } } }',
    { f: { patientId: patient.id } },
  ).then((data) => data.appointments.edges.map((edge) => edge.node));
  const stored = await api.appointment(single!.id);
  expect(stored).toMatchObject({ number, status: 'COMPLETED', sessionNumberInPackage: null, packagePurchase: null });
  expect(localDateOf(stored.startsAt)).toBe(day);
});
