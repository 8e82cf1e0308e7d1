import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test.use({ lang: 'ar' });

test('the main flow in Arabic, right to left: sell a package, schedule it, complete a session', async ({ app, api, patient, newProvider }) => {
  const provider = await newProvider();
  const pkg = await api.packageNamed('10 SLP Sessions');
  const html = app.page.locator('html');

  // The language is chosen on the sign-in page, and the whole document turns right to left.
  await app.page.goto('/sign-in');
  await app.shell.languageButton('ar').click();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(app.signInPage.heading).toHaveText('تسجيل الدخول');
  await expect(app.shell.languageSwitch.getByRole('button', { name: 'العربية' })).toHaveAttribute('aria-pressed', 'true');
  await app.signInPage.signIn(USERS.admin);
  await expect(app.shell.navLink('navPatients')).toHaveText('المرضى');
  await expect(app.page).toHaveTitle('باقات العيادة');

  // Sell: شراء باقة → إصدار الفاتورة → تسجيل الدفع.
  await app.patient.goto(patient);
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(app.page.getByRole('heading', { name: 'الباقات', level: 2 })).toBeVisible();
  const invoice = await app.patient.issueInvoice(pkg);
  await app.patient.markPaid(invoice);
  const card = app.patient.card(pkg.nameAr);
  await card.expectStatus('ACTIVE');
  await expect(card.root).toContainText('نشطة');
  await card.expectUsed(0, 10);
  await app.expectAccessible('patient in Arabic');

  // Schedule: جدولة الجلسات, on Sundays and Tuesdays.
  await card.scheduleLink.click();
  await app.schedule.expectOpen();
  await expect(app.schedule.heading).toHaveText('جدولة الجلسات');
  await expect(app.page.getByRole('group', { name: 'أيام الأسبوع المفضلة' })).toBeVisible();
  await app.schedule.schedule({ provider: provider.nameAr, days: ['SUNDAY', 'TUESDAY'] });
  await app.schedule.expectCreated(10);
  await expect(app.schedule.createdTable).toHaveAccessibleName(app.words.t('createdAppointments', { count: 10 }));
  const shown = await app.schedule.createdSessions();
  expect(shown[0]).toMatchObject({ session: 'الجلسة 1', provider: provider.nameAr });
  expect(shown.every((row) => row.provider === provider.nameAr)).toBe(true);

  // Complete the first session: إكمال.
  await app.schedule.card.progressLink.click();
  await app.progress.expectLoaded();
  await expect(app.progress.heading).toHaveText('عرض التقدم');
  await app.progress.expectCounts({ used: 0, scheduled: 10 });
  await app.progress.openSession(1);
  await app.appointment.expectLoaded();
  await expect(app.appointment.action('COMPLETED')).toHaveText('إكمال');
  await app.appointment.setStatus('COMPLETED');
  await expect(app.appointment.notice).toHaveText('تغيرت الحالة إلى مكتمل.');
  await app.appointment.expectPackageSession(1, 10);
  await app.appointment.expectPackageUsed(1, 10);
  await expect(html).toHaveAttribute('dir', 'rtl');

  await app.appointment.openPackageProgress(pkg.nameAr);
  await app.progress.expectLoaded();
  await app.progress.expectUsed(1, 10);
  await expect(app.progress.progressBar).toHaveAccessibleName('استُخدمت 1 من 10 جلسات');
  await app.progress.expectCounts({ used: 1, remaining: 9, scheduled: 9, completed: 1 });
  const purchase = (await api.purchasesOf(patient.id))[0];
  expect(purchase).toMatchObject({ status: 'ACTIVE', sessionsUsed: 1, sessionsUnscheduled: 0 });
});
