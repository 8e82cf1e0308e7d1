import { CalendarPage } from '../pages/calendar.page.js';
import { USERS, type ClinicApi, type TestPatient, type TestProvider } from '../support/api.js';
import { test, expect } from '../support/fixtures.js';
import { escapeRegExp, type Lang } from '../support/i18n.js';

/**
 * The front desk's calendar: a time grid with a column per provider, in the clinic's zone. The
 * week of Sunday 29 November 2026: this test's own provider has four sessions of a package booked
 * (Sunday to Wednesday, 08:00) and is at a conference on Thursday; Omar (demo data) is on annual
 * leave all week. Checked in English and Arabic, at 1366 px and at a phone's 390 px.
 */

const SESSION_DAYS = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];
const CONFERENCE = 'Speech conference';

/** "SLP-THERAPY 4/10" in either digit system (the browser writes Arabic numbers its own way). */
const sessionLabel = (n: number, total: number) => {
  const arabic = (value: number) => String(value).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
  return new RegExp(`SLP-THERAPY (${n}|${arabic(n)})/(${total}|${arabic(total)})`);
};

async function aProviderWithFourSessions(api: ClinicApi, adminApi: ClinicApi, patient: TestPatient, newProvider: () => Promise<TestProvider>) {
  const provider = await newProvider();
  await adminApi.mutate(
    'addTimeOff',
    'mutation($input: AddTimeOffInput!) { addTimeOff(input: $input) { userErrors { code message field } } }',
    // Thursday 3 December, midnight to midnight in Riyadh.
    { providerId: provider.id, startsAt: '2026-12-02T21:00:00Z', endsAt: '2026-12-03T21:00:00Z', reason: CONFERENCE },
  );
  const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
  await api.bookSessions(purchase.id, patient.id, provider.id, 'SLP-THERAPY', SESSION_DAYS);
  const clinic = await api.clinicNamed('Speech-Language Pathology');
  const omar = await api.providerNamed('Omar Haddad');
  return { provider, clinic, omar, purchase };
}

for (const lang of ['en', 'ar'] as const satisfies readonly Lang[]) {
  test.describe(`the clinic calendar (${lang})`, () => {
    test.use({ lang });

    test('a week at 1366 px: leave with its reason, a session with n/total, keyboard; an empty time books the package session prefilled', async ({
      app,
      api,
      adminApi,
      patient,
      newProvider,
      page,
    }) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      const { provider, clinic, omar, purchase } = await aProviderWithFourSessions(api, adminApi, patient, newProvider);
      await app.signInAs(USERS.reception);
      const calendar = new CalendarPage(page, lang);
      const words = app.words;

      // The menu leads there.
      await page.goto('/patients');
      await app.shell.goTo('navCalendar');
      await calendar.expectLoaded();

      await calendar.goto({ clinic: clinic.id, view: 'week', date: '2026-12-01', providers: [provider.id, omar.id] });
      await expect(calendar.viewButton('week')).toHaveAttribute('aria-pressed', 'true');
      await expect(calendar.columnHeaders.filter({ hasText: words.name(provider) }).first()).toBeVisible();
      await expect(calendar.columnHeaders.filter({ hasText: words.name({ name: omar.name, nameAr: 'عمر حداد' }) }).first()).toBeVisible();
      // Omar's annual leave, Sunday to Thursday, and the weekend not worked; our provider's conference.
      await expect(calendar.unavailable(words.t('calendarAwayReason', { reason: 'Annual leave' }))).toHaveCount(5);
      await expect(calendar.unavailable(words.t('calendarAwayReason', { reason: CONFERENCE }))).toHaveCount(1);
      await expect(calendar.unavailable(words.t('calendarNotWorking'))).toHaveCount(4);
      // The four sessions, the fourth as 4/10, with the patient's name and status.
      await expect(calendar.appointment(words.name(patient))).toHaveCount(4);
      const fourth = calendar.appointment(sessionLabel(4, 10));
      await expect(fourth).toContainText(words.name(patient));
      await expect(fourth).toContainText(words.t('appt_BOOKED'));
      await expect(calendar.appointment(sessionLabel(1, 10))).toHaveCount(1);
      await app.expectAccessible(`calendar week (${lang}, 1366 px)`);
      await page.screenshot({ path: `/tmp/calendar-week-1366-${lang}.png`, fullPage: true });

      // Every appointment is reached with Tab from the grid, shows a focus ring, and opens with Enter.
      await calendar.grid.focus();
      let reached = false;
      for (let step = 0; step < 40 && !reached; step += 1) {
        await page.keyboard.press('Tab');
        reached = await fourth.evaluate((element) => element === document.activeElement);
      }
      expect(reached).toBe(true);
      await expect(fourth).toHaveCSS('outline-style', 'solid');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/appointments\/(?!new)[^/?]+$/);
      await expect(app.appointment.heading).toContainText(/APT-/);

      // An empty time in the day view opens the booking page with provider, day, time and service.
      await calendar.goto({ clinic: clinic.id, view: 'day', date: '2026-12-02', providers: [provider.id] });
      await expect(calendar.slot('13:00')).toHaveClass(/cal-slot-working/);
      await calendar.clickSlot('13:00');
      await app.book.expectLoaded();
      await expect(page).toHaveURL(new RegExp(`providerId=${escapeRegExp(encodeURIComponent(provider.id))}`));
      await app.book.choosePatient(patient.mrn, words.name(patient));
      await expect(app.book.clinic).toHaveValue(clinic.id);
      await expect(app.book.provider).toHaveValue(provider.id);
      await expect(app.book.service).not.toHaveValue('');
      await expect(app.book.day).toHaveValue('2026-12-02');
      // 13:00 in Riyadh is 10:00 UTC.
      await expect(page.locator('input[name="book-slot"]:checked')).toHaveValue('2026-12-02T10:00:00.000Z');
      // The patient's package is chosen for them, and booking takes its next free session (the fifth).
      await expect(app.book.packageOption(words.name(purchase.package))).toBeChecked();
      await app.expectAccessible(`booking from the calendar (${lang}, 1366 px)`);
      await app.book.book();
      await app.appointment.expectPackageSession(5, 10);
      await calendar.goto({ clinic: clinic.id, view: 'day', date: '2026-12-02', providers: [provider.id] });
      await expect(calendar.appointment(sessionLabel(5, 10))).toContainText(words.name(patient));
    });

    test('drag a session to another time and provider: the server takes it; a drag into the lunch break is refused and put back', async ({
      app,
      api,
      patient,
      newProvider,
      page,
    }) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      // The calendar puts its columns in the order of the providers' names.
      const [first, second] = [await newProvider(), await newProvider()].sort((a, b) => (a.name < b.name ? -1 : 1)) as [TestProvider, TestProvider];
      const purchase = await api.buyPackage(patient.id, '10 SLP Sessions');
      // Tuesday 1 December, 08:00 in Riyadh, with the first provider.
      await api.bookSessions(purchase.id, patient.id, first.id, 'SLP-THERAPY', ['2026-12-01']);
      const clinic = await api.clinicNamed('Speech-Language Pathology');
      await app.signInAs(USERS.reception);
      const calendar = new CalendarPage(page, lang);
      const words = app.words;
      await calendar.goto({ clinic: clinic.id, view: 'day', date: '2026-12-01', providers: [first.id, second.id] });
      await expect(page.getByText(words.t('calendarDragHint'))).toBeVisible();
      const session = calendar.appointment(words.name(patient));
      await expect(calendar.appointmentsInColumn(0)).toHaveCount(1);
      await expect.poll(() => calendar.startsAt(session, '08:00', 0)).toBe(true);

      // To 10:00 with the second provider: the server takes it, the calendar says so.
      await calendar.drag(session, '10:00', 1);
      await expect(calendar.moveNotice.getByRole('status')).toContainText(words.name(patient));
      await expect(calendar.moveNotice.getByRole('status')).toContainText(words.name(second));
      await expect(calendar.appointmentsInColumn(1)).toHaveCount(1);
      await expect(calendar.appointmentsInColumn(0)).toHaveCount(0);
      await expect.poll(() => calendar.startsAt(session, '10:00', 1)).toBe(true);
      await page.screenshot({ path: `/tmp/calendar-dragged-${lang}.png` });
      // Read again from the server: it stayed there.
      await page.reload();
      await calendar.expectLoaded();
      await expect(calendar.appointmentsInColumn(1)).toHaveCount(1);
      await expect.poll(() => calendar.startsAt(session, '10:00', 1)).toBe(true);

      // Into the second provider's lunch break (12:00 to 13:00): refused, put back, and why.
      await calendar.drag(session, '12:15', 1);
      const refusal = calendar.moveNotice.getByRole('alert');
      await expect(refusal).toHaveText(
        words.t('calendarMoveRefused', { patient: words.name(patient), reason: words.t('calendarMoveWhy_OUTSIDE_WORKING_HOURS') }),
      );
      await expect.poll(() => calendar.startsAt(session, '10:00', 1)).toBe(true);
      await app.expectAccessible(`calendar after a refused drag (${lang})`);
      await page.screenshot({ path: `/tmp/calendar-drag-refused-${lang}.png` });
    });

    test('a day at 390 px: the grid scrolls inside itself, nothing of the page is cut off', async ({ app, api, adminApi, patient, newProvider, page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const { provider, clinic, omar } = await aProviderWithFourSessions(api, adminApi, patient, newProvider);
      await app.signInAs(USERS.reception);
      const calendar = new CalendarPage(page, lang);

      // No view in the address: a phone gets the day view.
      await calendar.goto({ clinic: clinic.id, date: '2026-12-02', providers: [provider.id, omar.id] });
      await expect(calendar.viewButton('day')).toHaveAttribute('aria-pressed', 'true');
      await expect(calendar.appointment(sessionLabel(4, 10))).toHaveCount(1);
      await expect(calendar.unavailable(app.words.t('calendarAwayReason', { reason: 'Annual leave' }))).toHaveCount(1);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(overflow.page).toBeLessThanOrEqual(overflow.viewport);
      const grid = await calendar.grid.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
      expect(grid.scroll).toBeGreaterThan(grid.client);
      await app.expectAccessible(`calendar day (${lang}, 390 px)`);
      await page.screenshot({ path: `/tmp/calendar-day-390-${lang}.png`, fullPage: true });
    });
  });
}

test('a clinician opens the calendar on their own column', async ({ app, api, page }) => {
  const huda = await api.providerNamed('Huda Al-Otaibi');
  await app.signInAs(USERS.clinician);
  const calendar = new CalendarPage(page, 'en');
  await page.goto('/calendar?date=2026-11-26&view=week');
  await calendar.expectLoaded();
  await expect(page).toHaveURL(new RegExp(`providers=${escapeRegExp(encodeURIComponent(huda.id))}`));
  await expect(calendar.columnHeaders.filter({ hasText: 'Huda Al-Otaibi' }).first()).toBeVisible();
  await expect(calendar.providersChoice.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(calendar.providersChoice.getByRole('checkbox', { name: 'Huda Al-Otaibi' })).toBeChecked();
  await expect(calendar.appointment('Jana Al-Ghamdi').first()).toBeVisible();
  await expect(calendar.appointment('Reem Al-Qurashi')).toHaveCount(0);
  await app.expectAccessible('calendar of a clinician');
});
