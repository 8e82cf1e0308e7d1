import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('an expired package is offered neither for booking nor for scheduling', async ({ app, api }) => {
  // The demo data's expired purchase: Faisal's 10 SLP Sessions, four used, past its expiry date.
  const [faisal] = await api.findPatients('Faisal Al-Subaie');
  const expired = faisal?.packagePurchases.find((p) => p.status === 'EXPIRED');
  if (!faisal || !expired) throw new Error('the demo data has no expired purchase for Faisal Al-Subaie');
  expect(expired.expiryDate < '2026-11-24').toBe(true);
  await app.signInAs(USERS.reception);

  await app.patient.goto(faisal);
  const card = app.patient.card(expired.package.nameEn);
  await card.expectStatus('EXPIRED');
  await card.expectUsed(expired.sessionsUsed, expired.totalSessions);
  await expect(card.root).toContainText(app.words.t('expired', { date: app.words.date(expired.expiryDate) }));
  await card.expectNotBookable();
  await expect(card.progressLink).toBeVisible();

  // The booking screen, even opened with the purchase in its address, offers no package.
  await app.book.goto(faisal.id, expired.id);
  await app.book.choose({ clinic: 'Speech-Language Pathology', provider: 'Huda Al-Otaibi', service: 'Speech therapy session', date: '2026-12-01' });
  await expect(app.book.noAvailablePackages).toBeVisible();
  await expect(app.book.packageOption(expired.package.nameEn)).toHaveCount(0);
  await expect(app.book.noPackage).toBeChecked();
  expect(await api.availablePackages(faisal.id)).toEqual([]);

  // The scheduling screen, opened by its address, says why and offers no form.
  await app.schedule.goto(expired.id);
  await expect(app.page.getByText(app.words.t('cannotSchedule', { status: app.words.t('status_EXPIRED') }))).toBeVisible();
  await expect(app.schedule.scheduleButton).toHaveCount(0);
  await app.expectAccessible('scheduling screen of an expired package');
  expect(await api.purchase(expired.id)).toMatchObject({ status: 'EXPIRED', sessionsUsed: expired.sessionsUsed });
});
