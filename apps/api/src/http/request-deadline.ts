import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';

/** The deadline of the request being served, seen from anywhere in its asynchronous work. */
const deadlines = new AsyncLocalStorage<AbortSignal>();

const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
/** SQLSTATE query_canceled: PostgreSQL's statement_timeout (or a cancel request) stopped a statement. */
const QUERY_CANCELED = '57014';

/**
 * Answers 503 SERVICE_UNAVAILABLE when a request is still unanswered after `timeoutMs`, and
 * abandons its work: no resolver starts after that (see `abandonAfterDeadline`), and whatever
 * the request would still write is dropped. Mounted right before Apollo, after the body is read.
 */
export function requestDeadline(timeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
      if (!res.headersSent) {
        res.status(503).json({
          errors: [
            {
              message: `The request took longer than ${timeoutMs} ms and was abandoned; try again, or ask for less at once.`,
              extensions: { code: SERVICE_UNAVAILABLE, reason: 'timeout' },
            },
          ],
        });
      }
      dropLaterWrites(res);
    }, timeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    deadlines.run(controller.signal, next);
  };
}

/** After the 503, the late answer of the abandoned work goes nowhere instead of failing. */
function dropLaterWrites(res: Response): void {
  const ignore = function (this: Response) {
    return this;
  };
  Object.assign(res, { setHeader: ignore, writeHead: ignore, status: ignore, set: ignore, send: ignore, json: ignore, end: ignore, write: () => true });
}

/** True once the request being served has passed its deadline. */
export function pastDeadline(): boolean {
  return deadlines.getStore()?.aborted === true;
}

/**
 * No resolver starts once the request's deadline has passed; and a statement PostgreSQL
 * cancelled (statement_timeout) answers 503 SERVICE_UNAVAILABLE, not a fault.
 */
export function abandonAfterDeadline(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let databaseTimedOut = false;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (pastDeadline()) {
                throw new GraphQLError('The request passed its deadline; its work was abandoned.', { extensions: { code: SERVICE_UNAVAILABLE } });
              }
            },
          };
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if ((error.originalError as { code?: unknown } | undefined)?.code !== QUERY_CANCELED) continue;
            databaseTimedOut = true;
            // The driver's message quotes the SQL: replaced before anything formats it.
            error.message = 'The database took too long to answer and the statement was cancelled; try again, or ask for less at once.';
            Object.assign(error.extensions, { code: SERVICE_UNAVAILABLE, reason: 'statement timeout' });
          }
        },
        async willSendResponse({ response }) {
          if (databaseTimedOut) response.http.status = 503;
        },
      };
    },
  };
}
