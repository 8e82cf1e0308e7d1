import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Response } from 'express';
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
/** SQLSTATE query_canceled: PostgreSQL's statement_timeout (or a cancel request) stopped a statement. */
const QUERY_CANCELED = '57014';
const DEADLINE = 'deadline';

/**
 * Answers 503 SERVICE_UNAVAILABLE when a request is still unanswered after `timeoutMs`, and
 * abandons its work: no resolver starts after that (see `stopResolversAfterDeadline`), and
 * whatever the request would still write is dropped. Mounted right before Apollo, after the body
 * is read; the request's signal is `deadlineOf(res)`, handed to resolvers in their context.
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
    res.locals[DEADLINE] = controller.signal;
    next();
  };
}

/** The signal of the request's deadline (aborted once it has passed); undefined before `requestDeadline` ran. */
export function deadlineOf(res: Response): AbortSignal | undefined {
  const signal: unknown = res.locals[DEADLINE];
  return signal instanceof AbortSignal ? signal : undefined;
}

/** After the 503, the late answer of the abandoned work goes nowhere instead of failing. */
function dropLaterWrites(res: Response): void {
  const ignore = function (this: Response) {
    return this;
  };
  Object.assign(res, { setHeader: ignore, writeHead: ignore, status: ignore, set: ignore, send: ignore, json: ignore, end: ignore, write: () => true });
}

/**
 * No resolver starts once the request's deadline has passed: every field of the schema's object
 * types checks the signal its context carries (`deadline`) before its own resolver runs. One
 * property read per field, set up once; Apollo's per-field plugin hook (`willResolveField`) would
 * make Apollo wrap and call into every field of every request instead.
 */
export function stopResolversAfterDeadline(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, { deadline?: AbortSignal } | undefined> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        if (context?.deadline?.aborted) {
          throw new GraphQLError('The request passed its deadline; its work was abandoned.', { extensions: { code: SERVICE_UNAVAILABLE } });
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/** A statement PostgreSQL cancelled (statement_timeout) answers 503 SERVICE_UNAVAILABLE, not a fault. */
export function abandonAfterDeadline(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let databaseTimedOut = false;
      return {
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
