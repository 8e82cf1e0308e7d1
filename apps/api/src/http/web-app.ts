import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { Router, type Request } from 'express';

export interface WebAppOptions {
  /** The folder `vite build` wrote. */
  webDist: string;
  /** Paths the API owns; a browser navigating to them never gets the web app. */
  apiPaths: readonly string[];
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Clinic packages</title></head>
  <body>
    <h1>Clinic packages</h1>
    <p>The web app is not built. Run <code>pnpm build</code> (or <code>pnpm start</code>) and reload.</p>
    <p>The API answers at <a href="/graphql">/graphql</a>.</p>
  </body>
</html>
`;

/**
 * The built single-page app: its files as they are, and `index.html` for any page the browser
 * navigates to, so that client-side routes survive a reload.
 */
export function webAppRoutes({ webDist, apiPaths }: WebAppOptions): Router {
  const router = Router();
  const indexHtml = join(webDist, 'index.html');
  const assets = join(webDist, 'assets');

  // The build writes each script and style sheet compressed beside itself (x.js.br, x.js.gz):
  // the one the browser accepts is sent, with the original's type.
  router.use('/assets', (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^\/[\w.-]+$/.test(req.path)) return next();
    res.vary('Accept-Encoding');
    const encoding = req.acceptsEncodings('br', 'gzip');
    if (encoding !== 'br' && encoding !== 'gzip') return next();
    const compressed = join(assets, `${req.path.slice(1)}.${encoding === 'br' ? 'br' : 'gz'}`);
    if (!existsSync(compressed)) return next();
    res.setHeader('content-encoding', encoding);
    res.setHeader('cache-control', IMMUTABLE);
    res.type(extname(req.path));
    res.sendFile(compressed, (error) => {
      if (error && !res.headersSent) {
        res.removeHeader('content-encoding');
        next();
      }
    });
  });

  router.use(
    express.static(webDist, {
      index: false,
      setHeaders(res, path) {
        // Vite puts a content hash in every file name under assets/: they never change.
        if (path.includes(`${join(webDist, 'assets')}`)) {
          res.setHeader('cache-control', IMMUTABLE);
        }
      },
    }),
  );

  router.use((req, res, next) => {
    if (!isPageNavigation(req, apiPaths)) return next();
    res.setHeader('cache-control', 'no-cache');
    // Checked on each navigation: the web app may be built while the server runs.
    if (existsSync(indexHtml)) return res.sendFile(indexHtml);
    if (req.path === '/') return res.type('html').send(NOT_BUILT_PAGE);
    return next();
  });
  return router;
}

function isPageNavigation(req: Request, apiPaths: readonly string[]): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (apiPaths.some((path) => req.path === path || req.path.startsWith(`${path}/`))) return false;
  // A missing file (`/assets/gone.js`) is a 404, not the app.
  if (extname(req.path) !== '') return false;
  return req.accepts('html') === 'html';
}
