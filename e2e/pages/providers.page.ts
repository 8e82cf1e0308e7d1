import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /settings/providers: add a provider, their weekly hours per clinic, their time off. */
export class ProvidersPage extends Screen {
  async goto(providerId?: string): Promise<void> {
    await this.page.goto(`/settings/providers${providerId ? `?provider=${encodeURIComponent(providerId)}` : ''}`);
    await this.expectHeading(this.t('settingsProviders'));
  }

  get addForm(): Locator {
    return this.page.getByRole('form', { name: this.t('providerAdd') });
  }

  /** Adds a provider working in these clinics (names as shown); answers their id, from the address. */
  async add(name: string, clinics: string[]): Promise<string> {
    await this.addForm.getByLabel(this.t('providerName'), { exact: true }).fill(name);
    for (const clinic of clinics) await this.addForm.getByRole('checkbox', { name: clinic }).check();
    await this.addForm.getByRole('button', { name: this.t('providerCreate') }).click();
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible();
    const id = new URL(this.page.url()).searchParams.get('provider');
    if (!id) throw new Error('the new provider is not shown');
    return id;
  }

  /** The chosen provider's "Name and clinics" form. */
  get editForm(): Locator {
    return this.page.getByRole('form', { name: this.t('providerEdit') });
  }

  /** Renames the provider and sets the clinics they work in (names as shown); waits for the saved notice. */
  async edit(input: { name: string; clinics: Record<string, boolean> }): Promise<void> {
    const form = this.editForm;
    await form.getByLabel(this.t('providerName'), { exact: true }).fill(input.name);
    for (const [clinic, works] of Object.entries(input.clinics)) await form.getByRole('checkbox', { name: clinic, exact: true }).setChecked(works);
    await form.getByRole('button', { name: this.t('catalogueSave') }).click();
    await expect(form.getByRole('status')).toHaveText(this.t('catalogueSaved', { name: input.name }));
  }

  hoursForm(clinic: string): Locator {
    return this.page.getByRole('form', { name: this.t('providerHoursIn', { clinic }) });
  }

  /** Sets a day's ranges in one clinic's week (day as the screen names it, e.g. "Monday"). */
  async addRanges(clinic: string, day: string, ranges: Array<[string, string]>): Promise<void> {
    const form = this.hoursForm(clinic);
    const existing = await form.getByLabel(this.t('providerStartOf', { day }), { exact: true }).count();
    for (let i = 0; i < ranges.length; i += 1) {
      await form.getByRole('button', { name: this.t('providerAddRangeOf', { day }) }).click();
      const [start, end] = ranges[i]!;
      await form.getByLabel(this.t('providerStartOf', { day }), { exact: true }).nth(existing + i).fill(start);
      await form.getByLabel(this.t('providerEndOf', { day }), { exact: true }).nth(existing + i).fill(end);
    }
  }

  async saveHours(clinic: string): Promise<Locator> {
    const form = this.hoursForm(clinic);
    await form.getByRole('button', { name: this.t('providerSaveHours') }).click();
    await expect(form.getByRole('status')).toHaveText(this.t('providerHoursSaved'));
    return form;
  }

  get timeOffForm(): Locator {
    return this.page.getByRole('form', { name: this.t('providerAddTimeOff') });
  }

  /** Records whole days of leave; answers the notice that lists the appointments inside. */
  async recordTimeOff(input: { first: string; last: string; reason: string }): Promise<Locator> {
    await this.timeOffForm.getByLabel(this.t('providerFirstDay'), { exact: true }).fill(input.first);
    await this.timeOffForm.getByLabel(this.t('providerLastDay'), { exact: true }).fill(input.last);
    await this.timeOffForm.getByLabel(this.t('providerReason'), { exact: true }).fill(input.reason);
    await this.timeOffForm.getByRole('button', { name: this.t('providerRecordTimeOff') }).click();
    const notice = this.timeOffForm.getByRole('status');
    await expect(notice).toBeVisible();
    return notice;
  }

  /** The listed time off given for this reason. */
  timeOffItem(reason: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: reason });
  }

  /** Asks for a time off to end on a new last day (the server decides); answers its shorten form. */
  async shortenTimeOff(reason: string, lastDay: string): Promise<Locator> {
    const form = this.timeOffItem(reason).getByRole('form');
    await form.getByLabel(this.t('providerNewLastDay'), { exact: true }).fill(lastDay);
    await form.getByRole('button', { name: this.t('providerShortenTimeOff'), exact: true }).click();
    return form;
  }
}
