import { expect, type Locator, type Page } from '@playwright/test';
import type { Words } from '../support/i18n.js';
import type { PackageCard } from './package-card.js';

/** The freeze, extend and transfer dialogs of a package card, and what the card then says. */
export class PurchaseLifeDialogs {
  constructor(
    private readonly page: Page,
    private readonly card: PackageCard,
    private readonly words: Words,
  ) {}

  button(action: 'freezePackage' | 'extendPackage' | 'transferPackage'): Locator {
    return this.card.root.getByRole('button', { name: this.words.t(action), exact: true });
  }

  dialog(title: 'freezeTitle' | 'extendTitle' | 'transferTitle', packageName: string): Locator {
    return this.page.getByRole('dialog', { name: this.words.t(title, { name: packageName }) });
  }

  /** Opens the freeze dialog and types the pause and its reason (not yet confirmed). */
  async fillFreeze(packageName: string, from: string, to: string, reason: string): Promise<Locator> {
    await this.button('freezePackage').click();
    const dialog = this.dialog('freezeTitle', packageName);
    await dialog.getByLabel(this.words.t('freezeFrom')).fill(from);
    await dialog.getByLabel(this.words.t('freezeTo')).fill(to);
    await dialog.getByLabel(this.words.t('lifeReason')).fill(reason);
    return dialog;
  }

  /** Opens the transfer dialog and chooses the patient found by `search` (not yet confirmed). */
  async fillTransfer(packageName: string, search: string, optionLabel: RegExp, reason: string): Promise<Locator> {
    await this.button('transferPackage').click();
    const dialog = this.dialog('transferTitle', packageName);
    await dialog.getByLabel(this.words.t('transferFindPatient')).fill(search);
    const select = dialog.getByLabel(this.words.t('transferToPatient'));
    await expect(select.locator('option', { hasText: optionLabel })).toHaveCount(1);
    const value = await select.locator('option', { hasText: optionLabel }).getAttribute('value');
    await select.selectOption(value!);
    await dialog.getByLabel(this.words.t('lifeReason')).fill(reason);
    return dialog;
  }

  confirm(dialog: Locator, key: 'confirmFreeze' | 'confirmExtend' | 'confirmTransfer'): Promise<void> {
    return dialog.getByRole('button', { name: this.words.t(key) }).click();
  }
}
