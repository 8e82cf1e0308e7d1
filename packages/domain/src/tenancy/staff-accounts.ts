import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { transactionExecutor } from '../outbox/relay.js';
import { Provider } from '../providers/provider.entity.js';
import { hashPassword, passwordProblem } from './password.js';
import { PasswordReset } from './password-reset.entity.js';
import type { PasswordResetEmailing } from './password-reset-email.js';
import { ROLES, type Role } from './role.js';
import { User } from './user.entity.js';
import { UserSession } from './user-session.entity.js';

/** How long a password-reset link works: long enough to reach someone over a weekend. */
export const PASSWORD_RESET_TTL_HOURS = 72;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A password-reset link's secret, shown to the ADMIN once; the link is /reset-password/<token>. */
export interface IssuedPasswordReset {
  token: string;
  expiresAt: Date;
  /** The address the link is e-mailed to (queued with it, sent once by a worker); null: not e-mailed. */
  emailedTo: string | null;
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  /** Required for a CLINICIAN (the provider whose schedule is theirs); refused for other roles. */
  providerId?: string | null | undefined;
  /** Optional: without one, the account gets a one-time password-reset link instead. */
  password?: string | null | undefined;
}

export interface CreatedUser {
  user: User;
  /** Set when no password was given. */
  passwordReset: IssuedPasswordReset | null;
}

/** The tenant's staff accounts, active first, then by name (ADMIN). */
export function listUsers(context: UseCaseContext): Promise<Result<User[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'manageStaff');
    const users = await em.find(User, { tenant: actor.tenantId }, { orderBy: { name: 'asc', id: 'asc' } });
    return [...users].sort((a, b) => Number(Boolean(a.deactivatedAt)) - Number(Boolean(b.deactivatedAt)));
  });
}

function roleOf(value: string): Role {
  return (ROLES as readonly string[]).includes(value) ? (value as Role) : refuse('VALIDATION', `A role is one of ${ROLES.join(', ')}.`, ['input', 'role']);
}

/** A CLINICIAN is one provider of the tenant, not yet another active account's; other roles are none. */
async function providerFor(em: EntityManager, actor: Actor, role: Role, providerId: string | null | undefined, userId: string | null): Promise<Provider | null> {
  if (role !== 'CLINICIAN') {
    if (providerId) refuse('VALIDATION', 'Only a clinician is linked to a provider.', ['input', 'providerId'], { reason: 'PROVIDER_ONLY_FOR_CLINICIAN' });
    return null;
  }
  if (!providerId) return refuse('VALIDATION', 'A clinician is linked to the provider whose schedule is theirs.', ['input', 'providerId'], { reason: 'PROVIDER_REQUIRED' });
  const provider = await findInTenant(em, Provider, providerId, actor.tenantId, ['input', 'providerId']);
  const other = await em.count(User, { tenant: actor.tenantId, provider: provider.id, deactivatedAt: null, ...(userId ? { id: { $ne: userId } } : {}) });
  if (other) refuse('CONFLICT', 'Another active account is already this provider.', ['input', 'providerId'], { reason: 'PROVIDER_HAS_ACCOUNT' });
  return provider;
}

/**
 * Spends the user's open links and makes a new one. With `emailing`, the link's e-mail is
 * recorded PENDING (with the secret, until a worker claims it) and its job is queued through
 * this transaction once flushed (`queueEmail`): a rolled-back issue leaves neither.
 */
async function issueReset(
  em: EntityManager,
  actor: Actor,
  user: User,
  now: Date,
  emailing: PasswordResetEmailing | undefined,
): Promise<IssuedPasswordReset & { queueEmail: () => Promise<void> }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_HOURS * 3600_000);
  await em.nativeUpdate(PasswordReset, { user: user.id, tenant: actor.tenantId, spentAt: null }, { spentAt: now });
  const emailedTo = emailing ? user.email : null;
  const reset = em.create(PasswordReset, {
    tenant: actor.tenantId,
    user,
    tokenHash: digest(token),
    expiresAt,
    spentAt: null,
    createdAt: now,
    ...(emailedTo ? { emailStatus: 'PENDING' as const, emailTo: emailedTo, emailToken: token } : {}),
  });
  em.persist(reset);
  const queueEmail = async () => {
    if (emailing) await emailing.enqueue(reset.id, transactionExecutor(em));
  };
  return { token, expiresAt, emailedTo, queueEmail };
}

/**
 * An ADMIN creates a staff account: e-mail (unique, lower case), name, role; a CLINICIAN is
 * linked to one provider. With a password (the password rule applies) the person can sign in at
 * once; without one, the answer carries a one-time password-reset link. Audited.
 */
export function createUser(context: UseCaseContext, input: CreateUserInput, emailing?: PasswordResetEmailing): Promise<Result<CreatedUser>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageStaff');
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    if (!EMAIL.test(email) || email.length > 254) refuse('VALIDATION', 'This is not an email address.', ['input', 'email'], { reason: 'NOT_AN_EMAIL' });
    if (!name || name.length > 200) refuse('VALIDATION', 'Give the name, in at most 200 characters.', ['input', 'name']);
    const role = roleOf(input.role);
    const provider = await providerFor(em, actor, role, input.providerId, null);
    const password = input.password ?? '';
    if (password) {
      const problem = passwordProblem(password, [email, name]);
      if (problem) refuse('VALIDATION', problem, ['input', 'password'], { reason: 'WEAK_PASSWORD' });
    }
    // Sign-in starts from the email alone, so it is unique across tenants; the answer says no more.
    if (await em.count(User, { email })) refuse('CONFLICT', 'An account with this email already exists.', ['input', 'email'], { reason: 'EMAIL_TAKEN' });
    const user = em.create(User, {
      tenant: actor.tenantId,
      email,
      name,
      role,
      provider,
      // Without a password the account has none that anybody knows: a random one, never shown.
      passwordHash: await hashPassword(password || randomBytes(32).toString('base64url')),
      deactivatedAt: null,
      createdAt: now,
    });
    const issued = password ? null : await issueReset(em, actor, user, now, emailing);
    recordAudit(em, actor, now, [
      {
        operation: 'createUser',
        entityType: 'User',
        entityId: user.id,
        after: { email, name, role, providerId: provider?.id ?? null, passwordResetIssued: Boolean(issued), passwordResetEmailed: Boolean(issued?.emailedTo) },
      },
    ]);
    await em.flush();
    await issued?.queueEmail();
    return { user, passwordReset: issued && { token: issued.token, expiresAt: issued.expiresAt, emailedTo: issued.emailedTo } };
  });
}

/**
 * An ADMIN changes a staff account's role (a CLINICIAN's provider with it). It applies to the
 * person's next request: the role is read at every request. Not one's own (no ADMIN locks the
 * tenant out of its settings by mistake). Audited.
 */
export function changeUserRole(context: UseCaseContext, input: { userId: string; role: string; providerId?: string | null | undefined }): Promise<Result<User>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageStaff');
    const user = await findInTenant(em, User, input.userId, actor.tenantId, ['input', 'userId']);
    if (user.id === actor.userId) refuse('CONFLICT', 'You cannot change your own role.', ['input', 'userId'], { reason: 'OWN_ACCOUNT' });
    if (user.deactivatedAt) refuse('CONFLICT', 'This account is deactivated.', ['input', 'userId'], { reason: 'USER_DEACTIVATED' });
    const role = roleOf(input.role);
    const provider = await providerFor(em, actor, role, input.providerId, user.id);
    const before = { role: user.role, providerId: user.provider?.id ?? null };
    const after = { role, providerId: provider?.id ?? null };
    if (before.role === after.role && before.providerId === after.providerId) return user;
    user.role = role;
    user.provider = provider;
    recordAudit(em, actor, now, [{ operation: 'changeUserRole', entityType: 'User', entityId: user.id, before, after }]);
    await em.flush();
    return user;
  });
}

/**
 * An ADMIN issues a one-time password-reset link for an active staff account: the secret is in
 * the answer (the ADMIN sees it once) and, with `emailing`, in an e-mail to the account's
 * address queued in the same transaction; only its hash is kept once that e-mail is claimed.
 * Earlier open links stop. Audited.
 */
export function issuePasswordReset(
  context: UseCaseContext,
  input: { userId: string },
  emailing?: PasswordResetEmailing,
): Promise<Result<IssuedPasswordReset & { user: User }>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageStaff');
    const user = await findInTenant(em, User, input.userId, actor.tenantId, ['input', 'userId']);
    if (user.deactivatedAt) refuse('CONFLICT', 'This account is deactivated.', ['input', 'userId'], { reason: 'USER_DEACTIVATED' });
    const issued = await issueReset(em, actor, user, now, emailing);
    recordAudit(em, actor, now, [
      { operation: 'issuePasswordReset', entityType: 'User', entityId: user.id, after: { expiresAt: issued.expiresAt.toISOString(), emailed: Boolean(issued.emailedTo) } },
    ]);
    await em.flush();
    await issued.queueEmail();
    return { token: issued.token, expiresAt: issued.expiresAt, emailedTo: issued.emailedTo, user };
  });
}

const INVALID_LINK = () =>
  refuse('VALIDATION', 'This link is not valid any more: it was used, it expired, or the account is deactivated.', ['input', 'token'], { reason: 'PASSWORD_RESET_INVALID' });

/**
 * Anyone holding a live link sets the account's password (the password rule applies). The link
 * is spent, every session of the account ends. Audited as the account's own act. No actor: the
 * person is not signed in.
 */
export function resetPassword(context: { em: EntityManager; now: Date }, input: { token: string; newPassword: string }): Promise<Result<User>> {
  const { now } = context;
  const actorless = { ...context, actor: { userId: null, tenantId: '', role: 'ADMIN' as const } };
  return inTransaction(actorless, async (em) => {
    const token = input.token.trim();
    if (!token || token.length > 100) return INVALID_LINK();
    const reset = await em.findOne(
      PasswordReset,
      { tokenHash: digest(token), spentAt: null, expiresAt: { $gt: now }, user: { deactivatedAt: null } },
      { populate: ['user', 'user.passwordHash'] },
    );
    if (!reset) return INVALID_LINK();
    const user = reset.user;
    const problem = passwordProblem(input.newPassword, [user.email, user.name]);
    if (problem) refuse('VALIDATION', problem, ['input', 'newPassword'], { reason: 'WEAK_PASSWORD' });
    user.passwordHash = await hashPassword(input.newPassword);
    // Spent only if still open: two uses racing, one wins.
    const spent = await em.nativeUpdate(PasswordReset, { id: reset.id, spentAt: null }, { spentAt: now });
    if (spent !== 1) return INVALID_LINK();
    const sessionsEnded = await em.nativeUpdate(UserSession, { user: user.id, tenant: user.tenant.id, endedAt: null }, { endedAt: now, endReason: 'PASSWORD_CHANGED' });
    const self: Actor = { userId: user.id, tenantId: user.tenant.id, role: user.role };
    recordAudit(em, self, now, [{ operation: 'resetPassword', entityType: 'User', entityId: user.id, after: { sessionsEnded } }]);
    await em.flush();
    return user;
  });
}

