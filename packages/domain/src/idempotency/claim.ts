import type { EntityManager } from '@mikro-orm/postgresql';

/** Which retries count as the same request: one user of one tenant, one operation, one key. */
export interface IdempotencyScope {
  tenantId: string;
  userId: string;
  operation: string;
  key: string;
}

/**
 * Carried by a use case's context when the caller sent an `Idempotency-Key`: `inTransaction`
 * claims the key at the start of the transaction and stores the answer at its end, so the key
 * is kept exactly when the change commits.
 */
export interface IdempotencyClaim {
  scope: IdempotencyScope;
  requestHash: string;
  now: Date;
  expiresAt: Date;
  /** The answer, as JSON that `recall` turns back into it. */
  remember(value: unknown): unknown;
}

/** Another request with the same key committed while this one waited: answer as it did. */
export class KeyClaimedMeanwhile extends Error {
  constructor() {
    super('A concurrent request with this Idempotency-Key committed first.');
    this.name = 'KeyClaimedMeanwhile';
  }
}

/**
 * Inserts the key's row inside the use case's transaction. A concurrent request holding the
 * same key has inserted it too: PostgreSQL makes this insert wait until that transaction ends.
 * If it committed, nothing is inserted and this request gives up its transaction (and then
 * answers what the other one stored); if it rolled back, this one goes on.
 */
export async function claimKey(em: EntityManager, claim: IdempotencyClaim): Promise<void> {
  const { tenantId, userId, operation, key } = claim.scope;
  // An expired key may be used again: its old row goes first.
  await em.execute(
    'delete from idempotency_key where tenant_id = ? and user_id = ? and operation = ? and key = ? and expires_at <= ?',
    [tenantId, userId, operation, key, claim.now],
  );
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into idempotency_key (id, tenant_id, user_id, operation, key, request_hash, expires_at, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id, user_id, operation, key) do nothing
     returning id`,
    [tenantId, userId, operation, key, claim.requestHash, claim.expiresAt, claim.now],
  );
  if (inserted.length === 0) throw new KeyClaimedMeanwhile();
}

/** Stores the answer in the row `claimKey` inserted, in the same transaction. */
export async function storeAnswer(em: EntityManager, claim: IdempotencyClaim, value: unknown): Promise<void> {
  const { tenantId, userId, operation, key } = claim.scope;
  await em.execute(
    'update idempotency_key set result = ? where tenant_id = ? and user_id = ? and operation = ? and key = ?',
    [JSON.stringify(claim.remember(value)), tenantId, userId, operation, key],
  );
}
