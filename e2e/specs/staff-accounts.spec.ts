import { SignInPage } from '../pages/sign-in.page.js';
import { ResetPasswordPage, StaffPage } from '../pages/staff.page.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';
import { AppShell } from '../pages/app-shell.js';

const PASSWORD = 'orbit lantern maple quarry';
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

test('an admin creates a receptionist, who sets her password with the link and signs in; deactivated, her open session stops', async ({ app, browser }) => {
  await app.signInAs(USERS.admin);
  const staff = new StaffPage(app.page, app.lang);
  await staff.goto();
  await app.expectAccessible('staff');
  const name = `Rana ${unique()}`;
  const email = `rana.${unique()}@alnoor.test`;
  const link = await staff.addWithoutPassword(name, email, 'role_RECEPTIONIST');

  // Rana, in her own browser: the link, a password, the sign-in form.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Riyadh' });
  const page = await context.newPage();
  await new ResetPasswordPage(page).setPassword(link, PASSWORD);
  await page.getByRole('link', { name: app.words.t('goToSignIn') }).click();
  await new SignInPage(page).signIn(email, PASSWORD);
  const shell = new AppShell(page);
  // The front desk's menu: Book, and in settings her own account and the closures (read only).
  await shell.openMenu();
  await expect(shell.navLink('navBook')).toBeVisible();
  await shell.goTo('navSettings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('settingsMyAccount'));
  const nav = new StaffPage(page).settingsNavigation;
  await expect(nav.getByRole('link')).toHaveText([app.words.t('settingsMyAccount'), app.words.t('settingsClosures')]);

  // The admin deactivates her: her next request finds her signed out.
  await staff.deactivate(name);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test('finance sees no Book and no staff; My account is accessible', async ({ app }) => {
  await app.signInAs(USERS.finance);
  await app.page.goto('/settings');
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('settingsMyAccount'));
  await expect(app.shell.navLink('navBook')).toHaveCount(0);
  await expect(new StaffPage(app.page, app.lang).settingsNavigation.getByRole('link', { name: app.words.t('settingsStaff') })).toHaveCount(0);
  await app.expectAccessible('my account');
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the staff screen, my account and the reset page are accessible', async ({ app }) => {
    await app.signInAs(USERS.admin);
    const staff = new StaffPage(app.page, app.lang);
    await staff.goto();
    await expect(app.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await app.expectAccessible('staff (ar)');
    await app.page.goto('/settings/account');
    await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('settingsMyAccount'));
    await app.expectAccessible('my account (ar)');
    await app.page.goto('/reset-password/not-a-live-link');
    await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('resetPasswordTitle'));
    await app.page.getByLabel(app.words.t('newPassword'), { exact: true }).fill(PASSWORD);
    await app.page.getByRole('button', { name: app.words.t('setPassword') }).click();
    await expect(app.page.getByRole('alert')).toHaveText(app.words.t('error_PASSWORD_RESET_INVALID'));
    await app.expectAccessible('reset password (ar)');
  });
});
