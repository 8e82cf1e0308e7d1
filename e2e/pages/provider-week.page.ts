import { expect, type Locator } from '@playwright/test';
import { escapeRegExp } from '../support/i18n.js';
import { Screen } from './screen.js';

/** /providers/:id/week: a provider's clinic week, Sunday to Saturday. */
export class ProviderWeekPage extends Screen {
  get weekNavigation(): Locator {
    return this.page.getByRole('navigation', { name: this.t('goToWeek') });
  }

  get days(): Locator {
    return this.page.locator('ol.week > li');
  }

  /** The day whose heading shows this calendar date. */
  day(date: string): Locator {
    return this.days.filter({ has: this.page.getByRole('heading', { name: new RegExp(escapeRegExp(this.words.date(date))) }) });
  }

  /** The appointments of the week, each a link to its detail. */
  get appointmentLinks(): Locator {
    return this.page.locator('ol.week').getByRole('link');
  }

  async goto(providerId: string, week?: string): Promise<void> {
    await this.page.goto(`/providers/${encodeURIComponent(providerId)}/week${week ? `?week=${week}` : ''}`);
    await this.expectLoaded();
  }

  async expectLoaded(providerName?: string): Promise<void> {
    await expect(this.heading).toHaveText(providerName ? this.t('weekTitle', { name: providerName }) : this.words.pattern('weekTitle'));
    await expect(this.days).toHaveCount(7);
  }
}
