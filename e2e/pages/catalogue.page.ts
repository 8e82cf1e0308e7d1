import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** /settings/clinics, /settings/services and /settings/packages: the catalogue's forms and lists. */
export class CataloguePage extends Screen {
  async goto(section: 'clinics' | 'services' | 'packages'): Promise<void> {
    await this.page.goto(`/settings/${section}`);
    const heading = { clinics: 'settingsClinics', services: 'settingsServices', packages: 'settingsPackages' } as const;
    await this.expectHeading(this.t(heading[section]));
  }

  /** The add form, or the edit form of `name` (as the heading says it). */
  form(name?: string): Locator {
    const heading = name ? this.t('catalogueEditOf', { name }) : null;
    return this.page.getByRole('form', { name: heading ?? new RegExp(`^(${this.t('serviceAdd')}|${this.t('packageAdd')}|${this.t('clinicAdd')})$`) });
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async addService(input: { clinic: string; code: string; nameEn: string; nameAr: string; minutes: number; price: string }): Promise<void> {
    const form = this.form();
    await form.getByLabel(this.t('closureClinic'), { exact: true }).selectOption({ label: input.clinic });
    await form.getByLabel(this.t('serviceCode'), { exact: true }).fill(input.code);
    await form.getByLabel(this.t('serviceDurationMinutes'), { exact: true }).fill(String(input.minutes));
    await form.getByLabel(this.t('cataloguePrice'), { exact: true }).fill(input.price);
    await form.getByLabel(this.t('catalogueNameEn'), { exact: true }).fill(input.nameEn);
    await form.getByLabel(this.t('catalogueNameAr'), { exact: true }).fill(input.nameAr);
    await form.getByRole('button', { name: this.t('serviceCreate') }).click();
    await expect(form.getByRole('status')).toContainText(this.t('catalogueSaved', { name: this.words.name(input) }));
    await expect(this.row(input.code)).toBeVisible();
  }

  async addPackage(input: { nameEn: string; nameAr: string; price: string; days: number; service: string; sessions: number }): Promise<void> {
    const form = this.form();
    await form.getByLabel(this.t('catalogueNameEn'), { exact: true }).fill(input.nameEn);
    await form.getByLabel(this.t('catalogueNameAr'), { exact: true }).fill(input.nameAr);
    await form.getByLabel(this.t('cataloguePrice'), { exact: true }).fill(input.price);
    await form.getByLabel(this.t('packageValidityDays'), { exact: true }).fill(String(input.days));
    await form.getByLabel(this.t('packageLineService', { number: 1 }), { exact: true }).selectOption({ label: input.service });
    await form.getByLabel(this.t('packageLineSessions', { number: 1 }), { exact: true }).fill(String(input.sessions));
    await expect(form).toContainText(this.t('packageTotal', { count: input.sessions }));
    await form.getByRole('button', { name: this.t('packageCreate') }).click();
    await expect(form.getByRole('status')).toContainText(this.t('catalogueSaved', { name: this.words.name(input) }));
    await expect(this.row(input.nameEn)).toBeVisible();
  }

  /** Opens the edit form of a listed entry. */
  async edit(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: this.t('catalogueEditOf', { name }), exact: true }).click();
    const form = this.form(name);
    await expect(form).toBeVisible();
    return form;
  }
}
