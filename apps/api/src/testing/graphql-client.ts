import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLFormattedError } from 'graphql';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from '@clinic/domain';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { createLogger, type Logger } from '../logger.js';
import { createServer } from '../server.js';
import type { LogLine } from './test-server.js';

import { NOW } from './seeded-template.js';

export { NOW };

/** The key the test server signs session tokens with, so tests can forge expired or foreign ones. */
export const TEST_SESSION_SECRET = new TextEncoder().encode('api-tests-session-secret-of-32-bytes!');

export const DEMO_EMAILS = {
  admin: 'admin@alnoor.test',
  reception: 'reception@alnoor.test',
  finance: 'finance@alnoor.test',
  clinician: 'clinician@alnoor.test',
  otherAdmin: 'admin@darshifa.test',
  otherReception: 'reception@darshifa.test',
} as const;

/** What one HTTP exchange with /graphql answered. */
/** The `userErrors` of any mutation payload. */
export interface UserErrors {
  userErrors: Array<{ code: string; message: string; field: string[] | null }>;
}

export interface GraphqlAnswer<T> {
  status: number;
  headers: Headers;
  /** The body as sent, for assertions that nothing internal leaks. */
  text: string;
  data: T | null | undefined;
  errors: GraphQLFormattedError[] | undefined;
}

/** Posts a JSON body to /graphql and reads the answer, whatever it is. */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: { data?: T | null; errors?: GraphQLFormattedError[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // not JSON: the caller looks at status and text
  }
  return { status: response.status, headers: response.headers, text, data: parsed.data, errors: parsed.errors };
}

/** A caller of the API: anonymous, or with the bearer token of a signed-in user. */
export class GraphqlClient {
  constructor(
    readonly url: string,
    readonly token: string | null = null,
  ) {}

  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    return postGraphql<T>(this.url, { query, variables }, headers);
  }

  /**
   * Several operations in one HTTP request (a JSON array): each one's answer in order, or null
   * with the request's own answer when it was refused as a whole (e.g. over the request's budget).
   */
  async batch<T = Record<string, unknown>>(
    operations: ReadonlyArray<{ query: string; variables?: Record<string, unknown> }>,
  ): Promise<{ whole: GraphqlAnswer<unknown>; parts: Array<GraphqlAnswer<T>> | null }> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    const whole = await postGraphql<unknown>(this.url, operations, headers);
    let body: unknown;
    try {
      body = JSON.parse(whole.text);
    } catch {
      return { whole, parts: null };
    }
    if (whole.status !== 200 || !Array.isArray(body) || body.length !== operations.length) return { whole, parts: null };
    const parts = (body as Array<{ data?: T | null; errors?: GraphQLFormattedError[] }>).map((part) => ({
      status: whole.status,
      headers: whole.headers,
      text: JSON.stringify(part),
      data: part.data,
      errors: part.errors,
    }));
    return { whole, parts };
  }

  /** The data of an operation that must succeed without any GraphQL error. */
  async data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const answer = await this.request<T>(query, variables);
    if (answer.status !== 200 || answer.errors?.length || answer.data == null) {
      throw new Error(`expected data, got HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
    }
    return answer.data;
  }

  /** The GraphQL errors of an operation that must fail, with its data (null or partial). */
  async failure<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T> & { errors: GraphQLFormattedError[] }> {
    const answer = await this.request<T>(query, variables);
    if (!answer.errors?.length) throw new Error(`expected errors, got HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
    return answer as GraphqlAnswer<T> & { errors: GraphQLFormattedError[] };
  }
}

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { token user { id email role } userErrors { code message field } }
  }
`;

/** Signs in over HTTP and answers a client carrying the token. */
export async function signIn(url: string, email: string, password = DEMO_PASSWORD): Promise<GraphqlClient> {
  const data = await new GraphqlClient(url).data<{ login: { token: string | null; userErrors: unknown[] } }>(LOGIN, {
    input: { email, password },
  });
  if (!data.login.token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(data.login.userErrors)}`);
  return new GraphqlClient(url, data.login.token);
}

export interface SeededApi {
  readonly db: TestDatabase;
  readonly url: string;
  readonly logLines: LogLine[];
  readonly anonymous: GraphqlClient;
  /** A signed-in client of that demo user; signed in once per file, then reused. */
  as(email: string): Promise<GraphqlClient>;
  close(): Promise<void>;
}

/**
 * A fresh migrated PostgreSQL of this test file with the demo data seeded at NOW, and the real
 * API server on a free port of 127.0.0.1 whose clock is NOW (or `now`, e.g. one that ticks).
 * `logQueries: false` for a file that sends tens of thousands of statements and never reads `db.queries`.
 */
export async function startSeededApi(options: { poolSize?: number; now?: () => Date; logQueries?: boolean } = {}): Promise<SeededApi> {
  // A copy of the demo data the global setup seeded once at NOW (testing/seeded-template.ts).
  const db = await createTestDatabase({
    poolSize: options.poolSize ?? 8,
    sqlPoolSize: 2,
    template: inject('seededTemplateDatabase'),
    logQueries: options.logQueries,
  });
  const logLines: LogLine[] = [];
  const logger: Logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) },
  });
  const webDist = mkdtempSync(join(tmpdir(), 'clinic-web-none-'));
  const server = await createServer({
    database: { orm: db.orm, isReachable: async () => true },
    config: { webDist },
    logger,
    now: options.now ?? (() => new Date(NOW)),
    sessionSecret: TEST_SESSION_SECRET,
  });
  const { url } = await server.listen(0, '127.0.0.1');
  const clients = new Map<string, Promise<GraphqlClient>>();
  return {
    db,
    url,
    logLines,
    anonymous: new GraphqlClient(url),
    as(email) {
      let client = clients.get(email);
      if (!client) {
        client = signIn(url, email);
        clients.set(email, client);
      }
      return client;
    },
    async close() {
      await server.close();
      rmSync(webDist, { recursive: true, force: true });
      await db.drop();
    },
  };
}

/** Plain SQL: the rows of a query, for checks that do not trust the API. */
export async function sqlRows<T = Record<string, unknown>>(db: TestDatabase, text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.sql.query(text, values)).rows as T[];
}

/** The global id the API gives a row: base64url of "Type:uuid". */
export function globalIdOf(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

/** The uuid inside a global id. */
export function uuidOf(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/**
 * A fingerprint of every row that a write could touch: statuses, times, usage, revocations.
 * Equal fingerprints before and after a refused call prove that it changed nothing.
 */
export async function stateFingerprint(db: TestDatabase): Promise<string> {
  const parts = await Promise.all([
    sqlRows(db, `select id, status, starts_at, ends_at, provider_id, session_consumed, status_reason, updated_at from appointment order by id`),
    sqlRows(db, `select id, status, sessions_used from package_purchase order by id`),
    sqlRows(db, `select id, status, paid_at from invoice order by id`),
    sqlRows(db, `select id, revoked_at from api_token order by id`),
  ]);
  return JSON.stringify({ counts: await db.rowCounts(), parts });
}

export interface Catalogue {
  clinics: Record<string, string>;
  providers: Record<string, string>;
  services: Record<string, string>;
  packages: Record<string, string>;
  patients: Record<string, string>;
}

/**
 * The global ids of a tenant's clinics (by English name), providers (by name), services (by
 * code), packages (by English name) and patients (by MRN), read over the API as that client.
 */
export async function loadCatalogue(client: GraphqlClient): Promise<Catalogue> {
  type Named = { id: string; nameEn?: string; name?: string; code?: string; mrn?: string };
  const data = await client.data<{ clinics: Named[]; providers: Named[]; services: Named[]; packages: Named[]; patients: Named[] }>(`{
    clinics { id nameEn }
    providers { id name }
    services { id code }
    packages { id nameEn }
    patients(first: 100) { id mrn }
  }`);
  const byKey = (rows: Named[], key: keyof Named) => Object.fromEntries(rows.map((row) => [String(row[key]), row.id]));
  return {
    clinics: byKey(data.clinics, 'nameEn'),
    providers: byKey(data.providers, 'name'),
    services: byKey(data.services, 'code'),
    packages: byKey(data.packages, 'nameEn'),
    patients: byKey(data.patients, 'mrn'),
  };
}

/** The global id of the one row a SQL query answers (its first column), e.g. a purchase by MRN. */
export async function globalIdFromSql(db: TestDatabase, type: string, text: string, values: unknown[] = []): Promise<string> {
  const rows = await sqlRows<Record<string, string>>(db, text, values);
  const first = rows[0];
  if (!first) throw new Error(`no row for ${text}`);
  return globalIdOf(type, Object.values(first)[0]!);
}

/** The purchase of a demo patient (by MRN): the newest one if several. */
export function purchaseOfPatient(db: TestDatabase, mrn: string): Promise<string> {
  return globalIdFromSql(
    db,
    'PackagePurchase',
    `select p.id from package_purchase p join patient pt on pt.id = p.patient_id where pt.mrn = $1 order by p.created_at desc limit 1`,
    [mrn],
  );
}

/** A package session of a demo patient (by MRN and session number), live or not. */
export function sessionOfPatient(db: TestDatabase, mrn: string, session: number, status?: string): Promise<string> {
  return globalIdFromSql(
    db,
    'Appointment',
    `select a.id from appointment a join patient pt on pt.id = a.patient_id
      where pt.mrn = $1 and a.session_number_in_package = $2 and ($3::text is null or a.status = $3)
      order by a.created_at desc limit 1`,
    [mrn, session, status ?? null],
  );
}

/** The code of the first problem in an answer: a GraphQL error's, or the field's first userError's. */
export function problemCode(answer: GraphqlAnswer<Record<string, unknown>>, field: string): string | undefined {
  const fromErrors = answer.errors?.[0]?.extensions?.['code'];
  if (typeof fromErrors === 'string') return fromErrors;
  const payload = answer.data?.[field] as { userErrors?: Array<{ code: string }> } | null | undefined;
  return payload?.userErrors?.[0]?.code;
}

/** Traces of internals that no answer may carry: stacks, file paths, SQL, driver messages. */
export const INTERNALS = [/\bat \S+ \(/, /node_modules/, /\.ts:\d+/, /stacktrace/i, /\bselect\b.*\bfrom\b/i, /\binsert into\b/i, /violates/i, /syntax for type/i, /DriverException/];

export function internalsIn(text: string): string[] {
  return INTERNALS.filter((pattern) => pattern.test(text)).map(String);
}
