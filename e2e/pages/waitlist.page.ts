import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /waitlist: who waits for an earlier slot (offers held for them, accept or decline) and the packages at risk. */
export class WaitlistPage extends Screen {
  async goto(query = ''): Promise<void> {
    await this.page.goto(`/waitlist${query}`);
    await this.expectHeading(this.t('waitlistTitle'));
  }

  /** The waitlist entry of a patient, by their name as shown. */
  entry(patientName: string): Locator {
    return this.page.getByTestId('waitlist-entry').filter({ hasText: patientName });
  }

  async accept(patientName: string): Promise<void> {
    await this.entry(patientName).getByRole('button', { name: this.t('waitlistAcceptFor', { name: patientName }) }).click();
  }

  get notice(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\S/ }).first();
  }

  /** The join form's button ("Join the waitlist"), once a patient is chosen or linked to. */
  async join(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('waitlistJoin'), exact: true }).click();
  }

  /** The join form's dates, service and provider as shown (prefilled by a link). */
  async expectJoinForm(values: { from: string; to: string; serviceId: string; providerId: string }): Promise<void> {
    await expect(this.page.getByLabel(this.t('waitlistFrom'))).toHaveValue(values.from);
    await expect(this.page.getByLabel(this.t('waitlistTo'))).toHaveValue(values.to);
    await expect(this.page.getByLabel(this.t('waitlistService'), { exact: true })).toHaveValue(values.serviceId);
    await expect(this.page.getByLabel(this.t('waitlistJoinProvider'), { exact: true })).toHaveValue(values.providerId);
  }

  async expectStatus(patientName: string, status: 'WAITING' | 'OFFERED'): Promise<void> {
    await expect(this.entry(patientName)).toContainText(this.t(`waitlistStatus_${status}`));
  }
}
