import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, findBreakingChanges, isInputObjectType, isObjectType, isInterfaceType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.js';
import { buildGraphqlSchema, printSortedSchema } from './schema.js';

const served = printSortedSchema(await buildGraphqlSchema());

describe('the served schema', () => {
  it('is the committed schema.graphql (run `pnpm schema:emit` after changing the API)', () => {
    expect(served).toBe(readFileSync(resolve(REPO_ROOT, 'schema.graphql'), 'utf8'));
  });

  it('serves every type, field and argument of the public contract', () => {
    const contract = buildSchema(readFileSync(resolve(REPO_ROOT, '../shared/api-contract.graphql'), 'utf8'));
    expect(findBreakingChanges(contract, buildSchema(served)).map((change) => change.description)).toEqual([]);
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
