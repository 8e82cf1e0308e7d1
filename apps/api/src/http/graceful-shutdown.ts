import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Readiness } from './health.js';

/**
 * Stops an HTTP server without cutting anything it has received (SIGTERM):
 * 1. at once, `/readyz` answers 503 (load balancers stop sending) and every response carries
 *    `Connection: close`, so keep-alive clients move to a new connection elsewhere;
 * 2. for `drainMs` it serves as usual (new connections are still accepted, for the clients that
 *    have not yet heard);
 * 3. it stops accepting connections, closes the idle ones, and waits until every request it
 *    received has been answered and every connection has closed after its last response.
 * Only then may the caller stop Apollo and close the database pool. A deadline for the whole
 * thing is the caller's (main.ts, SHUTDOWN_TIMEOUT_MS).
 */
export interface GracefulShutdown extends Readiness {
  drain(drainMs: number): Promise<void>;
  /** Requests received and not yet answered. */
  inFlight(): number;
}

/** While waiting, connections whose last response has gone out are closed this often. */
const IDLE_SWEEP_MS = 50;

export function gracefulShutdown(httpServer: Server): GracefulShutdown {
  let shuttingDown = false;
  const unanswered = new Set<ServerResponse>();
  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  // Ahead of the app's own listener: every request is counted from its first moment.
  httpServer.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    unanswered.add(res);
    if (shuttingDown) closeAfterResponse(res);
    res.once('close', () => unanswered.delete(res));
  });

  let draining: Promise<void> | undefined;
  return {
    isShuttingDown: () => shuttingDown,
    inFlight: () => unanswered.size,
    drain(drainMs) {
      draining ??= (async () => {
        shuttingDown = true;
        for (const res of unanswered) closeAfterResponse(res);
        if (drainMs > 0) await delay(drainMs);
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // A connection whose response was already under way when we began is idle once it ends.
        // Once every received request is answered, what is left holds no request (a client that
        // connected and sent nothing whole): it goes too, or it could hold the process up.
        const closeWhatHoldsNoRequest = () => {
          if (unanswered.size === 0) httpServer.closeAllConnections();
          else httpServer.closeIdleConnections();
        };
        const sweep = setInterval(closeWhatHoldsNoRequest, IDLE_SWEEP_MS);
        closeWhatHoldsNoRequest();
        try {
          await closed;
        } finally {
          clearInterval(sweep);
        }
      })();
      return draining;
    },
  };
}
