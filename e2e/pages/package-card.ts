import { expect, type Locator } from '@playwright/test';
import { exactly, type MessageKey, type Words } from '../support/i18n.js';

type PurchaseStatus = 'ACTIVE' | 'EXPIRED' | 'COMPLETED' | 'CANCELLED';

/** A bought package's card (patient, schedule and progress screens): status, usage, next steps. */
export class PackageCard {
  constructor(
    readonly root: Locator,
    private readonly words: Words,
  ) {}

  get progressBar(): Locator {
    return this.root.getByRole('progressbar');
  }

  get scheduleLink(): Locator {
    return this.root.getByRole('link', { name: this.words.t('scheduleSessions') });
  }

  get bookOneSessionLink(): Locator {
    return this.root.getByRole('link', { name: this.words.t('bookOneSession') });
  }

  get progressLink(): Locator {
    return this.root.getByRole('link', { name: this.words.t('viewProgress') });
  }

  fact(key: Extract<MessageKey, 'remaining' | 'unscheduled' | 'expires'>): Locator {
    return this.root.locator('dt').filter({ hasText: exactly(this.words.t(key)) }).locator('xpath=following-sibling::dd[1]');
  }

  async expectStatus(status: PurchaseStatus): Promise<void> {
    await expect(this.root.locator('.card-header')).toContainText(this.words.t(`status_${status}`));
  }

  /** The progress bar says, and shows, `used` of `total`. */
  async expectUsed(used: number, total: number): Promise<void> {
    const text = this.words.t('sessionsUsedOf', { used, total });
    await expect(this.progressBar).toHaveAccessibleName(text);
    await expect(this.progressBar).toHaveAttribute('aria-valuenow', String(used));
    await expect(this.progressBar).toHaveAttribute('aria-valuemax', String(total));
    await expect(this.root.getByText(text, { exact: true })).toBeVisible();
  }

  async expectRemaining(remaining: number, unscheduled: number): Promise<void> {
    await expect(this.fact('remaining')).toHaveText(this.words.number(remaining));
    await expect(this.fact('unscheduled')).toHaveText(this.words.number(unscheduled));
  }

  /** Neither scheduling nor booking is offered from this card. */
  async expectNotBookable(): Promise<void> {
    await expect(this.scheduleLink).toHaveCount(0);
    await expect(this.bookOneSessionLink).toHaveCount(0);
  }
}
