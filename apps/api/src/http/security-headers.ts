import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The policy of every response: nothing runs or loads but this origin's own files, nothing
 * inline (the built web app and explorer have no inline script or style; React sets styles
 * through the DOM, which a policy does not govern), no plug-ins, no framing. A page of the web
 * app the server writes itself adds, to its own policy, the hashes of the style sheet and start
 * script it writes inline (http/web-app.ts).
 */
const DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // Over plain HTTP (a clinic's LAN, localhost) there is nothing to upgrade to; HSTS covers TLS.
  'upgrade-insecure-requests': null,
};

/** GraphiQL's stylesheet carries its fonts inline, as data: URLs; nothing else differs. */
const EXPLORER_DIRECTIVES = { ...DIRECTIVES, 'font-src': ["'self'", 'data:'] };

export interface SecurityHeadersOptions {
  /** Where the explorer is served; its pages get the explorer's policy. */
  explorerPath: string;
}

/**
 * helmet's headers on every response (web app, explorer, API, health, errors): the
 * Content-Security-Policy above, `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, and Strict-Transport-Security only on a request that came
 * over TLS (`req.secure`): over plain HTTP it would mean nothing, and on a LAN name it would
 * pin a browser to HTTPS the installation may not have.
 */
export function securityHeaders({ explorerPath }: SecurityHeadersOptions): RequestHandler {
  const common = {
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  } as const;
  const forApp = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES } });
  const forExplorer = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: EXPLORER_DIRECTIVES } });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });
  return (req, res, next) => {
    if (req.secure) hsts(req, res, () => undefined);
    const underExplorer = req.path === explorerPath || req.path.startsWith(`${explorerPath}/`);
    (underExplorer ? forExplorer : forApp)(req, res, next);
  };
}
