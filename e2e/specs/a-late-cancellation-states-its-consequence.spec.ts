import { USERS } from '../support/api.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { TODAY_DATE } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`a late cancellation, in ${lang === 'en' ? 'English' : 'Arabic'}`, () => {
    test.use({ lang });

    test('the desk is told it uses a session before confirming, and confirming does it', async ({ app, api, patient, newProvider }) => {
      const provider = await newProvider();
      const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
      // Session 1 later today: well inside the default 24-hour late-cancellation window.
      const [session] = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', [TODAY_DATE]);
      await app.signInAs(USERS.reception);
      await app.appointment.goto(session!.id);
      await app.appointment.expectPackageSession(1, 10);

      await app.appointment.requestCancel(lang === 'en' ? 'Family emergency' : 'ظرف عائلي');
      const dialog = app.appointment.confirmDialog;
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAccessibleName(app.words.t('confirmChangeTitle', { action: app.words.t('action_CANCELLED') }));
      await expect(dialog).toHaveAccessibleDescription(app.words.t('consequence_LATE_CANCELLATION_CONSUMES', { hours: 24, session: 1, total: 10 }));
      await expect(dialog.getByRole('button', { name: app.words.t('goBack') })).toBeFocused();
      await expectNoSeriousA11yViolations(app.page, 'the late-cancellation dialog');

      // Escape goes back and changes nothing.
      await app.page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await app.appointment.expectStatus('BOOKED');
      expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 0 });

      // Asked again and confirmed: cancelled, and the session is used under the policy.
      await app.appointment.submitCancel();
      await expect(dialog).toBeVisible();
      await app.appointment.confirmChange();
      await expect(app.appointment.notice).toHaveText(app.words.t('statusChanged', { status: app.words.t('appt_CANCELLED') }));
      await app.appointment.expectStatus('CANCELLED');
      await app.appointment.expectPackageUsed(1, 10);
      expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 1 });
    });
  });
}
