import { isDatabaseUnavailable } from '@clinic/domain';
import type { Logger } from '../logger.js';

/** Told to a caller when the database cannot be reached: a restart or failover takes seconds. */
export const RETRY_AFTER_SECONDS = 5;
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const UNAVAILABLE_MESSAGE = `The service cannot reach its database right now. Try again in ${RETRY_AFTER_SECONDS} seconds (a mutation with the same Idempotency-Key, so that it happens once).`;

export { isDatabaseUnavailable };

/** Each request's logger, once it has logged its outage: one line per request, however many fields failed. */
const logged = new WeakSet<Logger>();

/**
 * Logs that this request met an unreachable database, once per request (the logger of a
 * request is its own child logger, carrying the request id). No stack: the cause's code and
 * message say all there is, and an outage would otherwise fill the log with them.
 */
export function logUnavailableOnce(log: Logger, error: unknown): void {
  if (logged.has(log)) return;
  logged.add(log);
  log.warn({ cause: causeOf(error) }, 'database unavailable; answered 503');
}

/** The innermost code and message of an error wrapped by GraphQL, MikroORM or knex. */
function causeOf(error: unknown): { code?: string; message?: string } {
  let current = error as { code?: unknown; message?: unknown; originalError?: unknown; cause?: unknown; previous?: unknown } | undefined;
  let found: { code?: string; message?: string } = {};
  const seen = new Set<unknown>();
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    found = {
      ...(typeof current.code === 'string' ? { code: current.code } : found.code ? { code: found.code } : {}),
      ...(typeof current.message === 'string' ? { message: current.message.split('\n')[0] } : found.message ? { message: found.message } : {}),
    };
    current = (current.originalError ?? current.previous ?? current.cause) as typeof current;
  }
  return found;
}

/** Errors judged an outage by a probe (see `judgeOutage`), though the driver's words were new to us. */
const judgedUnavailable = new WeakSet<object>();

/** The classifier's verdict, or the probe's for an error it did not recognise. */
export function isOutage(error: unknown): boolean {
  return isDatabaseUnavailable(error) || (typeof error === 'object' && error !== null && judgedUnavailable.has(error));
}

/** How long the probe waits for `select 1`: a database frozen past this counts as unavailable. */
const PROBE_TIMEOUT_MS = 1_000;

/**
 * For faults the classifier does not recognise: when the database does not answer a trivial
 * query right now, they are the outage's doing (a driver's message we have not met, a
 * transaction that died with its connection) and are marked as such. Costs one `select 1`, and
 * only on the rare request that met an unexpected error.
 */
export async function judgeOutage(errors: readonly object[], isReachable: (() => Promise<boolean>) | undefined): Promise<boolean> {
  if (errors.length === 0) return false;
  if (errors.some((error) => isOutage(error))) return true;
  if (!isReachable || (await reachableWithin(isReachable, PROBE_TIMEOUT_MS))) return false;
  for (const error of errors) judgedUnavailable.add(error);
  return true;
}

async function reachableWithin(isReachable: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([isReachable().catch(() => false), timeout]).finally(() => clearTimeout(timer));
}
