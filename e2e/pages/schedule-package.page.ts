import { expect, type Locator } from '@playwright/test';
import type { Weekday } from '../support/api.js';
import { PackageCard } from './package-card.js';
import { Screen } from './screen.js';

export interface ScheduleRequest {
  /** The provider of every session (its display name). */
  provider?: string;
  /** Session number -> provider name, for "A provider per session". */
  perSession?: Record<number, string>;
  startDate?: string;
  endDate?: string;
  days?: Weekday[];
}

export interface CreatedSession {
  session: string;
  date: string;
  time: string;
  provider: string;
}

/** /purchases/:id/schedule: auto-scheduling a purchase's unscheduled sessions, and its result. */
export class SchedulePackagePage extends Screen {
  get provider(): Locator {
    return this.page.getByLabel(this.t('provider'), { exact: true });
  }

  get providerPerSession(): Locator {
    return this.page.getByRole('checkbox', { name: this.t('providerPerSession') });
  }

  sessionProvider(session: number): Locator {
    return this.page.getByLabel(this.t('sessionN', { n: session }), { exact: true });
  }

  get startDate(): Locator {
    return this.page.getByLabel(this.t('startDate'), { exact: true });
  }

  get endDate(): Locator {
    return this.page.getByLabel(this.t('endDate'), { exact: true });
  }

  day(day: Weekday): Locator {
    return this.page.getByRole('group', { name: this.t('preferredDays') }).getByRole('checkbox', { name: this.t(`day_${day}`), exact: true });
  }

  /** The form previews first; the preview's confirm button books the plan. */
  get scheduleButton(): Locator {
    return this.page.getByRole('button', { name: this.t('previewSchedule'), exact: true });
  }

  get preview(): Locator {
    return this.page.getByRole('region', { name: this.t('previewHeading') });
  }

  get confirmButton(): Locator {
    // By place, not by words: its label has a plural form per count (Arabic has six).
    return this.preview.locator('.form-actions').getByRole('button');
  }

  /** What was booked, or the preview when nothing could be placed (there is nothing to confirm). */
  get result(): Locator {
    return this.page.getByRole('region', { name: this.t('scheduleResult') }).or(this.preview);
  }

  async timeWindow(from: string, to: string): Promise<void> {
    await this.page.getByLabel(this.t('windowFrom'), { exact: true }).fill(from);
    await this.page.getByLabel(this.t('windowTo'), { exact: true }).fill(to);
  }

  get createdTable(): Locator {
    return this.result.getByRole('table');
  }

  /** "7 sessions could not be placed" and the list of reasons below it. */
  get notPlacedHeading(): Locator {
    return this.result.getByRole('heading', { name: this.words.pattern('notPlaced') });
  }

  /** The reason of each session not placed (its suggestions follow it in the same item). */
  get notPlacedReasons(): Locator {
    return this.result.locator('.miss-reason');
  }

  /** The "Book" buttons of the suggestions for unplaced sessions. */
  get suggestionButtons(): Locator {
    return this.result.getByRole('button', { name: new RegExp(`^${this.t('bookThis')}: `) });
  }

  /** The purchase's card beside the form. */
  get card(): PackageCard {
    return new PackageCard(this.page.getByRole('complementary').getByRole('article'), this.words);
  }

  async goto(purchaseId: string): Promise<void> {
    await this.page.goto(`/purchases/${encodeURIComponent(purchaseId)}/schedule`);
    await this.expectHeading(this.t('scheduleSessions'));
  }

  /** Opened from a card's "Schedule sessions". */
  async expectOpen(): Promise<void> {
    await expect(this.page).toHaveURL(/\/purchases\/[^/]+\/schedule$/);
    await this.expectHeading(this.t('scheduleSessions'));
    await expect(this.scheduleButton).toBeVisible();
  }

  async fill(request: ScheduleRequest): Promise<void> {
    if (request.provider) await this.provider.selectOption({ label: request.provider });
    if (request.perSession) {
      await this.providerPerSession.check();
      for (const [session, provider] of Object.entries(request.perSession)) {
        await this.sessionProvider(Number(session)).selectOption({ label: provider });
      }
    }
    if (request.startDate) await this.startDate.fill(request.startDate);
    if (request.endDate) await this.endDate.fill(request.endDate);
    for (const day of request.days ?? []) await this.day(day).check();
  }

  /** Previews, and books the plan when it holds any session. */
  async schedule(request: ScheduleRequest): Promise<void> {
    await this.fill(request);
    await this.scheduleButton.click();
    await expect(this.preview.getByRole('heading', { name: this.t('previewHeading') })).toBeFocused();
    if ((await this.confirmButton.count()) === 0) return;
    await this.confirmButton.click();
    await expect(this.result).toBeVisible();
    await expect(this.result.getByRole('heading', { name: this.t('scheduleResult') })).toBeFocused();
  }

  async expectCreated(count: number): Promise<void> {
    if (count === 0) {
      await expect(this.result).toContainText(this.t('noneCreated'));
      return;
    }
    await expect(this.createdTable).toHaveAccessibleName(this.t('createdAppointments', { count }));
    await expect(this.createdTable.locator('tbody tr')).toHaveCount(count);
  }

  /** The rows of "N appointments created", as shown. */
  async createdSessions(): Promise<CreatedSession[]> {
    const rows = await this.createdTable.locator('tbody tr').all();
    return Promise.all(
      rows.map(async (row) => {
        const [session, date, time, provider] = await row.getByRole('cell').allInnerTexts();
        return { session: session ?? '', date: date ?? '', time: time ?? '', provider: provider ?? '' };
      }),
    );
  }
}
