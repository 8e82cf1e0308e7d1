import { SeriesMovePage } from '../pages/series-move.page.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('books a suggested slot for a session the schedule could not place, from the result', async ({ app, api, patient, newProvider }) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  await app.signInAs(USERS.reception);
  await app.schedule.goto(purchase.id);
  // Mornings 09:00-11:00 until Thursday 3 December: five days, so five sessions are left with suggestions.
  await app.schedule.fill({ provider: provider.name, startDate: '2026-11-29', endDate: '2026-12-03' });
  await app.schedule.timeWindow('09:00', '11:00');
  await app.schedule.scheduleButton.click();
  await app.schedule.confirmButton.click();
  await app.schedule.expectCreated(5);
  await expect(app.schedule.notPlacedHeading).toHaveText(app.words.t('notPlaced', { count: 5 }));
  // Each unplaced session is offered slots of its own: booking one leaves the others bookable.
  const buttons = app.schedule.suggestionButtons;
  await buttons.first().click();
  await expect(app.schedule.result.getByRole('status').filter({ hasText: app.words.t('suggestionBooked') })).toHaveCount(1);
  expect(await api.appointmentsOf(purchase.id)).toHaveLength(6);
});

test('moves the rest of a series to another provider after a preview; earlier sessions stay', async ({ app, api, patient, newProvider }) => {
  const first = await newProvider();
  const second = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  const { appointments } = await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: first.id, startDate: '2026-11-29' });
  expect(appointments).toHaveLength(10);
  const fourth = appointments.find((a) => a.sessionNumberInPackage === 4)!;
  const series = new SeriesMovePage(app.page, app.words.lang);
  await app.signInAs(USERS.reception);
  await app.appointment.goto(fourth.id);
  await series.link.click();
  await expect(series.heading).toHaveText(app.words.t('seriesHeading', { n: 4 }));
  await series.provider.selectOption({ label: second.name });
  await series.previewButton.click();
  await expect(series.preview.getByRole('heading', { name: app.words.t('seriesPreviewHeading') })).toBeFocused();
  await expect(series.rows).toHaveCount(7);
  await expect(series.rows.first()).toContainText(second.name);
  await app.page.screenshot({ path: 'test-results/series-move-en.png', fullPage: true });
  expect((await api.appointmentsOf(purchase.id)).every((a) => a.provider.id === first.id)).toBe(true);
  await series.confirmButton.click();
  await series.expectMoved(7);
  const after = await api.appointmentsOf(purchase.id);
  expect(after.map((a) => [a.sessionNumberInPackage, a.id, a.provider.id])).toEqual(
    appointments.map((a) => [a.sessionNumberInPackage, a.id, (a.sessionNumberInPackage ?? 0) >= 4 ? second.id : first.id]),
  );
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the series move and its preview are accessible, right to left, at 390 px', async ({ app, api, patient, newProvider, page }) => {
    const first = await newProvider();
    const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
    const { appointments } = await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: first.id, startDate: '2026-11-29' });
    const series = new SeriesMovePage(app.page, app.words.lang);
    await app.signInAs(USERS.reception);
    await page.setViewportSize({ width: 390, height: 844 });
    await series.goto(appointments[5]!.id);
    await series.page.getByLabel(app.words.t('windowFrom'), { exact: true }).fill('13:00');
    await series.page.getByLabel(app.words.t('windowTo'), { exact: true }).fill('15:00');
    await series.previewButton.click();
    await expect(series.rows).toHaveCount(5);
    await app.expectAccessible('series move preview (ar, 390 px)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: 'test-results/series-move-ar-390.png', fullPage: true });
  });
});
