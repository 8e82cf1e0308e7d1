import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Result } from '../kernel/domain-error.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { KeyClaimedMeanwhile, type IdempotencyScope } from './claim.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** How long a key is remembered: a client retries within minutes, a day is generous. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** What a key may be: 1 to 200 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The caller's Idempotency-Key and the operation and input it was sent with. */
export interface IdempotencyRequest {
  key: string;
  operation: string;
  /** The use case's input: a retry with the same key must send the same one. */
  input: unknown;
}

/** How an answer is kept (ids and small values, as JSON) and given again from them. */
export interface Replay<T> {
  remember(value: T): unknown;
  recall(em: EntityManager, tenantId: string, remembered: unknown): Promise<T>;
}

export type Idempotent<T> =
  /** Ran now (no key, a new key, or a key whose first call was refused and changed nothing). */
  | { kind: 'ran'; result: Result<T> }
  /** The key's first call succeeded: the same answer, nothing done again. */
  | { kind: 'replayed'; result: Result<T> }
  /** The key was used for a different input: nothing done. */
  | { kind: 'keyReused' };

/** A concurrent twin can commit between our look and our claim; after it, the look finds it. */
const ATTEMPTS = 3;

/**
 * Runs a creating use case at most once per key. The key and the answer are written in the use
 * case's own transaction (see `inTransaction`), so either the change and its key commit
 * together or neither does: a crash between the two cannot make a retry create twice. A
 * concurrent request with the same key waits on the key's row until the first commits, then
 * answers what the first stored. Only a success is remembered: a refusal changed nothing, so
 * a retry after it runs again.
 */
export async function idempotently<T>(
  context: UseCaseContext,
  request: IdempotencyRequest | undefined,
  replay: Replay<T>,
  run: (context: UseCaseContext) => Promise<Result<T>>,
): Promise<Idempotent<T>> {
  if (!request) return { kind: 'ran', result: await run(context) };
  const { actor, now } = context;
  if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) {
    return { kind: 'ran', result: { ok: false, error: { code: 'VALIDATION', message: 'An Idempotency-Key has 1 to 200 visible ASCII characters.' } } };
  }
  if (!actor.userId) throw new Error('an Idempotency-Key needs a signed-in user');
  const scope: IdempotencyScope = { tenantId: actor.tenantId, userId: actor.userId, operation: request.operation, key: request.key };
  const requestHash = hashOf(request.operation, request.input);
  for (let attempt = 1; ; attempt += 1) {
    const em = context.em.fork();
    const found = await em.findOne(IdempotencyKey, {
      tenant: scope.tenantId,
      user: scope.userId,
      operation: scope.operation,
      key: scope.key,
      expiresAt: { $gt: now },
    });
    if (found) {
      if (found.requestHash !== requestHash) return { kind: 'keyReused' };
      return { kind: 'replayed', result: { ok: true, value: await replay.recall(em, scope.tenantId, found.result) } };
    }
    try {
      const claim = {
        scope,
        requestHash,
        now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
        remember: (value: unknown) => replay.remember(value as T),
      };
      return { kind: 'ran', result: await run({ ...context, idempotency: claim }) };
    } catch (error) {
      if (error instanceof KeyClaimedMeanwhile && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Deletes the keys that expired; returns how many. */
export async function purgeExpiredIdempotencyKeys(em: EntityManager, now: Date): Promise<number> {
  return em.fork().nativeDelete(IdempotencyKey, { expiresAt: { $lte: now } });
}

/** SHA-256 of the operation and its input, with object keys in a fixed order. */
export function hashOf(operation: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, canonical(input)])).digest('hex');
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        // Absent and null mean the same in every input: a retry may send either.
        .filter((key) => (value as Record<string, unknown>)[key] != null)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
