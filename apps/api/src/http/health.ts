import { Router } from 'express';
import type { Database } from '@clinic/domain';

/** A database that answers a trivial query within this time counts as reachable. */
const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  /** True from the moment the process was told to stop: load balancers must send no more. */
  isShuttingDown(): boolean;
}

/**
 * `/healthz`: the process is up (restart it if not). `/readyz`: it can serve, which means the
 * database answers and it is not shutting down (send it no traffic if not).
 */
export function healthRoutes(database: Pick<Database, 'isReachable'>, readiness?: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (readiness?.isShuttingDown()) {
      res.set('cache-control', 'no-store').status(503).json({ status: 'shutting down' });
      return;
    }
    const reachable = await withTimeout(database.isReachable(), READINESS_TIMEOUT_MS, false);
    res
      .set('cache-control', 'no-store')
      .status(reachable ? 200 : 503)
      .json({ status: reachable ? 'ready' : 'unavailable' });
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
