import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** The booking screen's "First available" choice and the words of an empty day. */
export class FirstAvailablePanel extends Screen {
  get region(): Locator {
    return this.page.getByRole('region', { name: this.t('firstAvailable') });
  }

  get showButton(): Locator {
    return this.region.getByRole('button', { name: this.t('firstAvailableShow') });
  }

  /** The listed slots: "Dr Amal, 24 Nov 2026, 8:00 AM". */
  get slots(): Locator {
    return this.region.getByRole('listitem').getByRole('button');
  }

  async open(): Promise<void> {
    await this.showButton.click();
    await expect(this.slots.first()).toBeVisible();
  }

  /** Why the chosen day has no free time. */
  get emptyDay(): Locator {
    return this.page.getByTestId('empty-day');
  }
}
