import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { User as UserEntity, WaitlistEntry as WaitlistEntryEntity } from '@clinic/domain';
import { Mutation, Query } from './answers.js';
import { buildGraphqlSchema } from './schema.js';
import { asUser, asUsers, COMPUTED_FIELDS } from './source.js';
import { User } from './types/people.type.js';
import { WaitlistPayload } from './types/waitlist.type.js';

/**
 * Never called: the compiler checks these resolvers (the `@ts-expect-error` lines fail the
 * typecheck if their error goes away); type-graphql never registers them.
 */
export function resolversTheCompilerRefuses() {
  @Resolver()
  class Refused {
    // @ts-expect-error: a row answered as a GraphQL type (the staff list before it went through asUsers).
    @Query(() => [User]) async users(): Promise<UserEntity[]> {
      return [];
    }

    // @ts-expect-error: a value without `name` and `role` is no User.
    @Query(() => User) viewer() {
      return { id: 'u1' };
    }

    // @ts-expect-error: a payload holding a row (the waitlist entry before asWaitlistEntry).
    @Mutation(() => WaitlistPayload) joinWaitlist(): { entry: WaitlistEntryEntity; userErrors: [] } {
      throw new Error('never called');
    }

    // @ts-expect-error: an answer typed any (JSON.parse) is not checked, so it is refused.
    @Query(() => User) parsed() {
      return JSON.parse('{}');
    }

    @Query(() => [User]) async mapped(): Promise<User[]> {
      return asUsers([]);
    }
  }
  return Refused;
}

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

  it('take a source only when it holds every field of the type (a renamed field fails to compile)', () => {
    const row = { id: 'u1', name: 'Ann', role: 'ADMIN', provider: null };
    expect(asUser(row).name).toBe('Ann');
    const { name, ...rest } = row;
    const renamed = { ...rest, displayName: name };
    // @ts-expect-error: `name` renamed to `displayName` in the source: it lacks `name`, so it is no User.
    expect(asUser(renamed).name).toBeUndefined();
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
