import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /today: the front desk's day in one clinic (apps/web/src/desk). */
export class DeskPage extends Screen {
  async goto(clinicId?: string): Promise<void> {
    await this.page.goto(`/today${clinicId ? `?clinic=${encodeURIComponent(clinicId)}` : ''}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await this.expectHeading(this.t('deskTitle'));
  }

  get search(): Locator {
    return this.page.getByLabel(this.t('deskSearch'));
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: this.t('deskListLabel') });
  }

  /** The appointment cards shown (each named by its patient). */
  get items(): Locator {
    return this.list.getByRole('listitem');
  }

  item(patientName: string): Locator {
    return this.list.getByRole('listitem', { name: patientName });
  }

  /** The status buttons of a patient's appointment. */
  actions(patientName: string): Locator {
    return this.item(patientName).getByRole('group', { name: this.t('deskActionsFor', { patient: patientName }) });
  }

  /** Presses a status button; confirms the consequence when the server asks for it. */
  async change(patientName: string, action: 'CONFIRMED' | 'ARRIVED' | 'IN_PROGRESS' | 'COMPLETED' | 'NO_SHOW'): Promise<void> {
    await this.actions(patientName).getByRole('button', { name: this.t(`action_${action}`), exact: true }).click();
    const dialog = this.page.getByRole('alertdialog');
    const status = this.item(patientName).getByText(this.t(`appt_${action}`), { exact: true });
    await expect(dialog.or(status).first()).toBeVisible();
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: this.t('confirmChange') }).click();
    await expect(status).toBeVisible();
  }
}
