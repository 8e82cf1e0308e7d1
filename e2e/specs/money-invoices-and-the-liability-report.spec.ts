import { FinanceReportPage, InvoicePage } from '../pages/money.page.js';
import { USERS, type ClinicApi } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';

interface IssuedInvoice {
  id: string;
  number: string;
  total: string;
}

async function issueInvoice(api: ClinicApi, patientId: string, packageName = '10 SLP Sessions'): Promise<IssuedInvoice> {
  const pkg = await api.packageNamed(packageName);
  const payload = await api.mutate<{ invoice: IssuedInvoice }>(
    'purchasePackage',
    'mutation($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id number total } userErrors { code message field } } }',
    { patientId, packageId: pkg.id },
  );
  return payload.invoice;
}

test('the front desk takes two partial payments: more than the balance is refused in words, the second settles it and the package exists', async ({
  app,
  api,
  patient,
  page,
}) => {
  const invoice = await issueInvoice(api, patient.id);
  expect(invoice.total).toBe('3105.00');
  await app.signInAs(USERS.reception);

  // The patient page shows what is owed, and the buy panel offers no second invoice for the package.
  await app.patient.goto(patient);
  await expect(page.getByRole('link', { name: app.words.t('openInvoiceLink', { number: invoice.number }) })).toBeVisible();
  await app.patient.buyPackageButton.click();
  await app.patient.buyPanel.getByLabel(app.words.t('catalogue')).selectOption({ label: app.patient.optionLabel(await api.packageNamed('10 SLP Sessions')) });
  await expect(app.patient.buyPanel.getByText(app.words.pattern('openInvoiceExists', { number: invoice.number }))).toBeVisible();
  await expect(app.patient.buyPanel.getByRole('button', { name: app.words.t('issueInvoice') })).toBeDisabled();

  const screen = new InvoicePage(page);
  await screen.goto(invoice.id, invoice.number);
  await expect(screen.total('invoiceBalance')).toHaveText(screen.money('3105.00'));

  await screen.pay('5000', 'CASH');
  await expect(screen.paymentForm.getByText(app.words.t('error_OVERPAYMENT'))).toBeVisible();
  await expect(screen.payments).toHaveCount(0);

  await screen.pay('1000', 'CASH');
  await expect(screen.notice).toHaveText(app.words.t('paymentRecorded', { amount: screen.money('1000'), balance: screen.money('2105.00') }));
  await expect(screen.total('invoicePaidAmount')).toHaveText(screen.money('1000.00'));
  await expect(screen.total('invoiceBalance')).toHaveText(screen.money('2105.00'));
  expect(await api.purchasesOf(patient.id)).toEqual([]);
  await app.expectAccessible('invoice, partly paid');

  await screen.pay('2105.00', 'CARD', 'SLIP-4471');
  await expect(screen.notice).toHaveText(app.words.t('paymentSettled', { amount: screen.money('2105.00') }));
  await expect(screen.paymentForm).toHaveCount(0);
  await expect(screen.total('invoiceBalance')).toHaveText(screen.money('0.00'));
  await expect(screen.payments).toHaveCount(2);
  await expect(screen.payments.nth(1)).toContainText('SLIP-4471');
  const [purchase] = await api.purchasesOf(patient.id);
  expect(purchase).toMatchObject({ status: 'ACTIVE', sessionsUsed: 0 });

  // The receipt of the paid invoice.
  await page.getByRole('link', { name: app.words.t('viewReceipt') }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('receiptTitle'));
  await expect(page.locator('.receipt')).toContainText(invoice.number);
  await expect(page.locator('.receipt .totals')).toContainText(screen.money('3105.00'));
});

test('finance reads the package liability report: figures of the period, the months, the CSV', async ({ app, page, financeApi }) => {
  await app.signInAs(USERS.finance);
  const report = new FinanceReportPage(page);
  // A period that ended before the tests' today: other tests sell and use packages today, at the
  // same time as this one, and would change the figures between the API's answer and the screen's.
  await report.goto('?from=2026-06-01&to=2026-10-31');
  await report.expectLoaded();

  const expected = await financeApi.query<{ packageLiability: Record<string, string> }>(
    'query { packageLiability(from: "2026-06-01", to: "2026-10-31") { opening sold recognised closing } }',
  );
  await expect(report.figure('figureSold')).toHaveText(report.money(expected.packageLiability['sold']!));
  await expect(report.figure('figureClosing')).toHaveText(report.money(expected.packageLiability['closing']!));
  // The months: June to October, the last month's closing is the period's.
  await expect(report.monthsTable.locator('tbody tr')).toHaveCount(5);
  await expect(report.monthsTable.locator('tbody tr').last().locator('td')).toHaveText(report.money(expected.packageLiability['closing']!));
  await expect(report.chart).toBeVisible();
  await app.expectAccessible('finance report');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: app.words.t('downloadCsv') }).click()]);
  expect(download.suggestedFilename()).toBe('package-liability-2026-06-01-2026-10-31.csv');
  const csv = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv.split(/\r?\n/).length).toBeGreaterThan(2);
});

test('finance cancels a purchase with a lowered refund after reading its consequence; the card shows what was refunded', async ({
  app,
  api,
  financeApi,
  patient,
  page,
}) => {
  const purchase = await api.buyPackage(patient.id);
  await app.signInAs(USERS.finance);
  await app.patient.goto(patient);
  const card = app.patient.card('10 SLP Sessions');
  await card.root.getByRole('button', { name: app.words.t('cancelWithRefund') }).click();
  const dialog = page.getByRole('dialog', { name: app.words.t('cancelWithRefundTitle', { name: '10 SLP Sessions' }) });
  const money = (amount: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'SAR' }).format(amount as Intl.StringNumericLiteral);
  // Nothing used yet: the whole net price is still held, and is the default refund.
  await expect(dialog).toContainText(app.words.t('cancelConsequence', { refund: money('2700.00'), liability: money('2700.00') }));
  await dialog.getByLabel(app.words.t('refundAmount'), { exact: false }).fill('3000');
  await dialog.getByLabel(app.words.t('voidReason')).fill('Family moved away');
  await dialog.getByRole('button', { name: app.words.t('confirmCancelWithRefund') }).click();
  await expect(dialog.getByText(app.words.t('error_REFUND_TOO_LARGE'))).toBeVisible();
  await app.expectAccessible('cancel with refund, refused');

  await dialog.getByLabel(app.words.t('refundAmount'), { exact: false }).fill('1000.00');
  await expect(dialog).toContainText(app.words.t('cancelConsequence', { refund: money('1000.00'), liability: money('2700.00') }));
  await dialog.getByRole('button', { name: app.words.t('confirmCancelWithRefund') }).click();
  await expect(dialog).toBeHidden();
  await card.expectStatus('CANCELLED');
  await expect(card.root).toContainText(app.words.t('purchaseRefunded', { amount: money('1000.00') }));
  const after = await financeApi.query<{ node: { status: string; refunded: string; breakage: string; liability: string } }>(
    'query($id: ID!) { node(id: $id) { ... on PackagePurchase { status refunded breakage liability } } }',
    { id: purchase.id },
  );
  expect(after.node).toEqual({ status: 'CANCELLED', refunded: '1000.00', breakage: '1700.00', liability: '0.00' });
});

test('finance waives a no-show after reading its consequence: the session is back in the package', async ({ app, api, patient, newProvider, page }) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id);
  const [session] = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', ['2026-11-25']);
  await api.setAppointmentStatus(session!.id, 'NO_SHOW');
  expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 1 });

  await app.signInAs(USERS.finance);
  await app.appointment.goto(session!.id);
  await page.getByRole('button', { name: app.words.t('waiveNoShow') }).click();
  const dialog = page.getByRole('dialog', { name: app.words.t('waiveTitle') });
  await expect(dialog).toHaveAccessibleDescription(app.words.t('waiveConsequenceSession', { number: 1, total: 10 }));
  await app.expectAccessible('waive dialog');
  await dialog.getByLabel(app.words.t('voidReason')).fill('Hospitalised that day');
  await dialog.getByRole('button', { name: app.words.t('confirmWaive') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: app.words.t('chargeWaived') })).toBeVisible();
  await expect(page.getByRole('region', { name: app.words.t('chargeWaived') })).toContainText('Hospitalised that day');
  await expect(page.getByRole('button', { name: app.words.t('waiveNoShow') })).toHaveCount(0);
  expect(await api.purchase(purchase.id)).toMatchObject({ sessionsUsed: 0, sessionsRemaining: 10 });
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the money screens are accessible right to left', async ({ app, api, patient, page }) => {
    const invoice = await issueInvoice(api, patient.id);
    await app.signInAs(USERS.admin);
    await page.goto('/invoices');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('invoicesTitle'));
    await expect(page.getByRole('link', { name: invoice.number })).toBeVisible();
    await app.expectAccessible('invoices (ar)');

    const screen = new InvoicePage(page, 'ar');
    await screen.goto(invoice.id, invoice.number);
    await page.getByRole('button', { name: app.words.t('voidInvoice') }).click();
    await expect(page.getByText(app.words.pattern('voidConsequence', { number: invoice.number }))).toBeVisible();
    await app.expectAccessible('invoice with the void confirmation (ar)');

    await page.goto(`/invoices/${encodeURIComponent(invoice.id)}/receipt`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.words.t('receiptTitle'));
    await app.expectAccessible('receipt (ar)');

    const report = new FinanceReportPage(page, 'ar');
    await report.goto();
    await report.expectLoaded();
    await app.expectAccessible('finance report (ar)');
  });
});
