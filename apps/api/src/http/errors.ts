import type { ErrorRequestHandler, RequestHandler } from 'express';
import { requestScopeOf } from './request-scope.js';
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, isDatabaseUnavailable, logUnavailableOnce } from './unavailable.js';

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not found' });
};

/**
 * The last word on anything thrown outside GraphQL. Client errors from the body parser (too
 * large, malformed JSON) keep their status; an unreachable database is a 503 the caller may
 * retry; anything else is logged with the request id and answered without internals.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = statusOf(error);
  if (status >= 400 && status < 500) {
    res.status(status).json({ error: clientMessageOf(error) });
    return;
  }
  const { log, requestId } = requestScopeOf(res);
  if (isDatabaseUnavailable(error)) {
    logUnavailableOnce(log, error);
    res
      .status(503)
      .set('retry-after', String(RETRY_AFTER_SECONDS))
      .json({ error: UNAVAILABLE_MESSAGE, code: SERVICE_UNAVAILABLE, requestId });
    return;
  }
  log.error({ err: error }, 'unexpected error');
  res.status(500).json({ error: 'internal error', requestId });
};

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
    if (typeof status === 'number') return status;
    if (typeof statusCode === 'number') return statusCode;
  }
  return 500;
}

function clientMessageOf(error: unknown): string {
  const { expose, message } = error as { expose?: unknown; message?: unknown };
  return expose === true && typeof message === 'string' ? message : 'bad request';
}
