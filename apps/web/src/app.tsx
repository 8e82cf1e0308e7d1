import { ApolloProvider } from '@apollo/client/react';
import { StrictMode, startTransition, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo/apollo-client';
import { LocaleProvider } from './i18n/locale';
import { AppRoutes } from './router';

export function App() {
  const [client] = useState(createApolloClient);
  return (
    <LocaleProvider>
      <ApolloProvider client={client}>
        <AppRoutes />
      </ApolloProvider>
    </LocaleProvider>
  );
}

/**
 * Renders the app into the page's #root. The first render is a transition: React renders in
 * slices, yielding to the browser between them, instead of one long task (a phone's reader can
 * already see the page the server painted, apps/api/src/http/web-app.ts); what is on screen stays
 * until the app is ready.
 */
export function renderApp(container: HTMLElement): void {
  startTransition(() =>
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
