import { expect, type Locator } from '@playwright/test';
import type { AppointmentStatus } from '../support/api.js';
import { Screen } from './screen.js';

/** /appointments/:id: the facts, the status actions, rescheduling, the package session, the history. */
export class AppointmentPage extends Screen {
  get facts(): Locator {
    return this.page.getByRole('region', { name: this.t('when') });
  }

  get status(): Locator {
    return this.fact(this.facts, 'statusLabel');
  }

  get provider(): Locator {
    return this.fact(this.facts, 'provider');
  }

  get actions(): Locator {
    return this.page.getByRole('region', { name: this.t('actions') });
  }

  action(status: AppointmentStatus): Locator {
    return this.actions.getByRole('button', { name: this.t(`action_${status}`), exact: true });
  }

  /** The dialog that states what a status change would do, before it is made. */
  get confirmDialog(): Locator {
    return this.page.getByRole('alertdialog');
  }

  /** Confirms the change in the dialog when the app asks (it uses a session, or completes early). */
  private async confirmIfAsked(status: AppointmentStatus): Promise<void> {
    const done = this.notice.filter({ hasText: this.t('statusChanged', { status: this.t(`appt_${status}`) }) });
    await expect(this.confirmDialog.or(done)).toBeVisible();
    if (await this.confirmDialog.isVisible()) await this.confirmChange();
  }

  async confirmChange(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: this.t('confirmChange'), exact: true }).click();
    await expect(this.confirmDialog).toBeHidden();
  }

  get notice(): Locator {
    return this.page.getByRole('status').filter({ hasText: this.words.pattern('statusChanged') });
  }

  /** "Session 3 of 10", with what remains of the package; absent for a single appointment. */
  get packageBlock(): Locator {
    return this.page.getByRole('region', { name: this.words.pattern('sessionOfTotal') });
  }

  get packageProgressBar(): Locator {
    return this.packageBlock.getByRole('progressbar');
  }

  get packageRemaining(): Locator {
    return this.fact(this.packageBlock, 'remaining');
  }

  get history(): Locator {
    return this.page.getByRole('region', { name: this.t('history') });
  }

  /** Follows the package block's link to the purchase's progress. */
  async openPackageProgress(packageName: string): Promise<void> {
    await this.packageBlock.getByRole('link', { name: packageName, exact: true }).click();
  }

  async goto(appointmentId: string): Promise<void> {
    await this.page.goto(`/appointments/${encodeURIComponent(appointmentId)}`);
    await this.expectLoaded();
  }

  async expectLoaded(number?: string): Promise<void> {
    await expect(this.page).toHaveURL(/\/appointments\/(?!new)[^/?]+$/);
    await expect(this.heading).toHaveText(number ? `${this.t('appointment', { number: '' })}${number}` : this.words.pattern('appointment'));
    await expect(this.actions).toBeVisible();
  }

  /** The appointment number from the heading, "APT-2026-000061". */
  async number(): Promise<string> {
    const found = /APT-[\w-]+/.exec(await this.heading.innerText())?.[0];
    if (!found) throw new Error('the heading shows no appointment number');
    return found;
  }

  async expectStatus(status: AppointmentStatus): Promise<void> {
    await expect(this.status).toContainText(this.t(`appt_${status}`));
  }

  /** Presses the action, confirms the consequence when asked, and waits for "Status changed to …". */
  async setStatus(status: Exclude<AppointmentStatus, 'CANCELLED' | 'BOOKED'>): Promise<void> {
    await this.action(status).click();
    await this.confirmIfAsked(status);
    await expect(this.notice).toHaveText(this.t('statusChanged', { status: this.t(`appt_${status}`) }));
    await this.expectStatus(status);
  }

  /** Asks to cancel with a reason; the dialog, if the app asks, is left open. */
  async requestCancel(reason: string): Promise<void> {
    await this.action('CANCELLED').click();
    await this.page.getByLabel(this.t('cancelReason')).fill(reason);
    await this.submitCancel();
  }

  /** The cancel form's own button (in Arabic it reads like the action that opened the form). */
  async submitCancel(): Promise<void> {
    const form = this.actions.locator('form').filter({ has: this.page.getByLabel(this.t('cancelReason')) });
    await form.getByRole('button', { name: this.t('confirmCancel'), exact: true }).click();
  }

  async cancel(reason: string): Promise<void> {
    await this.requestCancel(reason);
    await this.confirmIfAsked('CANCELLED');
    await expect(this.notice).toHaveText(this.t('statusChanged', { status: this.t('appt_CANCELLED') }));
    await this.expectStatus('CANCELLED');
  }

  async expectPackageSession(session: number, total: number): Promise<void> {
    await expect(this.packageBlock).toHaveAccessibleName(this.t('sessionOfTotal', { n: session, total }));
  }

  async expectPackageUsed(used: number, total: number): Promise<void> {
    await expect(this.packageProgressBar).toHaveAccessibleName(this.t('sessionsUsedOf', { used, total }));
  }
}
