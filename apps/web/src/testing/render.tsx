import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render, type RenderResult } from '@testing-library/react';
import { Suspense, type ReactElement } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { of } from 'rxjs';
import { LocaleProvider, type Locale } from '../i18n/locale';
import { type Viewer } from '../layout/viewer';

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

/** What a scripted server is asked: the operation's name and variables. */
export interface AskedOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

/**
 * A client whose "server" is the test's script: each operation is answered with the `data` the
 * script returns for it (null when it returns nothing). The script may record what was sent.
 */
export function createScriptedClient(answer: (operation: AskedOperation) => unknown): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new ApolloLink((operation) => of({ data: (answer({ operationName: operation.operationName ?? '', variables: operation.variables }) ?? null) as Record<string, unknown> | null })),
  });
}

/** Screens at their paths, inside the shell's outlet as `viewer` sees it, opened at `address`. */
export function renderRoutes(
  address: string,
  routes: ReadonlyArray<readonly [path: string, element: ReactElement]>,
  { client, viewer, locale = 'en' as Locale }: { client: ApolloClient; viewer: Viewer; locale?: Locale },
): RenderResult {
  return render(
    <LocaleProvider initialLocale={locale}>
      <ApolloProvider client={client}>
        <MemoryRouter initialEntries={[address]}>
          <Suspense fallback={null}>
            <Routes>
              <Route element={<Outlet context={viewer} />}>
                {routes.map(([path, element]) => (
                  <Route key={path} path={path} element={element} />
                ))}
              </Route>
            </Routes>
          </Suspense>
        </MemoryRouter>
      </ApolloProvider>
    </LocaleProvider>,
  );
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
