import { ApolloProvider } from '@apollo/client/react';
import { useState } from 'react';
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
