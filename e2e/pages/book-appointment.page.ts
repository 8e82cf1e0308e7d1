import { expect, type Locator } from '@playwright/test';
import { escapeRegExp } from '../support/i18n.js';
import { Screen } from './screen.js';

export interface BookingChoice {
  clinic?: string;
  provider: string;
  service?: string;
  date: string;
}

/** /appointments/new: patient, clinic, provider, service, day, a free time, and which package pays. */
export class BookAppointmentPage extends Screen {
  get patientSearch(): Locator {
    return this.page.getByRole('searchbox', { name: this.t('findPatient') });
  }

  get clinic(): Locator {
    return this.page.getByLabel(this.t('clinic'), { exact: true });
  }

  get provider(): Locator {
    return this.page.getByLabel(this.t('provider'), { exact: true });
  }

  get service(): Locator {
    return this.page.getByLabel(this.t('service'), { exact: true });
  }

  get day(): Locator {
    return this.page.getByLabel(this.t('day'), { exact: true });
  }

  get freeSlots(): Locator {
    return this.page.getByRole('group', { name: this.t('freeSlots') }).getByRole('radio');
  }

  get packageChoice(): Locator {
    return this.page.getByRole('group', { name: this.t('usePackage') });
  }

  get noPackage(): Locator {
    return this.packageChoice.getByRole('radio', { name: this.t('noPackage') });
  }

  /** The radio of a purchase of this package: "10 SLP Sessions: 10 remaining, 8 unbooked, expires …". */
  packageOption(packageName: string): Locator {
    return this.packageChoice.getByRole('radio', { name: new RegExp(`^${escapeRegExp(packageName)}:`) });
  }

  get noAvailablePackages(): Locator {
    return this.packageChoice.getByText(this.t('noAvailablePackages'));
  }

  get bookButton(): Locator {
    return this.page.getByRole('button', { name: this.t('book'), exact: true });
  }

  async goto(patientId?: string, purchaseId?: string): Promise<void> {
    const query = new URLSearchParams();
    if (patientId) query.set('patientId', patientId);
    if (purchaseId) query.set('purchaseId', purchaseId);
    await this.page.goto(`/appointments/new${query.size ? `?${query}` : ''}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/appointments\/new/);
    await this.expectHeading(this.t('bookTitle'));
  }

  /** Finds the patient by name or MRN and chooses them. */
  async choosePatient(search: string, label: string): Promise<void> {
    await this.patientSearch.fill(search);
    await this.page.getByRole('search').getByRole('button', { name: this.t('search') }).click();
    await this.page.getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
    await expect(this.clinic).toBeVisible();
  }

  private chosenDate: string | null = null;

  async choose(choice: BookingChoice): Promise<void> {
    this.chosenDate = choice.date;
    if (choice.clinic) await this.clinic.selectOption({ label: choice.clinic });
    await this.provider.selectOption({ label: choice.provider });
    if (choice.service) await this.service.selectOption({ label: choice.service });
    await this.day.fill(choice.date);
  }

  /** Chooses the first free time of the chosen day; answers its label ("9:00 AM"). */
  async pickFirstFreeSlot(): Promise<string> {
    // Only a time of the chosen day (clinic hours fall on the same UTC date in Riyadh), never one
    // still shown from the day before the date was changed.
    const ofDay = this.chosenDate ? this.page.locator(`input[value^="${this.chosenDate}T"]`) : this.page.locator('input');
    const slot = this.freeSlots.and(ofDay).first();
    await slot.check();
    await expect(slot).toBeChecked();
    return (await slot.locator('xpath=..').innerText()).trim();
  }

  async book(): Promise<void> {
    await this.bookButton.click();
    await expect(this.page).toHaveURL(/\/appointments\/(?!new)[^/?]+$/);
  }
}
