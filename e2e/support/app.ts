import type { Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell.js';
import { AppointmentPage } from '../pages/appointment.page.js';
import { AppointmentsPage } from '../pages/appointments.page.js';
import { BookAppointmentPage } from '../pages/book-appointment.page.js';
import { PackageProgressPage } from '../pages/package-progress.page.js';
import { PatientPage } from '../pages/patient.page.js';
import { PatientsPage } from '../pages/patients.page.js';
import { ProviderWeekPage } from '../pages/provider-week.page.js';
import { SchedulePackagePage } from '../pages/schedule-package.page.js';
import { SignInPage } from '../pages/sign-in.page.js';
import { expectNoSeriousA11yViolations } from './a11y.js';
import { ClinicApi } from './api.js';
import { Words, type Lang } from './i18n.js';

/** The web app in one browser page: its screens, in one language, for one signed-in user. */
export class ClinicApp {
  readonly words: Words;
  readonly shell: AppShell;
  readonly signInPage: SignInPage;
  readonly patients: PatientsPage;
  readonly patient: PatientPage;
  readonly schedule: SchedulePackagePage;
  readonly progress: PackageProgressPage;
  readonly book: BookAppointmentPage;
  readonly appointment: AppointmentPage;
  readonly appointments: AppointmentsPage;
  readonly week: ProviderWeekPage;

  constructor(
    readonly page: Page,
    readonly lang: Lang,
  ) {
    this.words = new Words(lang);
    this.shell = new AppShell(page, lang);
    this.signInPage = new SignInPage(page, lang);
    this.patients = new PatientsPage(page, lang);
    this.patient = new PatientPage(page, lang);
    this.schedule = new SchedulePackagePage(page, lang);
    this.progress = new PackageProgressPage(page, lang);
    this.book = new BookAppointmentPage(page, lang);
    this.appointment = new AppointmentPage(page, lang);
    this.appointments = new AppointmentsPage(page, lang);
    this.week = new ProviderWeekPage(page, lang);
  }

  /**
   * Signs in without the form (the sign-in spec covers it): `login` through the page's own
   * request context sets the HttpOnly session cookie in this browser context, as the form would;
   * the chosen language goes into localStorage. Call before the first goto.
   */
  async signInAs(email: string): Promise<ClinicApi> {
    const api = await ClinicApi.signIn(this.page.request, email);
    await this.page.addInitScript((lang) => {
      try {
        if (sessionStorage.getItem('e2e.signedIn')) return;
        localStorage.setItem('clinic.locale', lang);
        sessionStorage.setItem('e2e.signedIn', 'yes');
      } catch {
        // about:blank has no storage; the next page has.
      }
    }, this.lang);
    return api;
  }

  /** axe on whatever screen is shown now: zero serious or critical violations. */
  async expectAccessible(screen?: string): Promise<void> {
    await expectNoSeriousA11yViolations(this.page, screen);
  }
}
