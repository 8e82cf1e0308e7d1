import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { InstallationQueryDocument } from '../graphql/generated';
import { LocaleProvider, provideLocale, type Locale } from '../i18n/locale';
import { en } from '../i18n/messages';
import { ar } from '../i18n/messages-ar';
import { SignInRoute } from './sign-in.route';

/**
 * The sign-in page as static HTML, in one language, with or without the demo accounts: the
 * build writes it (vite.config.ts, `pagePreloads`) and the server sends it inside #root, so a
 * phone paints the page before any script has arrived. The app then renders the same page over it.
 */
export function prerender(locale: Locale, demo: boolean): string {
  provideLocale('en', en);
  provideLocale('ar', ar);
  const client = new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() });
  client.writeQuery({ query: InstallationQueryDocument, data: { installation: { __typename: 'Installation', demo } } });
  const html = renderToStaticMarkup(
    <LocaleProvider initialLocale={locale}>
      <ApolloProvider client={client}>
        <MemoryRouter initialEntries={['/sign-in']}>
          <SignInRoute />
        </MemoryRouter>
      </ApolloProvider>
    </LocaleProvider>,
  );
  // Until the app runs, no button of the painted page does anything: each says so (disabled),
  // and a form with its submit button disabled is not sent by Enter either (no password ever
  // leaves in a URL). The fields take typing; the app keeps what was typed.
  return html.replace(/<button /g, '<button disabled="" ');
}
