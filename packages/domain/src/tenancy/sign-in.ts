import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, type Actor } from '../shared/actor.js';
import { refuse, type Result } from '../shared/domain-error.js';
import { findInTenant } from '../shared/find.js';
import { inTransaction, reading, type UseCaseContext } from '../shared/use-case.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { ApiToken } from './api-token.entity.js';

export interface Viewer {
  user: User;
  actor: Actor;
}

function viewerOf(user: User): Viewer {
  return {
    user,
    actor: { userId: user.id, tenantId: user.tenant.id, role: user.role, providerId: user.provider?.id ?? null },
  };
}

// Verified against when the email is unknown, so both refusals take the same time.
let decoyHash: Promise<string> | undefined;

/** The user with this email and password, or null; an unknown email and a wrong password look alike. */
export async function signIn(em: EntityManager, email: string, password: string): Promise<Viewer | null> {
  const user =
    email.length <= 320 ? await em.fork().findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash', 'provider'] }) : null;
  if (!user) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(await decoyHash, password.slice(0, 1024));
    return null;
  }
  return (await verifyPassword(user.passwordHash, password.slice(0, 1024))) ? viewerOf(user) : null;
}

/** The viewer behind a signed session's user id, or null when the user no longer exists. */
export async function viewerOfUser(em: EntityManager, userId: string, tenantId: string): Promise<Viewer | null> {
  const user = await em.findOne(User, { id: userId, tenant: tenantId }, { populate: ['provider'] });
  return user ? viewerOf(user) : null;
}

const API_TOKEN_PREFIX = 'cpk_';
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function looksLikeApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

/** The viewer an unrevoked API token acts as, or null. */
export async function viewerOfApiToken(em: EntityManager, secret: string): Promise<Viewer | null> {
  if (!looksLikeApiToken(secret) || secret.length > 100) return null;
  const token = await em.findOne(ApiToken, { tokenHash: digest(secret), revokedAt: null }, { populate: ['user.provider'] });
  return token ? viewerOf(token.user) : null;
}

export interface CreatedApiToken {
  token: ApiToken;
  /** Shown once; only its hash is kept. */
  secret: string;
}

/** An ADMIN creates a token that acts as themselves, for an integration. */
export function createApiToken(context: UseCaseContext, input: { name: string }): Promise<Result<CreatedApiToken>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
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
    await em.flush();
    return { token, secret };
  });
}

export function revokeApiToken(context: UseCaseContext, input: { tokenId: string }): Promise<Result<ApiToken>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const token = await findInTenant(em, ApiToken, input.tokenId, actor.tenantId, ['input', 'tokenId']);
    token.revokedAt ??= now;
    await em.flush();
    return token;
  });
}

export function listApiTokens(context: UseCaseContext): Promise<Result<ApiToken[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'manageProviders');
    return em.find(ApiToken, { tenant: actor.tenantId }, { orderBy: { createdAt: 'desc' } });
  });
}
