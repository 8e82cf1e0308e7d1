import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from './logger.js';

/**
 * Every core: `WEB_CONCURRENCY` HTTP workers (node:cluster) sharing the one port; the primary
 * keeps what must run once (the embedded PostgreSQL, migrations, demo data, the jobs) and serves
 * nothing itself. Each worker is the same program started with `WEB_CONCURRENCY=1` and
 * `DATABASE_URL` set to the primary's database, so it runs exactly the single-process path:
 * its own pool (`DATABASE_POOL_MAX` each), its own caller cache, its own graceful shutdown.
 *
 * On SIGTERM or SIGINT the primary passes the signal on, waits until every worker has answered
 * what it received and exited, and only then stops the jobs and the database. A worker that dies
 * after start-up is replaced.
 */

/** WEB_CONCURRENCY's default: the cores this process may use. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** True in a worker started by `startWorkers` (it serves HTTP and runs nothing else). */
export const isClusterWorker = cluster.isWorker;

// A worker whose primary is gone (killed outright) shuts itself down as on SIGTERM, rather than
// live on with its pool open and no one to stop it.
if (cluster.isWorker) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

export interface Workers {
  readonly count: number;
  /** The port they listen on (the one PORT=0 picked). */
  readonly port: number;
  /** Passes `signal` to every worker and resolves once all have exited. */
  stop(signal: 'SIGTERM' | 'SIGINT'): Promise<void>;
}

export async function startWorkers(options: {
  count: number;
  /** What each worker's environment adds: the database URL, the shared signing secret... */
  env: Record<string, string>;
  logger: Logger;
}): Promise<Workers> {
  const { count, logger } = options;
  const env = { ...options.env, WEB_CONCURRENCY: '1', DEMO_DATA: 'false' };
  let stopping = false;
  const live = new Set<Worker>();
  let port = 0;

  const fork = (): Worker => {
    const worker = cluster.fork(env);
    live.add(worker);
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      logger.error({ worker: worker.process.pid, code, signal }, 'an HTTP worker exited; starting another');
      setTimeout(() => {
        if (!stopping) fork();
      }, 1_000).unref();
    });
    return worker;
  };

  // Ready when every worker listens; a worker that exits before it listens fails the start-up.
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = fork();
      return new Promise<void>((resolve, reject) => {
        const failed = (code: number | null) => reject(new Error(`an HTTP worker exited (code ${code}) before it listened`));
        worker.once('exit', failed);
        worker.once('listening', (address) => {
          port = address.port;
          worker.off('exit', failed);
          resolve();
        });
      });
    }),
  ).catch((error: unknown) => {
    stopping = true;
    for (const worker of live) worker.process.kill('SIGTERM');
    throw error;
  });
  logger.info({ workers: count }, `${count} HTTP workers listening`);

  return {
    count,
    port,
    stop(signal) {
      stopping = true;
      const exits = [...live].map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
      for (const worker of live) worker.process.kill(signal);
      return Promise.all(exits).then(() => undefined);
    },
  };
}
