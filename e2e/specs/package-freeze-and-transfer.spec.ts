import { PurchaseLifeDialogs } from '../pages/purchase-life.js';
import { USERS } from '../support/api.js';
import { addDays } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';

const PACKAGE = '10 SLP Sessions';
/** Tuesday to Thursday of next week: three paused days. */
const FROM = '2026-12-01';
const TO = '2026-12-03';

test('a package is frozen from its card (the new expiry shown), a session inside the freeze is refused in words, and the rest moves to a sibling', async ({
  app,
  api,
  patient,
  newProvider,
  page,
}) => {
  const provider = await newProvider();
  const purchase = await api.buyPackage(patient.id, PACKAGE);
  const sibling = await api.createPatient(`Sibling ${patient.nameEn}`);
  const newExpiry = addDays(purchase.expiryDate, 3);
  await app.signInAs(USERS.admin);
  await app.patient.goto(patient);
  const card = app.patient.card(PACKAGE);
  const life = new PurchaseLifeDialogs(page, card, app.words);
  // An admin is offered all three.
  await expect(life.button('extendPackage')).toBeVisible();

  // Freeze: the dialog says the expiry the server computes before anything is asked.
  const freeze = await life.fillFreeze(PACKAGE, FROM, TO, 'family travel');
  await expect(freeze).toContainText(app.words.t('freezeNewExpiry', { current: app.words.date(purchase.expiryDate), expiry: app.words.date(newExpiry) }));
  await life.confirm(freeze, 'confirmFreeze');
  await expect(freeze).toBeHidden();
  await expect(card.root).toContainText(app.words.t('frozenNotice', { from: app.words.date(FROM), to: app.words.date(TO), expiry: app.words.date(newExpiry) }));
  await expect(card.fact('expires')).toContainText(app.words.date(newExpiry));
  await expect(card.root).toContainText(app.words.t('frozenDaysTotal', { days: 3 }));
  expect((await api.purchase(purchase.id)).expiryDate).toBe(newExpiry);

  // Booking a session of the package inside the freeze is refused, in words.
  await card.bookOneSessionLink.click();
  await app.book.expectLoaded();
  await expect(app.book.packageOption(PACKAGE)).toBeChecked();
  await app.book.choose({ provider: provider.name, date: '2026-12-02' });
  await app.book.pickFirstFreeSlot();
  await app.book.bookButton.click();
  // The booking screen says the refusal next to the time (the freeze's dates come from the server).
  await expect(page.getByText(`The package is frozen from ${FROM} to ${TO}`)).toBeVisible();
  expect(await api.appointmentsOf(purchase.id)).toEqual([]);

  // Transfer: the sessions and the expiry that move, then the card links to the sibling.
  await app.patient.goto(patient);
  const transfer = await life.fillTransfer(PACKAGE, sibling.nameEn, new RegExp(sibling.nameEn), 'sister continues the therapy');
  await expect(transfer).toContainText(app.words.t('transferConsequence', { count: 10, expiry: app.words.date(newExpiry) }));
  await life.confirm(transfer, 'confirmTransfer');
  await expect(transfer).toBeHidden();
  await card.expectStatus('CANCELLED');
  await expect(card.root.getByRole('link', { name: sibling.nameEn })).toHaveAttribute('href', `/patients/${sibling.id}`);
  await expect(life.button('freezePackage')).toHaveCount(0);
  const [moved] = await api.purchasesOf(sibling.id);
  expect(moved).toMatchObject({ status: 'ACTIVE', totalSessions: 10, expiryDate: newExpiry });
});

test.describe('in Arabic', () => {
  test.use({ lang: 'ar' });

  test('the freeze and transfer dialogs are accessible, right to left, at 390 px, and a refused freeze names its appointments', async ({
    app,
    api,
    patient,
    newProvider,
    page,
  }) => {
    const provider = await newProvider();
    const purchase = await api.buyPackage(patient.id, PACKAGE);
    await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', ['2026-12-02']);
    const [booked] = await api.appointmentsOf(purchase.id);
    await page.setViewportSize({ width: 390, height: 844 });
    await app.signInAs(USERS.finance);
    await app.patient.goto(patient);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const pkg = await api.packageNamed(PACKAGE);
    const card = app.patient.card(pkg.nameAr);
    const life = new PurchaseLifeDialogs(page, card, app.words);
    // Finance may freeze and transfer, not extend.
    await expect(life.button('extendPackage')).toHaveCount(0);

    const freeze = await life.fillFreeze(pkg.nameAr, FROM, TO, 'سفر');
    await life.confirm(freeze, 'confirmFreeze');
    await expect(freeze.getByRole('alert')).toContainText(booked!.number);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await app.expectAccessible('freeze dialog, refused (ar, 390 px)');
    await freeze.getByRole('button', { name: app.words.t('goBackMoney') }).click();

    await life.button('transferPackage').click();
    const transfer = life.dialog('transferTitle', pkg.nameAr);
    await expect(transfer).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await app.expectAccessible('transfer dialog (ar, 390 px)');
  });
});
