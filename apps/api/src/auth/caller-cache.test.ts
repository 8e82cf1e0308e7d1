import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createServer, type ApiServer } from '../server.js';
import { DEMO_EMAILS, GraphqlClient, NOW, TEST_SESSION_SECRET, signIn, sqlRows, startSeededApi, type SeededApi } from '../testing/graphql-client.js';

/**
 * Issue 16, item 2: a caller is recognised without a database trip, and a sign-out, a
 * deactivation or a revocation made through one API server is refused by another within a
 * second. Two servers on one database, each with its own caller cache and its own listening
 * connection, stand for two processes. The refusal is polled with a deadline, never slept for.
 */

let api: SeededApi;
let other: ApiServer;
let otherUrl: string;
let webDist: string;

beforeAll(async () => {
  api = await startSeededApi();
  webDist = mkdtempSync(join(tmpdir(), 'clinic-web-none-'));
  other = await createServer({
    database: { orm: api.db.orm, isReachable: async () => true },
    config: { webDist },
    logger: createLogger({ level: 'error', destination: { write: () => undefined } }),
    now: () => new Date(NOW),
    sessionSecret: TEST_SESSION_SECRET,
  });
  ({ url: otherUrl } = await other.listen(0, '127.0.0.1'));
});
afterAll(async () => {
  await other?.close();
  rmSync(webDist, { recursive: true, force: true });
  await api?.close();
});

const VIEWER = '{ viewer { id name } }';

/** Asks `client` until it is refused 401, at most `deadlineMs`; answers how long that took. */
async function refusedWithin(client: GraphqlClient, deadlineMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const answer = await client.request(VIEWER);
    const elapsed = performance.now() - start;
    if (answer.status === 401) return elapsed;
    expect(answer.status).toBe(200);
    if (elapsed > deadlineMs) throw new Error(`still accepted after ${Math.round(elapsed)} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A caller the second server knows already (it recognised it once, from the database). */
async function knownToOther(token: string): Promise<GraphqlClient> {
  const client = new GraphqlClient(`${otherUrl}`, token);
  await client.data(VIEWER);
  return client;
}

describe('recognising a caller', () => {
  it('asks the database once for a session, then never again while it stands', async () => {
    const reception = await api.as(DEMO_EMAILS.reception);
    await reception.data(VIEWER);
    api.db.resetQueryLog();
    for (let i = 0; i < 3; i += 1) await reception.data(VIEWER);
    expect(api.db.queries).toEqual([]);
  });

  it('and once for an API token', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const { createApiToken } = await admin.data<{ createApiToken: { secret: string } }>('mutation { createApiToken(input: { name: "cache" }) { secret } }');
    const integration = new GraphqlClient(api.url, createApiToken.secret);
    await integration.data(VIEWER);
    api.db.resetQueryLog();
    await integration.data(VIEWER);
    expect(api.db.queries).toEqual([]);
  });
});

describe('an ended credential is refused by the other server within a second', () => {
  it('after a sign-out', async () => {
    const session = await signIn(api.url, DEMO_EMAILS.reception);
    const elsewhere = await knownToOther(session.token!);
    expect((await session.data<{ logout: { ok: boolean } }>('mutation { logout { ok } }')).logout.ok).toBe(true);
    expect(await refusedWithin(elsewhere, 1000)).toBeLessThanOrEqual(1000);
  });

  it('after a revocation of an API token', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const { createApiToken } = await admin.data<{ createApiToken: { secret: string; apiToken: { id: string } } }>(
      'mutation { createApiToken(input: { name: "revoked soon" }) { secret apiToken { id } } }',
    );
    const elsewhere = await knownToOther(createApiToken.secret);
    await admin.data('mutation ($id: ID!) { revokeApiToken(input: { tokenId: $id }) { userErrors { code } } }', { id: createApiToken.apiToken.id });
    expect(await refusedWithin(elsewhere, 1000)).toBeLessThanOrEqual(1000);
  });

  it('after a deactivation of the user', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const finance = await signIn(api.url, DEMO_EMAILS.finance);
    const elsewhere = await knownToOther(finance.token!);
    const { viewer } = await finance.data<{ viewer: { id: string } }>(VIEWER);
    const { deactivateUser } = await admin.data<{ deactivateUser: { userErrors: unknown[] } }>(
      'mutation ($id: ID!) { deactivateUser(input: { userId: $id }) { userErrors { code } } }',
      { id: viewer.id },
    );
    expect(deactivateUser.userErrors).toEqual([]);
    expect(await refusedWithin(elsewhere, 1000)).toBeLessThanOrEqual(1000);
    expect(await sqlRows(api.db, `select count(*)::int as n from app_user where email = $1 and deactivated_at is not null`, [DEMO_EMAILS.finance])).toEqual([{ n: 1 }]);
  });
});
