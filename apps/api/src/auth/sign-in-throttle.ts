import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Sign-in throttling, shared by every API process through PostgreSQL (rate-limiter-flexible's
 * RateLimiterPostgres, table `sign_in_throttle` from migration 005).
 *
 * - Per account (the normalised email, hashed; known or not, alike): at most
 *   ACCOUNT_FAILURES wrong passwords per window. Each attempt reserves its point BEFORE the
 *   password is verified (one atomic upsert), so concurrent connections, processes and batches
 *   cannot verify more; a success gives back only its own point, never the others'. The failure
 *   that uses the last point locks the account for a whole window from then on, so no 15-minute
 *   span ever holds more than ACCOUNT_FAILURES verified wrong guesses.
 * - After FREE_FAILURES, each next attempt waits longer (BACKOFF_BASE_SECONDS, doubling).
 * - Per client address: at most ADDRESS_FAILURES wrong passwords per window, whatever the accounts.
 *
 * A refusal says when to try again. The counters use the process clock (Date.now()), as the
 * library does; windows are relative, so only their lengths matter.
 */
export const ACCOUNT_FAILURES = 10;
export const ADDRESS_FAILURES = 100;
export const WINDOW_SECONDS = 15 * 60;
export const FREE_FAILURES = 3;
export const BACKOFF_BASE_SECONDS = 10;
export const THROTTLE_TABLE = 'sign_in_throttle';

export type SignInAttempt =
  | { allowed: true; succeeded(): Promise<void>; failed(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

export interface SignInThrottle {
  /** Reserves one attempt at `email` from `address`, or says how long to wait. */
  attempt(email: string, address: string): Promise<SignInAttempt>;
}

/** The wait after the n-th wrong password in a window (n >= FREE_FAILURES): 10 s, 20 s, 40 s, ... */
export function backoffSeconds(failures: number): number {
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** (failures - FREE_FAILURES), WINDOW_SECONDS);
}

/** `knex`: the ORM's query builder (its pool); the library borrows a connection per statement. */
export function createSignInThrottle(knex: unknown): SignInThrottle {
  const store = { storeClient: knex, storeType: 'knex', tableName: THROTTLE_TABLE, tableCreated: true } as const;
  const accounts = new RateLimiterPostgres({ ...store, keyPrefix: 'account', points: ACCOUNT_FAILURES, duration: WINDOW_SECONDS });
  const backoff = new RateLimiterPostgres({ ...store, keyPrefix: 'backoff', points: 1, duration: WINDOW_SECONDS });
  const addresses = new RateLimiterPostgres({ ...store, keyPrefix: 'address', points: ADDRESS_FAILURES, duration: WINDOW_SECONDS });

  return {
    async attempt(email, address) {
      const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
      // Waiting out a delay or a lock: say the longer of the two, and verify nothing.
      const [waiting, locked] = await Promise.all([backoff.get(account), accounts.get(account)]);
      const holds = [waiting && waiting.consumedPoints > 1 ? waiting : null, locked && locked.consumedPoints > ACCOUNT_FAILURES ? locked : null];
      const longest = holds.reduce<RateLimiterRes | null>((a, b) => (b && (!a || b.msBeforeNext > a.msBeforeNext) ? b : a), null);
      if (longest) return refused(longest);

      const byAddress = await reserve(addresses, address);
      if (byAddress instanceof RateLimiterRes) return refused(byAddress);
      const byAccount = await reserve(accounts, account);
      if (byAccount instanceof RateLimiterRes) {
        await addresses.reward(address, 1);
        return refused(byAccount);
      }

      let settled = false;
      return {
        allowed: true,
        async succeeded() {
          if (settled) return;
          settled = true;
          // Only this attempt's own reservations come back: others' failures stay counted.
          await Promise.all([accounts.reward(account, 1), addresses.reward(address, 1)]);
        },
        async failed() {
          if (settled) return;
          settled = true;
          const failures = byAccount.consumed;
          if (failures >= ACCOUNT_FAILURES) await accounts.block(account, WINDOW_SECONDS);
          else if (failures >= FREE_FAILURES) await backoff.block(account, backoffSeconds(failures));
          if (byAddress.consumed >= ADDRESS_FAILURES) await addresses.block(address, WINDOW_SECONDS);
        },
      };
    },
  };
}

/** One point, atomically: the count it reached, or the library's refusal (over the limit). */
async function reserve(limiter: RateLimiterPostgres, key: string): Promise<{ consumed: number } | RateLimiterRes> {
  try {
    const res = await limiter.consume(key, 1);
    return { consumed: res.consumedPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

function refused(res: RateLimiterRes): SignInAttempt {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}
