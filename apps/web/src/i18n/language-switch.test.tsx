import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApolloProvider } from '@apollo/client/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AppShellQueryDocument } from '../graphql/generated';
import { AppShell } from '../layout/app-shell';
import { createTestClient } from '../testing/render';
import { DigitsSwitch, LanguageSwitch } from './language-switch';
import { LocaleProvider, readStoredLocale, useLocale, type Locale } from './locale';

function Sample() {
  const { t, formatDate } = useLocale();
  return (
    <p>
      {t('sessionsUsedOf', { used: 6, total: 10 })} · {formatDate('2026-11-24')}
    </p>
  );
}

beforeEach(() => {
  localStorage.clear();
  document.cookie = 'clinic_locale=; path=/; max-age=0';
});
afterEach(cleanup);

describe('LanguageSwitch', () => {
  it('starts in English, left to right', () => {
    render(
      <LocaleProvider>
        <LanguageSwitch />
        <Sample />
      </LocaleProvider>,
    );
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/6 of 10 sessions used/)).toBeTruthy();
    // No choice made: no cookie (the server writes English pages without one).
    expect(document.cookie).not.toContain('clinic_locale');
  });

  it('switches to Arabic: right to left, Arabic digits and dates, remembered', async () => {
    render(
      <LocaleProvider>
        <LanguageSwitch />
        <Sample />
      </LocaleProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'العربية' }));
    // The Arabic words are a chunk of their own, fetched on the first switch: the page turns once they are in.
    const n = new Intl.NumberFormat('ar');
    const sample = await screen.findByText(new RegExp(`استُخدمت ${n.format(6)} من ${n.format(10)} جلسات`));
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByRole('button', { name: 'العربية' }).getAttribute('aria-pressed')).toBe('true');
    expect(sample.textContent).toContain(new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 24)));
    expect(readStoredLocale()).toBe('ar');
    // The server reads the choice too, to write the next page's HTML in Arabic.
    expect(document.cookie).toContain('clinic_locale=ar');
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByText(/6 of 10 sessions used/);
    expect(document.cookie).toContain('clinic_locale=en');
  });

  it('opens in the remembered language', () => {
    localStorage.setItem('clinic.locale', 'ar');
    render(
      <LocaleProvider>
        <LanguageSwitch />
      </LocaleProvider>,
    );
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByRole('group', { name: 'اللغة' })).toBeTruthy();
  });

  it('lets an Arabic reader choose Arabic-Indic or Latin digits, remembered, with the Hijri date beside', async () => {
    localStorage.setItem('clinic.locale', 'ar');
    function Dated() {
      const { formatHijriDate } = useLocale();
      return <p>{formatHijriDate('2026-11-30')}</p>;
    }
    render(
      <LocaleProvider>
        <DigitsSwitch />
        <Sample />
        <Dated />
      </LocaleProvider>,
    );
    expect(screen.getByText(/استُخدمت 6 من 10 جلسات/)).toBeTruthy();
    expect(screen.getByText('20 جمادى الآخرة 1448 هـ')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'الأرقام الهندية' }));
    expect(screen.getByText(/استُخدمت ٦ من ١٠ جلسات/)).toBeTruthy();
    expect(screen.getByText('٢٠ جمادى الآخرة ١٤٤٨ هـ')).toBeTruthy();
    expect(localStorage.getItem('clinic.digits')).toBe('arab');
  });
});

/** The signed-in header around two pages, the viewer already read (as after the first visit). */
function renderShell(locale: Locale) {
  const client = createTestClient();
  client.writeQuery({
    query: AppShellQueryDocument,
    data: {
      viewer: { __typename: 'User', id: 'user-1', name: 'Amal', email: null, role: 'ADMIN', permissions: [], provider: null },
    },
  });
  render(
    <LocaleProvider initialLocale={locale}>
      <ApolloProvider client={client}>
        <MemoryRouter initialEntries={['/patients']}>
          <Routes>
            <Route element={<AppShell />}>
              <Route path="/patients" element={<p>the patients page</p>} />
              <Route path="/calendar" element={<p>the calendar page</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </ApolloProvider>
    </LocaleProvider>,
  );
}

describe('the header’s Menu (a disclosure, shown on a phone)', () => {
  it('toggles by click, Enter and Space; Escape closes it and returns the focus; choosing a page closes it', async () => {
    renderShell('en');
    const menu = screen.getByRole('button', { name: 'Menu' });
    const controlled = document.getElementById(menu.getAttribute('aria-controls') ?? '');
    expect(controlled?.contains(screen.getByRole('navigation', { name: 'Main' }))).toBe(true);
    expect(controlled?.contains(screen.getByRole('button', { name: 'Sign out' }))).toBe(true);
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(controlled?.hasAttribute('data-open')).toBe(false);

    await userEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(controlled?.hasAttribute('data-open')).toBe(true);
    await userEvent.keyboard('{Enter}');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await userEvent.keyboard(' ');
    expect(menu.getAttribute('aria-expanded')).toBe('true');

    // Escape from inside the menu: closed, the focus back on the button.
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Calendar');
    await userEvent.keyboard('{Escape}');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menu);
    // Closed, Escape changes nothing.
    await userEvent.keyboard('{Escape}');
    expect(menu.getAttribute('aria-expanded')).toBe('false');

    await userEvent.click(menu);
    await userEvent.click(screen.getByRole('link', { name: 'Calendar' }));
    expect(screen.getByText('the calendar page')).toBeTruthy();
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    // Choosing the page already shown closes it too.
    await userEvent.click(menu);
    await userEvent.click(screen.getByRole('link', { name: 'Calendar' }));
    expect(menu.getAttribute('aria-expanded')).toBe('false');
  });

  it('is labelled in the reader’s language', () => {
    renderShell('ar');
    expect(screen.getByRole('button', { name: 'القائمة' }).getAttribute('aria-controls')).toBe('shell-menu');
  });
});
