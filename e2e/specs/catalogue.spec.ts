import { CataloguePage } from '../pages/catalogue.page.js';
import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();

test('an admin adds a service and a package with it; after a sale a new price reaches later sales only; a retired package is no longer offered', async ({
  app,
  api,
  patient,
}) => {
  const id = unique();
  const code = `E2E-${id}`;
  const nameEn = `Catalogue ${id}`;
  await app.signInAs(USERS.admin);
  const catalogue = new CataloguePage(app.page, app.lang);

  await catalogue.goto('services');
  await catalogue.addService({ clinic: 'Speech-Language Pathology', code, nameEn: `Service ${id}`, nameAr: `خدمة ${id}`, minutes: 30, price: '200.00' });

  await catalogue.goto('packages');
  await catalogue.addPackage({ nameEn, nameAr: `باقة ${id}`, price: '1000.00', days: 60, service: `${code} · Service ${id} (Speech-Language Pathology)`, sessions: 3 });

  // Sold at 1,000 (the desk's selling screen has its own flows).
  const sold = await api.buyPackage(patient.id, nameEn);

  // The new price reaches later sales only.
  const form = await catalogue.edit(nameEn);
  await form.getByLabel(app.words.t('cataloguePrice'), { exact: true }).fill('1250.00');
  await form.getByRole('button', { name: app.words.t('catalogueSave') }).click();
  await expect(form).toBeHidden();
  await expect(catalogue.row(nameEn)).toContainText(app.words.number(1250));
  const { node } = await api.query<{ node: { invoice: { subtotal: string }; totalSessions: number } }>(
    'query($id: ID!) { node(id: $id) { ... on PackagePurchase { totalSessions invoice { subtotal } } } }',
    { id: sold.id },
  );
  expect(node).toEqual({ totalSessions: 3, invoice: { subtotal: '1000.00' } });

  // What was sold stays: the server refuses new sessions, in words.
  const again = await catalogue.edit(nameEn);
  await again.getByLabel(app.words.t('packageLineSessions', { number: 1 }), { exact: true }).fill('4');
  await again.getByRole('button', { name: app.words.t('catalogueSave') }).click();
  await expect(again).toContainText(app.words.t('error_PACKAGE_SOLD'));
  await again.getByRole('button', { name: app.words.t('staffCancel') }).click();

  // Retired: listed as such, and no longer offered at the desk.
  await catalogue.row(nameEn).getByRole('button', { name: app.words.t('packageRetireOf', { name: nameEn }) }).click();
  await expect(catalogue.row(nameEn)).toContainText(app.words.t('packageRetired'));
  await app.expectAccessible('settings packages');
  await app.patient.goto(patient);
  await app.patient.buyPackageButton.click();
  const offered = app.patient.buyPanel.getByLabel(app.words.t('catalogue'));
  await expect(offered.locator('option')).not.toHaveCount(0);
  await expect(offered.locator('option', { hasText: nameEn })).toHaveCount(0);
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the clinics, services and packages screens are accessible, right to left, at 390 px', async ({ app, page }) => {
    await app.signInAs(USERS.admin);
    const catalogue = new CataloguePage(page, app.lang);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const section of ['clinics', 'services', 'packages'] as const) {
      await catalogue.goto(section);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('table')).toBeVisible();
      await app.expectAccessible(`settings ${section} (ar, 390 px)`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `/tmp/h5/${section}-ar-390.png`, fullPage: true });
    }
  });
});
