import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// Every object has a global id, so the cache normalises by `id` alone and a mutation answer
// updates every screen that shows the same purchase or appointment.
// The session is the HttpOnly, SameSite=Strict cookie `login` sets: the browser sends it with
// every same-origin request, and no script here can read it.
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
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
