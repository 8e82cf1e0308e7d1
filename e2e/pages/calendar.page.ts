import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

export interface CalendarAddress {
  clinic?: string;
  view?: 'day' | 'week';
  date?: string;
  providers?: string[];
}

/** /calendar: the clinic's time grid, a column per provider (react-big-calendar). */
export class CalendarPage extends Screen {
  async goto(address: CalendarAddress = {}): Promise<void> {
    const query = new URLSearchParams();
    if (address.clinic) query.set('clinic', address.clinic);
    if (address.view) query.set('view', address.view);
    if (address.date) query.set('date', address.date);
    if (address.providers) query.set('providers', address.providers.join(','));
    await this.page.goto(`/calendar${query.size ? `?${query.toString()}` : ''}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    // The calendar's code is loaded lazily, on the first visit: allow it the time of a busy machine.
    await expect(this.heading).toHaveText(this.t('calendarTitle'), { timeout: 30_000 });
    await expect(this.grid.locator('.rbc-time-view')).toBeVisible();
  }

  /** The scrolling box that holds the grid. */
  get grid(): Locator {
    return this.page.getByRole('region', { name: this.words.pattern('calendarGrid') });
  }

  /** The labels over the columns: the days and the provider names. */
  get columnHeaders(): Locator {
    return this.grid.locator('.rbc-time-header .rbc-header');
  }

  /** An appointment block, by any text it shows (patient, n/total, status). */
  appointment(text: string | RegExp): Locator {
    return this.grid.locator('.rbc-event.cal-appointment').filter({ hasText: text });
  }

  /** Time a provider cannot be booked, by the words it shows ("Away: Annual leave", "Not working"). */
  unavailable(text: string | RegExp): Locator {
    return this.grid.locator('.rbc-background-event').filter({ hasText: text });
  }

  /** The 15-minute slot starting at a clinic-local time, in the nth column shown (0: the first). */
  slot(time: string, column = 0): Locator {
    return this.grid.locator('.rbc-time-content .rbc-day-slot').nth(column).locator(`.rbc-time-slot[data-time="${time}"]`);
  }

  /** Clicks an empty time as a person does: at its place on the grid (the events layer lies over the slots). */
  async clickSlot(time: string, column = 0): Promise<void> {
    const slot = this.slot(time, column);
    await slot.scrollIntoViewIfNeeded();
    const box = await slot.boundingBox();
    if (!box) throw new Error(`no slot at ${time}`);
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  /** The appointments drawn in the nth column shown (0: the first). */
  appointmentsInColumn(column: number): Locator {
    return this.grid.locator('.rbc-time-content .rbc-day-slot').nth(column).locator('.rbc-event.cal-appointment');
  }

  /** What the calendar says about the last dragged move (saved, or refused and why). */
  get moveNotice(): Locator {
    return this.page.locator('.cal-move-notice');
  }

  /**
   * Drags an appointment as a person does with a mouse: takes it by its top edge and lets it go
   * at the top of the slot of `time` in the nth column, so it lands starting at that time.
   */
  async drag(appointment: Locator, time: string, column: number): Promise<void> {
    const slot = this.slot(time, column);
    await slot.scrollIntoViewIfNeeded();
    await appointment.scrollIntoViewIfNeeded();
    // Both measured after any scrolling, where the mouse will find them.
    const [from, to] = await Promise.all([appointment.boundingBox(), slot.boundingBox()]);
    if (!from || !to) throw new Error(`cannot drag to ${time}`);
    await this.page.mouse.move(from.x + from.width / 2, from.y + 4);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 4 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 12 });
    await this.page.mouse.up();
  }

  /** True when the block starts at the slot of `time` in the nth column (within a few pixels). */
  async startsAt(appointment: Locator, time: string, column: number): Promise<boolean> {
    const [block, slot] = await Promise.all([appointment.boundingBox(), this.slot(time, column).boundingBox()]);
    return Boolean(block && slot && Math.abs(block.y - slot.y) < 4 && block.x >= slot.x - 2 && block.x < slot.x + slot.width);
  }

  get providersChoice(): Locator {
    return this.page.getByRole('group', { name: this.t('calendarProviders') });
  }

  viewButton(view: 'day' | 'week'): Locator {
    return this.page.getByRole('button', { name: this.t(view === 'day' ? 'calendarViewDay' : 'calendarViewWeek'), exact: true });
  }
}
