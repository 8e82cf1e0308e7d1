import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraphqlSchema } from './schema.js';
import { COMPUTED_FIELDS } from './source.js';

/**
 * No entity is asserted into a GraphQL type outside the typed mappers of source.ts, and each
 * field a mapper leaves to a field resolver has one (otherwise it would answer null).
 */
const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('GraphQL answers', () => {
  beforeAll(async () => {
    await buildGraphqlSchema();
  });

  it('assert no value into a GraphQL type outside source.ts', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file).split('\\').join('/');
      if (name === 'graphql/source.ts') continue;
      const casts = readFileSync(file, 'utf8').match(/\bas\s+unknown\s+as\b/g)?.length ?? 0;
      if (casts > 0) found[name] = casts;
    }
    expect(found, 'use a typed mapper of graphql/source.ts instead').toEqual({});
  });

  it('have a field resolver for every field a mapper leaves out', () => {
    const resolved = new Set(
      getMetadataStorage().fieldResolvers.flatMap((resolver) => {
        const type = resolver.getObjectType?.();
        return type ? [`${type.name}.${resolver.schemaName}`] : [];
      }),
    );
    const missing = [...COMPUTED_FIELDS].flatMap(([type, fields]) => fields.map((field) => `${type.name}.${field}`)).filter((field) => !resolved.has(field));
    expect(missing).toEqual([]);
    expect(resolved.has('Appointment.allowedTransitions')).toBe(true);
  });
});
