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

  async expectStatus(patientName: string, status: 'WAITING' | 'OFFERED'): Promise<void> {
    await expect(this.entry(patientName)).toContainText(this.t(`waitlistStatus_${status}`));
  }
}
