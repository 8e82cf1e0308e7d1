import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The browser's session: the same signed token `login` answers, in a cookie that page scripts
 * cannot read (HttpOnly), that no other site's request carries (SameSite=Strict), for the whole
 * origin (Path=/). Secure whenever the browser will keep a Secure cookie: over TLS, and on
 * loopback hosts (browsers treat http://localhost and http://127.0.0.1 as secure contexts).
 */
export const SESSION_COOKIE = 'clinic_session';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE];
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: maxAgeSeconds }));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { ...cookieOptions(req), maxAge: 0, expires: new Date(0) }));
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure || LOOPBACK_HOSTS.has(req.hostname) || req.hostname.endsWith('.localhost') } as const;
}
