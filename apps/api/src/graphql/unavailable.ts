import type { ApolloServerPlugin, BaseContext, ContextFunction } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import { requestScopeOf } from '../http/request-scope.js';
import {
  RETRY_AFTER_SECONDS,
  SERVICE_UNAVAILABLE,
  UNAVAILABLE_MESSAGE,
  judgeOutage,
  logUnavailableOnce,
} from '../http/unavailable.js';
import type { GraphqlContext } from './context.js';

/** The GraphQL error for an unreachable database: HTTP 503 with Retry-After. */
export function unavailableError(cause?: unknown): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: SERVICE_UNAVAILABLE,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/**
 * Building the context reads the database (who is the caller?). Apollo answers a failure there
 * without running any plugin, so it is handled here: an unreachable database becomes a 503 to
 * retry, anything else a logged fault, both logged once with the request id.
 */
export function guardContext<C extends BaseContext>(
  build: ContextFunction<[ExpressContextFunctionArgument], C>,
  isReachable?: () => Promise<boolean>,
): ContextFunction<[ExpressContextFunctionArgument], C> {
  return async (argument) => {
    try {
      return await build(argument);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      const { log } = requestScopeOf(argument.res);
      if (typeof error === 'object' && error !== null && (await judgeOutage([error], isReachable))) {
        logUnavailableOnce(log, error);
        throw unavailableError(error);
      }
      log.error({ err: error }, 'unexpected error while building the request context');
      throw new GraphQLError('context failed', { extensions: { code: 'INTERNAL_SERVER_ERROR' }, originalError: error as Error });
    }
  };
}

/**
 * An answer holding a SERVICE_UNAVAILABLE error (a resolver or use case met an unreachable
 * database, see `isOutage` and formatError, or the request passed its deadline) is HTTP 503
 * with Retry-After. The fault logger (logUnexpectedErrors) has logged it once.
 */
export function serviceUnavailable(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (!errors?.some((error) => error.extensions?.['code'] === SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
