import { USERS } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

test('the front desk sells a package: the invoice is issued, then paid, and the card shows 0 of 10 sessions used', async ({
  app,
  api,
  patient,
}) => {
  const pkg = await api.packageNamed('10 SLP Sessions');
  await app.signInAs(USERS.reception);

  await app.patient.goto(patient);
  await expect(app.patient.noPackages).toBeVisible();

  const invoice = await app.patient.issueInvoice(pkg);
  // Issued, not paid: no purchase exists yet.
  await expect(app.patient.noPackages).toBeVisible();
  expect(await api.purchasesOf(patient.id)).toEqual([]);
  await app.expectAccessible('patient, invoice issued');

  await app.patient.markPaid(invoice);
  const card = app.patient.card('10 SLP Sessions');
  await expect(card.root).toBeVisible();
  await card.expectStatus('ACTIVE');
  await card.expectUsed(0, 10);
  await card.expectRemaining(10, 10);
  await expect(card.scheduleLink).toBeVisible();
  await expect(card.bookOneSessionLink).toBeVisible();

  const [purchase] = await api.purchasesOf(patient.id);
  expect(purchase).toMatchObject({ status: 'ACTIVE', sessionsUsed: 0, totalSessions: 10, purchaseDate: '2026-11-24', expiryDate: '2027-02-22' });
});
