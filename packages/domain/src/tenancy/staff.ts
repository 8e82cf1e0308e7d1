import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { ApiToken } from './api-token.entity.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { UserSession } from './user-session.entity.js';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * A signed-in user changes their own password: the current one must be right and the new one
 * must pass the password rule. Every other session of the user ends; the one that asked goes on.
 */
export function changePassword(context: UseCaseContext & { sessionId: string | null }, input: ChangePasswordInput): Promise<Result<{ sessionsEnded: number }>> {
  const { actor, now, sessionId } = context;
  return inTransaction(context, async (em) => {
    if (actor.credential !== 'SESSION' || !actor.userId || !sessionId) {
      return refuse('FORBIDDEN', 'Only a signed-in person may change their password, not an API token.');
    }
    const user = await em.findOneOrFail(User, { id: actor.userId, tenant: actor.tenantId }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user.passwordHash, input.currentPassword.slice(0, 1024)))) {
      refuse('VALIDATION', 'The current password is wrong.', ['input', 'currentPassword'], { reason: 'WRONG_PASSWORD' });
    }
    // The domain's password rule; the account's own words may not make it up.
    const problem = passwordProblem(input.newPassword, [user.email, user.name]);
    if (problem) refuse('VALIDATION', problem, ['input', 'newPassword'], { reason: 'WEAK_PASSWORD' });
    user.passwordHash = await hashPassword(input.newPassword);
    const sessionsEnded = await em.nativeUpdate(
      UserSession,
      { user: user.id, tenant: actor.tenantId, endedAt: null, id: { $ne: sessionId } },
      { endedAt: now, endReason: 'PASSWORD_CHANGED' },
    );
    recordAudit(em, actor, now, [{ operation: 'changePassword', entityType: 'User', entityId: user.id, after: { otherSessionsEnded: sessionsEnded } }]);
    await em.flush();
    return { sessionsEnded };
  });
}

/**
 * An ADMIN deactivates a staff account of their tenant: it can no longer sign in, and its
 * sessions and API tokens stop at once (ended, revoked). Its history stays. Audited.
 */
export function deactivateUser(context: UseCaseContext, input: { userId: string }): Promise<Result<User>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageStaff');
    const user = await findInTenant(em, User, input.userId, actor.tenantId, ['input', 'userId']);
    if (user.id === actor.userId) refuse('CONFLICT', 'You cannot deactivate your own account.', ['input', 'userId']);
    if (user.deactivatedAt) return user;
    user.deactivatedAt = now;
    const sessionsEnded = await em.nativeUpdate(
      UserSession,
      { user: user.id, tenant: actor.tenantId, endedAt: null },
      { endedAt: now, endReason: 'DEACTIVATED' },
    );
    const apiTokensRevoked = await em.nativeUpdate(ApiToken, { user: user.id, tenant: actor.tenantId, revokedAt: null }, { revokedAt: now });
    recordAudit(em, actor, now, [
      { operation: 'deactivateUser', entityType: 'User', entityId: user.id, before: { active: true }, after: { active: false, sessionsEnded, apiTokensRevoked } },
    ]);
    await em.flush();
    return user;
  });
}
