import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';

/** pg-boss keeps its tables in this schema of the application's own database. */
export const JOB_SCHEMA = 'pgboss';

export interface JobQueueOptions {
  /** The application's PostgreSQL: the queue needs no other server. */
  readonly url: string;
  readonly logger: Logger;
  /** How often an idle worker asks for work (pg-boss's minimum is 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** Connections of the queue's own pool. */
  readonly poolMax?: number;
}

/**
 * pg-boss on the application's database. Every API process starts one: its workers share the
 * work (a job is fetched by one of them, FOR UPDATE SKIP LOCKED), and a scheduled job is created
 * once per slot whatever the number of processes (pg-boss's cron monitor and singleton slots).
 */
export async function startBoss({ url, logger, pollingIntervalSeconds = 2, poolMax = 4 }: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_SCHEMA,
    max: poolMax,
    application_name: 'clinic-jobs',
    pollingIntervalSeconds,
    // Jobs finished more than a week ago are deleted by pg-boss's maintenance.
    deleteAfterDays: 7,
  });
  // Without a listener an 'error' event would end the process; pg-boss retries on its own.
  boss.on('error', (error) => logger.warn({ err: error, component: 'jobs' }, 'job queue error; it retries'));
  await boss.start();
  return boss;
}
