import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';

// Every object has a global id, so the cache normalises by `id` alone and a mutation answer
// updates every screen that shows the same purchase or appointment.
// The session is the HttpOnly, SameSite=Strict cookie `login` sets: the browser sends it with
// every same-origin request, and no script here can read it.
export function createApolloClient(): ApolloClient {
  const client = started ?? makeClient();
  started = undefined;
  return client;
}

let started: ApolloClient | undefined;

/**
 * Makes the app's client before the app renders and lets `preload` ask for the first page's data
 * with it: the next `createApolloClient()` (the app's) returns this client, requests on their way
 * and answers in its cache.
 */
export function startApolloClient(preload: (client: ApolloClient) => void): void {
  started = makeClient();
  preload(started);
}

function makeClient(): ApolloClient {
  return new ApolloClient({
    // Queries asked with `context: { batch: true }` in the same moment (the first page's, as the
    // app loads) travel as one HTTP request, a batch the server answers entry by entry; every
    // other operation is a request of its own.
    link: ApolloLink.split(
      (operation) => operation.getContext()['batch'] === true,
      new BatchHttpLink({ uri: '/graphql', credentials: 'same-origin', batchInterval: 0, batchMax: 5 }),
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ),
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
