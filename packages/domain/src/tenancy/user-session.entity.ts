import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from './user.entity.js';

export const SESSION_END_REASONS = ['LOGOUT', 'PASSWORD_CHANGED', 'DEACTIVATED'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in. Its id is the `sid` claim of the signed token that `login` hands out; the token
 * is honoured only while this row lives: before `expiresAt` and while `endedAt` is null.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
@Index({ properties: ['user'] })
@Check({ name: 'user_session_expires_after_created', expression: 'expires_at > created_at' })
@Check({ name: 'user_session_end_reason_when_ended', expression: '(ended_at is null) = (end_reason is null)' })
export class UserSession extends TenantOwned {
  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Enum({ items: () => SESSION_END_REASONS, nullable: true })
  endReason?: SessionEndReason | null;
}
