import { type ApolloClient } from '@apollo/client';
import { CalendarSetupQueryDocument } from '../graphql/generated';

/** What the calendar's lazy chunk exports for its preloading. */
export interface CalendarChunk {
  preloadCalendarWeek(client: ApolloClient, setup: NonNullable<Awaited<ReturnType<typeof querySetup>>['data']>, params: URLSearchParams): void;
}

// Batched with the viewer's query when both are asked in the same moment (router.tsx).
const querySetup = (client: ApolloClient) => client.query({ query: CalendarSetupQueryDocument, context: { batch: true } });

/**
 * The app opened on /calendar: its chunk and its clinics are asked for at once, beside the shell's
 * own query, and the week as soon as the clinics are known (before the screen renders). The screen
 * reads the same queries from the cache or joins the requests still on their way; the server
 * still decides everything. A failure here is left to the screen, which asks again and says why.
 */
export function preloadCalendar(client: ApolloClient, search: string, loadChunk: () => Promise<CalendarChunk>): void {
  void Promise.all([loadChunk(), querySetup(client)])
    .then(([chunk, setup]) => {
      // In a task of its own: the clinics' answer has just been written to the cache in this one.
      const data = setup.data;
      if (data) setTimeout(() => chunk.preloadCalendarWeek(client, data, new URLSearchParams(search)), 0);
    })
    .catch(() => undefined);
}
