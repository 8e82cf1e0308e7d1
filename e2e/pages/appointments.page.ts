import { expect, type Locator } from '@playwright/test';
import type { MessageKey } from '../support/i18n.js';
import { Screen } from './screen.js';

/** /appointments: the front desk's list, filtered by dates, provider, status and package. */
export class AppointmentsPage extends Screen {
  get filters(): Locator {
    return this.page.getByRole('form', { name: this.t('filters') });
  }

  get table(): Locator {
    return this.page.locator('#appointment-results').getByRole('table');
  }

  get rows(): Locator {
    return this.table.locator('tbody tr');
  }

  get empty(): Locator {
    return this.page.getByText(this.t('noAppointments'));
  }

  async goto(params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(params);
    await this.page.goto(`/appointments${query.size ? `?${query}` : ''}`);
    await this.expectHeading(this.t('appointmentsTitle'));
    await expect(this.page.locator('#appointment-results')).toHaveAttribute('aria-busy', 'false');
  }

  /** The texts of one column, top to bottom. */
  async column(header: Extract<MessageKey, 'number' | 'when' | 'patient' | 'provider' | 'service' | 'packageColumn' | 'statusLabel'>): Promise<string[]> {
    const headers = await this.table.getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((text) => text.trim() === this.t(header));
    if (index < 0) throw new Error(`no column ${header}`);
    return this.rows.locator(`:scope > :nth-child(${index + 1})`).allInnerTexts();
  }
}
