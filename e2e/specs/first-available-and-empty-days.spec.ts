import { FirstAvailablePanel } from '../pages/first-available.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

// "Today" is Tuesday 24 November 2026, 08:00 Riyadh. Friday 27 is not a working day; a provider
// of this test is away on Sunday 29 (Riyadh 00:00 to 24:00 is 21:00Z to 21:00Z).
const AWAY_FROM = '2026-11-28T21:00:00.000Z';
const AWAY_TO = '2026-11-29T21:00:00.000Z';

test('first available lists the earliest times across providers and fills the form; an empty day says why', async ({ app, api, adminApi, patient, newProvider, page }) => {
  const service = await api.serviceCoded('SLP-THERAPY');
  const away = await newProvider();
  await adminApi.mutate(
    'addTimeOff',
    'mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { userErrors { code message } } }',
    { providerId: away.id, startsAt: AWAY_FROM, endsAt: AWAY_TO, reason: 'Annual leave' },
  );

  await app.signInAs(USERS.reception);
  await app.book.goto(patient.id);
  await app.book.clinic.selectOption({ label: 'Speech-Language Pathology' });
  await app.book.service.selectOption({ label: service.nameEn });
  const first = new FirstAvailablePanel(app.page, app.lang);
  await first.open();
  await app.expectAccessible('booking: first available');

  // The first listed time fills in provider, day and time; booking it books exactly that.
  const label = (await first.slots.first().innerText()).replace(/[\u2068\u2069]/g, '').trim();
  await first.slots.first().click();
  await expect(first.slots.first()).toHaveAttribute('aria-pressed', 'true');
  const providerName = (await app.book.provider.locator('option:checked').innerText()).trim();
  expect(label.startsWith(`${providerName},`)).toBe(true);
  const chosen = app.book.freeSlots.and(page.locator(':checked'));
  await expect(chosen).toHaveCount(1);
  const startsAt = await chosen.getAttribute('value');
  expect(startsAt! >= '2026-11-24T05:00:00.000Z').toBe(true);
  await app.book.book();
  const booked = await api.appointment(page.url().split('/').pop()!);
  expect(booked.startsAt).toBe(startsAt);

  // Why a day is empty, in words.
  await app.book.goto(patient.id);
  await app.book.choose({ clinic: 'Speech-Language Pathology', provider: away.name, service: service.nameEn, date: '2026-11-27' });
  await expect(first.emptyDay).toHaveText(app.words.t('dayEmpty_NOT_WORKING_DAY'));
  await app.book.day.fill('2026-11-29');
  await expect(first.emptyDay).toHaveText(app.words.t('dayEmpty_PROVIDER_AWAY', { reason: 'Annual leave' }));
  await app.book.day.fill('2026-11-23');
  await expect(first.emptyDay).toHaveText(app.words.t('dayEmpty_PAST'));

  // Usable on a phone: the list and the reason fit without a horizontal scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await first.open();
  await expect(first.slots.first()).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the first available list and an empty day are accessible, right to left, at 1366 and 390 px', async ({ app, api, patient, page }) => {
    const service = await api.serviceCoded('SLP-THERAPY');
    await app.signInAs(USERS.reception);
    await app.book.goto(patient.id);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const clinic = await api.clinicNamed('Speech-Language Pathology');
    await app.book.clinic.selectOption({ label: clinic.nameAr });
    await app.book.service.selectOption({ label: service.nameAr });
    const first = new FirstAvailablePanel(app.page, app.lang);
    await first.open();
    await first.slots.first().click();
    await app.book.day.fill('2026-11-27');
    await expect(first.emptyDay).toHaveText(app.words.t('dayEmpty_NOT_WORKING_DAY'));
    await app.expectAccessible('booking: first available (ar)');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await app.expectAccessible('booking: first available (ar, 390 px)');
  });
});
