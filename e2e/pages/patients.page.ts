import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /patients: search by name or MRN, the list of patients. */
export class PatientsPage extends Screen {
  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: this.t('searchPatients') });
  }

  get results(): Locator {
    return this.page.getByRole('table', { name: this.t('patients') });
  }

  get noMatch(): Locator {
    return this.page.getByText(this.t('noPatients'));
  }

  /** Each row's phone cell (left to right in either language). */
  get phoneCells(): Locator {
    return this.results.locator('td.patient-phone');
  }

  patientLink(name: string): Locator {
    return this.results.getByRole('link', { name, exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/patients');
    await this.expectHeading(this.t('patients'));
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.page.getByRole('search').getByRole('button', { name: this.t('search') }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, '(\\+|%20)')}`));
    await expect(this.page.locator('#patient-results')).toHaveAttribute('aria-busy', 'false');
  }
}
