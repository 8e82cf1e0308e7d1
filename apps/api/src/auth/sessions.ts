import { SignJWT, jwtVerify } from 'jose';
import type { User } from '@clinic/domain';

export interface SessionClaims {
  userId: string;
  tenantId: string;
}

/** Signed, expiring session tokens (HS256 JWT): what `login` hands out. */
export interface Sessions {
  issue(user: User): Promise<string>;
  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string): Promise<SessionClaims | null>;
}

const ISSUER = 'clinic-packages';

export function createSessions(secret: Uint8Array, options: { ttlSeconds: number; now: () => Date }): Sessions {
  return {
    async issue(user) {
      const issuedAt = Math.floor(options.now().getTime() / 1000);
      return new SignJWT({ tid: user.tenant.id })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .sign(secret);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: options.now(),
        });
        return typeof payload.sub === 'string' && typeof payload['tid'] === 'string'
          ? { userId: payload.sub, tenantId: payload['tid'] }
          : null;
      } catch {
        return null;
      }
    },
  };
}
