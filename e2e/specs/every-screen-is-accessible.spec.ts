import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

// Each flow runs axe after each screen it visits; this walk makes sure that every screen, in
// both languages, is checked at least once in a state full of data.
for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`in ${lang === 'en' ? 'English' : 'Arabic'}`, () => {
    test.use({ lang });

    test('every screen has no serious or critical accessibility violation', async ({ app, api, patient, newProvider }) => {
      const provider = await newProvider();
      const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
      const { appointments } = await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25', endDate: '2026-11-30' });
      const html = app.page.locator('html');

      await app.page.goto('/sign-in');
      await app.shell.languageButton(lang).click();
      await expect(app.signInPage.heading).toHaveText(app.words.t('signIn'));
      await expect(html).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await app.expectAccessible('sign-in');

      await app.signInAs(USERS.admin);
      await app.patients.goto();
      await expect(app.patients.results.getByRole('row').nth(1)).toBeVisible();
      await app.expectAccessible('patients');

      await app.patient.goto(patient);
      await app.patient.buyPackageButton.click();
      await expect(app.patient.buyPanel.getByLabel(app.words.t('catalogue'))).toBeVisible();
      await app.expectAccessible('patient with the sale form open');

      await app.schedule.goto(purchase.id);
      await app.schedule.providerPerSession.check();
      await app.expectAccessible('schedule form');
      await app.schedule.schedule({ provider: app.words.name(provider), startDate: '2026-12-13', endDate: '2026-12-14' });
      await expect(app.schedule.notPlacedHeading).toBeVisible();
      await app.expectAccessible('schedule result');

      await app.progress.goto(purchase.id);
      await expect(app.progress.appointments).toBeVisible();
      await app.expectAccessible('progress');

      await app.appointment.goto(appointments[0]!.id);
      await app.appointment.action('CANCELLED').click();
      await expect(app.page.getByLabel(app.words.t('cancelReason'))).toBeVisible();
      await app.expectAccessible('appointment with the cancel form open');

      await app.book.goto(patient.id, purchase.id);
      await app.book.choose({ provider: app.words.name(provider), date: '2026-12-15' });
      await expect(app.book.freeSlots.first()).toBeVisible();
      await expect(app.book.packageOption(app.words.name(purchase.package))).toBeChecked();
      await app.expectAccessible('booking');

      await app.appointments.goto({ from: '2026-11-22', to: '2026-12-31' });
      await expect(app.appointments.rows.first()).toBeVisible();
      await app.expectAccessible('appointments');

      await app.week.goto(provider.id, '2026-11-25');
      await expect(app.week.appointmentLinks.first()).toBeVisible();
      await app.expectAccessible('provider week');

      await app.page.goto('/no-such-screen');
      await app.shell.expectNotFound();
      await app.expectAccessible('not found');
    });
  });
}
