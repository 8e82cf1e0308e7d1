import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

/**
 * Reminders: reception records a patient's e-mail, language and consent on the patient form (a
 * malformed address refused in words), and a patient's page lists the messages the demo's
 * reminder run recorded, sent or not and why, with the words sent. English at 1366 px, Arabic
 * on a phone (390 px), axe on both.
 */

interface Listed {
  patientMessages: Array<{ status: string; template: string; patient: { id: string; nameEn: string; nameAr: string | null } }>;
}

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`reminders and the patient's messages (${lang})`, () => {
    test.use({ lang });

    test('consent on the form, and the messages on the patient page', async ({ app, api, patient, page }) => {
      const width = lang === 'en' ? 1366 : 390;
      await page.setViewportSize({ width, height: 900 });
      await app.signInAs(USERS.reception);
      const w = app.words;

      // The patient's contact details: a bad address refused at the field, then saved.
      await page.goto(`/patients/${encodeURIComponent(patient.id)}/edit`);
      await page.getByLabel(w.t('patientEmail'), { exact: true }).fill('not an address');
      await page.getByRole('button', { name: w.t('patientEditSubmit'), exact: true }).click();
      await expect(page.getByText(w.t('error_NOT_AN_EMAIL'))).toBeVisible();
      await expect(page.getByLabel(w.t('patientEmail'), { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await app.expectAccessible(`patient form with contact details (${lang}, ${width} px)`);
      await page.locator('form').screenshot({ path: test.info().outputPath(`form-${lang}-${width}.png`) });
      await page.getByLabel(w.t('patientEmail'), { exact: true }).fill('Family@Example.com');
      await page.getByLabel(w.t('patientPreferredLanguage')).selectOption({ label: w.t('patientLanguage_AR') });
      await page.getByRole('checkbox', { name: w.t('patientRemindersByEmail') }).check();
      await page.getByRole('button', { name: w.t('patientEditSubmit'), exact: true }).click();
      await expect(app.patient.heading).toHaveText(w.name(patient));
      await expect(page.getByRole('heading', { name: w.t('patientMessagesTitle') })).toBeVisible();
      await expect(page.getByText(w.t('patientNoMessages'))).toBeVisible();
      const saved = await api.query<{ node: Record<string, unknown> }>(
        `query ($id: ID!) { node(id: $id) { ... on Patient { email preferredLanguage remindersByEmail remindersBySms } } }`,
        { id: patient.id },
      );
      expect(saved.node).toEqual({ email: 'family@example.com', preferredLanguage: 'AR', remindersByEmail: true, remindersBySms: false });

      // A demo patient the reminder run wrote to: a sent message, and one not sent with why.
      const { patientMessages } = await api.query<Listed>(`{ patientMessages(status: SKIPPED, first: 100) { status template patient { id nameEn nameAr } } }`);
      const { patientMessages: sent } = await api.query<Listed>(`{ patientMessages(status: SENT, first: 100) { status template patient { id nameEn nameAr } } }`);
      const both = sent.find((message) => patientMessages.some((skipped) => skipped.patient.id === message.patient.id));
      expect(both).toBeDefined();
      await app.patient.goto(both!.patient);
      const section = page.getByRole('region', { name: w.t('patientMessagesTitle') });
      await expect(section.getByRole('row', { name: new RegExp(w.t('messageStatus_SENT')) }).first()).toBeVisible();
      await expect(section.getByText(w.t('messageSkip_NO_CONSENT')).first()).toBeVisible();
      await section.getByText(w.t('messageShowText')).first().click();
      await expect(section.locator('.message-text').first()).toBeVisible();
      await app.expectAccessible(`patient messages (${lang}, ${width} px)`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await section.screenshot({ path: test.info().outputPath(`messages-${lang}-${width}.png`) });
    });
  });
}
