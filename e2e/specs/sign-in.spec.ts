import { USERS } from '../support/api.js';
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
