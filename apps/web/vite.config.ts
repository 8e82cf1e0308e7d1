import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { Plugin } from 'vite';
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
        } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
          this.error(`${basename(file)}: ${node.name.getText(source)} is not a plain string, so it cannot be precompiled.`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      let output = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
      return { code: output, map: null };
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), precompileMessages()],
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
  },
}));
