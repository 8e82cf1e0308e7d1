import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type BreakingChange,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.js';
import { buildGraphqlSchema, printSortedSchema } from './schema.js';

/**
 * The contract test. Integrators build against the last published schema
 * (docs/schema/published.graphql); the served schema may add to it freely, but every breaking
 * change against it must be recorded, with its reason, in docs/api-changes.md. How to record a
 * change and publish a new version: docs/api.md, "Versions and breaking changes".
 */

const PUBLISHED_SCHEMA = 'docs/schema/published.graphql';
const CHANGE_RECORD = 'docs/api-changes.md';
/** The section of CHANGE_RECORD that lists the breaking changes since the published schema. */
const UNPUBLISHED_HEADING = '## Since the published schema';

const read = (path: string) => readFileSync(resolve(REPO_ROOT, path), 'utf8');
const served = printSortedSchema(await buildGraphqlSchema());

/**
 * The schema coordinate a breaking change is about (`Type`, `Type.field`, `Type.field(arg:)`,
 * `Enum.VALUE`, `@directive`, `@directive(arg:)`), read from graphql's description of it.
 */
function coordinateOf(change: BreakingChange): string {
  const match = (pattern: RegExp): string[] => {
    const found = pattern.exec(change.description);
    if (!found) throw new Error(`no coordinate in "${change.description}" (${change.type})`);
    return found.slice(1);
  };
  switch (change.type) {
    case BreakingChangeType.TYPE_REMOVED:
    case BreakingChangeType.TYPE_CHANGED_KIND:
    case BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED:
      return match(/^(?:Standard scalar )?(\w+) /)[0]!;
    case BreakingChangeType.TYPE_REMOVED_FROM_UNION:
      return match(/ union type (\w+)\.$/)[0]!;
    case BreakingChangeType.VALUE_REMOVED_FROM_ENUM: {
      const [value, type] = match(/^(\w+) was removed from enum type (\w+)\.$/);
      return `${type}.${value}`;
    }
    case BreakingChangeType.REQUIRED_INPUT_FIELD_ADDED: {
      const [field, type] = match(/^A required field (\w+) on input type (\w+) /);
      return `${type}.${field}`;
    }
    case BreakingChangeType.FIELD_REMOVED:
    case BreakingChangeType.FIELD_CHANGED_KIND:
      return match(/^(\w+\.\w+) /)[0]!;
    case BreakingChangeType.REQUIRED_ARG_ADDED: {
      const [arg, field] = match(/^A required arg (\w+) on (\w+\.\w+) /);
      return `${field}(${arg}:)`;
    }
    case BreakingChangeType.ARG_REMOVED:
    case BreakingChangeType.ARG_CHANGED_KIND: {
      const [field, arg] = match(/^(\w+\.\w+) arg (\w+) /);
      return `${field}(${arg}:)`;
    }
    case BreakingChangeType.DIRECTIVE_REMOVED:
      return `@${match(/^(\w+) was removed\.$/)[0]}`;
    case BreakingChangeType.DIRECTIVE_ARG_REMOVED: {
      const [arg, directive] = match(/^(\w+) was removed from (\w+)\.$/);
      return `@${directive}(${arg}:)`;
    }
    case BreakingChangeType.REQUIRED_DIRECTIVE_ARG_ADDED: {
      const [arg, directive] = match(/^A required arg (\w+) on directive (\w+) /);
      return `@${directive}(${arg}:)`;
    }
    case BreakingChangeType.DIRECTIVE_REPEATABLE_REMOVED:
    case BreakingChangeType.DIRECTIVE_LOCATION_REMOVED:
      return `@${match(/ from (\w+)\.$/)[0]}`;
  }
}

/** `Type.field(arg)` and `Type.field(arg:)` name the same argument. */
const normalise = (coordinate: string) => coordinate.replace(/\((\w+)\)$/, '($1:)');

/**
 * The recorded breaking changes: the list items of the "since the published schema" section,
 * each "- `coordinate`: reason". A line that starts like an item but names no coordinate or no
 * reason is returned in `malformed`, so a careless record fails rather than counts.
 */
function readRecordedChanges(markdown: string): { recorded: Map<string, string>; malformed: string[] } {
  const recorded = new Map<string, string>();
  const malformed: string[] = [];
  let inSection = false;
  for (const line of markdown.split('\n')) {
    if (/^#{1,2} /.test(line)) inSection = line.trim() === UNPUBLISHED_HEADING;
    if (!inSection || !/^\s*[-*] /.test(line)) continue;
    const item = /^\s*[-*] `([^`]+)`\s*:\s*(\S.*)$/.exec(line);
    if (item) recorded.set(normalise(item[1]!.trim()), item[2]!.trim());
    else malformed.push(line.trim());
  }
  return { recorded, malformed };
}

/** Compares two schemas: the breaking changes nobody recorded, and records that match no change. */
function auditChanges(published: GraphQLSchema, current: GraphQLSchema, recorded: Map<string, string>) {
  const changes = findBreakingChanges(published, current).map((change) => ({ coordinate: coordinateOf(change), description: change.description }));
  return {
    unrecorded: changes.filter((change) => !recorded.has(change.coordinate)).map((change) => `${change.coordinate}: ${change.description}`),
    stale: [...recorded.keys()].filter((coordinate) => !changes.some((change) => change.coordinate === coordinate)),
  };
}

describe('the served schema', () => {
  it('is the committed schema.graphql (run `pnpm schema:emit` after changing the API)', () => {
    expect(served).toBe(read('schema.graphql'));
  });

  it(`breaks nothing of the published schema (${PUBLISHED_SCHEMA}) that ${CHANGE_RECORD} does not record`, () => {
    const { recorded, malformed } = readRecordedChanges(read(CHANGE_RECORD));
    expect(malformed, `entries of "${UNPUBLISHED_HEADING}" must read "- \`Type.field\`: reason"`).toEqual([]);
    const { unrecorded, stale } = auditChanges(buildSchema(read(PUBLISHED_SCHEMA)), buildSchema(served), recorded);
    expect(unrecorded, `breaking changes against ${PUBLISHED_SCHEMA}: record each in ${CHANGE_RECORD} with its reason, or undo it`).toEqual([]);
    expect(stale, `recorded in ${CHANGE_RECORD} but not a breaking change against ${PUBLISHED_SCHEMA}: remove it, or move it under its published version`).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    const schema = buildSchema(served);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      // The root types are described by their fields; type-graphql gives them no description.
      if (!type.description && type.name !== 'Query' && type.name !== 'Mutation') missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the contract check', () => {
  const before = buildSchema(`
    type Query { user(id: ID!): User, users(first: Int): [User!]! }
    type User { id: ID!, email: String!, role: Role! }
    enum Role { ADMIN CLINICIAN }
    input Filter { role: Role }
    directive @cost(weight: Int) on FIELD_DEFINITION
  `);
  const none = new Map<string, string>();

  it('accepts additions: types, fields, optional arguments and input fields, enum values', () => {
    const after = buildSchema(`
      type Query { user(id: ID!, active: Boolean): User, users(first: Int): [User!]!, clinics: [Clinic!]! }
      type User { id: ID!, email: String!, role: Role!, active: Boolean! }
      type Clinic { id: ID! }
      enum Role { ADMIN CLINICIAN FINANCE }
      input Filter { role: Role, active: Boolean }
      directive @cost(weight: Int) on FIELD_DEFINITION
    `);
    expect(auditChanges(before, after, none)).toEqual({ unrecorded: [], stale: [] });
  });

  it('names every kind of breaking change by its coordinate, and accepts it once recorded', () => {
    const after = buildSchema(`
      type Query { user(id: String!, tenant: ID!): User }
      type User { id: ID!, email: String, role: Role }
      enum Role { ADMIN }
      input Filter { role: Role, clinicId: ID! }
      directive @cost on FIELD_DEFINITION
    `);
    // `Int` too: graphql drops a standard scalar nothing refers to any more.
    const expected = ['Query.users', 'Query.user(id:)', 'Query.user(tenant:)', 'User.email', 'User.role', 'Role.CLINICIAN', 'Filter.clinicId', '@cost(weight:)', 'Int'];
    const { unrecorded } = auditChanges(before, after, none);
    expect(unrecorded.map((line) => line.slice(0, line.indexOf(': '))).sort()).toEqual([...expected].sort());

    const { recorded } = readRecordedChanges(
      ['# Changes', '## Published 2026-01-01', '- `Query.users`: an old record does not count', UNPUBLISHED_HEADING, ...expected.map((c) => `- \`${c.replace(':)', ')')}\`: a reason`)].join('\n'),
    );
    expect(auditChanges(before, after, recorded)).toEqual({ unrecorded: [], stale: [] });
    recorded.delete('User.email');
    expect(auditChanges(before, after, recorded).unrecorded).toEqual(['User.email: User.email changed type from String! to String.']);
  });

  it('refuses a record without a reason, and one that matches no change', () => {
    const { recorded, malformed } = readRecordedChanges([UNPUBLISHED_HEADING, '- `User.email`:', '- User.role: no backticks', '- `Query.user`: removed'].join('\n'));
    expect(malformed).toEqual(['- `User.email`:', '- User.role: no backticks']);
    expect(auditChanges(before, before, recorded).stale).toEqual(['Query.user']);
  });
});
