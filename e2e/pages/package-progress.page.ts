import { expect, type Locator } from '@playwright/test';
import type { AppointmentStatus } from '../support/api.js';
import { exactly, type MessageKey } from '../support/i18n.js';
import { PackageCard } from './package-card.js';
import { Screen } from './screen.js';

export interface ProgressCounts {
  used?: number;
  remaining?: number;
  unscheduled?: number;
  scheduled?: number;
  completed?: number;
  cancelled?: number;
  noShow?: number;
}

/** /purchases/:id: the progress bar, every count, the card, and the appointments in session order. */
export class PackageProgressPage extends Screen {
  get counts(): Locator {
    return this.page.getByRole('region', { name: this.t('counts') });
  }

  get progressBar(): Locator {
    return this.counts.getByRole('progressbar');
  }

  get card(): PackageCard {
    return new PackageCard(this.page.getByRole('article'), this.words);
  }

  get appointments(): Locator {
    return this.page.getByRole('region', { name: this.t('appointmentsInOrder') }).getByRole('table');
  }

  /** The rows of one session number (a cancelled session and its new booking share it). */
  sessionRows(session: number): Locator {
    return this.appointments
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: this.t('sessionN', { n: session }), exact: true }) });
  }

  sessionRow(session: number, status: AppointmentStatus): Locator {
    return this.sessionRows(session).filter({ hasText: this.t(`appt_${status}`) });
  }

  count(key: Extract<MessageKey, 'used' | 'remaining' | 'unscheduled' | 'scheduled' | 'completed' | 'cancelled' | 'noShow'>): Locator {
    return this.counts.locator('.count').filter({ has: this.page.locator('dt', { hasText: exactly(this.t(key)) }) }).locator('dd');
  }

  async goto(purchaseId: string): Promise<void> {
    await this.page.goto(`/purchases/${encodeURIComponent(purchaseId)}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/purchases\/[^/]+$/);
    await this.expectHeading(this.t('viewProgress'));
    await expect(this.counts).toBeVisible();
  }

  async expectUsed(used: number, total: number): Promise<void> {
    await expect(this.progressBar).toHaveAccessibleName(this.t('sessionsUsedOf', { used, total }));
    await expect(this.progressBar).toHaveAttribute('aria-valuenow', String(used));
  }

  async expectCounts(expected: ProgressCounts): Promise<void> {
    for (const [key, value] of Object.entries(expected) as Array<[keyof ProgressCounts, number]>) {
      await expect(this.count(key), `count "${key}"`).toHaveText(this.words.number(value));
    }
  }

  async openSession(session: number, status: AppointmentStatus = 'BOOKED'): Promise<void> {
    await this.sessionRow(session, status).getByRole('link', { name: this.t('sessionN', { n: session }), exact: true }).click();
  }
}
