import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from './user.entity.js';

/**
 * A one-time password-reset link an ADMIN issued for a staff account. Only a SHA-256 of its
 * secret is kept; it works once (`spentAt`), until `expiresAt`, and only while the account is
 * active. Issuing a new one spends the ones still open.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['user'] })
@Check({ name: 'password_reset_expires_after_created', expression: 'expires_at > created_at' })
export class PasswordReset extends TenantOwned {
  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the link is used, or replaced by a newer one: it no longer works. */
  @Property({ type: 'timestamptz', nullable: true })
  spentAt?: Date | null;
}
