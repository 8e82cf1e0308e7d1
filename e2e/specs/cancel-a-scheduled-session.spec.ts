import { USERS } from '../support/api.js';
import { localDateOf } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

test.describe('cancelling a scheduled session', () => {
  test('a session cancelled days ahead is not used, and its session number can be booked again', async ({ app, api, patient, newProvider }) => {
    const provider = await newProvider();
    const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
    // Every session from Sunday on: session 1 is days away, outside the 24-hour late-cancellation window.
    await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-29' });
    await app.signInAs(USERS.reception);

    await app.progress.goto(purchase.id);
    await app.progress.openSession(1);
    await app.appointment.expectLoaded();
    await app.appointment.expectPackageSession(1, 10);
    await app.appointment.action('CANCELLED').click();
    await expect(app.page.getByLabel(app.words.t('cancelReason'))).toBeFocused();
    await app.appointment.cancel('Family travel');
    await expect(app.appointment.status).toContainText('Family travel');
    await app.appointment.expectPackageUsed(0, 10);
    await expect(app.appointment.packageRemaining).toHaveText('10');

    await app.appointment.openPackageProgress('10 SLP Sessions');
    await app.progress.expectLoaded();
    await app.progress.expectUsed(0, 10);
    await app.progress.expectCounts({ used: 0, remaining: 10, unscheduled: 1, scheduled: 9, cancelled: 1, noShow: 0 });
    await expect(app.progress.sessionRow(1, 'CANCELLED')).toBeVisible();

    // The freed session is offered again, and booking takes its number back.
    await app.progress.card.bookOneSessionLink.click();
    await app.book.expectLoaded();
    await expect(app.book.packageOption('10 SLP Sessions')).toHaveAccessibleName(
      app.words.t('packageRemains', { name: '10 SLP Sessions', remaining: 10, unscheduled: 1, date: app.words.date(purchase.expiryDate) }),
    );
    await app.book.choose({ provider: provider.name, date: '2026-11-26' });
    await app.book.pickFirstFreeSlot();
    await app.book.book();
    await app.appointment.expectLoaded();
    await app.appointment.expectPackageSession(1, 10);
    await app.appointment.expectPackageUsed(0, 10);

    const sessionOne = (await api.appointmentsOf(purchase.id)).filter((a) => a.sessionNumberInPackage === 1);
    expect(sessionOne.map((a) => [a.status, localDateOf(a.startsAt)])).toEqual(
      expect.arrayContaining([
        ['CANCELLED', '2026-11-29'],
        ['BOOKED', '2026-11-26'],
      ]),
    );
    expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 0, sessionsUnscheduled: 0 });
  });

  test('a no-show under the default policy counts as a used session', async ({ app, api, patient, newProvider }) => {
    const provider = await newProvider();
    const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
    await api.schedulePackage({ packagePurchaseId: purchase.id, providerId: provider.id, startDate: '2026-11-25' });
    await app.signInAs(USERS.reception);

    await app.progress.goto(purchase.id);
    await app.progress.openSession(1);
    await app.appointment.expectLoaded();
    await app.appointment.setStatus('NO_SHOW');
    await app.appointment.expectPackageUsed(1, 10);
    await expect(app.appointment.packageRemaining).toHaveText('9');
    await expect(app.appointment.actions).toContainText(app.words.t('noActions'));

    await app.appointment.openPackageProgress('10 SLP Sessions');
    await app.progress.expectLoaded();
    await app.progress.expectUsed(1, 10);
    await app.progress.expectCounts({ used: 1, remaining: 9, unscheduled: 0, scheduled: 9, completed: 0, noShow: 1 });
    await expect(app.progress.sessionRow(1, 'NO_SHOW')).toBeVisible();
    expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 1, sessionsRemaining: 9 });
  });
});
