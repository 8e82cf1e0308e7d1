import { SignJWT, jwtVerify } from 'jose';
import type { UserSession } from '@clinic/domain';

/** What a valid session token says; the session row behind `sessionId` decides whether it still counts. */
export interface SessionClaims {
  sessionId: string;
  userId: string;
  tenantId: string;
}

/** Signed, expiring session tokens (HS256 JWT) naming their server-side session: what `login` hands out. */
export interface Sessions {
  /** How long a session lasts. */
  readonly ttlSeconds: number;
  issue(session: UserSession): Promise<string>;
  /** The claims of a token signed with our key, unexpired, with `exp` and `sid`; null for anything else. */
  verify(token: string): Promise<SessionClaims | null>;
}

const ISSUER = 'clinic-packages';

export function createSessions(secret: Uint8Array, options: { ttlSeconds: number; now: () => Date }): Sessions {
  return {
    ttlSeconds: options.ttlSeconds,
    async issue(session) {
      return new SignJWT({ tid: session.tenant.id, sid: session.id })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(session.user.id)
        .setIssuer(ISSUER)
        .setIssuedAt(Math.floor(session.createdAt.getTime() / 1000))
        .setExpirationTime(Math.floor(session.expiresAt.getTime() / 1000))
        .sign(secret);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: options.now(),
          // A token without an expiry or a session would be valid for ever and could not be ended.
          requiredClaims: ['exp', 'sub', 'sid', 'tid'],
        });
        const { sub, sid, tid } = payload as { sub?: unknown; sid?: unknown; tid?: unknown };
        return typeof sub === 'string' && typeof sid === 'string' && typeof tid === 'string'
          ? { sessionId: sid, userId: sub, tenantId: tid }
          : null;
      } catch {
        return null;
      }
    },
  };
}
