import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { parseCookie } from 'cookie';
import express, { Router, type Request, type Response } from 'express';
import { sessionCookieOf } from '../auth/session-cookie.js';

export interface WebAppOptions {
  /** The folder `vite build` wrote. */
  webDist: string;
  /** Paths the API owns; a browser navigating to them never gets the web app. */
  apiPaths: readonly string[];
  /**
   * Whether this installation holds the demo data (the sign-in page then lists its accounts),
   * asked only for a page the build prerendered; the answer is remembered for a minute.
   */
  demoInstallation?: () => Promise<boolean>;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** How long a prerendered page waits for the demo answer before it is written without the accounts. */
const DEMO_ANSWER_WAIT_MS = 1000;

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
export function webAppRoutes({ webDist, apiPaths, demoInstallation }: WebAppOptions): Router {
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
  const demo = remembered(demoInstallation ?? (async () => false), 60_000);
  router.use((req, res, next) => {
    if (!isPageNavigation(req, apiPaths)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.vary('Cookie');
    // Checked on each navigation: the web app may be built while the server runs.
    if (!existsSync(indexHtml)) return req.path === '/' ? res.type('html').send(NOT_BUILT_PAGE) : next();
    const locale = localeOf(req);
    const session = hasSessionCookie(req);
    const answer = (withDemo: boolean) => sendPage(req, res, page(req.path, locale, withDemo, session));
    // A page painted for signed-in callers (/calendar) asks nothing: it holds no data.
    if (page.prerendered(req.path) !== 'public') return answer(false);
    // The demo accounts are painted only when the answer comes at once: a database that does
    // not answer costs the page a second at most, and the app lists them once it knows.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), DEMO_ANSWER_WAIT_MS);
    });
    Promise.race([demo(), late])
      .catch(() => false)
      .then((withDemo) => {
        clearTimeout(timer);
        answer(withDemo);
      })
      .catch(next);
  });
  return router;
}

/** The page, compressed as the browser accepts, with the hash of its inline style sheet allowed by the policy. */
function sendPage(req: Request, res: Response, written: WrittenPage): void {
  const policy = res.getHeader('content-security-policy');
  if (typeof policy === 'string') {
    let allowed = policy;
    if (written.styleHash) allowed = allowInline(allowed, 'style-src', written.styleHash);
    if (written.scriptHash) allowed = allowInline(allowed, 'script-src', written.scriptHash);
    res.setHeader('content-security-policy', allowed);
  }
  res.vary('Accept-Encoding');
  res.type('html');
  const encoding = req.acceptsEncodings('br', 'gzip');
  if (encoding === 'br' || encoding === 'gzip') {
    res.setHeader('content-encoding', encoding);
    res.send(encoding === 'br' ? written.br() : written.gzip());
  } else {
    res.send(written.html);
  }
}

/** The policy with `'sha256-…'` added to one of its directives (the one inline style sheet or script it permits). */
export function allowInline(policy: string, directive: 'style-src' | 'script-src', hash: string): string {
  const found = new RegExp(`((?:^|;)\\s*${directive}(?=\\s|;|$)[^;]*)`);
  return policy.replace(found, (sources) => `${sources} 'sha256-${hash}'`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** An asynchronous answer asked again only after `ms`; while it is asked, and after a failure, the last one (or the failure). */
function remembered<T>(ask: () => Promise<T>, ms: number): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= ms) {
      const value = ask();
      last = { at: now, value };
      // A failed answer is not kept: the next page asks again.
      value.catch(() => {
        if (last?.value === value) last = undefined;
      });
    }
    return last.value;
  };
}

/** The cookie the web app keeps the reader's language in (besides its own storage), so the HTML can be in it. */
export const LOCALE_COOKIE = 'clinic_locale';

/** Whether the request carries a session cookie (live or not: the app decides; the painted page holds no data). */
function hasSessionCookie(req: Request): boolean {
  return Boolean(sessionCookieOf(req));
}

function localeOf(req: Request): 'en' | 'ar' {
  const header = req.headers.cookie;
  return header && parseCookie(header)[LOCALE_COOKIE] === 'ar' ? 'ar' : 'en';
}

/** dist/preload.json, as the web build writes it (apps/web/vite.config.ts, `pagePreloads`). */
interface PreloadManifest {
  pages: Array<{ path: string; scripts: string[]; styles: string[]; prerendered?: Record<'en' | 'ar', { plain: string; demo: string }>; signedIn?: boolean }>;
  locales: Record<'en' | 'ar', { scripts: string[]; lang: string; dir: string; appName: string }>;
}

/** A page's HTML, and the same compressed (each made once, when first asked). */
interface WrittenPage {
  html: string;
  /** The base64 SHA-256 of the style sheet written inline, if one is. */
  styleHash: string | undefined;
  /** The base64 SHA-256 of the script written inline (a prerendered page's start), if one is. */
  scriptHash: string | undefined;
  br(): Buffer;
  gzip(): Buffer;
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
 * page's screen, so the browser fetches them beside the entry rather than after it. The app's
 * style sheet is written inline (a phone paints without asking for it; its hash goes into the
 * policy), and a page the build prerendered (sign-in) is written in #root in the reader's
 * language, so it is painted before any script has arrived; the app then renders over it.
 * Without dist/preload.json (an older build), index.html as it is. Files are read again when
 * they change; each page's HTML is written once per build, language and demo answer.
 */
function pageWriter(
  webDist: string,
): ((path: string, locale: 'en' | 'ar', demo: boolean, session: boolean) => WrittenPage) & { prerendered(path: string): 'public' | 'signedIn' | undefined } {
  const read = cachedByMtime((file) => readFileSync(file, 'utf8'));
  const readManifest = cachedByMtime((file) => JSON.parse(readFileSync(file, 'utf8')) as PreloadManifest);
  const written = new Map<string, WrittenPage>();
  let writtenFor: unknown[] = [];
  const screenOf = (manifest: PreloadManifest | undefined, path: string) => manifest?.pages.find((candidate) => samePath(candidate.path, path));
  const write = (path: string, locale: 'en' | 'ar', demo: boolean, session: boolean): WrittenPage => {
    const html = read(join(webDist, 'index.html')) as string;
    const manifest = readManifest(join(webDist, 'preload.json'));
    const screen = screenOf(manifest, path);
    const stylesheet = /<link rel="stylesheet"[^>]*href="\/(assets\/[\w.-]+\.css)"[^>]*>/.exec(html);
    const css = stylesheet ? read(join(webDist, stylesheet[1]!)) : undefined;
    // Everything this page's HTML is made of: when one changes (a new build), write again.
    const sources = [html, manifest, css];
    if (sources.some((source, i) => source !== writtenFor[i])) {
      written.clear();
      writtenFor = sources;
    }
    // A page painted for signed-in callers only: without a session cookie, the plain page.
    const painted = screen?.prerendered && (!screen.signedIn || session) ? screen.prerendered[locale] : undefined;
    const key = `${screen?.path ?? ''}|${locale}|${demo}|${painted !== undefined}`;
    const hit = written.get(key);
    if (hit) return hit;
    let page = html;
    let styleHash: string | undefined;
    let bootScript: string | undefined;
    if (manifest) {
      const language = manifest.locales[locale];
      const scripts = [...new Set([...language.scripts, ...(screen?.scripts ?? [])])];
      const links = [
        ...scripts.map((href) => `<link rel="modulepreload" crossorigin href="${escapeHtml(href)}">`),
        ...(screen?.styles ?? []).map((href) => `<link rel="preload" as="style" crossorigin href="${escapeHtml(href)}">`),
      ];
      const name = escapeHtml(language.appName);
      page = page
        .replace(/<html\b[^>]*>/, `<html lang="${escapeHtml(language.lang)}" dir="${escapeHtml(language.dir)}">`)
        .replace(/<title>[^<]*<\/title>/, `<title>${name}</title>`)
        .replace(/(<span class="brand" data-boot-brand>)[^<]*(<\/span>)/, `$1${name}$2`)
        .replace('</head>', `${links.map((link) => `    ${link}\n`).join('')}  </head>`);
      const prerendered = painted;
      const entry = /<script type="module"[^>]*src="(\/assets\/[\w.-]+\.js)"[^>]*><\/script>\s*/.exec(page);
      if (prerendered && entry) {
        // The page is painted from this HTML alone; its scripts make it work, they do not draw
        // it. They are asked for once it is on screen (a frame, then a task), the entry and its
        // chunks together as before, so that nothing the first paint does not need competes
        // with it, however fast or slow the network.
        const chunks = [...page.matchAll(/<link rel="modulepreload"[^>]*href="(\/assets\/[\w.-]+\.js)"[^>]*>\s*/g)];
        bootScript =
          `requestAnimationFrame(()=>setTimeout(()=>{for(const href of ${JSON.stringify(chunks.map((chunk) => chunk[1]))}){` +
          `const link=document.createElement('link');link.rel='modulepreload';link.crossOrigin='';link.href=href;document.head.append(link)}` +
          `import(${JSON.stringify(entry[1])})}))`;
        for (const chunk of [entry, ...chunks]) page = page.replace(chunk[0], '');
        page = page
          .replace(/<div id="root">[\s\S]*?<\/div>(\s*<\/body>)/, (_all, end: string) => `<div id="root">${demo ? prerendered.demo : prerendered.plain}</div>${end}`)
          .replace('</body>', () => `  <script type="module">${bootScript}</script>\n  </body>`);
      }
      // A signed-in painted page also needs its screen's style sheets to look as the app will
      // draw it (the toolbar's layout): written inline too, in the same style element.
      const screenCss = prerendered && screen?.signedIn ? (screen.styles.map((href) => (/^\/assets\/[\w.-]+\.css$/.test(href) ? read(join(webDist, href.slice(1))) : undefined))) : [];
      const inline = css === undefined || screenCss.some((text) => text === undefined) ? undefined : [css, ...screenCss].join('\n');
      if (stylesheet && inline !== undefined && !inline.includes('</style')) {
        styleHash = sha256(inline);
        page = page.replace(stylesheet[0], () => `<style>${inline}</style>`);
      }
    }
    let br: Buffer | undefined;
    let gzip: Buffer | undefined;
    const result: WrittenPage = {
      html: page,
      styleHash,
      scriptHash: bootScript === undefined ? undefined : sha256(bootScript),
      br: () => (br ??= brotliCompressSync(page, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(page) } })),
      gzip: () => (gzip ??= gzipSync(page, { level: 9 })),
    };
    written.set(key, result);
    return result;
  };
  return Object.assign(write, {
    prerendered: (path: string) => {
      const screen = screenOf(readManifest(join(webDist, 'preload.json')), path);
      return screen?.prerendered === undefined ? undefined : screen.signedIn ? 'signedIn' : 'public';
    },
  });
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
