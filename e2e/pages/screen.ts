import { expect, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { exactly, type Lang, type MessageKey, Words } from '../support/i18n.js';

/** What every screen object shares: the page, the app's words in the current language, the h1. */
export abstract class Screen {
  readonly words: Words;

  constructor(
    readonly page: Page,
    lang: Lang = 'en',
  ) {
    this.words = new Words(lang);
  }

  protected t(key: MessageKey, values?: Record<string, string | number>): string {
    return this.words.t(key, values);
  }

  /** The page's one h1. */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** axe on the screen as it is now: zero serious or critical violations. */
  async expectAccessible(): Promise<void> {
    await expectNoSeriousA11yViolations(this.page, `${this.constructor.name} (${this.words.lang})`);
  }

  /** The <dd> that a <dt> with this text describes, inside `scope`. */
  protected fact(scope: Locator, key: MessageKey): Locator {
    return scope.locator('dt').filter({ hasText: exactly(this.t(key)) }).locator('xpath=following-sibling::dd[1]');
  }

  protected async expectHeading(text: string | RegExp): Promise<void> {
    await expect(this.heading).toHaveText(text);
  }
}
