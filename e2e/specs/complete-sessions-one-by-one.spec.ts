import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('completing sessions one by one moves the progress; the last one completes the package and it is no longer offered', async ({
  app,
  api,
  financeApi,
  patient,
  newProvider,
}) => {
  const pkg = await financeApi.createPackage('SLP-THERAPY', 3);
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, pkg.nameEn);
  await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25' });
  await app.signInAs(USERS.admin);

  await app.progress.goto(purchase.id);
  await app.progress.expectUsed(0, 3);
  await app.progress.expectCounts({ used: 0, remaining: 3, unscheduled: 0, scheduled: 3, completed: 0 });

  for (const n of [1, 2, 3]) {
    await app.progress.openSession(n);
    await app.appointment.expectLoaded();
    await app.appointment.expectPackageSession(n, 3);
    await app.appointment.expectPackageUsed(n - 1, 3);
    await app.appointment.setStatus('COMPLETED');
    await app.appointment.expectPackageUsed(n, 3);
    await expect(app.appointment.packageRemaining).toHaveText(String(3 - n));
    await expect(app.appointment.action('COMPLETED')).toHaveCount(0);

    await app.appointment.openPackageProgress(pkg.nameEn);
    await app.progress.expectLoaded();
    await app.progress.expectUsed(n, 3);
    await app.progress.expectCounts({ used: n, remaining: 3 - n, scheduled: 3 - n, completed: n });
    await expect(app.progress.sessionRow(n, 'COMPLETED')).toBeVisible();
  }

  // The last session completed the package.
  await app.progress.card.expectStatus('COMPLETED');
  await app.progress.card.expectUsed(3, 3);
  await app.progress.card.expectNotBookable();
  await app.expectAccessible('progress of a completed package');
  expect(await api.purchase(purchase.id)).toMatchObject({ status: 'COMPLETED', sessionsUsed: 3, sessionsRemaining: 0 });

  // It has left the available packages: the booking screen offers no package for this service.
  await app.book.goto(patient.id);
  await app.book.choose({ clinic: 'Speech-Language Pathology', provider: provider.name, service: 'Speech therapy session', date: '2026-12-08' });
  await expect(app.book.noAvailablePackages).toBeVisible();
  await expect(app.book.packageOption(pkg.nameEn)).toHaveCount(0);
  await expect(app.book.noPackage).toBeChecked();
  expect(await api.availablePackages(patient.id)).toEqual([]);
});
