import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import ts from 'typescript';
import { runnerImport, type Plugin } from 'vite';
import { coreAr } from './src/i18n/catalog/core.ar';
import { coreEn } from './src/i18n/catalog/core';
import { defineConfig } from 'vitest/config';

// In development the API runs on its own port (apps/api, `pnpm dev`); the dev server forwards
// to it so that the app always talks to its own origin, as it does when the API serves it.
const api = process.env['API_URL'] ?? 'http://localhost:4000';

// The ICU parser that intl-messageformat itself uses (its own dependency, the same version).
const intlMessageFormat = createRequire(import.meta.url).resolve('intl-messageformat');
const icuParser = createRequire(intlMessageFormat).resolve('@formatjs/icu-messageformat-parser');
const icuParserWithoutParse = join(dirname(icuParser), 'no-parser.js');

type ParseIcu = (message: string, options: { locale?: Intl.Locale }) => unknown;

/**
 * Precompiles the app's words: in a production build every string of a catalog file
 * (src/i18n/catalog/*.ts, whatever keys it holds) is parsed into the ICU message AST that
 * intl-messageformat would otherwise build in the browser, with the same parser and the
 * catalog's locale (`*.ar.ts`: Arabic). The app then ships intl-messageformat without its
 * parser (the alias below). A message that does not parse fails the build, naming its key.
 */
export function precompileMessages(): Plugin {
  let parse: ParseIcu | undefined;
  return {
    name: 'clinic:precompile-icu-messages',
    enforce: 'pre',
    apply: 'build',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!/[\\/]src[\\/]i18n[\\/]catalog[\\/][^\\/]+\.ts$/.test(file)) return null;
      parse ??= ((await import(pathToFileURL(icuParser).href)) as { parse: ParseIcu }).parse;
      const locale = new Intl.Locale(basename(file).endsWith('.ar.ts') ? 'ar' : 'en');
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits: Array<{ start: number; end: number; text: string }> = [];
      const precompiled = new Map<ts.ObjectLiteralExpression, Record<string, unknown>>();
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAssignment(node) && (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer))) {
          const key = node.name.getText(source);
          let ast: unknown;
          try {
            ast = parse!(node.initializer.text, { locale });
          } catch (error) {
            this.error(`${basename(file)}: the message ${key} is not valid ICU: ${(error as Error).message}`);
          }
          edits.push({ start: node.initializer.getStart(source), end: node.initializer.getEnd(), text: JSON.stringify(ast) });
          if (ts.isObjectLiteralExpression(node.parent) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
            const messages = precompiled.get(node.parent) ?? {};
            messages[node.name.text] = ast;
            precompiled.set(node.parent, messages);
          }
        } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
          this.error(`${basename(file)}: ${node.name.getText(source)} is not a plain string, so it cannot be precompiled.`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      // A catalog whose every entry is a message is written as one JSON.parse of its JSON: a
      // browser parses JSON faster than the same object written as script, and every page loads
      // the words (a phone's first load spends a task on them).
      for (const [catalog, messages] of precompiled) {
        if (Object.keys(messages).length !== catalog.properties.length) continue;
        const typed = ts.isAsExpression(catalog.parent) ? catalog.parent : catalog;
        const start = typed.getStart(source);
        const end = typed.getEnd();
        for (let i = edits.length - 1; i >= 0; i -= 1) if (edits[i]!.start >= start && edits[i]!.end <= end) edits.splice(i, 1);
        edits.push({ start, end, text: `JSON.parse(${JSON.stringify(JSON.stringify(messages))})` });
      }
      let output = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
      return { code: output, map: null };
    },
  };
}

const GENERATED = fileURLToPath(new URL('./src/graphql/generated.ts', import.meta.url));
const DOCUMENT_PREFIX = '\0clinic-graphql-document:';

/**
 * One module per GraphQL document in a production build: codegen writes every document of the
 * app into src/graphql/generated.ts, and a module is never split between chunks, so all of them
 * would load with the first page. Here generated.ts re-exports each document from a module of its
 * own, and each goes to the chunk of the screens that use it. The documents are the same objects;
 * their types are erased anyway. Any codegen output works as long as each document stays one
 * `export const <name> = <JSON> as unknown as DocumentNode<…>;` line (else the build fails).
 */
export function documentPerModule(): Plugin {
  let documents = new Map<string, string>();
  return {
    name: 'clinic:graphql-document-per-module',
    apply: 'build',
    resolveId(id) {
      return id.startsWith(DOCUMENT_PREFIX) ? id : null;
    },
    load(id) {
      if (id.startsWith(DOCUMENT_PREFIX)) {
        const name = id.slice(DOCUMENT_PREFIX.length);
        return `export const ${name} = ${documents.get(name) ?? this.error(`no GraphQL document ${name}`)};`;
      }
      if (id.split('?')[0] !== GENERATED) return null;
      documents = new Map();
      for (const line of readFileSync(GENERATED, 'utf8').split('\n')) {
        if (!line.startsWith('export const ')) continue;
        const match = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/.exec(line);
        if (!match?.[1] || !match[2]) this.error(`generated.ts: a runtime export this build cannot split: ${line.slice(0, 120)}`);
        documents.set(match[1], match[2]);
      }
      return [...documents.keys()].map((name) => `export { ${name} } from ${JSON.stringify(DOCUMENT_PREFIX + name)};`).join('\n');
    },
  };
}

/**
 * Each script and style sheet of a production build also written compressed, beside itself:
 * `x.js.br` (brotli, best quality) and `x.js.gz` (gzip level 9). The API sends the one the
 * browser accepts (apps/api/src/http/web-app.ts); compressing once here costs the server no CPU
 * per request. A phone on a slow network downloads about a third of the bytes.
 */
export function precompressAssets(): Plugin {
  return {
    name: 'clinic:precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const name of Object.keys(bundle)) {
        if (!name.startsWith('assets/') || !/\.(js|css|svg|json)$/.test(name)) continue;
        const source = readFileSync(join(dir, name));
        if (source.length < 1024) continue;
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length } }));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

/** What the server adds to the HTML of a page (apps/api/src/http/web-app.ts reads dist/preload.json). */
export interface PreloadManifest {
  /**
   * Each page the server knows: its path (`:name` matches one segment) and the files its screen
   * loads first; for a prerendered page, its HTML in each language, without and with the demo accounts.
   */
  pages: Array<{ path: string; scripts: string[]; styles: string[]; prerendered?: Record<'en' | 'ar', { plain: string; demo: string }>; signedIn?: boolean }>;
  /** Each language: the files of its words, and what the HTML says before any script runs. */
  locales: Record<'en' | 'ar', { scripts: string[]; lang: string; dir: 'ltr' | 'rtl'; appName: string }>;
}

/** A module that writes a page as static HTML (e.g. src/auth/sign-in.prerender.tsx). */
/** `signedIn`: the page is painted only for a caller with a session cookie (it must hold no data). */
export type PrerenderModule = { prerender(locale: 'en' | 'ar', demo: boolean): string; signedIn?: boolean };

/**
 * Writes dist/preload.json: for the pages people open directly, the chunks (and style sheets)
 * their screen imports, beyond those the entry already loads; for each language, the chunks of
 * its words. The server names them in the page's HTML (`modulepreload`), so they download beside
 * the entry instead of one after another once it runs. A page given a prerender module also gets
 * its HTML in each language (with and without the demo accounts), rendered by React in Node
 * while the bundle is built; the server writes it into the page, painted before any script runs.
 */
export function pagePreloads(
  pages: Record<string, string>,
  appName: Record<'en' | 'ar', string>,
  prerenders: Record<string, string> = {},
): Plugin {
  let prerendered: Promise<Map<string, { html: Record<'en' | 'ar', { plain: string; demo: string }>; signedIn: boolean }>> | undefined;
  return {
    name: 'clinic:page-preloads',
    apply: 'build',
    buildStart() {
      // Started beside the bundling, awaited when the manifest is written.
      const root = fileURLToPath(new URL('.', import.meta.url));
      prerendered = Promise.all(
        Object.entries(prerenders).map(async ([path, source]) => {
          const { module } = await runnerImport<PrerenderModule>(join(root, source), { configFile: false, root, logLevel: 'error' });
          const render = (locale: 'en' | 'ar') => ({ plain: module.prerender(locale, false), demo: module.prerender(locale, true) });
          return [path, { html: { en: render('en'), ar: render('ar') }, signedIn: module.signedIn === true }] as const;
        }),
      ).then((entries) => new Map(entries));
      prerendered.catch(() => undefined);
    },
    async generateBundle(_options, bundle) {
      const html = await (prerendered ?? Promise.resolve(new Map())).catch((error: Error) => this.error(`pagePreloads: a page did not prerender: ${error.stack ?? error.message}`));
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      const bySource = (source: string) =>
        chunks.find((chunk) => chunk.facadeModuleId?.split('?')[0]?.endsWith(source)) ?? this.error(`pagePreloads: no chunk for ${source}`);
      const closure = (files: string[]) => closureOf(bundle, files);
      // What every page starts with: the entry, and the app's chunk (appStart) with theirs.
      const start = closure(startChunks(bundle));
      const filesOf = (source: string) => {
        const files = [...closure([bySource(source).fileName])].filter((name) => !start.has(name));
        const styles = files.flatMap((name) => [...((bundle[name] as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? [])]);
        return { scripts: files.map((name) => `/${name}`), styles: styles.map((name) => `/${name}`) };
      };
      const manifest: PreloadManifest = {
        pages: Object.entries(pages).map(([path, source]) => {
          const painted = html.get(path);
          return { path, ...filesOf(source), ...(painted ? { prerendered: painted.html, ...(painted.signedIn ? { signedIn: true } : {}) } : {}) };
        }),
        locales: {
          en: { scripts: filesOf('src/i18n/messages.ts').scripts, lang: 'en', dir: 'ltr', appName: appName.en },
          ar: { scripts: filesOf('src/i18n/messages-ar.ts').scripts, lang: 'ar', dir: 'rtl', appName: appName.ar },
        },
      };
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: JSON.stringify(manifest, null, 2) });
    },
  };
}

type Bundle = Record<string, { type: string; fileName: string; isEntry?: boolean; facadeModuleId?: string | null; imports?: string[] }>;

/** The chunks `files` import, themselves included, and theirs. */
function closureOf(bundle: Bundle, files: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of bundle[name]?.imports ?? []) visit(imported);
  };
  files.forEach(visit);
  return seen;
}

/**
 * The chunks a page starts from: the entry (src/main.tsx) and the app's own chunk (src/app.tsx:
 * React, the router, the shell), which the entry imports at once so that it is evaluated in a
 * task of its own (a phone's CPU spent one long task evaluating both).
 */
function startChunks(bundle: Bundle): string[] {
  const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
  const app = chunks.find((chunk) => chunk.facadeModuleId?.split('?')[0]?.endsWith('src/app.tsx'));
  return [...chunks.filter((chunk) => chunk.isEntry), ...(app ? [app] : [])].map((chunk) => chunk.fileName);
}

/**
 * index.html names the app's chunk and the chunks it imports (beyond the entry's) as
 * `modulepreload`, as Vite names the entry's own imports: they download beside the entry rather
 * than once it has run, and the first load's size counts them.
 */
export function appChunkPreload(): Plugin {
  return {
    name: 'clinic:app-chunk-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle as Bundle | undefined;
        if (!bundle) return [];
        const entry = closureOf(bundle, startChunks(bundle).filter((name) => bundle[name]?.isEntry));
        const app = [...closureOf(bundle, startChunks(bundle))].filter((name) => !entry.has(name));
        return app.map((name) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${name}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    precompileMessages(),
    documentPerModule(),
    // The pages people open directly (a bookmark, a reload, the first visit): their screen's chunks.
    pagePreloads(
      {
        '/sign-in': 'src/auth/sign-in.route.tsx',
        '/calendar': 'src/calendar/calendar.route.tsx',
        '/today': 'src/desk/desk.route.tsx',
        '/patients': 'src/patients/patients.route.tsx',
        '/patients/:patientId': 'src/patients/patient.route.tsx',
        '/appointments': 'src/appointments/appointments.route.tsx',
        '/providers/:providerId/week': 'src/providers/provider-week.route.tsx',
      },
      { en: coreEn.appName, ar: coreAr.appName },
      // Painted from the HTML alone: a phone shows the sign-in form before the scripts arrive.
      // /calendar: its frame and booking hint, for a signed-in caller (the page's largest text).
      { '/sign-in': 'src/auth/sign-in.prerender.tsx', '/calendar': 'src/calendar/calendar.prerender.tsx' },
    ),
    appChunkPreload(),
    precompressAssets(),
  ],
  resolve: {
    alias:
      mode === 'production'
        ? [
            // react-router's package exports only its development build to bundlers; take the
            // production one (no dev warnings) for the shipped app.
            { find: /^react-router$/, replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)) },
            // Every message arrives precompiled (precompileMessages): no ICU parser in the browser.
            { find: /^@formatjs\/icu-messageformat-parser$/, replacement: icuParserWithoutParse },
          ]
        : [],
  },
  server: {
    proxy: { '/graphql': api, '/healthz': api, '/readyz': api },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    // One jsdom and one module graph per worker rather than per file (jsdom and the app's
    // modules took ~45 of the suite's ~73 s on CI); setup.ts blanks the page for each file.
    isolate: false,
  },
}));
