import { DeskPage } from '../pages/desk.page.js';
import { USERS, type ClinicApi } from '../support/api.js';
import { TODAY_DATE } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

/**
 * The front desk's day (/today): a patient with an appointment today is found by MRN or phone;
 * reception confirms and checks them in, the admin starts and completes the session, one step each,
 * each person with only the buttons the server offers them. In English and in Arabic (right to
 * left): reception at 1366 px, the admin on a phone at 390 px, axe at both.
 */

async function anAppointmentToday(api: ClinicApi, patientId: string, providerId: string) {
  const service = await api.serviceCoded('SLP-THERAPY');
  const [startsAt] = await api.freeSlots(providerId, service.id, TODAY_DATE);
  if (!startsAt) throw new Error('no free time today');
  await api.bookAppointment({ patientId, providerId, serviceId: service.id, startsAt });
  return { clinicId: service.clinic.id };
}

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`the desk (${lang})`, () => {
    test.use({ lang });

    test('check a patient in at the desk through to completion', async ({ app, api, patient, newProvider, page }) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      const provider = await newProvider();
      const { clinicId } = await anAppointmentToday(api, patient.id, provider.id);
      await app.signInAs(USERS.reception);
      const desk = new DeskPage(page, lang);
      const name = app.words.name(patient);

      // The menu leads there.
      await page.goto('/patients');
      await app.shell.goTo('navDesk');
      await desk.expectLoaded();
      await desk.goto(clinicId);

      // By MRN: this patient alone; by phone (written another way): among those found.
      await desk.search.fill(patient.mrn.toLowerCase());
      await expect(desk.items).toHaveCount(1);
      await expect(desk.item(name)).toContainText(app.words.t('appt_BOOKED'));
      await desk.search.fill('50-000-0000');
      await expect(desk.item(name)).toBeVisible();
      await desk.search.fill('no such patient');
      await expect(page.getByText(app.words.t('deskNoMatch'))).toBeVisible();
      await desk.search.fill(patient.mrn);
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await app.expectAccessible(`desk (${lang}, 1366 px)`);

      // Only what the server offers: a booked appointment cannot be started or completed yet.
      const actions = desk.actions(name);
      await expect(actions.getByRole('button', { name: app.words.t('action_CONFIRMED'), exact: true })).toBeVisible();
      await expect(actions.getByRole('button', { name: app.words.t('action_COMPLETED'), exact: true })).toHaveCount(0);

      await desk.change(name, 'CONFIRMED');
      await desk.change(name, 'ARRIVED');
      // Reception checks in; starting and completing the session are not theirs (the API refuses them).
      await expect(actions.getByRole('button', { name: app.words.t('action_NO_SHOW'), exact: true })).toBeVisible();
      await expect(actions.getByRole('button', { name: app.words.t('action_IN_PROGRESS'), exact: true })).toHaveCount(0);

      // The clinic's admin, on a phone, takes it on to completion.
      await app.signInAs(USERS.admin);
      await page.setViewportSize({ width: 390, height: 844 });
      await desk.goto(clinicId);
      await desk.search.fill(patient.mrn);
      await expect(desk.item(name)).toContainText(app.words.t('appt_ARRIVED'));
      await desk.change(name, 'IN_PROGRESS');
      await desk.change(name, 'COMPLETED');
      await expect(actions.getByRole('button')).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(desk.item(name).getByText(app.words.t('appt_COMPLETED'), { exact: true })).toBeInViewport();
      await app.expectAccessible(`desk (${lang}, 390 px)`);
      await page.screenshot({ path: `/tmp/desk-390-${lang}.png`, fullPage: true });
    });
  });
}
