import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClinicApi } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

// Dar Al Shifa: its endpoints receive its events only, so no other flow's changes reach ours.
const ADMIN = 'admin@darshifa.test';

let receiver: Server;
let hookUrl = '';
const received: string[] = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook-${Date.now().toString(36)}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

test('an admin adds a webhook endpoint, sees a change delivered, sends it again, then stops and removes the endpoint', async ({ app, request }) => {
  const { page, words } = app;
  await app.signInAs(ADMIN);
  await page.goto('/settings/webhooks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.t('settingsWebhooks'));

  await page.getByLabel(words.t('webhookUrl'), { exact: true }).fill(hookUrl);
  await page.getByRole('checkbox', { name: words.t('webhookEvent_patient_created') }).check();
  await page.getByRole('button', { name: words.t('webhookCreate') }).click();
  await expect(page.locator('.secret')).toHaveText(/^whsec_/);
  await expect(page.getByRole('row', { name: new RegExp(hookUrl) })).toContainText(words.t('webhookActive'));
  await app.expectAccessible('webhooks');

  const api = await ClinicApi.signIn(request, ADMIN);
  await api.createPatient();
  await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
  await expect(async () => {
    await page.reload();
    // The log's row: the event, then its status (the endpoint's row names the event too).
    await expect(page.getByRole('row', { name: new RegExp(`${words.t('webhookEvent_patient_created')}.*${words.t('webhookStatus_DELIVERED')}`) })).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('webhooks-en-1366.png'), fullPage: true });

  await page.getByRole('button', { name: words.t('webhookReplayLabel', { event: words.t('webhookEvent_patient_created') }) }).first().click();
  await expect(page.getByRole('status')).toContainText(words.t('webhookReplayed'));
  await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
  expect(received[1]).toBe(received[0]);

  await page.getByRole('button', { name: words.t('webhookDeactivateLabel', { url: hookUrl }) }).click();
  await expect(page.getByRole('row', { name: new RegExp(hookUrl) }).first()).toContainText(words.t('webhookInactive'));
  await page.getByRole('button', { name: words.t('webhookDeleteLabel', { url: hookUrl }) }).click();
  await expect(page.getByRole('status')).toContainText(words.t('webhookDeleted'));
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the webhooks screen is accessible, right to left, at 390 px without horizontal scrolling', async ({ app }) => {
    const { page, words } = app;
    await app.signInAs(ADMIN);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words.t('settingsWebhooks'));
    await expect(page.getByRole('checkbox', { name: words.t('webhookEvent_invoice_paid') })).toBeVisible();
    await app.expectAccessible('webhooks (ar)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('webhooks-ar-390.png'), fullPage: true });
  });
});
