import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /settings/policy: the cancellation-policy editor. */
export class CancellationPolicyPage extends Screen {
  async goto(): Promise<void> {
    await this.page.goto('/settings/policy');
    await this.expectHeading(this.t('settingsCancellationPolicy'));
  }

  async save(hours: number, lateConsumes: boolean): Promise<void> {
    await this.page.getByLabel(this.t('lateCancellationHours'), { exact: true }).fill(String(hours));
    await this.page.getByLabel(this.t('lateCancellationConsumes'), { exact: true }).setChecked(lateConsumes);
    await this.page.getByRole('button', { name: this.t('savePolicy') }).click();
    await expect(this.page.getByRole('status').filter({ hasText: this.t('policySaved') })).toBeVisible();
  }
}

/** /settings/audit: the audit log with its filters. */
export class AuditLogPage extends Screen {
  async goto(): Promise<void> {
    await this.page.goto('/settings/audit');
    await this.expectHeading(this.t('settingsAuditLog'));
  }

  get filters(): Locator {
    return this.page.getByRole('form', { name: this.t('auditFilter') });
  }

  async filterByOperation(operationKey: 'op_setCancellationPolicy'): Promise<void> {
    const select = this.filters.getByLabel(this.t('auditOperation'), { exact: true });
    await expect(select.getByRole('option', { name: this.t(operationKey) })).toHaveCount(1);
    await select.selectOption({ label: this.t(operationKey) });
    await this.filters.getByRole('button', { name: this.t('auditFilter') }).click();
  }

  get entries(): Locator {
    return this.page.getByRole('list', { name: this.t('auditEvents') }).getByRole('listitem');
  }
}
