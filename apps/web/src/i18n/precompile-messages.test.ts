// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { precompileMessages } from '../../vite.config';
import { createMessageFormatter, type MessageAst } from './format-message';

/**
 * The build precompiles every catalog into ICU ASTs (and ships no parser): whatever keys the
 * catalogs hold, each precompiled message must be the very AST intl-messageformat would have
 * parsed in the browser, and format the same words.
 */
const CATALOG = join(import.meta.dirname, 'catalog');

type Transform = (this: { error(message: string): never }, code: string, id: string) => Promise<{ code: string } | null>;
const transform = precompileMessages().transform as unknown as Transform;
const context = { error: (message: string): never => { throw new Error(message); } };

/** The catalog module's exports after the build's transform (types stripped, run as CommonJS). */
async function precompiled(file: string): Promise<Record<string, Record<string, MessageAst>>> {
  const output = await transform.call(context, readFileSync(join(CATALOG, file), 'utf8'), join(CATALOG, file));
  const js = ts.transpileModule(output!.code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, Record<string, MessageAst>> = {};
  new Function('exports', 'require', js)(exports, () => ({}));
  return exports;
}

/** A value for every argument of a message: a number where a plural chooses by it. */
function valuesFor(ast: MessageAst, into: Record<string, string | number> = {}): Record<string, string | number> {
  for (const element of ast) {
    if ('options' in element && typeof element.options === 'object') {
      into[element.value] = 'pluralType' in element ? 2 : 'other';
      for (const option of Object.values(element.options)) valuesFor(option.value, into);
    } else if ('children' in element) {
      valuesFor(element.children, into);
    } else if ('value' in element && element.type !== 0) {
      into[element.value] ??= element.type === 1 ? 'Amal' : 3;
    }
  }
  return into;
}

describe('precompiled messages', () => {
  const files = readdirSync(CATALOG).filter((file) => file.endsWith('.ts'));

  it.each(files)('%s: every message is the AST intl-messageformat parses, and formats the same', async (file) => {
    const locale = file.endsWith('.ar.ts') ? 'ar' : 'en';
    const strings = (await import(`./catalog/${file.replace(/\.ts$/, '')}.ts`)) as Record<string, Record<string, string>>;
    const compiled = await precompiled(file);
    expect(Object.keys(compiled)).toEqual(Object.keys(strings));
    for (const [name, dictionary] of Object.entries(strings)) {
      expect(Object.keys(compiled[name]!)).toEqual(Object.keys(dictionary));
      const fromStrings = createMessageFormatter(dictionary, locale);
      const fromAst = createMessageFormatter(compiled[name]!, locale);
      for (const [key, message] of Object.entries(dictionary)) {
        expect(compiled[name]![key], key).toEqual(new IntlMessageFormat(message, locale).getAst());
        const values = valuesFor(compiled[name]![key]!);
        expect(fromAst(key, values), key).toBe(fromStrings(key, values));
      }
    }
  });

  it('fails the build on a message that is not valid ICU, naming it', async () => {
    await expect(transform.call(context, `export const xEn = { broken: 'a {count, plural, one {#}' };`, join(CATALOG, 'x.ts'))).rejects.toThrow(/broken/);
  });
});
