import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

/**
 * Reception registers a patient from the app (a taken MRN refused in words), lands on their page
 * and sells them a package (issued and paid); then corrects the registration. In English at 1366 px
 * and in Arabic on a phone (390 px), axe on the forms in each.
 */

const unique = () => Math.random().toString(16).slice(2, 10).toUpperCase();

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`registering a patient (${lang})`, () => {
    test.use({ lang });

    test('register a patient, sell them a package, then correct their details', async ({ app, api, page }) => {
      // English on a desktop, Arabic on a phone: both languages and both widths between them.
      const width = lang === 'en' ? 1366 : 390;
      await page.setViewportSize({ width, height: 900 });
      const pkg = await api.packageNamed('10 SLP Sessions');
      await app.signInAs(USERS.reception);
      const w = app.words;
      const mrn = `REG-${unique()}`;
      const id = unique();
      const name = `Registered ${id}`;
      const nameAr = `مريض مسجل ${id}`;
      const shown = (en: string) => w.name({ nameEn: en, nameAr });

      await page.goto('/patients');
      await page.getByRole('link', { name: w.t('patientRegister') }).click();
      await expect(app.patient.heading).toHaveText(w.t('patientRegister'));
      // A demo patient's MRN: refused at the field, in words.
      await page.getByLabel(w.t('mrn')).fill('MRN-100001');
      await page.getByLabel(w.t('patientNameEn')).fill(name);
      await page.getByLabel(w.t('patientNameAr')).fill(nameAr);
      await page.getByLabel(w.t('dateOfBirth')).fill('2019-03-04');
      await page.getByLabel(w.t('phone')).fill('+966 55 765 4321');
      await page.getByRole('button', { name: w.t('patientRegisterSubmit'), exact: true }).click();
      await expect(page.getByText(w.t('patientError_mrn_CONFLICT'))).toBeVisible();
      await expect(page.getByLabel(w.t('mrn'))).toHaveAttribute('aria-invalid', 'true');
      await app.expectAccessible(`register a patient, MRN taken (${lang}, ${width} px)`);
      await page.getByLabel(w.t('mrn')).fill(mrn);
      await page.getByRole('button', { name: w.t('patientRegisterSubmit'), exact: true }).click();
      await expect(app.patient.heading).toHaveText(shown(name));
      await expect(page.getByText(mrn)).toBeVisible();

      // Sell a package to the new patient.
      const invoice = await app.patient.issueInvoice(pkg);
      expect(invoice).toMatch(/^INV-/);
      await app.patient.markPaid(invoice);
      await expect(app.patient.card(w.name(pkg)).root).toBeVisible();

      // Found by phone, however written.
      await page.goto(`/patients?q=${encodeURIComponent('0557654321')}`);
      await expect(page.getByRole('link', { name: shown(name) })).toBeVisible();

      // Correct the details: a bad phone refused, then saved.
      await page.getByRole('link', { name: shown(name) }).click();
      await page.getByRole('link', { name: w.t('patientEdit') }).click();
      await expect(page.getByLabel(w.t('mrn'))).toHaveValue(mrn);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await app.expectAccessible(`edit a patient (${lang}, ${width} px)`);
      await page.getByLabel(w.t('phone')).fill('call me');
      await page.getByRole('button', { name: w.t('patientEditSubmit') }).click();
      await expect(page.getByText(w.t('patientError_phone_VALIDATION'))).toBeVisible();
      await page.getByLabel(w.t('phone')).fill('+966 55 000 9999');
      await page.getByLabel(w.t('patientNameEn')).fill(`${name} Jr`);
      await page.getByRole('button', { name: w.t('patientEditSubmit') }).click();
      await expect(app.patient.heading).toHaveText(shown(`${name} Jr`));
      await expect(page.getByText('+966 55 000 9999')).toBeVisible();

      // Both forms at the other width too: nothing cut off, no serious axe finding.
      const other = width === 1366 ? 390 : 1366;
      await page.setViewportSize({ width: other, height: 900 });
      await page.getByRole('link', { name: w.t('patientEdit') }).click();
      await expect(page.getByLabel(w.t('mrn'))).toHaveValue(mrn);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await app.expectAccessible(`edit a patient (${lang}, ${other} px)`);
      await page.goto('/patients/new');
      await expect(app.patient.heading).toHaveText(w.t('patientRegister'));
      await app.expectAccessible(`register a patient (${lang}, ${other} px)`);
      await page.screenshot({ path: `/tmp/patient-register-${other}-${lang}.png`, fullPage: true });
    });
  });
}
