import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { Observable } from 'rxjs';

// Every object has a global id, so the cache normalises by `id` alone and a mutation answer
// updates every screen that shows the same purchase or appointment.
// The session is the HttpOnly, SameSite=Strict cookie `login` sets: the browser sends it with
// every same-origin request, and no script here can read it.
export function createApolloClient(): ApolloClient {
  startNow();
  const client = started ?? makeClient();
  started = undefined;
  return client;
}

let started: ApolloClient | undefined;
let preloading: ((client: ApolloClient) => void) | undefined;

/**
 * Makes the app's client before the app renders and lets `preload` ask for the first page's data
 * with it: the next `createApolloClient()` (the app's) returns this client, requests on their way
 * and answers in its cache. Both happen in a task of their own, after the code that calls this has
 * been evaluated (a phone's CPU runs Apollo Client's code slowly the first time), or at once if
 * the app asks for its client before.
 */
export function startApolloClient(preload: (client: ApolloClient) => void): void {
  preloading = preload;
  setTimeout(startNow, 0);
}

function startNow(): void {
  const preload = preloading;
  if (!preload) return;
  preloading = undefined;
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
      oneAnswerPerTask.concat(new BatchHttpLink({ uri: '/graphql', credentials: 'same-origin', batchInterval: 0, batchMax: 5 })),
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

/**
 * Hands each answer of a batch to the cache in a task of its own, in order: a batch's answers
 * arrive together, and writing each to the cache (and reading it back for its screen) is, on a
 * phone's CPU and the first time, a long task; one task per answer lets the page respond between them.
 */
export const oneAnswerPerTask = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      const timers = new Set<ReturnType<typeof setTimeout>>();
      const later = (deliver: () => void) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          deliver();
        }, 0);
        timers.add(timer);
      };
      const subscription = forward(operation).subscribe({
        next: (answer) => later(() => observer.next(answer)),
        error: (error: unknown) => later(() => observer.error(error)),
        complete: () => later(() => observer.complete()),
      });
      return () => {
        subscription.unsubscribe();
        timers.forEach(clearTimeout);
      };
    }),
);
