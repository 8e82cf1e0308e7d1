import type { EntityManager } from '@mikro-orm/postgresql';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isIanaTimeZone } from '../catalogue/manage-clinics.js';
import { reading } from '../kernel/use-case.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { CancellationPolicy, DEFAULT_CANCELLATION_POLICY } from '../appointments/cancellation-policy.entity.js';
import { hashPassword, passwordProblem } from './password.js';
import { Tenant } from './tenant.entity.js';
import { User } from './user.entity.js';

export interface CreateTenantInput {
  slug: string;
  name: string;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
  /** A first clinic, so the admin can add services and providers at once. */
  clinic?: { nameEn: string; nameAr: string; timeZone: string } | undefined;
}

/**
 * A real installation's first step: a tenant, its first ADMIN and the default cancellation
 * policy, in one transaction. Run from the command line (`pnpm tenant:create`), never by the API.
 */
export function createTenant(em: EntityManager, input: CreateTenantInput): Promise<Result<{ tenant: Tenant; admin: User }>> {
  return reading(() =>
    em.fork().transactional(async (tx) => {
      const slug = input.slug.trim().toLowerCase();
      const email = input.adminEmail.trim().toLowerCase();
      if (!/^[a-z0-9][a-z0-9-]{1,40}$/.test(slug)) refuse('VALIDATION', 'The slug has 2 to 41 lower-case letters, digits or dashes.', ['slug']);
      if (!input.name.trim()) refuse('VALIDATION', 'The tenant needs a name.', ['name']);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) refuse('VALIDATION', 'The admin email is not an email address.', ['adminEmail']);
      if (!input.adminName.trim()) refuse('VALIDATION', 'The admin needs a name.', ['adminName']);
      const weakness = passwordProblem(input.adminPassword, [email, input.adminName, slug, input.name]);
      if (weakness) refuse('VALIDATION', weakness, ['adminPassword']);
      if (input.clinic && !isIanaTimeZone(input.clinic.timeZone)) refuse('VALIDATION', 'The time zone is an IANA name such as Asia/Riyadh.', ['clinic', 'timeZone']);
      if (await tx.count(Tenant, { slug })) refuse('CONFLICT', 'A tenant with this slug exists.', ['slug']);
      if (await tx.count(User, { email })) refuse('CONFLICT', 'A user with this email exists.', ['adminEmail']);
      const tenant = tx.create(Tenant, { slug, name: input.name.trim(), createdAt: new Date() });
      const admin = tx.create(User, {
        tenant,
        email,
        name: input.adminName.trim(),
        role: 'ADMIN',
        passwordHash: await hashPassword(input.adminPassword),
        provider: null,
        createdAt: new Date(),
      });
      tx.create(CancellationPolicy, { tenant, ...DEFAULT_CANCELLATION_POLICY, createdAt: new Date() });
      if (input.clinic) tx.create(Clinic, { tenant, ...input.clinic, createdAt: new Date() });
      await tx.flush();
      return { tenant, admin };
    }),
  );
}
