import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InstallationQueryDocument } from '../graphql/generated';
import { createTestClient, renderWithProviders } from '../testing/render';
import { SignInRoute } from './sign-in.route';

afterEach(cleanup);

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

  it('lists no account and no password on a real installation', async () => {
    renderSignIn(false);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Demo accounts' })).toBeNull();
    expect(screen.queryByText(/alnoor\.test/)).toBeNull();
    expect(screen.queryByText(/demo-pass-2026/)).toBeNull();
  });
});
