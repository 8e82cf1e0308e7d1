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
/** Tokens whose signature was checked, remembered at most (the oldest goes first). */
const VERIFIED_KEPT = 10_000;

export function createSessions(secret: Uint8Array, options: { ttlSeconds: number; now: () => Date }): Sessions {
  /**
   * A token is the same bytes every time its holder sends it, and its signature and claims
   * cannot change: once checked, it is remembered with its expiry, so that a caller's next
   * requests cost no HMAC (a WebCrypto job each). Only the expiry is checked again, as jose
   * checks it (valid while now, in whole seconds, is before `exp`). Whether the session still
   * counts is not decided here (auth/caller-cache.ts).
   */
  const verified = new Map<string, { claims: SessionClaims; exp: number }>();
  const nowSeconds = () => Math.floor(options.now().getTime() / 1000);
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
      const known = verified.get(token);
      if (known) {
        if (known.exp > nowSeconds()) return known.claims;
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: options.now(),
          // A token without an expiry or a session would be valid for ever and could not be ended.
          requiredClaims: ['exp', 'sub', 'sid', 'tid'],
        });
        const { sub, sid, tid, exp } = payload as { sub?: unknown; sid?: unknown; tid?: unknown; exp?: unknown };
        if (typeof sub !== 'string' || typeof sid !== 'string' || typeof tid !== 'string') return null;
        const claims: SessionClaims = Object.freeze({ sessionId: sid, userId: sub, tenantId: tid });
        if (typeof exp === 'number') {
          if (verified.size >= VERIFIED_KEPT) verified.delete(verified.keys().next().value as string);
          verified.set(token, { claims, exp });
        }
        return claims;
      } catch {
        return null;
      }
    },
  };
}
