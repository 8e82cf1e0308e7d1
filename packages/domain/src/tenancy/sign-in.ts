import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { recordAudit } from '../audit/audit-log.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { ApiToken } from './api-token.entity.js';
import { UserSession } from './user-session.entity.js';

export interface Viewer {
  user: User;
  actor: Actor;
  /** The session a signed-in person acts through; null for an API token. */
  sessionId: string | null;
  /** The API token an integration acts through; null for a session. */
  apiTokenId: string | null;
}

function viewerOf(user: User, via: { sessionId: string } | { apiTokenId: string }): Viewer {
  const sessionId = 'sessionId' in via ? via.sessionId : null;
  return {
    user,
    actor: {
      userId: user.id,
      tenantId: user.tenant.id,
      role: user.role,
      providerId: user.provider?.id ?? null,
      credential: sessionId ? 'SESSION' : 'API_TOKEN',
    },
    sessionId,
    apiTokenId: 'apiTokenId' in via ? via.apiTokenId : null,
  };
}

// Verified against when the email is unknown, so both refusals take the same time.
let decoyHash: Promise<string> | undefined;

/**
 * The user with this email and password, or null. An unknown email, a wrong password and a
 * deactivated account look alike and take the same time: a password is verified in every case.
 */
export async function signIn(em: EntityManager, email: string, password: string): Promise<User | null> {
  const user =
    email.length <= 320 ? await em.fork().findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash', 'provider'] }) : null;
  if (!user) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(await decoyHash, password.slice(0, 1024));
    return null;
  }
  const verified = await verifyPassword(user.passwordHash, password.slice(0, 1024));
  return verified && !user.deactivatedAt ? user : null;
}

/** Opens a session for a user who just proved who they are; its id goes into the signed token. */
export async function startSession(em: EntityManager, user: User, options: { now: Date; ttlSeconds: number }): Promise<UserSession> {
  const session = em.fork().create(UserSession, {
    tenant: user.tenant.id,
    user: user.id,
    createdAt: options.now,
    expiresAt: new Date(options.now.getTime() + options.ttlSeconds * 1000),
    endedAt: null,
    endReason: null,
  });
  await em.fork().persistAndFlush(session);
  return session;
}

/**
 * The viewer of a live session: not ended, not expired, its user still active. One statement
 * (the session joined with its user and the user's provider); null for anything else.
 */
export async function viewerOfSession(
  em: EntityManager,
  claims: { sessionId: string; userId: string; tenantId: string },
  now: Date,
): Promise<Viewer | null> {
  if (!isUuid(claims.sessionId) || !isUuid(claims.userId) || !isUuid(claims.tenantId)) return null;
  const session = await em.findOne(
    UserSession,
    {
      id: claims.sessionId,
      tenant: claims.tenantId,
      user: { id: claims.userId, deactivatedAt: null },
      endedAt: null,
      expiresAt: { $gt: now },
    },
    { populate: ['user.provider'] },
  );
  return session ? viewerOf(session.user, { sessionId: session.id }) : null;
}

/** Signs out: the caller's own session ends now. Safe to repeat. */
export function endSession(context: UseCaseContext, sessionId: string): Promise<Result<{ ended: boolean }>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    if (actor.credential !== 'SESSION' || !actor.userId) {
      refuse('FORBIDDEN', 'An API token has no session to end: revoke the token instead.');
    }
    const ended = await em.nativeUpdate(
      UserSession,
      { id: sessionId, tenant: actor.tenantId, user: actor.userId as string, endedAt: null },
      { endedAt: now, endReason: 'LOGOUT' },
    );
    return { ended: ended > 0 };
  });
}

const API_TOKEN_PREFIX = 'cpk_';
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function looksLikeApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

/** The viewer an unrevoked API token of an active user acts as, or null. One statement. */
export async function viewerOfApiToken(em: EntityManager, secret: string): Promise<Viewer | null> {
  if (!looksLikeApiToken(secret) || secret.length > 100) return null;
  const token = await em.findOne(
    ApiToken,
    { tokenHash: digest(secret), revokedAt: null, user: { deactivatedAt: null } },
    { populate: ['user.provider'] },
  );
  return token ? viewerOf(token.user, { apiTokenId: token.id }) : null;
}

export interface CreatedApiToken {
  token: ApiToken;
  /** Shown once; only its hash is kept. */
  secret: string;
}

/** A token may not make or unmake tokens: else one leaked token would outlive its own revocation. */
function refuseApiTokenCredential(actor: Actor): void {
  if (actor.credential === 'API_TOKEN') {
    refuse('FORBIDDEN', 'An API token may not create or revoke API tokens: sign in as the user.');
  }
}

/** An ADMIN, signed in (not through a token), creates a token that acts as themselves. Audited. */
export function createApiToken(context: UseCaseContext, input: { name: string }): Promise<Result<CreatedApiToken>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageApiTokens');
    refuseApiTokenCredential(actor);
    const name = input.name.trim();
    if (!name || name.length > 100) refuse('VALIDATION', 'Name the token, in at most 100 characters.', ['input', 'name']);
    if (!actor.userId) refuse('FORBIDDEN', 'Only a signed-in user may create a token.');
    const secret = `${API_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const token = em.create(ApiToken, {
      tenant: actor.tenantId,
      user: actor.userId as string,
      name,
      tokenHash: digest(secret),
      revokedAt: null,
      createdAt: now,
    });
    recordAudit(em, actor, now, [{ operation: 'createApiToken', entityType: 'ApiToken', entityId: token.id, after: { name, revokedAt: null } }]);
    await em.flush();
    return { token, secret };
  });
}

/** Stops a token at once (the next request with it is refused). Audited; revoking twice is a no-op. */
export function revokeApiToken(context: UseCaseContext, input: { tokenId: string }): Promise<Result<ApiToken>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageApiTokens');
    refuseApiTokenCredential(actor);
    const token = await findInTenant(em, ApiToken, input.tokenId, actor.tenantId, ['input', 'tokenId']);
    if (!token.revokedAt) {
      token.revokedAt = now;
      recordAudit(em, actor, now, [
        { operation: 'revokeApiToken', entityType: 'ApiToken', entityId: token.id, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } },
      ]);
    }
    await em.flush();
    return token;
  });
}

export function listApiTokens(context: UseCaseContext): Promise<Result<ApiToken[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'manageApiTokens');
    return em.find(ApiToken, { tenant: actor.tenantId }, { orderBy: { createdAt: 'desc' } });
  });
}
