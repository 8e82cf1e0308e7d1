import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render, type RenderResult } from '@testing-library/react';
import { type ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { LocaleProvider, type Locale } from '../i18n/locale';

/** A client whose cache the test fills; any network request fails the test loudly. */
export function createTestClient(): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache({ typePolicies: { PackageProgress: { keyFields: ['packagePurchase', ['id']] } } }),
    link: new ApolloLink(() => {
      throw new Error('a component test must not reach the network');
    }),
    dataMasking: true,
  });
}

export function renderWithProviders(
  ui: ReactElement,
  { client = createTestClient(), locale = 'en' as Locale } = {},
): RenderResult & { client: ApolloClient } {
  return {
    client,
    ...render(
      <LocaleProvider initialLocale={locale}>
        <ApolloProvider client={client}>
          <MemoryRouter>{ui}</MemoryRouter>
        </ApolloProvider>
      </LocaleProvider>,
    ),
  };
}
