import { looksLikeApiToken, viewerOfApiToken, viewerOfUser, type EntityManager, type Viewer } from '@clinic/domain';
import type { Sessions } from './sessions.js';

const BEARER = /^Bearer\s+([\w.~+/=-]{1,2048})$/i;

/**
 * Who sends this request: a session token from `login`, or an API token (`cpk_...`).
 * Anything else, expired or revoked, is nobody.
 */
export async function viewerFromAuthorization(
  header: string | undefined,
  em: EntityManager,
  sessions: Sessions,
): Promise<Viewer | null> {
  const token = BEARER.exec(header?.trim() ?? '')?.[1];
  if (!token) return null;
  if (looksLikeApiToken(token)) return viewerOfApiToken(em, token);
  const claims = await sessions.verify(token);
  return claims ? viewerOfUser(em, claims.userId, claims.tenantId) : null;
}
