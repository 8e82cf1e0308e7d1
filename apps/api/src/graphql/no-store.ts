import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer carries `cache-control: no-store` (its data is the caller's own). Apollo's
 * cache-control plugin used to set it; that plugin also hooks every resolved field to add up
 * `@cacheControl` hints, which this API never gives, so it is disabled and the header set here,
 * once per answer.
 */
export function noStoreAnswers(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
