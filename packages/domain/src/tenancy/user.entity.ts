import { Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/postgresql';
import { TenantOwned } from '../kernel/tenant-owned.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { ROLES, type Role } from './role.js';

/** Someone who signs in. A CLINICIAN user is linked to the provider whose schedule is theirs. */
@Entity({ tableName: 'app_user' })
@Unique({ properties: ['tenant', 'id'] })
export class User extends TenantOwned {
  /** Stored lower-case; unique across tenants because sign-in starts from the email alone. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => ROLES })
  role!: Role;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @ManyToOne(() => Provider, { nullable: true })
  provider?: Rel<Provider> | null;

  /** Set when an ADMIN deactivates the account: it cannot sign in, its sessions and tokens stop. */
  @Property({ type: 'timestamptz', nullable: true })
  deactivatedAt?: Date | null;
}
