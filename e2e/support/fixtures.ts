import { test as base, expect } from '@playwright/test';
import { ClinicApp } from './app.js';
import { ClinicApi, USERS, type TestPatient, type TestProvider } from './api.js';
import { TODAY } from './clock.js';
import type { Lang } from './i18n.js';

interface Options {
  /** The language the app is used in (localStorage `clinic.locale`). */
  lang: Lang;
}

interface Fixtures {
  /** The GraphQL API as the front desk (reception@alnoor.test). */
  api: ClinicApi;
  /** The GraphQL API as Al Noor's administrator, for what the front desk may not set up. */
  adminApi: ClinicApi;
  /** The GraphQL API as Al Noor's finance officer, who keeps the package catalogue. */
  financeApi: ClinicApi;
  /** A new patient of Al Noor, this test's own. */
  patient: TestPatient;
  /** A new provider of a clinic (default Speech-Language Pathology) with the demo week and an empty diary. */
  newProvider: (clinic?: string) => Promise<TestProvider>;
  /** The web app in this test's page, in `lang`. */
  app: ClinicApp;
}

/** Every page starts at the suite's fixed "today"; its clock then runs on normally. */
export const test = base.extend<Options & Fixtures>({
  lang: ['en', { option: true }],
  page: async ({ page }, use) => {
    await page.clock.install({ time: TODAY });
    await use(page);
  },
  api: async ({ request }, use) => {
    await use(await ClinicApi.signIn(request, USERS.reception));
  },
  adminApi: async ({ request }, use) => {
    await use(await ClinicApi.signIn(request, USERS.admin));
  },
  financeApi: async ({ request }, use) => {
    await use(await ClinicApi.signIn(request, USERS.finance));
  },
  patient: async ({ api }, use) => {
    await use(await api.createPatient());
  },
  newProvider: async ({ adminApi }, use) => {
    await use(async (clinic = 'Speech-Language Pathology') => adminApi.createProvider((await adminApi.clinicNamed(clinic)).id));
  },
  app: async ({ page, lang }, use) => {
    await use(new ClinicApp(page, lang));
  },
});

export { expect };
