import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('a clinician sees only their own week and appointments, and cannot schedule packages', async ({ app, api, patient }) => {
  const huda = await api.providerNamed('Huda Al-Otaibi');
  const nada = await api.providerNamed('Nada Al-Shammari');
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  // The front desk books its first session with her next week: a clinician reaches the patients and
  // purchases of her own appointments only.
  const [booked] = await api.bookSessions(purchase.id, patient.id, huda.id, 'SLP-THERAPY', ['2026-12-07']);

  // Through the sign-in form, as a clinician would.
  await app.signInPage.goto();
  await app.signInPage.signIn(USERS.clinician);

  // Home is her week: this week (Sunday 22 to Saturday 28 November), her patients only.
  await app.week.expectLoaded('Huda Al-Otaibi');
  await expect(app.shell.navLink('navMyWeek')).toHaveAttribute('aria-current', 'page');
  await expect(app.shell.navLink('navBook')).toHaveCount(0);
  await expect(app.week.day('2026-11-26')).toContainText('Jana Al-Ghamdi');
  await expect(app.week.day('2026-11-26')).toContainText('Turki Al-Maliki');
  for (const otherProvidersPatient of ['Reem Al-Qurashi', 'Hamad Al-Balawi', 'Lujain Al-Asmari', 'Mohammed Al-Anazi']) {
    await expect(app.week.appointmentLinks.filter({ hasText: otherProvidersPatient })).toHaveCount(0);
  }
  await app.expectAccessible('clinician week');

  // Another provider's week, by its address, is not hers to see: she is taken back to her own.
  await app.page.goto(`/providers/${encodeURIComponent(nada.id)}/week`);
  await app.week.expectLoaded('Huda Al-Otaibi');
  await expect(app.page).toHaveURL(new RegExp(`/providers/${encodeURIComponent(huda.id)}/week`));
  await expect(app.week.appointmentLinks.filter({ hasText: 'Reem Al-Qurashi' })).toHaveCount(0);

  // The appointments list holds hers only.
  await app.shell.goTo('navAppointments');
  await expect(app.appointments.heading).toHaveText(app.words.t('appointmentsTitle'));
  await expect(app.appointments.rows.first()).toBeVisible();
  const providers = await app.appointments.column('provider');
  expect(providers.length).toBeGreaterThan(0);
  expect(new Set(providers)).toEqual(new Set(['Huda Al-Otaibi']));

  // A patient's package: she may follow its progress, not schedule or book it.
  await app.patient.goto(patient);
  const card = app.patient.card('10 SLP Sessions');
  await expect(card.progressLink).toBeVisible();
  await card.expectNotBookable();
  await expect(app.patient.buyPackageButton).toHaveCount(0);
  await app.schedule.goto(purchase.id);
  await expect(app.page.getByText(app.words.t('scheduleNotAllowed'))).toBeVisible();
  await expect(app.schedule.scheduleButton).toHaveCount(0);
  await app.expectAccessible('scheduling screen for a clinician');
  await app.book.goto(patient.id, purchase.id);
  await expect(app.page.getByText(app.words.t('bookNotAllowed'))).toBeVisible();
  await expect(app.book.bookButton).toHaveCount(0);
  // Nothing more than the front desk's one booking.
  expect((await api.appointmentsOf(purchase.id)).map((appointment) => appointment.id)).toEqual([booked!.id]);
});
