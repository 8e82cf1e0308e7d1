import { test as base, expect } from '@playwright/test';
import { ClinicApi } from './api.js';
import { TODAY } from './clock.js';

interface Fixtures {
  /** The GraphQL API as the front desk (reception@alnoor.test). */
  api: ClinicApi;
}

/** Every page starts at the suite's fixed "today"; its clock then runs on normally. */
export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    await page.clock.install({ time: TODAY });
    await use(page);
  },
  api: async ({ request }, use) => {
    await use(await ClinicApi.signIn(request, 'reception@alnoor.test'));
  },
});

export { expect };
