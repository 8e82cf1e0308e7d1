import { test, expect } from '../support/fixtures.js';

test('the sign-in page lists the demo accounts and signs the front desk in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('reception@alnoor.test').first()).toBeVisible();
  await page.getByLabel(/email/i).fill('reception@alnoor.test');
  await page.getByLabel(/password/i).fill('demo-pass-2026');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByRole('button', { name: /sign out/i })).toBeVisible();
});
