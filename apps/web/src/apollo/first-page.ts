import { type ApolloClient } from '@apollo/client';
import { preloadCalendar } from '../calendar/calendar-preload';
import { AppShellQueryDocument } from '../graphql/generated';

/** The calendar screen's chunk (router.tsx loads the same when the screen renders). */
export const loadCalendar = () => import('../calendar/calendar.route');

/**
 * What the page the app opens on needs, asked for while the app's code is still loading (before
 * its first render) rather than one request after another as the screens render: the viewer the
 * shell shows, and for the calendar its chunk, its clinics and then its week. The screens read
 * the answers from the cache or join the requests on their way; a failure is theirs to show.
 * This module is in the first chunk the page runs (main.tsx), beside Apollo Client and before
 * React and the screens.
 */
export function preloadFirstPage(client: ApolloClient, location: { pathname: string; search: string }): void {
  if (/^\/(sign-in|reset-password)(\/|$)/.test(location.pathname)) return;
  const { search } = location;
  // Each query is asked for in a task of its own, after the app's code has been evaluated: the
  // first queries run much of Apollo Client's code for the first time, which on a phone's CPU is
  // a long task; shorter ones keep the page responsive. Both still travel as one HTTP request
  // with the calendar's clinics (the batch is sent in a later task): a second connection and a
  // second round trip cost a phone more than the few fields.
  setTimeout(() => void client.query({ query: AppShellQueryDocument, context: { batch: true } }).catch(() => undefined), 0);
  // The calendar's chunk is evaluated once the browser's date data is ready (in the task after
  // the batch is sent): its date library asks for it as it loads.
  if (/^\/calendar\/?$/.test(location.pathname)) setTimeout(() => preloadCalendar(client, search, () => datesPrepared().then(loadCalendar)), 0);
}

/**
 * The browser's first date format prepares its date and time-zone data: on a phone a long task
 * of its own (a tenth of a second or more), whoever asks first, and every screen shows dates.
 * Asked for on its own (here, in main.tsx), it is not added to the task that evaluates a screen's
 * code or draws it.
 */
export function prepareDates(): void {
  void new Intl.DateTimeFormat().format(0);
}

/** The date data prepared in a task of its own (the next one). */
const datesPrepared = () =>
  new Promise<void>((resolve) =>
    setTimeout(() => {
      prepareDates();
      resolve();
    }, 0),
  );
