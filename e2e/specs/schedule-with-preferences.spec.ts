import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('schedules after a preview, inside an afternoon window on the same weekly slot, and books a suggestion for a session that does not fit', async ({
  app,
  api,
  patient,
  newProvider,
}) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  await app.signInAs(USERS.reception);
  await app.schedule.goto(purchase.id);

  // Sundays and Tuesdays 13:00-15:00, the same slot each week, until 20 December: not all ten fit.
  await app.schedule.fill({ provider: provider.name, startDate: '2026-11-29', endDate: '2026-12-20', days: ['SUNDAY', 'TUESDAY'] });
  await app.schedule.timeWindow('13:00', '15:00');
  await app.page.getByLabel(app.words.t('keepWeeklySlot')).check();
  await app.schedule.scheduleButton.click();
  await expect(app.schedule.preview.getByRole('heading', { name: app.words.t('previewHeading') })).toBeFocused();
  const rows = app.schedule.preview.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.nth(2)).toContainText(app.words.t('reason_WEEKLY_SLOT'));
  expect(await api.appointmentsOf(purchase.id)).toEqual([]);
  await app.expectAccessible('schedule preview');

  await app.schedule.confirmButton.click();
  await app.schedule.expectCreated(7);
  const booked = await api.appointmentsOf(purchase.id);
  expect(booked).toHaveLength(7);
  for (const appointment of booked) {
    const local = new Date(new Date(appointment.startsAt).getTime() + 3 * 3_600_000).toISOString().slice(11, 16);
    expect(local >= '13:00' && local <= '14:00').toBe(true);
  }

  // Session 8 did not fit: one of its suggestions is booked in one step.
  await expect(app.schedule.notPlacedHeading).toHaveText(app.words.t('notPlaced', { count: 3 }));
  await app.schedule.suggestionButtons.first().click();
  await expect(app.schedule.result.getByRole('status').filter({ hasText: app.words.t('suggestionBooked') })).toBeVisible();
  expect(await api.appointmentsOf(purchase.id)).toHaveLength(8);
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the preview with its reasons and suggestions is accessible, right to left', async ({ app, api, patient, newProvider }) => {
    const provider = await newProvider();
    const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
    await app.signInAs(USERS.reception);
    await app.schedule.goto(purchase.id);
    await app.schedule.fill({ provider: app.words.name(provider), startDate: '2026-11-29', endDate: '2026-12-03' });
    await app.schedule.timeWindow('09:00', '11:00');
    await app.schedule.scheduleButton.click();
    await expect(app.schedule.preview.getByRole('heading', { name: app.words.t('previewHeading') })).toBeFocused();
    await expect(app.schedule.suggestionButtons.first()).toBeVisible();
    await app.expectAccessible('schedule preview (ar)');
    await app.page.screenshot({ path: 'test-results/schedule-preview-ar.png', fullPage: true });
  });
});
