import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

/** What every part of one request shares: its id and a logger that carries it. */
export interface RequestScope {
  readonly requestId: string;
  readonly log: Logger;
}

const REQUEST_ID_HEADER = 'x-request-id';
// An id from a proxy is kept only when it is short and plain, so it cannot forge log lines.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export function requestScopeOf(res: Response): RequestScope {
  const scope = res.locals['requestScope'] as RequestScope | undefined;
  if (!scope) throw new Error('requestScope middleware has not run for this request');
  return scope;
}

/** Gives each request an id (the caller's `x-request-id` or a new one) and logs its outcome. */
export function requestScope(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.get(REQUEST_ID_HEADER);
    const requestId = offered && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
    // The request's own logger is made when something logs through it; the request line below
    // names the id itself, so an answer that logs nothing else makes none.
    let log: Logger | undefined;
    const scope: RequestScope = {
      requestId,
      get log() {
        log ??= logger.child({ requestId });
        return log;
      },
    };
    res.locals['requestScope'] = scope;
    res.setHeader(REQUEST_ID_HEADER, requestId);

    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { requestId, method: req.method, path: req.originalUrl, status: res.statusCode, durationMs };
      // Orchestrators poll the probes every few seconds; at info they would drown the rest.
      if (PROBE_PATHS.has(req.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
