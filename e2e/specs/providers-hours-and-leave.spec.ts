import type { Page } from '@playwright/test';
import { CalendarPage } from '../pages/calendar.page.js';
import { ProvidersPage } from '../pages/providers.page.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

/** How many lines the header's items sit on: their vertical middles, a new line from 12 px apart. */
const headerLines = (page: Page) =>
  page.evaluate(() => {
    const items = Array.from(document.querySelectorAll('.shell-header .brand, .shell-header nav a, .shell-user > *'));
    const middles = items.map((item) => item.getBoundingClientRect()).map((box) => (box.top + box.bottom) / 2).sort((a, b) => a - b);
    return middles.filter((middle, i) => i === 0 || middle - middles[i - 1]! > 12).length;
  });
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const CLINIC = 'Speech-Language Pathology';
// A week of August 2027 no other flow uses: Sunday 1 to Thursday 5.
const LEAVE_FROM = '2027-08-01';
const LEAVE_TO = '2027-08-05';
const LEAVE_SHORTENED_TO = '2027-08-03';
const OTHER_CLINIC = 'Occupational Therapy';
// The week of Sunday 12 September 2027, in the new clinic, for the edited provider only.
const EDIT_WEEK = '2027-09-12';

test('an admin adds a provider with hours and a week of leave, and the calendar shows the leave', async ({ app, api, page }) => {
  await app.signInAs(USERS.admin);
  const providers = new ProvidersPage(page, app.lang);
  await providers.goto();
  const name = `Dr Hours ${unique()}`;
  const providerId = await providers.add(name, [CLINIC]);

  // Two ranges on Monday (a lunch break), one on Sunday; nothing booked yet, so nothing is outside.
  await providers.addRanges(CLINIC, 'Sunday', [['09:00', '17:00']]);
  await providers.addRanges(CLINIC, 'Monday', [['08:00', '12:00'], ['13:00', '17:00']]);
  const hours = await providers.saveHours(CLINIC);
  await expect(hours).toContainText(app.words.t('providerOutsideHours', { count: 0 }));
  await page.reload();
  await expect(providers.hoursForm(CLINIC).getByLabel(app.words.t('providerStartOf', { day: 'Monday' }), { exact: true })).toHaveCount(2);

  const reason = `Annual leave ${unique()}`;
  const notice = await providers.recordTimeOff({ first: LEAVE_FROM, last: LEAVE_TO, reason });
  await expect(notice).toContainText(app.words.t('providerTimeOffAffected', { count: 0 }));
  await expect(providers.timeOffItem(reason)).toBeVisible();

  // Shortened: a last day after the old one is refused in words; Tuesday 3 August is kept, the list shows it.
  const shorten = await providers.shortenTimeOff(reason, '2027-08-07');
  await expect(shorten.getByRole('alert')).toHaveText(app.words.t('error_TIME_OFF_NOT_SHORTER'));
  await providers.shortenTimeOff(reason, LEAVE_SHORTENED_TO);
  await expect(providers.timeOffItem(reason).locator('strong')).toHaveText('Aug 1, 2027 to Aug 3, 2027');
  await expect(page.getByRole('status').filter({ hasText: reason })).toContainText('now Aug 1, 2027 to Aug 3, 2027');
  await app.expectAccessible('settings providers');
  await page.screenshot({ path: '/tmp/s5c-providers-en.png', fullPage: true });

  const clinic = await api.clinicNamed(CLINIC);
  const calendar = new CalendarPage(page, app.lang);
  await calendar.goto({ clinic: clinic.id, view: 'week', date: LEAVE_FROM, providers: [providerId] });
  await expect(calendar.unavailable(app.words.t('calendarAwayReason', { reason })).first()).toBeVisible();
  // The header on one line at 1366 px in English too.
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(await headerLines(page), 'header lines at 1366 px').toBe(1);
});

test('an admin renames a provider, adds a clinic and their hours there, and the calendar of that clinic shows them', async ({ app, adminApi, page, newProvider }) => {
  const provider = await newProvider(CLINIC);
  await app.signInAs(USERS.admin);
  const providers = new ProvidersPage(page, app.lang);
  await providers.goto(provider.id);
  const name = `Dr Edited ${unique()}`;
  await providers.edit({ name, clinics: { [CLINIC]: true, [OTHER_CLINIC]: true } });
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByRole('link', { name: app.words.t('providerManageOf', { name }) })).toBeVisible();
  await providers.editForm.screenshot({ path: '/tmp/s7-provider-edit-en.png' });

  // The new clinic has a week of its own, empty until set: Tuesdays 10:00 to 14:00.
  await expect(providers.hoursForm(OTHER_CLINIC).getByLabel(app.words.t('providerStartOf', { day: 'Tuesday' }), { exact: true })).toHaveCount(0);
  await providers.addRanges(OTHER_CLINIC, 'Tuesday', [['10:00', '14:00']]);
  await providers.saveHours(OTHER_CLINIC);
  await page.reload();
  await expect(providers.hoursForm(OTHER_CLINIC).getByLabel(app.words.t('providerStartOf', { day: 'Tuesday' }), { exact: true })).toHaveValue('10:00');

  // That clinic's calendar has their column under the new name; its grid spans their hours (from 09:00, an hour before), the other days not worked.
  const calendar = new CalendarPage(page, app.lang);
  const clinic = await adminApi.clinicNamed(OTHER_CLINIC);
  await calendar.goto({ clinic: clinic.id, view: 'week', date: EDIT_WEEK, providers: [provider.id] });
  await expect(calendar.grid).toHaveAccessibleName(new RegExp(name));
  await expect(calendar.slot('09:00')).toBeVisible();
  await expect(calendar.grid.locator('.rbc-time-slot[data-time="08:45"]')).toHaveCount(0);
  await expect(calendar.unavailable(app.words.t('calendarNotWorking')).first()).toBeVisible();
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the providers screen is accessible, right to left, and usable at 390 px', async ({ app, page, newProvider }) => {
    const provider = await newProvider();
    await app.signInAs(USERS.admin);
    const providers = new ProvidersPage(page, app.lang);
    await providers.goto(provider.id);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(providers.timeOffForm).toBeVisible();
    // A leave to shorten, and a refusal said in Arabic, for axe and the phone width below.
    const reason = `إجازة ${unique()}`;
    await providers.recordTimeOff({ first: '2027-10-03', last: '2027-10-07', reason });
    const shorten = await providers.shortenTimeOff(reason, '2027-10-09');
    await expect(shorten.getByRole('alert')).toHaveText(app.words.t('error_TIME_OFF_NOT_SHORTER'));
    await app.expectAccessible('settings providers (ar)');
    // The header on one line at 1366 px (the brand, every page, the user's controls), wrapping only narrower.
    for (const [width, lines] of [[1366, 1], [1024, 2]] as const) {
      await page.setViewportSize({ width, height: 900 });
      expect(await headerLines(page), `header lines at ${width} px`).toBe(lines);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(providers.timeOffForm.getByRole('button', { name: app.words.t('providerRecordTimeOff') })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The name-and-clinics form too, at this width.
    await expect(providers.editForm.getByRole('button', { name: app.words.t('catalogueSave') })).toBeVisible();
    await app.expectAccessible('settings providers (ar, 390 px)');
    await providers.editForm.screenshot({ path: '/tmp/s7-provider-edit-ar-390.png' });
    await page.screenshot({ path: '/tmp/s5c-providers-ar-390.png', fullPage: true });
  });
});
