import { ClosuresPage } from '../pages/closures.page.js';
import { USERS } from '../support/api.js';
import { localDateOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

// A week of June 2027 no other flow uses: Sunday 13 to Thursday 17, Tuesday 15 closed.
const CLOSED_DAY = '2027-06-15';

test('a closure lists the appointment already there, never moves it, and booking and scheduling skip the day', async ({
  app,
  api,
  financeApi,
  patient,
  newProvider,
}) => {
  const provider = await newProvider();
  const pkg = await financeApi.createPackage('SLP-THERAPY', 4, 365);
  const purchase = await api.buyPackage(patient.id, pkg.nameEn);
  const service = await api.serviceCoded('SLP-THERAPY');
  const [firstSlot] = await api.freeSlots(provider.id, service.id, CLOSED_DAY);
  const already = await api.bookAppointment({ patientId: patient.id, providerId: provider.id, serviceId: service.id, startsAt: firstSlot! });

  await app.signInAs(USERS.admin);
  const closures = new ClosuresPage(app.page, app.lang);
  await closures.goto();
  const reason = `Staff training ${unique()}`;
  const notice = await closures.close({ clinic: 'Speech-Language Pathology', first: CLOSED_DAY, reason });
  await expect(notice).toContainText(app.words.t('closureAffected', { count: 1 }));
  await expect(notice.getByRole('link')).toContainText(patient.nameEn);
  await expect(closures.row(reason).getByRole('link')).toContainText(patient.nameEn);
  await app.expectAccessible('closures');

  // Not moved; no slot offered that day; the scheduler passes over it.
  expect((await api.appointment(already.id)).startsAt).toBe(already.startsAt);
  expect(await api.freeSlots(provider.id, service.id, CLOSED_DAY)).toEqual([]);
  await app.schedule.goto(purchase.id);
  await app.schedule.schedule({ provider: provider.name, startDate: '2027-06-13', endDate: '2027-06-17' });
  await app.schedule.expectCreated(4);
  const placed = await api.appointmentsOf(purchase.id);
  expect(placed.map((a) => localDateOf(a.startsAt))).toEqual(['2027-06-13', '2027-06-14', '2027-06-16', '2027-06-17']);

  // The admin reopens the day: it can be booked again.
  await closures.goto();
  await closures.reopen(reason);
  expect((await api.freeSlots(provider.id, service.id, CLOSED_DAY)).length).toBeGreaterThan(0);
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the closures screen is accessible, right to left, and refuses a backwards range in words', async ({ app }) => {
    await app.signInAs(USERS.admin);
    const closures = new ClosuresPage(app.page, app.lang);
    await closures.goto();
    await expect(app.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await closures.form.getByLabel(app.words.t('closureFirstDay'), { exact: true }).fill('2027-07-10');
    await closures.form.getByLabel(app.words.t('closureReason'), { exact: true }).fill('تدريب');
    await closures.form.getByLabel(app.words.t('closureLastDay'), { exact: true }).evaluate((input: HTMLInputElement) => {
      input.removeAttribute('min');
    });
    await closures.form.getByLabel(app.words.t('closureLastDay'), { exact: true }).fill('2027-07-09');
    await closures.form.getByRole('button', { name: app.words.t('closureCreate') }).click();
    await expect(closures.form.locator('.field-error')).toBeVisible();
    await app.expectAccessible('closures (ar)');
  });
});
