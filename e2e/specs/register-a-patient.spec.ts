import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

/**
 * Reception registers a patient from the app (a taken MRN refused in words), lands on their page
 * and sells them a package; then corrects the registration. English flow; Arabic axe checks.
 */

const unique = () => Math.random().toString(16).slice(2, 10).toUpperCase();

test('register a patient, sell them a package, then correct their details', async ({ app, api, page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const pkg = await api.packageNamed('10 SLP Sessions');
  await app.signInAs(USERS.reception);
  const w = app.words;
  const mrn = `REG-${unique()}`;
  const name = `Registered ${unique()}`;

  await page.goto('/patients');
  await page.getByRole('link', { name: w.t('patientRegister') }).click();
  await expect(app.patient.heading).toHaveText(w.t('patientRegister'));
  // A demo patient's MRN: refused at the field, in words.
  await page.getByLabel(w.t('mrn')).fill('MRN-100001');
  await page.getByLabel(w.t('patientNameEn')).fill(name);
  await page.getByLabel(w.t('patientNameAr')).fill('مريض مسجل');
  await page.getByLabel(w.t('dateOfBirth')).fill('2019-03-04');
  await page.getByLabel(w.t('phone')).fill('+966 55 765 4321');
  await page.getByRole('button', { name: w.t('patientRegisterSubmit') }).click();
  await expect(page.getByText(w.t('patientError_mrn_CONFLICT'))).toBeVisible();
  await expect(page.getByLabel(w.t('mrn'))).toHaveAttribute('aria-invalid', 'true');
  await app.expectAccessible('register a patient, MRN taken (en)');
  await page.getByLabel(w.t('mrn')).fill(mrn);
  await page.getByRole('button', { name: w.t('patientRegisterSubmit') }).click();
  await expect(app.patient.heading).toHaveText(name);
  await expect(page.getByText(mrn)).toBeVisible();

  // Sell a package to the new patient.
  const invoice = await app.patient.issueInvoice(pkg);
  expect(invoice).toMatch(/^INV-/);

  // Found by phone, however written.
  await page.goto(`/patients?q=${encodeURIComponent('0557654321')}`);
  await expect(page.getByRole('link', { name })).toBeVisible();

  // Correct the details: a bad phone refused, then saved.
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: w.t('patientEdit') }).click();
  await expect(page.getByLabel(w.t('mrn'))).toHaveValue(mrn);
  await page.getByLabel(w.t('phone')).fill('call me');
  await page.getByRole('button', { name: w.t('patientEditSubmit') }).click();
  await expect(page.getByText(w.t('patientError_phone_VALIDATION'))).toBeVisible();
  await page.getByLabel(w.t('phone')).fill('+966 55 000 9999');
  await page.getByLabel(w.t('patientNameEn')).fill(`${name} Jr`);
  await page.getByRole('button', { name: w.t('patientEditSubmit') }).click();
  await expect(app.patient.heading).toHaveText(`${name} Jr`);
  await expect(page.getByText('+966 55 000 9999')).toBeVisible();
});

test.describe('the patient form in Arabic', () => {
  test.use({ lang: 'ar' });

  test('is accessible at 1366 px and 390 px, nothing cut off', async ({ app, patient, page }) => {
    await app.signInAs(USERS.reception);
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/patients/new');
      await expect(app.patient.heading).toHaveText(app.words.t('patientRegister'));
      await app.expectAccessible(`register a patient (ar, ${width} px)`);
      await page.goto(`/patients/${encodeURIComponent(patient.id)}/edit`);
      await expect(page.getByLabel(app.words.t('mrn'))).toHaveValue(patient.mrn);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await app.expectAccessible(`edit a patient (ar, ${width} px)`);
      await page.screenshot({ path: `/tmp/patient-edit-${width}-ar.png`, fullPage: true });
    }
  });
});
