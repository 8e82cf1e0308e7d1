import { expect, type Locator } from '@playwright/test';
import { exactly } from '../support/i18n.js';
import { Screen } from './screen.js';

/** /settings/staff: the staff accounts, the form that adds one, each row's actions. */
export class StaffPage extends Screen {
  async goto(): Promise<void> {
    await this.page.goto('/settings/staff');
    await this.expectHeading(this.t('settingsStaff'));
  }

  get settingsNavigation(): Locator {
    return this.page.getByRole('navigation', { name: this.t('settingsNavigation') });
  }

  get addForm(): Locator {
    return this.page.getByRole('form', { name: this.t('addStaff') });
  }

  /** Adds an account without a password; answers the one-time link the screen shows. */
  async addWithoutPassword(name: string, email: string, roleKey: 'role_RECEPTIONIST' | 'role_FINANCE'): Promise<string> {
    await this.addForm.getByLabel(this.t('staffName'), { exact: true }).fill(name);
    await this.addForm.getByLabel(this.t('staffEmail'), { exact: true }).fill(email);
    await this.addForm.getByLabel(this.t('staffRole'), { exact: true }).selectOption({ label: this.t(roleKey) });
    await this.addForm.getByRole('button', { name: this.t('createAccount') }).click();
    await expect(this.addForm.getByRole('status')).toHaveText(this.t('accountCreated', { name }));
    const notice = this.page.getByRole('status').filter({ hasText: this.t('resetLinkFor', { name }) });
    const url = (await notice.locator('.secret').textContent())?.trim() ?? '';
    expect(url).toMatch(/\/reset-password\/[\w-]{20,}$/);
    return url;
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  }

  async deactivate(name: string): Promise<void> {
    const row = this.row(name);
    await row.getByRole('button', { name: this.t('deactivate'), exact: true }).click();
    const dialog = row.getByRole('alertdialog');
    await expect(dialog).toContainText(this.t('deactivateConfirm', { name }));
    await dialog.getByRole('button', { name: this.t('deactivate'), exact: true }).click();
    await expect(row.getByRole('cell', { name: exactly(this.t('staffInactive')) })).toBeVisible();
  }
}

/** /reset-password/:token: the public page that sets a password with a one-time link. */
export class ResetPasswordPage extends Screen {
  async setPassword(url: string, password: string): Promise<void> {
    await this.page.goto(url);
    await this.expectHeading(this.t('resetPasswordTitle'));
    await this.page.getByLabel(this.t('newPassword'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: this.t('setPassword') }).click();
    await expect(this.page.getByRole('status')).toContainText(this.t('passwordSet'));
  }
}
