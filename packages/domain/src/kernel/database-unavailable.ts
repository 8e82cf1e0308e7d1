/**
 * Whether an error means "the database cannot be reached right now" (so the caller should try
 * again later), as opposed to a refusal or a fault: the server refused or dropped the
 * connection, the pool found no connection in time, or PostgreSQL is shutting down, starting
 * up, or out of connections. Looks through wrappers (`originalError`, `cause`, `previous`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    if (looksUnavailable(current as ErrorLike)) return true;
    const { originalError, cause, previous } = current as ErrorLike;
    current = originalError ?? previous ?? cause;
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  originalError?: unknown;
  cause?: unknown;
  previous?: unknown;
}

/** Socket-level failures: nothing answers, or the connection died under us. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/**
 * SQLSTATEs: class 08 (connection exception) is matched by prefix; 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up), 53300 too many connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg, pg-pool and knex say when the connection is gone and there is no code. */
const MESSAGES = [
  /Connection terminated/i,
  /Connection ended unexpectedly/i,
  /Timeout acquiring a connection/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

function looksUnavailable({ code, name, message }: ErrorLike): boolean {
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (name === 'KnexTimeoutError' || name === 'ConnectionException') return true;
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}
