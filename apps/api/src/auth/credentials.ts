import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { looksLikeApiToken, viewerOfApiToken, viewerOfSession, type EntityManager, type Viewer } from '@clinic/domain';
import { createHash } from 'node:crypto';
import type { CallerCache } from './caller-cache.js';
import { clearSessionCookie, sessionCookieOf } from './session-cookie.js';
import type { Sessions } from './sessions.js';

const BEARER = /^Bearer\s+([\w.~+/=-]{1,2048})$/i;

/**
 * Who sends this request, in one statement at most (none when the caller cache knows it): the session behind a token from `login` (header
 * `Authorization: Bearer`, or the browser's session cookie), or an API token (`cpk_...`).
 *
 * A presented header that does not prove anyone (malformed, foreign-signed, expired, ended,
 * revoked) answers 401 UNAUTHENTICATED: the caller must know its credential is dead. A dead
 * cookie is only cleared: the browser then acts as signed out and can sign in again.
 */
export async function viewerOfRequest(
  req: Request,
  res: Response,
  em: EntityManager,
  sessions: Sessions,
  now: Date,
  callers?: CallerCache,
): Promise<Viewer | null> {
  const header = req.get('authorization');
  if (header !== undefined) {
    const token = BEARER.exec(header.trim())?.[1];
    const viewer = token ? await viewerOfToken(token, em, sessions, now, callers) : null;
    if (!viewer) throw unauthenticated();
    return viewer;
  }
  const cookie = sessionCookieOf(req);
  if (cookie === undefined) return null;
  const viewer = looksLikeApiToken(cookie) ? null : await viewerOfToken(cookie, em, sessions, now, callers);
  if (!viewer) clearSessionCookie(req, res);
  return viewer;
}

/**
 * A session token is verified here (signature, expiry: the token's expiry is the session's); whether
 * the session and its user still count comes from the caller cache when it listens, else from the
 * database. An API token is looked up by the SHA-256 of its secret the same way.
 */
async function viewerOfToken(token: string, em: EntityManager, sessions: Sessions, now: Date, callers?: CallerCache): Promise<Viewer | null> {
  if (looksLikeApiToken(token)) {
    if (!callers || token.length > 100) return viewerOfApiToken(em, token);
    return callers.apiToken(createHash('sha256').update(token).digest('hex'), () => viewerOfApiToken(em, token));
  }
  const claims = await sessions.verify(token);
  if (!claims) return null;
  return callers ? callers.session(claims, () => viewerOfSession(em, claims, now)) : viewerOfSession(em, claims, now);
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('The credentials are not valid: expired, ended, revoked or malformed. Sign in again.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
