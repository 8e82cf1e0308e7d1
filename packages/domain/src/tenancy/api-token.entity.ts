import { Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { User } from './user.entity.js';

/**
 * A long-lived token an ADMIN creates for an integration. It acts as the user it belongs to.
 * Only a SHA-256 of the secret is stored; the secret is shown once, when created.
 */
@Entity()
@Unique({ properties: ['tenant', 'id'] })
export class ApiToken extends TenantOwned {
  @ManyToOne(() => User)
  user!: Rel<User>;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
