import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startSession, type Role, type User } from '@clinic/domain';
import { createClinicFixture, type ClinicFixture } from '@clinic/domain/testing';
import { createServer, type ApiServer, type ServerDependencies } from '../../../apps/api/src/server.js';
import { createLogger } from '../../../apps/api/src/logger.js';
import { createSessions } from '../../../apps/api/src/auth/sessions.js';

/** Monday 2 March 2026 is the day everyone fights over; "now" is the Sunday before, 08:00 in Riyadh. */
export const FIXED_NOW = new Date('2026-03-01T05:00:00Z');
export const CONTESTED_DAY = '2026-03-02';

export interface LoggedLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface ApiUnderTest {
  readonly url: string;
  /** Every line the server logged at warn or above (a fault is logged as "unexpected error"). */
  readonly problems: LoggedLine[];
  /** A session token, exactly as `login` would issue it, for a user of the fixture. */
  token(user: { id: string; tenant: { id: string } }): Promise<string>;
  /** A token the server signed for this user, expired since yesterday. */
  expiredToken(user: { id: string; tenant: { id: string } }): Promise<string>;
  /** A well-formed token for this user signed with somebody else's secret. */
  foreignToken(user: { id: string; tenant: { id: string } }): Promise<string>;
  close(): Promise<void>;
}

/** The real API (createServer) on 127.0.0.1, a fixed clock, logging problems into memory. */
export async function startApi(database: ServerDependencies['database'], now: () => Date = () => FIXED_NOW): Promise<ApiUnderTest> {
  const problems: LoggedLine[] = [];
  const logger = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void problems.push(JSON.parse(line) as LoggedLine) },
  });
  const webDist = mkdtempSync(join(tmpdir(), 'clinic-reliability-noweb-'));
  const sessionSecret = randomBytes(32);
  const sessions = createSessions(sessionSecret, { ttlSeconds: 12 * 60 * 60, now });
  const server: ApiServer = await createServer({ database, config: { webDist }, logger, now, sessionSecret });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    url,
    problems,
    // A token names a live session row (its `sid`), so each helper opens one, as `login` does.
    token: async (user) => sessions.issue(await startSession(database.orm.em, user as User, { now: now(), ttlSeconds: 12 * 60 * 60 })),
    expiredToken: async (user) =>
      sessions.issue(await startSession(database.orm.em, user as User, { now: new Date(now().getTime() - 86_400_000), ttlSeconds: 60 })),
    foreignToken: async (user) =>
      createSessions(randomBytes(32), { ttlSeconds: 3600, now }).issue(await startSession(database.orm.em, user as User, { now: now(), ttlSeconds: 3600 })),
    async close() {
      await server.close();
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}

/** The domain's readiness probe, for a database handed over as a bare ORM. */
export function reachability(orm: MikroORM): () => Promise<boolean> {
  return async () => {
    try {
      await orm.em.getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  };
}

export async function tokensOf(api: ApiUnderTest, fx: ClinicFixture): Promise<Record<Role, string>> {
  const entries = await Promise.all(
    (Object.keys(fx.users) as Role[]).map(async (role) => [role, await api.token({ id: fx.users[role].id, tenant: { id: fx.tenant.id } })] as const),
  );
  return Object.fromEntries(entries) as Record<Role, string>;
}

export interface HttpAnswer {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } | undefined;
}

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json: HttpAnswer['json'];
  try {
    json = JSON.parse(text) as HttpAnswer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export function gql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<HttpAnswer> {
  return post(url, JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {});
}

export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

export { createClinicFixture };

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (;;) {
        const index = next;
        next += 1;
        if (index >= items.length) return;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

/**
 * Lines of a stack trace, file positions, or SQL that escaped into an answer. Every pattern is
 * linear in the text: answers may echo a 300,000-character input back.
 */
export const INTERNALS = [
  /\n\s+at\s+\S/,
  /\bat\s+[\w.<>$]+\s+\(/,
  /node_modules/,
  /\.(?:ts|js|mjs|cjs):\d+:\d+/,
  /"stacktrace"/,
  /DriverException|QueryFailedError|knex|MikroORM/i,
  /\b(?:syntax error at or near|violates (?:foreign key|check|unique|exclusion) constraint|invalid input syntax for|relation "[^"]+")/,
];

/** An account that can really sign in: the fixture's user of `role` gets this password. */
export async function givePassword(orm: MikroORM, userId: string, password: string): Promise<void> {
  const { hashPassword } = await import('@clinic/domain');
  await orm.em.getConnection().execute('update app_user set password_hash = ? where id = ?', [await hashPassword(password), userId]);
}
