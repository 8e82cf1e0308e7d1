import { AuditLogPage, CancellationPolicyPage } from '../pages/settings.page.js';
import { ClinicApi } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

// Dar Al Shifa's policy: no other flow cancels there, so changing it disturbs no parallel test.
const ADMIN = 'admin@darshifa.test';

test('the policy change applies to the next late cancellation, and the audit log finds the change', async ({ app, request }) => {
  const api = await ClinicApi.signIn(request, ADMIN);
  const clinic = await api.clinicNamed('Physiotherapy');
  const provider = await api.createProvider(clinic.id);
  const patient = await api.createPatient();
  const purchase = await api.buyPackage(patient.id, '8 Physiotherapy Sessions');
  // Thursday, about two days ahead: not late under the default 24 hours.
  const [appointment] = await api.bookSessions(purchase.id, patient.id, provider.id, 'PT-THERAPY', ['2026-11-26']);

  await app.signInAs(ADMIN);
  const policy = new CancellationPolicyPage(app.page, app.lang);
  await policy.goto();
  await app.expectAccessible('cancellation policy');
  const hours = 60 + Math.floor(Math.random() * 40);
  await policy.save(hours, true);

  await api.setAppointmentStatus(appointment!.id, 'CANCELLED', 'travel');
  expect((await api.purchase(purchase.id)).sessionsUsed).toBe(1);

  const audit = new AuditLogPage(app.page, app.lang);
  await audit.goto();
  await audit.filterByOperation('op_setCancellationPolicy');
  const entry = audit.entries.first();
  await expect(entry).toContainText(app.words.t('op_setCancellationPolicy'));
  await expect(entry.getByRole('row', { name: app.words.t('field_lateCancellationWindowHours') })).toContainText(String(hours));
  await app.expectAccessible('audit log');
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('API tokens: the secret is shown once, the token revoked; the policy and audit screens are accessible', async ({ app }) => {
    await app.signInAs(ADMIN);
    await app.page.goto('/settings/tokens');
    await expect(app.page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('settingsApiTokens'));
    const name = `تكامل ${Date.now().toString(36)}`;
    await app.page.getByLabel(app.words.t('tokenName'), { exact: true }).fill(name);
    await app.page.getByRole('button', { name: app.words.t('createToken') }).click();
    await expect(app.page.locator('.secret')).toHaveText(/^ck_|^\S{20,}$/);
    await app.expectAccessible('api tokens (ar)');
    await app.page.getByRole('button', { name: app.words.t('revokeToken', { name }) }).click();
    await expect(app.page.getByRole('status').filter({ hasText: app.words.t('tokenRevoked', { name }) })).toBeVisible();
    await expect(app.page.locator('.secret')).toHaveCount(0);

    await new CancellationPolicyPage(app.page, app.lang).goto();
    await app.expectAccessible('cancellation policy (ar)');
    const audit = new AuditLogPage(app.page, app.lang);
    await audit.goto();
    await expect(audit.entries.first()).toBeVisible();
    await app.expectAccessible('audit log (ar)');
  });
});
