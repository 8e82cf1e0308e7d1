import { expect, type Locator } from '@playwright/test';
import { DEMO_PASSWORD } from '../support/api.js';
import { Screen } from './screen.js';

/** /sign-in: email and password, the demo accounts, the language switch. */
export class SignInPage extends Screen {
  get email(): Locator {
    return this.page.getByLabel(this.t('email'), { exact: true });
  }

  get password(): Locator {
    return this.page.getByLabel(this.t('password'), { exact: true });
  }

  get submit(): Locator {
    return this.page.getByRole('button', { name: this.t('signIn'), exact: true });
  }

  get demoAccounts(): Locator {
    return this.page.getByRole('region', { name: this.t('demoAccounts') });
  }

  async goto(): Promise<void> {
    await this.page.goto('/sign-in');
    await this.expectHeading(this.t('signIn'));
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
    // The signed-in header is there (its Sign out is behind the Menu button on a phone).
    await expect(this.page.getByRole('button', { name: this.t('signOut'), includeHidden: true })).toBeAttached();
  }
}
