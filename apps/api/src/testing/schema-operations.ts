import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { buildGraphqlSchema } from '../graphql/schema.js';

/**
 * The schema the server serves, built by the same code. (Not read by introspection over HTTP:
 * the cost limit refuses the standard introspection query; graphql-over-http.test.ts has that.)
 */
export function servedSchema(): Promise<GraphQLSchema> {
  return buildGraphqlSchema();
}

export interface RootOperation {
  kind: 'query' | 'mutation';
  /** The root field, e.g. "bookAppointment". */
  field: string;
  document: string;
  variables: Record<string, unknown>;
  /** The paths of the ID arguments and input fields that were filled, e.g. "input.patientId". */
  ids: string[];
}

/**
 * Chooses the value of an ID argument or input field from its name (the last element of
 * `path`); undefined leaves an optional ID out and fills a required one with a dummy.
 */
export type IdFor = (name: string, path: readonly string[]) => string | undefined;

/** Plausible values, so that an operation gets past the checks of its shape to the ids. */
const STRINGS: Record<string, string> = {
  price: '100.00',
  email: 'nobody@example.test',
  password: 'not-the-password',
  timeZone: 'Asia/Riyadh',
  startTime: '08:00',
  endTime: '12:00',
  mrn: 'MRN-TEST-1',
  code: 'TEST-CODE',
};
const INTS: Record<string, number> = {
  validityDays: 30,
  sessions: 1,
  durationMinutes: 45,
  weekday: 0,
  first: 10,
  sessionNumber: 1,
  lateCancellationWindowHours: 24,
};

function scalarValue(typeName: string, name: string): unknown {
  switch (typeName) {
    case 'String':
      return STRINGS[name] ?? 'tenant matrix';
    case 'Int':
      return INTS[name] ?? 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return name === 'dateOfBirth' ? '2019-05-01' : name === 'endDate' ? '2026-12-20' : '2026-12-01';
    case 'DateTime':
      return name === 'endsAt' || name === 'to' ? '2026-12-02T12:00:00+03:00' : '2026-12-01T09:00:00+03:00';
    default:
      return 'x';
  }
}

function valueOf(type: GraphQLInputType, name: string, path: string[], idFor: IdFor, ids: string[], required: boolean): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name, path, idFor, ids, true);
  if (isListType(type)) {
    const element = valueOf(type.ofType, name, path, idFor, ids, required);
    return element === undefined ? undefined : [element];
  }
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const object: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      const value = valueOf(field.type, field.name, [...path, field.name], idFor, ids, false);
      if (value !== undefined) object[field.name] = value;
    }
    return object;
  }
  if (named.name === 'ID') {
    const id = idFor(name, path);
    if (id !== undefined) {
      ids.push(path.join('.'));
      return id;
    }
    return required ? 'not-an-id' : undefined;
  }
  if (!required) return undefined;
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isScalarType(named)) return scalarValue(named.name, name);
  return undefined;
}

/** Leaves and one level of objects below, so that any data in the answer shows. */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const inner = getNamedType(field.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selectionOf(field.type, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** One operation per root field of the schema, with every required argument filled. */
export function rootOperations(schema: GraphQLSchema, idFor: IdFor = () => undefined): RootOperation[] {
  const roots: Array<['query' | 'mutation', ReturnType<GraphQLSchema['getQueryType']>]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  const operations: RootOperation[] = [];
  for (const [kind, root] of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const ids: string[] = [];
      const variables: Record<string, unknown> = {};
      const declarations: string[] = [];
      const uses: string[] = [];
      for (const arg of field.args) {
        const value = valueOf(arg.type, arg.name, [arg.name], idFor, ids, false);
        if (value === undefined) continue;
        variables[arg.name] = value;
        declarations.push(`$${arg.name}: ${arg.type.toString()}`);
        uses.push(`${arg.name}: $${arg.name}`);
      }
      const head = declarations.length ? `(${declarations.join(', ')})` : '';
      const args = uses.length ? `(${uses.join(', ')})` : '';
      const selection = selectionOf(field.type, field.name === 'node' ? 0 : 1);
      operations.push({
        kind,
        field: field.name,
        document: `${kind} Op${head} { ${field.name}${args} ${selection} }`,
        variables,
        ids,
      });
    }
  }
  return operations;
}
