import { prepareDelivery, recordAttempt, type Database } from '@clinic/domain';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import { WEBHOOK_QUEUE } from './outbox-relay.js';

/** An integrator's endpoint must answer within this; slower counts as a failed attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface DeliveryJob {
  deliveryId: string;
}

/**
 * Sends one delivery: POST of the signed JSON, the attempt logged (status, response code,
 * duration). A failure throws, so pg-boss retries the job with back-off; the last retry's
 * failure leaves the delivery FAILED (replayable from the log).
 */
export async function sendDelivery(orm: Database['orm'], job: PgBoss.JobWithMetadata<DeliveryJob>, now: () => Date, logger: Logger): Promise<void> {
  const { deliveryId } = job.data;
  const prepared = await prepareDelivery(orm.em, deliveryId, now());
  if (!prepared) return; // delivered already, or its endpoint is no longer active
  const attemptedAt = now();
  const started = performance.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(prepared.url, {
      method: 'POST',
      headers: prepared.headers,
      body: prepared.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    responseCode = response.status;
    // The answer's body is not kept; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
  } catch (failure) {
    error = failure instanceof Error ? (failure.name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS} ms` : (failure.cause as Error | undefined)?.message ?? failure.message) : String(failure);
  }
  const ok = responseCode !== null && responseCode >= 200 && responseCode < 300;
  const lastAttempt = job.retryCount >= job.retryLimit;
  await recordAttempt(orm.em, deliveryId, { attemptedAt, ok, responseCode, durationMs: performance.now() - started, error }, lastAttempt);
  if (!ok) {
    logger.info({ deliveryId, responseCode, error, retry: job.retryCount, lastAttempt }, 'webhook delivery failed');
    throw new Error(`webhook delivery ${deliveryId} failed: ${responseCode ?? error}`);
  }
}

/** This process's workers of the delivery queue. */
export async function workDeliveries(boss: PgBoss, orm: Database['orm'], now: () => Date, logger: Logger, pollingIntervalSeconds: number): Promise<void> {
  await boss.work<DeliveryJob>(WEBHOOK_QUEUE, { includeMetadata: true, batchSize: 5, pollingIntervalSeconds }, async (jobs) => {
    // A batch is sent in parallel; one failed job must not fail the others (each is reported alone).
    const outcomes = await Promise.allSettled(jobs.map((job) => sendDelivery(orm, job, now, logger)));
    await Promise.all(
      outcomes.map((outcome, i) => {
        const job = jobs[i] as PgBoss.JobWithMetadata<DeliveryJob>;
        return outcome.status === 'fulfilled'
          ? boss.complete(WEBHOOK_QUEUE, job.id)
          : boss.fail(WEBHOOK_QUEUE, job.id, { message: String((outcome.reason as Error).message) });
      }),
    );
  });
}
