import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { readAuthToken } from '../auth/auth-token';

// Every object has a global id, so the cache normalises by `id` alone and a mutation answer
// updates every screen that shows the same purchase or appointment.
export function createApolloClient(): ApolloClient {
  const authLink = new ApolloLink((operation, forward) => {
    const token = readAuthToken();
    if (token) {
      operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, authorization: `Bearer ${token}` },
      }));
    }
    return forward(operation);
  });

  return new ApolloClient({
    link: ApolloLink.from([authLink, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      possibleTypes: { Node: ['Appointment', 'Clinic', 'Invoice', 'Package', 'PackagePurchase', 'Patient', 'Provider', 'Service', 'User'] },
      typePolicies: {
        // Progress has no id of its own: it belongs to its purchase.
        PackageProgress: { keyFields: ['packagePurchase', ['id']] },
      },
    }),
    dataMasking: true,
  });
}
