import { relayOutbox, type Database, type EnqueueDeliveries } from '@clinic/domain';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';

/** The queue of webhook deliveries: one job per delivery, retried with back-off. */
export const WEBHOOK_QUEUE = 'webhook-delivery';

/**
 * Retries of a delivery: pg-boss's exponential back-off from `retryDelay` seconds
 * (5 s, 10 s, 20 s, ... about 85 minutes in all over 10 retries).
 */
export const WEBHOOK_RETRY = { retryLimit: 10, retryDelay: 5, retryBackoff: true } as const;

/**
 * Enqueues delivery jobs through the caller's transaction (pg-boss's `db` option): the jobs
 * exist exactly when the deliveries and the event's publication commit. A job's id is its
 * delivery's id.
 */
export function enqueueThrough(boss: PgBoss, retry: { retryLimit: number; retryDelay: number; retryBackoff: boolean } = WEBHOOK_RETRY): EnqueueDeliveries {
  return async (deliveryIds, transaction) => {
    await boss.insert(
      deliveryIds.map((deliveryId) => ({ id: deliveryId, name: WEBHOOK_QUEUE, data: { deliveryId }, ...retry })),
      { db: transaction },
    );
  };
}

export interface OutboxRelay {
  /** Publishes what is waiting now (also what the timer does). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Every process runs a relay every `intervalMs`; their runs never publish an event twice (each
 * takes its events FOR UPDATE SKIP LOCKED, in the transaction that marks them published). A
 * run that finds a full batch goes again at once.
 */
export function startOutboxRelay({ orm, boss, logger, now, intervalMs, retry = WEBHOOK_RETRY }: {
  orm: Database['orm'];
  boss: PgBoss;
  logger: Logger;
  now: () => Date;
  intervalMs: number;
  retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
}): OutboxRelay {
  const enqueue = enqueueThrough(boss, retry);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const runOnce = (): Promise<number> => {
    running ??= (async () => {
      let published = 0;
      try {
        for (;;) {
          const outcome = await relayOutbox(orm.em, now(), enqueue);
          published += outcome.events;
          if (outcome.events > 0) logger.debug({ events: outcome.events, deliveries: outcome.deliveries }, 'outbox events published');
          if (outcome.events === 0 || stopped) break;
        }
      } catch (error) {
        logger.warn({ err: error }, 'could not publish outbox events; will try again');
      } finally {
        running = undefined;
      }
      return published;
    })();
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
