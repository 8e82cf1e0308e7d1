import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /settings/closures: the form that closes dates, and the list of closed dates. */
export class ClosuresPage extends Screen {
  async goto(): Promise<void> {
    await this.page.goto('/settings/closures');
    await this.expectHeading(this.t('settingsClosures'));
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: this.t('closureAdd') });
  }

  /** Closes one clinic (by its name as shown) on [first, last]; answers the notice that follows. */
  async close(input: { clinic: string; first: string; last?: string; reason: string }): Promise<Locator> {
    await this.form.getByLabel(this.t('closureClinic'), { exact: true }).selectOption({ label: input.clinic });
    await this.form.getByLabel(this.t('closureFirstDay'), { exact: true }).fill(input.first);
    if (input.last) await this.form.getByLabel(this.t('closureLastDay'), { exact: true }).fill(input.last);
    await this.form.getByLabel(this.t('closureReason'), { exact: true }).fill(input.reason);
    await this.form.getByRole('button', { name: this.t('closureCreate') }).click();
    const notice = this.form.getByRole('status');
    await expect(notice).toContainText(this.t('closureCreated', { reason: input.reason }));
    return notice;
  }

  row(reason: string): Locator {
    return this.page.getByRole('row').filter({ hasText: reason });
  }

  async reopen(reason: string): Promise<void> {
    const row = this.row(reason);
    await row.getByRole('button', { name: this.t('closureDeleteOf', { reason }) }).click();
    const dialog = row.getByRole('alertdialog');
    await expect(dialog).toContainText(this.t('closureDeleteConfirm', { reason }));
    await dialog.getByRole('button', { name: this.t('closureDelete'), exact: true }).click();
    await expect(this.row(reason)).toHaveCount(0);
  }
}
