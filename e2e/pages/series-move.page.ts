import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /appointments/:id/series: "Move this and the following sessions", its preview (now → after the move), and the move. */
export class SeriesMovePage extends Screen {
  async goto(appointmentId: string): Promise<void> {
    await this.page.goto(`/appointments/${encodeURIComponent(appointmentId)}/series`);
  }

  /** The link on the appointment page. */
  get link(): Locator {
    return this.page.getByRole('link', { name: this.t('moveSeriesLink'), exact: true });
  }

  get provider(): Locator {
    return this.page.getByLabel(this.t('seriesProvider'), { exact: true });
  }

  get startDate(): Locator {
    return this.page.getByLabel(this.t('seriesStartDate'), { exact: true });
  }

  get previewButton(): Locator {
    return this.page.getByRole('button', { name: this.t('seriesPreview'), exact: true });
  }

  get preview(): Locator {
    return this.page.getByRole('region', { name: this.t('seriesPreviewHeading') });
  }

  get rows(): Locator {
    return this.preview.getByRole('table').locator('tbody tr');
  }

  get confirmButton(): Locator {
    // By place, not by words: its label has a plural form per count.
    return this.preview.locator('.form-actions').getByRole('button');
  }

  async expectMoved(count: number): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: this.t('seriesMoved', { count }) })).toBeVisible();
  }
}
