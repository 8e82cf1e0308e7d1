import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '@clinic/domain';
import type { Logger } from '../logger.js';
import type { GraphqlContext } from './context.js';
import { SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, isOutage, judgeOutage, logUnavailableOnce } from '../http/unavailable.js';

/** The domain's refusals, and what Apollo and our limits answer for bad requests. */
const EXPECTED_CODES = new Set<string>([
  ...ERROR_CODES,
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  // The Idempotency-Key header: malformed or on a batch (400), or sent again with another input (422).
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  // A request past its deadline, or a statement PostgreSQL cancelled (http/request-deadline.ts).
  'SERVICE_UNAVAILABLE',
]);

function isExpected(code: unknown): boolean {
  return typeof code === 'string' && EXPECTED_CODES.has(code);
}

function codeOf(error: GraphQLError): unknown {
  return error.extensions?.['code'] ?? (error.originalError as GraphQLError | undefined)?.extensions?.['code'];
}

/**
 * Expected errors go out as they are. Anything else is a fault, answered without internals (no
 * message, no stack); `logUnexpectedErrors` has logged it with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  // The database is unreachable: a 503 to retry (see unavailable.ts), never the driver's words.
  if (isOutage(error) || isOutage((error as GraphQLError | undefined)?.originalError)) {
    return { message: UNAVAILABLE_MESSAGE, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: SERVICE_UNAVAILABLE } };
  }
  if (isExpected(formatted.extensions?.['code'])) return withoutStack(formatted);
  return {
    message: 'Something went wrong on our side; it has been logged. Quote the x-request-id header when you report it.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * Logs each fault with the logger of its request, which carries the request id. Errors of an
 * unreachable database are no fault: logged once per request as an outage (and answered 503).
 * With `isReachable`, an unexpected error met while the database does not answer counts as
 * the outage's too (see `judgeOutage`).
 */
export function logUnexpectedErrors(fallback: Logger, isReachable?: () => Promise<boolean>): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const log = (contextValue as GraphqlContext | undefined)?.log ?? fallback;
          const unexpected = errors.filter((error) => !isExpected(codeOf(error)));
          if (await judgeOutage(unexpected, isReachable)) {
            logUnavailableOnce(log, unexpected.find((error) => isOutage(error)) ?? unexpected[0]);
            return;
          }
          for (const error of unexpected) {
            log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a GraphQL operation');
          }
        },
      };
    },
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
