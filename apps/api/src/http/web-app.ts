import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseCookie } from 'cookie';
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

  const page = pageWriter(webDist);
  router.use((req, res, next) => {
    if (!isPageNavigation(req, apiPaths)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.vary('Cookie');
    // Checked on each navigation: the web app may be built while the server runs.
    if (existsSync(indexHtml)) return res.type('html').send(page(req.path, localeOf(req)));
    if (req.path === '/') return res.type('html').send(NOT_BUILT_PAGE);
    return next();
  });
  return router;
}

/** The cookie the web app keeps the reader's language in (besides its own storage), so the HTML can be in it. */
export const LOCALE_COOKIE = 'clinic_locale';

function localeOf(req: Request): 'en' | 'ar' {
  const header = req.headers.cookie;
  return header && parseCookie(header)[LOCALE_COOKIE] === 'ar' ? 'ar' : 'en';
}

/** dist/preload.json, as the web build writes it (apps/web/vite.config.ts, `pagePreloads`). */
interface PreloadManifest {
  pages: Array<{ path: string; scripts: string[]; styles: string[] }>;
  locales: Record<'en' | 'ar', { scripts: string[]; lang: string; dir: string; appName: string }>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const samePath = (pattern: string, path: string) => {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  return want.length === got.length && want.every((part, i) => part.startsWith(':') ? (got[i] ?? '') !== '' : part === got[i]);
};

/**
 * The page's HTML: index.html in the reader's language (`lang`, `dir`, the name painted before
 * any script runs) naming, as `modulepreload`, the chunks of that language's words and of the
 * page's screen, so the browser fetches them beside the entry rather than after it. Without
 * dist/preload.json (an older build), index.html as it is. Files are read again when they change.
 */
function pageWriter(webDist: string): (path: string, locale: 'en' | 'ar') => string {
  const read = cachedByMtime((file) => readFileSync(file, 'utf8'));
  const readManifest = cachedByMtime((file) => JSON.parse(readFileSync(file, 'utf8')) as PreloadManifest);
  return (path, locale) => {
    const html = read(join(webDist, 'index.html')) as string;
    const manifest = readManifest(join(webDist, 'preload.json'));
    if (!manifest) return html;
    const language = manifest.locales[locale];
    const screen = manifest.pages.find((candidate) => samePath(candidate.path, path));
    const scripts = [...new Set([...language.scripts, ...(screen?.scripts ?? [])])];
    const links = [
      ...scripts.map((href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}">`),
      ...(screen?.styles ?? []).map((href) => `<link rel="preload" as="style" crossorigin href="${escapeHtml(href)}">`),
    ];
    const name = escapeHtml(language.appName);
    return html
      .replace(/<html\b[^>]*>/, `<html lang="${escapeHtml(language.lang)}" dir="${escapeHtml(language.dir)}">`)
      .replace(/<title>[^<]*<\/title>/, `<title>${name}</title>`)
      .replace(/(<span class="brand" data-boot-brand>)[^<]*(<\/span>)/, `$1${name}$2`)
      .replace('</head>', `${links.map((link) => `    ${link}\n`).join('')}  </head>`);
  };
}

/** A file's parsed content, read again only when its modification time changes; undefined while it is missing. */
function cachedByMtime<T>(load: (file: string) => T): (file: string) => T | undefined {
  const cache = new Map<string, { mtimeMs: number; value: T }>();
  return (file) => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const hit = cache.get(file);
    if (hit?.mtimeMs === mtimeMs) return hit.value;
    const value = load(file);
    cache.set(file, { mtimeMs, value });
    return value;
  };
}

function isPageNavigation(req: Request, apiPaths: readonly string[]): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (apiPaths.some((path) => req.path === path || req.path.startsWith(`${path}/`))) return false;
  // A missing file (`/assets/gone.js`) is a 404, not the app.
  if (extname(req.path) !== '') return false;
  return req.accepts('html') === 'html';
}
