import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

/** The signed-in frame around every screen: navigation, who is signed in, language, sign-out. */
export class AppShell extends Screen {
  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.t('mainNavigation') });
  }

  navLink(key: 'navPatients' | 'navAppointments' | 'navBook' | 'navMyWeek'): Locator {
    return this.navigation.getByRole('link', { name: this.t(key), exact: true });
  }

  get signOutButton(): Locator {
    return this.page.getByRole('button', { name: this.t('signOut') });
  }

  get signedInAs(): Locator {
    return this.page.getByText(this.words.pattern('signedInAs'));
  }

  /** Each language's button is named in that language, whatever the page's language is. */
  languageButton(lang: 'en' | 'ar'): Locator {
    return this.page.getByRole('button', { name: lang === 'en' ? 'English' : 'العربية', exact: true });
  }

  get languageSwitch(): Locator {
    return this.page.getByRole('group', { name: this.t('language') });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }

  /** The page that a missing object, or one of another organisation, shows. */
  async expectNotFound(): Promise<void> {
    await expect(this.heading).toHaveText(this.t('notFound'));
    await expect(this.page.getByText(this.t('notFoundText'))).toBeVisible();
  }
}
