import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from '../tenancy/user.entity.js';

/**
 * A creating mutation that ran under an `Idempotency-Key`: who sent it, which operation, a hash
 * of its input, and what it answered (the ids it created), written in the transaction of the
 * change itself. A retry with the same key finds it and gets the same answer; it expires
 * after a day.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Unique({ name: 'idempotency_key_scope_unique', properties: ['tenant', 'user', 'operation', 'key'] })
@Index({ name: 'idempotency_key_expires_at_index', properties: ['expiresAt'] })
@Check({ name: 'idempotency_key_key_shape', expression: "key ~ '^[!-~]{1,200}$'" })
@Check({ name: 'idempotency_key_request_hash_shape', expression: "request_hash ~ '^[0-9a-f]{64}$'" })
@Check({ name: 'idempotency_key_expires_after_creation', expression: 'expires_at > created_at' })
export class IdempotencyKey extends TenantOwned {
  @ManyToOne(() => User)
  user!: Rel<User>;

  /** The mutation, e.g. `createPatient`. */
  @Property({ type: 'text' })
  operation!: string;

  /** The caller's header, 1 to 200 visible ASCII characters. */
  @Property({ type: 'text' })
  key!: string;

  /** SHA-256 (hex) of the operation's input: a retry must send the same input. */
  @Property({ type: 'text' })
  requestHash!: string;

  /** What the first call answered, as ids and small values (see replays.ts). */
  @Property({ type: 'jsonb', nullable: true })
  result?: unknown;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
