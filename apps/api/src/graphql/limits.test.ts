import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildSchema as buildSdl,
  getIntrospectionQuery,
  graphql,
  isObjectType,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@clinic/domain';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { createLogger } from '../logger.js';
import { createServer } from '../server.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { buildGraphqlSchema } from './schema.js';
import { callFieldResolversDirectly, readPlainFieldsDirectly } from './plain-fields.js';
import { toGlobalId } from './global-id.js';
import { stopResolversAfterDeadline } from '../http/request-deadline.js';
import {
  DEFAULT_STRING_LIMIT,
  FIELD_COSTS,
  LIST_SIZES,
  MAX_BATCH,
  MAX_COMPLEXITY,
  MAX_DEPTH,
  MAX_TOKENS,
  STRING_LIMITS,
  analyseOperation,
  controlCharacterIn,
} from './limits.js';

let db: TestDatabase;
let server: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer({ database: { orm: db.orm, isReachable: async () => true } });
  schema = await buildGraphqlSchema();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

type Answer = { errors?: Array<{ message?: string; extensions?: { code?: string; field?: string[] } }> };

async function post(body: unknown, url = server.url) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

async function get(search: string) {
  const response = await fetch(`${server.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as Answer };
}

const codeOf = (answer: { body: Answer }) => answer.body.errors?.[0]?.extensions?.code;

function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  return analyseOperation(schema, document, operation, variables);
}

/** node -> packagePurchase -> progress -> appointments, repeated: 1 + 3 * rounds fields deep. */
function nested(rounds: number): string {
  let query = 'id';
  for (let round = 0; round < rounds; round += 1) query = `packagePurchase { progress { appointments { ${query} } } }`;
  return `{ node(id: "x") { ... on Appointment { ${query} } } }`;
}

describe('the cost table', () => {
  it('names only fields that exist', () => {
    const exists = (key: string) => {
      const [typeName, field] = key.split('.') as [string, string];
      if (typeName === 'Query' && (field === '__schema' || field === '__type')) return true;
      const type = schema.getType(typeName) as { getFields?: () => Record<string, unknown> } | undefined;
      return Boolean(type?.getFields?.()[field]);
    };
    expect([...Object.keys(FIELD_COSTS), ...Object.keys(LIST_SIZES)].filter((key) => !exists(key))).toEqual([]);
    const inputExists = (key: string) => {
      const [typeName, field] = key.split('.') as [string, string];
      const type = schema.getType(typeName) as { getFields?: () => Record<string, unknown> } | undefined;
      return Boolean(type?.getFields?.()[field]);
    };
    expect(Object.keys(STRING_LIMITS).filter((key) => !inputExists(key))).toEqual([]);
  });

  it('costs every root field that reads the database at least 50, and every mutation at least 100, listed or not', () => {
    const rootCost = (kind: 'query' | 'mutation', name: string) => costOf(`${kind} { ${name} }`).cost;
    const queries = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter((name) => name !== 'health' && name !== 'viewer');
    expect(queries.filter((name) => rootCost('query', name) < 50)).toEqual([]);
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.filter((name) => rootCost('mutation', name) < 100)).toEqual([]);
    expect(rootCost('query', 'health')).toBe(1);
    expect(rootCost('query', '__typename')).toBeCloseTo(0.1);
    expect(rootCost('mutation', '__typename')).toBeCloseTo(0.1);
  });

  it('costs aliases of a database field as many times as they run', () => {
    const one = costOf('{ appointments(first: 1) { totalCount } }').cost;
    // A leaf (totalCount) costs a tenth: it only serialises a value.
    expect(one).toBeCloseTo(FIELD_COSTS['Query.appointments']! + 0.1);
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: appointments(first: 1) { totalCount }`).join(' ');
    expect(costOf(`{ ${aliases} }`).cost).toBeCloseTo(100 * one);
  });

  it('costs a list by its page size, from a literal or a variable, else its declared size', () => {
    const page = (first: number) => costOf('query($n: Int) { patients(first: $n) { id nameEn } }', { n: first }).cost;
    expect(page(100) - page(10)).toBeCloseTo(90 * 2 * 0.1);
    expect(costOf('{ patients { id nameEn } }').cost).toBeCloseTo(page(LIST_SIZES['Query.patients']!));
  });

  it('costs introspection like any field, and counts __schema and __type', () => {
    const small = costOf('{ __schema { queryType { name } } }');
    expect(small.introspectionFields).toBe(1);
    expect(small.cost).toBeCloseTo(FIELD_COSTS['Query.__schema']! + 1 + 0.1);
    expect(costOf('{ a: __schema { queryType { name } } b: __type(name: "Query") { name } }').introspectionFields).toBe(2);
    // Through a fragment spread twice: counted twice.
    expect(costOf('{ ...S ...S } fragment S on Query { __schema { queryType { name } } }').introspectionFields).toBe(2);
  });

  it('costs a fragment once however deeply fragments spread each other', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const started = performance.now();
    const { cost } = costOf(`{ ...F0 } ${fragments} fragment F40 on Query { health }`);
    expect(performance.now() - started).toBeLessThan(50);
    expect(cost).toBe(2 ** 40);
  });

  it('finds the first string input over its limit, in literals, variables, lists and nested inputs', () => {
    const long = 'x'.repeat(DEFAULT_STRING_LIMIT + 1);
    expect(costOf(`{ patients(search: "${long}") { id } }`).tooLong).toEqual({ path: ['patients', 'search'], length: 201, limit: 200 });
    expect(
      costOf('mutation($input: CreatePackageInput!) { createPackage(input: $input) { package { id } } }', {
        input: { nameEn: 'a', nameAr: 'b', description: 'd'.repeat(2_000), price: '1', validityDays: 1, services: [{ serviceId: long, sessions: 1 }] },
      }).tooLong,
    ).toEqual({ path: ['createPackage', 'input', 'services', '0', 'serviceId'], length: 201, limit: 200 });
    expect(
      costOf('mutation($input: CreatePackageInput!) { createPackage(input: $input) { package { id } } }', {
        input: { nameEn: 'a', nameAr: 'b', description: 'd'.repeat(2_000), price: '1', validityDays: 1, services: [] },
      }).tooLong,
    ).toBeUndefined();
  });

  it('finds control characters in any string or key, and lets tab and line breaks through', () => {
    expect(controlCharacterIn({ query: '{ a }\n\t\r', variables: { input: { name: 'ok' } } })).toBeUndefined();
    expect(controlCharacterIn({ variables: { input: { names: ['ok', 'a\u0000b'] } } })).toEqual(['variables', 'input', 'names', '1']);
    expect(controlCharacterIn({ variables: { 'a\u007f': 1 } })).toEqual(['variables', 'a\u007f']);
    expect(controlCharacterIn({ x: '\u001b[31m' })).toEqual(['x']);
  });
});

/** Every .graphql file of the web app, as one document (fragments are shared across files). */
function webOperations(): { document: ReturnType<typeof parse>; operations: OperationDefinitionNode[] } {
  const root = resolve(import.meta.dirname, '../../../web/src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.graphql')) files.push(path);
    }
  };
  walk(root);
  const document = parse(files.map((file) => readFileSync(file, 'utf8')).join('\n'));
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return { document, operations };
}

/** What Apollo Client sends: `__typename` in every selection below the operation's root. */
function withTypenames(document: DocumentNode): DocumentNode {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return visit(document, {
    SelectionSet(node, _key, parent) {
      if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

describe("the web app's operations", () => {
  it('each costs well under the budget, with the largest page the API allows', () => {
    const { document, operations } = webOperations();
    expect(operations.length).toBeGreaterThan(10);
    const costs = operations.map((operation) => {
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).filter((v) => v.variable.name.value === 'first').map((v) => [v.variable.name.value, 100]),
      );
      const single = withTypenames({ ...document, definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation) });
      const sent = single.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return { name: operation.name?.value, cost: Math.ceil(analyseOperation(schema, single, sent, variables).cost) };
    });
    console.log(`[limits] web operations: ${costs.map((c) => `${c.name} ${c.cost}`).join(', ')}`);
    expect(costs.filter((c) => c.cost > MAX_COMPLEXITY)).toEqual([]);
  });

  it('the standard introspection query fits, and parses within the token limit', () => {
    const { cost, introspectionFields } = costOf(getIntrospectionQuery());
    console.log(`[limits] standard introspection query: cost ${cost}`);
    expect(cost).toBeLessThan(MAX_COMPLEXITY);
    expect(introspectionFields).toBe(1);
  });
});

describe('protection over HTTP', () => {
  it(`refuses an operation nested deeper than ${MAX_DEPTH} fields before running it`, async () => {
    const allowed = await post({ query: nested(2) });
    expect(codeOf(allowed)).toBe('UNAUTHENTICATED');
    // Deep but cheap (no lists): the depth refuses it.
    let chain = 'id';
    for (let level = 0; level < 5; level += 1) chain = `progress { packagePurchase { ${chain} } }`;
    const { status, body } = await post({ query: `{ node(id: "x") { ... on PackagePurchase { ${chain} } } }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/fields deep; at most 10/);
  });

  it('counts introspection in the depth', async () => {
    // Types inside types: 8 deep within __type, cheap by the estimate, refused by the depth.
    const { status, body } = await post({ query: '{ __type(name: "Query") { fields { type { fields { type { fields { type { name } } } } } } } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/reads the schema 8 fields deep; at most 7/);
  });

  it('refuses an operation whose estimated cost is too high, with a readable message', async () => {
    const { status, body } = await post({
      query: '{ patients(first: 100) { packagePurchases { progress { appointments { history { operation } } } } } }',
    });
    expect(status).toBe(400);
    expect(codeOf({ body })).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(new RegExp(`^The operation costs \\d+; at most ${MAX_COMPLEXITY} is allowed`));
  });

  it('refuses 1,000 aliases of appointments(first: 1), which cost what they would run', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: appointments(first: 1) { totalCount }`).join(' ');
    const { status, body } = await post({ query: `{ ${aliases} }` });
    expect(status).toBe(400);
    expect(codeOf({ body })).toBe('QUERY_TOO_COMPLEX');
  });

  it('adds up the operations of a batch: each fits, together they do not', async () => {
    const aliases = Array.from({ length: 9 }, (_, i) => `a${i}: clinics { id }`).join(' ');
    const one = { query: `{ ${aliases} }` };
    const alone = await post(one);
    expect(codeOf(alone)).toBe('UNAUTHENTICATED');
    const batch = await post([one, one]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors?.[0]?.message).toMatch(/^The 2 operations of this request cost \d+/);
  });

  it('answers one __schema per request, anonymous, and refuses a second one in the same request or batch', async () => {
    const one = { query: '{ __schema { queryType { name } } }' };
    const alone = await post(one);
    expect(alone.status).toBe(200);
    const aliased = await post({ query: '{ a: __schema { queryType { name } } b: __schema { queryType { name } } }' });
    expect(aliased.status).toBe(400);
    expect(aliased.body.errors?.[0]?.message).toMatch(/at most 1 time/);
    const batched = await post([one, { query: '{ __type(name: "Query") { name } }' }]);
    expect(batched.status).toBe(400);
    expect(codeOf(batched)).toBe('QUERY_TOO_COMPLEX');
  });

  it(`refuses a request of more than ${MAX_TOKENS} tokens before parsing the rest`, async () => {
    const { status, body } = await post({ query: `{ ${'health '.repeat(MAX_TOKENS)} }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('counts a query text it has parsed before against the token budget, and refuses its control characters, as the first time', async () => {
    // 502 tokens (with the start and the end): remembered once answered; the sixth copy of a batch is over the limit.
    const text = { query: `{ ${'health '.repeat(498)} }` };
    expect((await post(text)).status).toBe(200);
    expect((await post(text)).status).toBe(200);
    const batch = await post(Array.from({ length: 7 }, () => text));
    expect(batch.status).toBe(400);
    expect(codeOf(batch)).toBe('QUERY_TOO_COMPLEX');
    expect(batch.body.errors?.[0]?.message).toMatch(/tokens \(operation 6 of the batch\)/);
    const control = { query: '{ patients(search: "a\\u0000b") { id } }' };
    for (let time = 0; time < 2; time += 1) {
      const refused = await post(control);
      expect(refused.status).toBe(400);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
  });

  it(`answers a batch of up to ${MAX_BATCH} operations and refuses a larger one`, async () => {
    const one = { query: '{ health }' };
    const small = await post(Array.from({ length: MAX_BATCH }, () => one));
    expect(small.status).toBe(200);
    expect(small.body).toHaveLength(MAX_BATCH);
    const large = await post(Array.from({ length: MAX_BATCH + 1 }, () => one));
    expect(large.status).toBe(400);
  });

  it('refuses a body over 1 MB without parsing it', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ health } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a simple cross-site form post (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=%7Bhealth%7D`, { method: 'GET' });
    expect(response.status).toBe(400);
  });

  it('does not take automatic persisted queries', async () => {
    const answer = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } }, query: '{ health }' });
    expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('answers a variable of the wrong type with a 400 validation error, not a fault', async () => {
    const { status, body } = await post({ query: 'query($n: Int) { patients(first: $n) { id } }', variables: { n: 'ten' } });
    expect(status).toBe(400);
    expect(codeOf({ body })).toBe('BAD_USER_INPUT');
  });
});

describe('input hygiene over HTTP', () => {
  const refusedAsBadInput = (answer: { status: number; body: Answer }) => {
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/control characters/);
  };

  it('refuses NUL and other control characters from every source with 400 BAD_USER_INPUT', async () => {
    const mutation = 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }';
    // Escaped in JSON variables, NUL and the others.
    for (const character of ['\u0000', '\u0001', '\u001b', '\u007f']) {
      refusedAsBadInput(await post({ query: mutation, variables: { input: { mrn: `A${character}`, nameEn: 'x' } } }));
    }
    // A raw byte in the JSON body.
    refusedAsBadInput(await post(`{"query":"{ health }","variables":{"x":"a\u0000b"}}`));
    // Inside a GraphQL string literal: \u0000, \u{0} and a block string.
    refusedAsBadInput(await post({ query: '{ patients(search: "a\\u0000b") { id } }' }));
    refusedAsBadInput(await post({ query: '{ patients(search: "a\\u{0}b") { id } }' }));
    refusedAsBadInput(await post({ query: `{ patients(search: """a${'\u0007'}b""") { id } }` }));
    // A GET query string.
    refusedAsBadInput(await get(`query=${encodeURIComponent('{ patients(search: "a\\u{0}") { id } }')}`));
    refusedAsBadInput(await get(`query=${encodeURIComponent('query($s: String) { patients(search: $s) { id } }')}&variables=${encodeURIComponent('{"s":"\\u0000"}')}`));
  });

  it('lets tab, line breaks and any other text through', async () => {
    const answer = await post({ query: '{\n\thealth\r\n}', variables: { note: 'مرحبا\t🙂\n' } });
    expect(answer.status).toBe(200);
  });

  it('refuses a string input over its limit, naming the field, in a literal or a variable', async () => {
    const literal = await post({ query: `{ patients(search: "${'x'.repeat(300_000)}") { id } }` });
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['patients', 'search'] });
    expect(literal.body.errors?.[0]?.message).toBe('patients.search holds 300000 characters; at most 200 are allowed.');
    const variable = await post({
      query: 'mutation($input: CreateClinicInput!) { createClinic(input: $input) { clinic { id } } }',
      variables: { input: { nameEn: 'n'.repeat(201), nameAr: 'x' } },
    });
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0]?.extensions?.field).toEqual(['createClinic', 'input', 'nameEn']);
  });
});

describe('the schema as served', () => {
  it('reads a plain field straight from its object, and keeps the resolver of every field type-graphql resolves', async () => {
    const served = await buildGraphqlSchema();
    const before = new Map<string, unknown>();
    for (const type of Object.values(served.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const [name, field] of Object.entries(type.getFields())) before.set(`${type.name}.${name}`, field.resolve);
    }
    const changed = readPlainFieldsDirectly(served);
    expect(changed).toBeGreaterThan(100);
    const fieldOf = (type: string, name: string) => {
      const found = served.getType(type);
      if (!isObjectType(found)) throw new Error(type);
      return found.getFields()[name];
    };
    // A plain property: read as it is.
    const nameEn = fieldOf('Patient', 'nameEn');
    expect(nameEn?.resolve).not.toBe(before.get('Patient.nameEn'));
    expect(nameEn?.resolve?.({ nameEn: 'Yousef' }, {}, {}, {} as never)).toBe('Yousef');
    // Field resolvers (relations, computed fields, the global id) keep theirs.
    for (const key of ['Appointment.patient', 'Appointment.canReschedule', 'Patient.id', 'PackagePurchase.progress', 'Query.packageProgress']) {
      const [type, name] = key.split('.') as [string, string];
      expect(fieldOf(type, name)?.resolve, key).toBe(before.get(key));
    }
    // Field resolver methods of root and context only are then called straight; one with an
    // argument (type-graphql converts it) and the root fields keep type-graphql's.
    expect(callFieldResolversDirectly(served)).toBeGreaterThan(100);
    const id = fieldOf('Patient', 'id');
    expect(id?.resolve).not.toBe(before.get('Patient.id'));
    const patientId = '00000000-0000-4000-8000-000000000001';
    expect(id?.resolve?.({ id: patientId }, {}, {}, {} as never)).toBe(toGlobalId('Patient', patientId));
    for (const key of ['Appointment.consequenceOf', 'Query.packageProgress']) {
      const [type, name] = key.split('.') as [string, string];
      expect(fieldOf(type, name)?.resolve, key).toBe(before.get(key));
    }
  });
});

describe('deadlines', () => {
  it('starts no resolver once the request is past its deadline', async () => {
    const tiny = stopResolversAfterDeadline(buildSdl('type Query { a: String b: Int }'));
    let started = 0;
    const rootValue = {
      a: () => {
        started += 1;
        return 'x';
      },
      b: 2,
    };
    const passed = new AbortController();
    passed.abort();
    const late = await graphql({ schema: tiny, source: '{ a b }', rootValue, contextValue: { deadline: passed.signal } });
    expect(started).toBe(0);
    expect(late.errors?.map((error) => error.extensions['code'])).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
    const inTime = await graphql({ schema: tiny, source: '{ a b }', rootValue, contextValue: { deadline: new AbortController().signal } });
    expect(inTime).toEqual({ data: { a: 'x', b: 2 } });
    expect(started).toBe(1);
  });

  it('answers 503 SERVICE_UNAVAILABLE when PostgreSQL cancels a statement (statement_timeout), never a fault', async () => {
    const database = await openDatabase({ databaseUrl: db.url, dataDir: '/nonexistent', poolSize: 2, statementTimeoutMs: 200 });
    const { orm } = database;
    const slow = await startTestServer({ database });
    const locker = await db.sql.connect();
    try {
      const rows = await orm.em.getConnection().execute<Array<{ statement_timeout: string }>>('show statement_timeout');
      expect(rows[0]?.statement_timeout).toBe('200ms');
      // A login reads the user table; a lock held elsewhere keeps it waiting past the timeout.
      await locker.query('begin');
      await locker.query('lock table app_user in access exclusive mode');
      const answer = await post(
        { query: 'mutation { login(input: { email: "a@b.test", password: "whatever-it-is" }) { token } }' },
        slow.url,
      );
      expect(answer.status).toBe(503);
      expect(codeOf(answer)).toBe('SERVICE_UNAVAILABLE');
      expect(answer.body.errors?.[0]?.message).toMatch(/took too long/);
      expect(JSON.stringify(answer.body)).not.toMatch(/select|user/i);
    } finally {
      await locker.query('rollback');
      locker.release();
      await slow.close();
      await database.close();
    }
  });

  it('answers 503 when a request passes REQUEST_TIMEOUT_MS, and abandons its work', async () => {
    const locker = await db.sql.connect();
    const logger = createLogger({ level: 'silent' });
    const quick = await createServer({
      database: { orm: db.orm, isReachable: async () => true },
      config: { webDist: '/nonexistent', requestTimeoutMs: 150 },
      logger,
      now: () => new Date('2026-03-02T09:00:00Z'),
    });
    const { url } = await quick.listen(0, '127.0.0.1');
    try {
      await locker.query('begin');
      await locker.query('lock table app_user in access exclusive mode');
      const started = performance.now();
      const answer = await post({ query: 'mutation { login(input: { email: "a@b.test", password: "whatever-it-is" }) { token } }' }, url);
      const ms = performance.now() - started;
      expect(answer.status).toBe(503);
      expect(codeOf(answer)).toBe('SERVICE_UNAVAILABLE');
      expect(answer.body.errors?.[0]?.message).toMatch(/longer than 150 ms/);
      expect(ms).toBeLessThan(5_000);
      await locker.query('rollback');
      // The abandoned work finishes into nothing; the server goes on answering.
      const after = await post({ query: '{ health }' }, url);
      expect(after.status).toBe(200);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      locker.release();
      await quick.close();
    }
  });
});
