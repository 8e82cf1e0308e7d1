import { expirePurchases, lapseExpiredOffers, purgeExpiredIdempotencyKeys, type Database } from '@clinic/domain';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import { startBoss } from './queue.js';
import { startOutboxRelay, WEBHOOK_QUEUE, WEBHOOK_RETRY, type OutboxRelay } from './outbox-relay.js';
import { workDeliveries } from './webhook-sender.js';

/** The jobs of this process, by queue name. */
export const QUEUES = {
  expirePurchases: 'expire-purchases',
  purgeIdempotencyKeys: 'purge-idempotency-keys',
  lapseWaitlistOffers: 'lapse-waitlist-offers',
} as const;

export interface JobsOptions {
  readonly url: string;
  readonly orm: Database['orm'];
  readonly logger: Logger;
  readonly now: () => Date;
  readonly pollingIntervalSeconds?: number;
  /** Tests shorten the back-off of webhook retries. */
  readonly webhookRetry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
}

export interface Jobs {
  readonly boss: PgBoss;
  readonly relay: OutboxRelay;
  /** Stops taking work, lets running jobs finish (up to `timeoutMs`), closes the queue's pool. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the queue and this process's workers, and makes sure the schedules exist. Schedules
 * live in the database: every process declares the same ones, and pg-boss creates each
 * scheduled job once per slot, which one worker of one process runs.
 */
export async function startJobs({ url, orm, logger, now, pollingIntervalSeconds, webhookRetry = WEBHOOK_RETRY }: JobsOptions): Promise<Jobs> {
  const log = logger.child({ component: 'jobs' });
  const boss = await startBoss({ url, logger: log, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) });
  try {
    await declareQueues(orm, async () => {
      for (const name of Object.values(QUEUES)) await boss.createQueue(name);
      await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, ...WEBHOOK_RETRY });
      // Hourly, as before.
      await boss.schedule(QUEUES.expirePurchases, '5 * * * *');
      await boss.schedule(QUEUES.purgeIdempotencyKeys, '35 * * * *');
      // Waitlist offers past their hold lapse and pass their slot on (also done before the waitlist is read).
      await boss.schedule(QUEUES.lapseWaitlistOffers, '* * * * *');
    });

    await boss.work(QUEUES.expirePurchases, async () => {
      const expired = await expirePurchases(orm.em, now());
      if (expired === null) log.debug('expiry sweep skipped: another process is running it');
      else if (expired > 0) log.info({ expired }, 'purchases past their expiry date marked EXPIRED');
      return { expired };
    });
    await boss.work(QUEUES.lapseWaitlistOffers, async () => {
      const lapsed = await lapseExpiredOffers(orm.em, now());
      if (lapsed > 0) log.info({ lapsed }, 'waitlist offers lapsed and passed on');
      return { lapsed };
    });
    await boss.work(QUEUES.purgeIdempotencyKeys, async () => {
      const purged = await purgeExpiredIdempotencyKeys(orm.em, now());
      if (purged > 0) log.info({ purged }, 'expired idempotency keys deleted');
      return { purged };
    });

    await workDeliveries(boss, orm, now, log, pollingIntervalSeconds ?? 2);
    // The sweep is also asked for once at start-up (one job per minute slot however many
    // processes start together), so an installation that was stopped catches up at once.
    await boss.send(QUEUES.expirePurchases, {}, { singletonKey: 'start-up', singletonSeconds: 60 });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }

  // Committed outbox events become delivery jobs (see outbox-relay.ts).
  const relay = startOutboxRelay({ orm, boss, logger: log, now, intervalMs: (pollingIntervalSeconds ?? 2) * 1000, retry: webhookRetry });
  return {
    boss,
    relay,
    async stop(timeoutMs = 10_000) {
      await relay.stop();
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

/** Taken while queues and schedules are declared: see declareQueues. */
export const QUEUE_DECLARATION_LOCK = 'clinic-job-queues';

/**
 * pg-boss creates a queue's partition with DDL, and two processes creating the same queues at
 * the same moment deadlock each other. The declarations run one process at a time, under a
 * transaction-level advisory lock held by a transaction of the application's pool (pg-boss's
 * own connections do the work; the lock ends with the transaction, or with a dead process).
 */
async function declareQueues(orm: Database['orm'], declare: () => Promise<void>): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [QUEUE_DECLARATION_LOCK]);
    await declare();
  });
}
