import { ApolloProvider } from '@apollo/client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { InstallationQueryDocument } from '../graphql/generated';
import { LocaleProvider } from '../i18n/locale';
import { createTestClient, renderWithProviders } from '../testing/render';
import { prerender } from './sign-in.prerender';
import { SignInRoute } from './sign-in.route';

afterEach(() => {
  cleanup();
  document.getElementById('root')?.remove();
});

function renderSignIn(demo: boolean) {
  const client = createTestClient();
  client.writeQuery({ query: InstallationQueryDocument, data: { installation: { __typename: 'Installation', demo } } });
  renderWithProviders(<SignInRoute />, { client });
}

describe('the sign-in page', () => {
  it('lists the demo accounts on a demo installation', async () => {
    renderSignIn(true);
    expect(await screen.findByRole('heading', { name: 'Demo accounts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use reception@alnoor.test' })).toBeTruthy();
    expect(screen.getByText(/demo-pass-2026/)).toBeTruthy();
  });

  it('is prerendered in each language, with the accounts only for a demo installation, every button disabled until the app runs', () => {
    const arabic = prerender('ar', true);
    expect(arabic).toContain('<h1 id="sign-in-heading" tabindex="-1">تسجيل الدخول</h1>');
    expect(arabic).toContain('reception@alnoor.test');
    expect(arabic.match(/<button /g)?.length).toBe(1 + 2 + 2 + 6); // submit, languages, digits, accounts
    expect(arabic.match(/<button disabled="" /g)?.length).toBe(11);
    const english = prerender('en', false);
    expect(english).toContain('>Sign in</h1>');
    expect(english).not.toMatch(/Demo accounts|alnoor\.test|demo-pass-2026/);
  });

  it('rendered over the page the server painted, keeps what was typed there, the focus, and its accounts without asking again', async () => {
    const painted = document.createElement('div');
    painted.id = 'root';
    painted.innerHTML = prerender('en', true);
    document.body.append(painted);
    painted.querySelector<HTMLInputElement>('#email')!.value = 'typed@alnoor.test';
    painted.querySelector<HTMLInputElement>('#password')!.focus();
    // No answer from any server here: the painted accounts are shown as they are.
    const client = createTestClient();
    // As main.tsx does: the app renders into the #root the server painted, and replaces its page.
    render(
      <LocaleProvider initialLocale="en">
        <ApolloProvider client={client}>
          <MemoryRouter>
            <SignInRoute />
          </MemoryRouter>
        </ApolloProvider>
      </LocaleProvider>,
      { container: painted },
    );
    const app = within(painted);
    expect(painted.querySelectorAll('#email')).toHaveLength(1);
    expect((app.getByLabelText('Email') as HTMLInputElement).value).toBe('typed@alnoor.test');
    expect(app.getByRole('button', { name: 'Use reception@alnoor.test' })).toBeTruthy();
    expect(app.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(false);
    await expect.poll(() => document.activeElement).toBe(app.getByLabelText('Password'));
  });

  it('lists no account and no password on a real installation', async () => {
    renderSignIn(false);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Demo accounts' })).toBeNull();
    expect(screen.queryByText(/alnoor\.test/)).toBeNull();
    expect(screen.queryByText(/demo-pass-2026/)).toBeNull();
  });
});
