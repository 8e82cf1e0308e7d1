import { USERS } from '../support/api.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { test, expect } from '../support/fixtures.js';

test('the sign-in page lists the demo accounts and signs the front desk in', async ({ app }) => {
  await app.page.goto('/');
  // Not signed in: the app sends you to the sign-in page.
  await expect(app.page).toHaveURL(/\/sign-in$/);
  await expect(app.signInPage.demoAccounts.getByRole('button', { name: `Use ${USERS.reception}` })).toBeVisible();

  // A demo account fills the form.
  await app.signInPage.demoAccounts.getByRole('button', { name: `Use ${USERS.reception}` }).click();
  await expect(app.signInPage.email).toHaveValue(USERS.reception);
  await expect(app.signInPage.password).toHaveValue('demo-pass-2026');
  await expect(app.signInPage.email).toBeFocused();

  await app.signInPage.submit.click();
  await expect(app.page).toHaveURL(/\/patients$/);
  await expect(app.shell.signedInAs).toHaveText('Signed in as Amal Al-Nasser (Receptionist)');
  await app.shell.openMenu();
  await expect(app.shell.navLink('navBook')).toBeVisible();

  await app.shell.signOut();
  await expect(app.signInPage.heading).toHaveText('Sign in');
});

test('a wrong password is refused with a message, and nobody is signed in', async ({ app }) => {
  await app.signInPage.goto();
  await app.signInPage.email.fill(USERS.reception);
  await app.signInPage.password.fill('not-the-password');
  await app.signInPage.submit.click();
  // The field at fault says so, in words a screen reader reads with it.
  await expect(app.signInPage.password).toHaveAttribute('aria-invalid', 'true');
  await expect(app.signInPage.password).toHaveAccessibleDescription('The email or the password is wrong.');
  await expect(app.page).toHaveURL(/\/sign-in$/);
  await expect(app.shell.signOutButton).toHaveCount(0);
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the server paints the page in the reader\'s language before any script; the app then takes it over, accessible', async ({ app, browser, baseURL }) => {
    // Without scripts: what a phone shows while they download. Nothing that needs them is usable.
    const painted = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
    await painted.addCookies([{ name: 'clinic_locale', value: 'ar', url: baseURL! }]);
    const page = await painted.newPage();
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const before = new SignInPage(page, 'ar');
    await expect(before.heading).toHaveText('تسجيل الدخول');
    await expect(before.demoAccounts.getByRole('button', { name: /reception@alnoor\.test/ })).toBeDisabled();
    await expect(before.submit).toBeDisabled();
    await painted.close();

    // With them (the language chosen earlier: its cookie and its storage), the same page, working.
    await app.page.context().addCookies([{ name: 'clinic_locale', value: 'ar', url: baseURL! }]);
    await app.page.addInitScript(() => localStorage.setItem('clinic.locale', 'ar'));
    await app.signInPage.goto();
    await expect(app.signInPage.submit).toBeEnabled();
    await expect(app.signInPage.demoAccounts.getByRole('button', { name: /reception@alnoor\.test/ })).toBeEnabled();
    await app.expectAccessible('sign-in');
  });
});
