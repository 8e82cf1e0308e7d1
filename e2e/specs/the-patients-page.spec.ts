import type { Locator } from '@playwright/test';
import { USERS } from '../support/api.js';
import { TODAY } from '../support/clock.js';
import { test, expect } from '../support/fixtures.js';
import type { Lang } from '../support/i18n.js';

/**
 * The patient's page: upcoming appointments in time order and past ones latest first, a page of
 * five at a time, every status shown and each linked to its page; every invoice with its state;
 * the package's next session. In English and Arabic, at 1366 px and at a phone's 390 px (the
 * status of a row in view without scrolling the table; the page never scrolls sideways).
 */

// Seven weekdays the demo week works, after today (Tuesday 24 November 2026).
const DAYS = ['2026-11-25', '2026-11-26', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'];

/** How far the table holding `cell` was scrolled sideways to show it: 0 when it was in view as the page opened. */
const tableScrolledBy = (cell: Locator) => cell.evaluate((element) => Math.abs(element.closest('.table-scroll')?.scrollLeft ?? 0));

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`the patient's page (${lang})`, () => {
    test.use({ lang });

    test('appointments on both sides of now with their status, paged; every invoice with its state; at 1366 and 390 px', async ({
      app,
      api,
      patient,
      newProvider,
      page,
    }) => {
      const provider = await newProvider();
      const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
      const booked = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', DAYS);
      // The second session cancelled days ahead: it stays in the list, saying so.
      await api.setAppointmentStatus(booked[1]!.id, 'CANCELLED', 'Travel');
      // An invoice issued and not paid yet.
      const ot = await api.packageNamed('12 OT Sessions');
      const open = await api.mutate<{ invoice: { number: string } }>(
        'purchasePackage',
        'mutation($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { number } userErrors { code message field } } }',
        { patientId: patient.id, packageId: ot.id },
      );
      const [paid] = await api.query<{ invoices: Array<{ number: string }> }>(
        'query($p: ID) { invoices(patientId: $p, status: [PAID]) { number } }',
        { p: patient.id },
      ).then((data) => data.invoices);
      await app.signInAs(USERS.reception);
      const w = app.words;
      const patientPage = app.patient;
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await patientPage.goto(patient);

        // Upcoming: five of seven in time order, the cancelled one saying so; then the other two.
        const upcoming = patientPage.appointmentRows('upcoming');
        await expect(upcoming).toHaveCount(5);
        await expect(upcoming.nth(0).getByRole('rowheader')).toHaveText(booked[0]!.number);
        await expect(upcoming.nth(0)).toContainText(w.t('appt_BOOKED'));
        await expect(upcoming.nth(1)).toContainText(w.t('appt_CANCELLED'));
        // Paging, the past, the invoices and the card once, at the first width.
        if (width === 1366) {
          await expect(patientPage.moreAppointments('upcoming')).toHaveText(w.t('patientMoreAppointments', { count: 2 }));
          await patientPage.moreAppointments('upcoming').click();
          await expect(upcoming).toHaveCount(7);
          await expect(upcoming.nth(6).getByRole('rowheader')).toHaveText(booked[6]!.number);
          await expect(patientPage.moreAppointments('upcoming')).toHaveCount(0);
          // Nothing before now for a new patient.
          await expect(patientPage.appointments('past')).toContainText(w.t('patientNoPast'));

          // Every invoice with its state: the paid package and the open one.
          await expect(patientPage.invoiceRow(paid!.number)).toContainText(w.t('invoice_PAID'));
          await expect(patientPage.invoiceRow(open.invoice.number)).toContainText(w.t('invoice_ISSUED'));
          // The package's next session, from the server: session 2 is free again after its cancellation.
          const card = patientPage.card(w.name(purchase.package)).root;
          await expect(card.locator('dt', { hasText: w.t('nextSession') }).locator('xpath=following-sibling::dd[1]')).toHaveText(
            w.pattern('nextSessionValue', { number: 2 }),
          );
        }

        // The status of a row is in view without scrolling the table; the page never scrolls sideways.
        const status = upcoming.nth(0).getByText(w.t('appt_BOOKED'), { exact: true });
        await status.scrollIntoViewIfNeeded();
        await expect(status).toBeInViewport({ ratio: 1 });
        expect(await tableScrolledBy(status)).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await app.expectAccessible(`patient page (${lang}, ${width} px)`);
        await page.screenshot({ path: `/tmp/patient-page-${width}-${lang}.png`, fullPage: true });
      }

      // Each row leads to its appointment.
      await patientPage.appointmentRows('upcoming').nth(0).getByRole('link', { name: booked[0]!.number }).click();
      await expect(app.appointment.heading).toContainText(booked[0]!.number);
    });

    test('at 390 px: a demo patient’s past appointments, the patients list, the appointment, the list, the package’s progress and booking, status in view, axe on each', async ({
      app,
      api,
      patient,
      newProvider,
      page,
    }) => {
      await page.setViewportSize({ width: 390, height: 900 });
      const provider = await newProvider();
      const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
      const booked = await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', DAYS.slice(0, 1));
      // A demo patient with appointments before now, for the past list.
      const demo = await api.query<{ appointments: { edges: Array<{ node: { patient: { id: string; nameEn: string; nameAr: string | null } } }> } }>(
        'query($to: DateTime) { appointments(filter: { to: $to }, first: 1) { edges { node { patient { id nameEn nameAr } } } } }',
        { to: TODAY.toISOString() },
      );
      const demoPatient = demo.appointments.edges[0]!.node.patient;
      await app.signInAs(USERS.reception);
      const w = app.words;
      const patientPage = app.patient;

      // A demo patient's past appointments, each with its status in view.
      await patientPage.goto(demoPatient);
      const past = patientPage.appointmentRows('past');
      await expect(past.first()).toBeVisible();
      const pastStatus = past.first().locator('.badge');
      await pastStatus.scrollIntoViewIfNeeded();
      await expect(pastStatus).toBeInViewport({ ratio: 1 });
      await page.screenshot({ path: `/tmp/patient-page-past-390-${lang}.png`, fullPage: true });
      const noSideways = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      // The patients list: a row is the name (the link) with the MRN, then below it the phone, on
      // one line and left to right in either language, and the date of birth.
      await app.patients.goto();
      const phones = app.patients.phoneCells;
      const phone = phones.filter({ hasText: /^\+\d[\d ]+$/ }).first();
      await expect(phone).toBeVisible();
      await expect(phone).toHaveCSS('direction', 'ltr');
      const layout = await phones.evaluateAll((cells) =>
        cells.map((cell) => {
          const text = document.createRange();
          text.selectNodeContents(cell);
          const name = cell.closest('tr')!.querySelector('a')!.getBoundingClientRect();
          return {
            lines: new Set(Array.from(text.getClientRects(), (line) => Math.round(line.top))).size,
            below: cell.getBoundingClientRect().top >= name.bottom,
          };
        }),
      );
      expect(layout.length).toBeGreaterThan(0);
      expect(layout.filter((row) => row.lines !== 1 || !row.below)).toEqual([]);
      await noSideways();
      await app.expectAccessible(`patients (${lang}, 390 px)`);
      await page.screenshot({ path: `/tmp/patients-390-${lang}.png` });

      await app.appointment.goto(booked[0]!.id);
      await noSideways();
      await app.expectAccessible(`appointment (${lang}, 390 px)`);
      // The header is one line on a phone: the brand and Menu (a disclosure). Open, axe; Escape
      // closes it, the focus back on Menu; a page chosen in it closes it.
      expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThan(80);
      await expect(app.shell.navigation).toBeHidden();
      await app.shell.openMenu();
      await expect(app.shell.signOutButton).toBeVisible();
      await noSideways();
      await app.expectAccessible(`menu open (${lang}, 390 px)`);
      await page.keyboard.press('Escape');
      await expect(app.shell.menuButton).toHaveAttribute('aria-expanded', 'false');
      await expect(app.shell.menuButton).toBeFocused();
      await expect(app.shell.navigation).toBeHidden();
      await app.shell.goTo('navAppointments');
      await expect(app.appointments.heading).toHaveText(w.t('appointmentsTitle'));
      await expect(app.shell.menuButton).toHaveAttribute('aria-expanded', 'false');
      await app.appointments.goto({ from: '2026-11-25', to: '2026-11-25' });
      const listed = app.appointments.rows.filter({ hasText: booked[0]!.number });
      const listedStatus = listed.getByText(w.t('appt_BOOKED'), { exact: true });
      await listedStatus.scrollIntoViewIfNeeded();
      await expect(listedStatus).toBeInViewport({ ratio: 1 });
      expect(await tableScrolledBy(listedStatus)).toBe(0);
      await noSideways();
      await app.expectAccessible(`appointments (${lang}, 390 px)`);
      await page.screenshot({ path: `/tmp/appointments-390-${lang}.png`, fullPage: true });
      // The package's progress: each session's status second, in view without scrolling the table.
      await app.progress.goto(purchase.id);
      const progressStatus = app.progress.sessionRow(1, 'BOOKED').getByText(w.t('appt_BOOKED'), { exact: true });
      await progressStatus.scrollIntoViewIfNeeded();
      await expect(progressStatus).toBeInViewport({ ratio: 1 });
      expect(await tableScrolledBy(progressStatus)).toBe(0);
      await noSideways();
      await app.expectAccessible(`package progress (${lang}, 390 px)`);
      await app.book.goto(patient.id, purchase.id);
      await app.book.choose({ provider: w.name(provider), date: '2026-12-06' });
      await expect(app.book.freeSlots.first()).toBeVisible();
      await expect(app.book.packageOption(w.name(purchase.package))).toBeChecked();
      await noSideways();
      await app.expectAccessible(`booking (${lang}, 390 px)`);
      await page.screenshot({ path: `/tmp/booking-390-${lang}.png`, fullPage: true });
    });
  });
}
