import { expect, type Locator } from '@playwright/test';
import { Screen } from './screen.js';

type NavKey = 'navPatients' | 'navAppointments' | 'navBook' | 'navMyWeek' | 'navDesk' | 'navCalendar' | 'navSettings';

/**
 * The signed-in frame around every screen: navigation, who is signed in, language, sign-out.
 * On a phone (700 px and narrower) all of it is behind the header's Menu button: `openMenu()`
 * shows it (nothing to do at wider widths), and `goTo` and `signOut` call it, so a flow reads
 * the same at 1366 px and at 390 px.
 */
export class AppShell extends Screen {
  /** The phone header's disclosure button (hidden at wider widths). */
  get menuButton(): Locator {
    return this.page.getByRole('button', { name: this.t('menu'), exact: true });
  }

  /** Shows the navigation and the account's controls: opens the Menu when the header is collapsed. */
  async openMenu(): Promise<void> {
    // The shell is on screen: either its navigation (wide) or its Menu button (a phone).
    await expect(this.navigation.or(this.menuButton).filter({ visible: true }).first()).toBeVisible();
    if (!(await this.menuButton.isVisible())) return;
    if ((await this.menuButton.getAttribute('aria-expanded')) !== 'true') await this.menuButton.click();
    await expect(this.menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(this.navigation).toBeVisible();
  }

  /** Chooses a page in the main menu, opening the menu first on a phone. */
  async goTo(key: NavKey): Promise<void> {
    await this.openMenu();
    await this.navLink(key).click();
  }

  // Found whether the phone menu is open or not (`includeHidden`): a link's state and count read
  // the same at every width; a click or `toBeVisible` needs `openMenu()` first on a phone.
  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: this.t('mainNavigation'), includeHidden: true });
  }

  navLink(key: NavKey): Locator {
    return this.navigation.getByRole('link', { name: this.t(key), exact: true, includeHidden: true });
  }

  get signOutButton(): Locator {
    return this.page.getByRole('button', { name: this.t('signOut'), includeHidden: true });
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
    await this.openMenu();
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }

  /** The page that a missing object, or one of another organisation, shows. */
  async expectNotFound(): Promise<void> {
    await expect(this.heading).toHaveText(this.t('notFound'));
    await expect(this.page.getByText(this.t('notFoundText'))).toBeVisible();
  }
}
