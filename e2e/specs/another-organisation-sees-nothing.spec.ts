import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test("Dar Al Shifa's admin sees none of Al Noor's patients, and an Al Noor address shows not found", async ({ app, api, patient, newProvider }) => {
  // Al Noor's own patient, package and appointment.
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  const [appointment] = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', ['2026-11-25']);
  await app.signInAs(USERS.otherTenantAdmin);

  await app.patients.goto();
  await expect(app.shell.signedInAs).toContainText('Bandar Al-Khaldi');
  const listed = app.patients.results.getByRole('link');
  await expect(listed).toHaveText(['Ahmed Al-Ruwaili', 'Fatimah Al-Hazmi', 'Munira Al-Dossary', 'Sultan Al-Qarni']);

  for (const search of [patient.nameEn, patient.mrn, 'Yousef Al-Harbi', 'MRN-100001']) {
    await app.patients.search(search);
    await expect(app.patients.noMatch).toBeVisible();
    await expect(app.patients.results).toHaveCount(0);
  }

  for (const path of [
    `/patients/${encodeURIComponent(patient.id)}`,
    `/purchases/${encodeURIComponent(purchase.id)}`,
    `/purchases/${encodeURIComponent(purchase.id)}/schedule`,
    `/appointments/${encodeURIComponent(appointment!.id)}`,
    `/providers/${encodeURIComponent(provider.id)}/week`,
  ]) {
    await app.page.goto(path);
    await app.shell.expectNotFound();
  }

  // The booking screen does not know the patient either.
  await app.book.goto(patient.id);
  await expect(app.page.getByRole('alert')).toContainText(app.words.t('notFound'));
});
