import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { hashPassword, type UserSession } from '@clinic/domain';
import { loginsIn } from './one-sign-in-per-request.js';
import { createSessions } from './sessions.js';
import {
  DEMO_EMAILS,
  GraphqlClient,
  globalIdOf,
  postGraphql,
  signIn,
  sqlRows,
  startSeededApi,
  type SeededApi,
  type UserErrors,
} from '../testing/graphql-client.js';

let api: SeededApi;
beforeAll(async () => {
  api = await startSeededApi();
});
afterAll(() => api?.close());

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token retryAfterSeconds user { id } userErrors { code message field } } }';
const LOGOUT = 'mutation { logout { ok userErrors { code message field } } }';
const CHANGE_PASSWORD = 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { ok userErrors { code message field } } }';
const DEACTIVATE = 'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { id active } userErrors { code message field } } }';
const CREATE_TOKEN = 'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id } userErrors { code message field } } }';
const REVOKE_TOKEN = 'mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } userErrors { code message field } } }';

/** A second ADMIN of Al Noor, made in SQL so a test can deactivate them without touching the demo accounts. */
async function newStaff(role: 'ADMIN' | 'RECEPTIONIST', password = 'a-long-and-private-passphrase'): Promise<{ id: string; email: string; password: string }> {
  const [tenant] = await sqlRows<{ tenant_id: string }>(api.db, 'select tenant_id from app_user where email = $1', [DEMO_EMAILS.admin]);
  const id = randomUUID();
  const email = `staff-${id.slice(0, 8)}@alnoor.test`;
  await api.db.sql.query('insert into app_user (id, tenant_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5, $6)', [
    id,
    tenant!.tenant_id,
    email,
    'Temporary Staff',
    role,
    await hashPassword(password),
  ]);
  return { id, email, password };
}

async function statusOf(client: GraphqlClient): Promise<number> {
  return (await client.request('{ viewer { id } }')).status;
}

describe('login', () => {
  it('answers a token and sets an HttpOnly, SameSite=Strict, Path=/ session cookie that the API accepts instead of the header', async () => {
    const answer = await postGraphql<{ login: { token: string } }>(api.url, { query: LOGIN, variables: { input: { email: DEMO_EMAILS.reception, password: 'demo-pass-2026' } } });
    // Every GraphQL answer is the caller's own: never stored by a cache.
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^clinic_session=[\w.-]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    // Secure here because the request named a loopback host; elsewhere only over TLS.
    const pair = cookie.split(';')[0]!;
    expect(pair).toBe(`clinic_session=${answer.data!.login.token}`);
    const byCookie = await postGraphql<{ viewer: { id: string } }>(api.url, { query: '{ viewer { id email } }' }, { cookie: pair });
    expect(byCookie.data?.viewer).toMatchObject({ email: DEMO_EMAILS.reception });
  });

  it('writes a session row whose id is the token\'s sid, expiring with the token', async () => {
    const client = await signIn(api.url, DEMO_EMAILS.finance);
    const claims = JSON.parse(Buffer.from(client.token!.split('.')[1]!, 'base64url').toString()) as { sid: string; exp: number; iat: number };
    const [row] = await sqlRows<{ expires_at: Date; created_at: Date; ended_at: Date | null }>(api.db, 'select * from user_session where id = $1', [claims.sid]);
    expect(row).toMatchObject({ ended_at: null });
    expect(row!.expires_at.getTime() / 1000).toBe(claims.exp);
    expect(claims.exp - claims.iat).toBe(12 * 60 * 60);
  });

  it('refuses a request with more than one login, aliases and batch entries counted together, before any of it runs', async () => {
    const input = { email: DEMO_EMAILS.clinician, password: 'demo-pass-2026' };
    const sessionsBefore = await sqlRows(api.db, 'select id from user_session');
    const aliased = await postGraphql(api.url, { query: 'mutation ($i: LoginInput!) { a: login(input: $i) { token } b: login(input: $i) { token } }', variables: { i: input } });
    const batched = await postGraphql(api.url, [{ query: LOGIN, variables: { input } }, { query: LOGIN, variables: { input } }]);
    const viaFragments = await postGraphql(api.url, {
      query: 'mutation ($i: LoginInput!) { ...A ... on Mutation { login(input: $i) { token } } } fragment A on Mutation { login(input: $i) { token } }',
      variables: { i: input },
    });
    for (const answer of [aliased, batched, viaFragments]) {
      // Refused whole, before anything runs: by this rule, or already by the request's cost limit.
      expect(answer.status).toBe(400);
      expect(['BAD_REQUEST', 'QUERY_TOO_COMPLEX']).toContain(answer.errors?.[0]?.extensions?.['code']);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    expect(await sqlRows(api.db, 'select id from user_session')).toHaveLength(sessionsBefore.length);
    // One is fine, in a batch too.
    const one = await postGraphql<Array<{ data: { login: { token: string | null } } }>>(api.url, [{ query: LOGIN, variables: { input } }, { query: '{ viewer { id } }' }]);
    expect(one.status).toBe(200);
  });
});

describe('session tokens', () => {
  it('a token checked once is taken from memory until its expiry, and refused from then on; a token of another key or altered is refused', async () => {
    let now = new Date('2026-11-24T09:00:00.000Z');
    const sessions = createSessions(new TextEncoder().encode('k'.repeat(32)), { ttlSeconds: 60, now: () => now });
    const session = { id: randomUUID(), tenant: { id: randomUUID() }, user: { id: randomUUID() }, createdAt: now, expiresAt: new Date(now.getTime() + 60_000) };
    const token = await sessions.issue(session as unknown as UserSession);
    const claims = { sessionId: session.id, userId: session.user.id, tenantId: session.tenant.id };
    expect(await sessions.verify(token)).toEqual(claims);
    now = new Date(session.expiresAt.getTime() - 1);
    expect(await sessions.verify(token)).toEqual(claims);
    now = session.expiresAt;
    expect(await sessions.verify(token)).toBeNull();
    expect(await sessions.verify(token)).toBeNull();

    now = new Date('2026-11-24T09:00:00.000Z');
    const foreign = await createSessions(new TextEncoder().encode('f'.repeat(32)), { ttlSeconds: 60, now: () => now }).issue(session as unknown as UserSession);
    expect(await sessions.verify(foreign)).toBeNull();
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await sessions.verify(altered)).toBeNull();
  });
});

describe('one login per request', () => {
  const count = (query: string) => loginsIn(parse(query));
  it('counts login fields at the root of mutations, through aliases, fragments and inline fragments', () => {
    expect(count('mutation { login(input: {email: "a", password: "b"}) { token } }')).toBe(1);
    expect(count('mutation { a: login(input: {email: "a", password: "b"}) { token } b: login(input: {email: "a", password: "b"}) { token } }')).toBe(2);
    expect(count('mutation { ...A ...A } fragment A on Mutation { ... on Mutation { login(input: {email: "a", password: "b"}) { token } } }')).toBe(2);
    expect(count('mutation M { ...A } fragment A on Mutation { ...A login(input: {email: "a", password: "b"}) { token } }')).toBe(1);
    expect(count('query { viewer { id } } mutation { logout { ok } }')).toBe(0);
    // Fragments nested 40 deep, each spread twice: counted in linear time, not 2^40 steps.
    const deep = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Mutation { ...F${i + 1} ...F${i + 1} }`).join(' ');
    expect(count(`mutation { ...F0 } ${deep} fragment F40 on Mutation { login(input: {email: "a", password: "b"}) { token } }`)).toBeGreaterThan(1);
  });
});

describe('sessions end', () => {
  it('on logout: the token answers 401 at once, the cookie is cleared, the row says why; logging out again is harmless', async () => {
    const client = await signIn(api.url, DEMO_EMAILS.clinician);
    expect(await statusOf(client)).toBe(200);
    const answer = await client.request<{ logout: { ok: boolean } & UserErrors }>(LOGOUT);
    expect(answer.data?.logout).toEqual({ ok: true, userErrors: [] });
    expect(answer.headers.get('set-cookie')).toMatch(/^clinic_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/);
    expect(await statusOf(client)).toBe(401);
    const claims = JSON.parse(Buffer.from(client.token!.split('.')[1]!, 'base64url').toString()) as { sid: string };
    expect(await sqlRows(api.db, 'select end_reason, ended_at from user_session where id = $1', [claims.sid])).toEqual([
      { end_reason: 'LOGOUT', ended_at: new Date('2026-11-24T06:00:00Z') },
    ]);
    // A browser whose cookie died is anonymous (and its dead cookie cleared), so it can still sign out and in.
    const withDeadCookie = await postGraphql<{ viewer: null }>(api.url, { query: '{ viewer { id } }' }, { cookie: `clinic_session=${client.token}` });
    expect(withDeadCookie).toMatchObject({ status: 200, data: { viewer: null } });
    expect(withDeadCookie.headers.get('set-cookie')).toMatch(/^clinic_session=; Max-Age=0/);
    expect((await api.anonymous.data<{ logout: { ok: boolean } }>(LOGOUT)).logout.ok).toBe(true);
  });

  it('on changePassword: the other sessions end, this one goes on; the wrong current password or a weak new one changes nothing', async () => {
    const staff = await newStaff('RECEPTIONIST');
    const here = await signIn(api.url, staff.email, staff.password);
    const elsewhere = await signIn(api.url, staff.email, staff.password);

    const wrong = await here.data<{ changePassword: { ok: boolean } & UserErrors }>(CHANGE_PASSWORD, { input: { currentPassword: 'not-my-password-at-all', newPassword: 'a fresh and unguessable phrase 42' } });
    expect(wrong.changePassword).toMatchObject({ ok: false, userErrors: [{ code: 'VALIDATION', field: ['input', 'currentPassword'] }] });
    const weak = await here.data<{ changePassword: { ok: boolean } & UserErrors }>(CHANGE_PASSWORD, { input: { currentPassword: staff.password, newPassword: 'short' } });
    expect(weak.changePassword).toMatchObject({ ok: false, userErrors: [{ code: 'VALIDATION', field: ['input', 'newPassword'] }] });
    expect(await statusOf(elsewhere)).toBe(200);

    const changed = await here.data<{ changePassword: { ok: boolean } & UserErrors }>(CHANGE_PASSWORD, { input: { currentPassword: staff.password, newPassword: 'a fresh and unguessable phrase 42' } });
    expect(changed.changePassword).toEqual({ ok: true, userErrors: [] });
    expect(await statusOf(here)).toBe(200);
    expect(await statusOf(elsewhere)).toBe(401);
    const old = await postGraphql<{ login: { token: string | null } & UserErrors }>(api.url, { query: LOGIN, variables: { input: { email: staff.email, password: staff.password } } });
    expect(old.data?.login.userErrors[0]?.code).toBe('INVALID_CREDENTIALS');
    await signIn(api.url, staff.email, 'a fresh and unguessable phrase 42');
    expect(await sqlRows(api.db, `select operation, entity_type, actor_id from audit_event where entity_id = $1`, [staff.id])).toEqual([
      { operation: 'changePassword', entity_type: 'User', actor_id: staff.id },
    ]);
  });

  it('on deactivateUser (ADMIN): sessions and API tokens stop at once, sign-in is refused like a wrong password, history stays, audited', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const staff = await newStaff('ADMIN');
    const session = await signIn(api.url, staff.email, staff.password);
    const { createApiToken } = await session.data<{ createApiToken: { secret: string } }>(CREATE_TOKEN, { input: { name: 'their integration' } });
    const integration = new GraphqlClient(api.url, createApiToken.secret);
    expect(await statusOf(integration)).toBe(200);

    const refusedToOthers = await (await api.as(DEMO_EMAILS.reception)).data<{ deactivateUser: UserErrors }>(DEACTIVATE, { input: { userId: globalIdOf('User', staff.id) } });
    expect(refusedToOthers.deactivateUser.userErrors[0]?.code).toBe('FORBIDDEN');
    const notYourself = await admin.data<{ deactivateUser: UserErrors }>(DEACTIVATE, {
      input: { userId: (await admin.data<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id },
    });
    expect(notYourself.deactivateUser.userErrors[0]?.code).toBe('CONFLICT');
    const otherTenant = await (await api.as(DEMO_EMAILS.otherAdmin)).data<{ deactivateUser: UserErrors }>(DEACTIVATE, { input: { userId: globalIdOf('User', staff.id) } });
    expect(otherTenant.deactivateUser.userErrors[0]?.code).toBe('NOT_FOUND');
    expect(await statusOf(session)).toBe(200);

    const done = await admin.data<{ deactivateUser: { user: { id: string; active: boolean } } & UserErrors }>(DEACTIVATE, { input: { userId: globalIdOf('User', staff.id) } });
    expect(done.deactivateUser).toEqual({ user: { id: globalIdOf('User', staff.id), active: false }, userErrors: [] });
    expect(await statusOf(session)).toBe(401);
    expect(await statusOf(integration)).toBe(401);
    const again = await postGraphql<{ login: { token: string | null } & UserErrors }>(api.url, { query: LOGIN, variables: { input: { email: staff.email, password: staff.password } } });
    expect(again.data?.login).toMatchObject({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    expect(await sqlRows(api.db, 'select count(*)::int as n from app_user where id = $1', [staff.id])).toEqual([{ n: 1 }]);
    expect(await sqlRows(api.db, 'select end_reason from user_session where user_id = $1', [staff.id])).toEqual([{ end_reason: 'DEACTIVATED' }]);
    const audit = await sqlRows<{ operation: string; after: Record<string, unknown> }>(api.db, `select operation, after from audit_event where entity_id = $1 and operation = 'deactivateUser'`, [staff.id]);
    expect(audit).toEqual([{ operation: 'deactivateUser', after: { active: false, sessionsEnded: 1, apiTokensRevoked: 1 } }]);
  });
});

describe('API tokens', () => {
  it('cannot create or revoke API tokens; creating and revoking are audited; a revoked token stops at once', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const { createApiToken } = await admin.data<{ createApiToken: { secret: string; apiToken: { id: string } } & UserErrors }>(CREATE_TOKEN, { input: { name: 'first' } });
    expect(createApiToken.userErrors).toEqual([]);
    const integration = new GraphqlClient(api.url, createApiToken.secret);
    const tokensBefore = await sqlRows(api.db, 'select id, revoked_at from api_token order by id');

    const made = await integration.data<{ createApiToken: { secret: string | null } & UserErrors }>(CREATE_TOKEN, { input: { name: 'second' } });
    expect(made.createApiToken).toMatchObject({ secret: null, userErrors: [{ code: 'FORBIDDEN' }] });
    const revoked = await integration.data<{ revokeApiToken: UserErrors }>(REVOKE_TOKEN, { input: { tokenId: createApiToken.apiToken.id } });
    expect(revoked.revokeApiToken.userErrors[0]?.code).toBe('FORBIDDEN');
    const changed = await integration.data<{ changePassword: UserErrors }>(CHANGE_PASSWORD, { input: { currentPassword: 'demo-pass-2026', newPassword: 'whatever it may be 1234' } });
    expect(changed.changePassword.userErrors[0]?.code).toBe('FORBIDDEN');
    expect(await sqlRows(api.db, 'select id, revoked_at from api_token order by id')).toEqual(tokensBefore);

    await admin.data(REVOKE_TOKEN, { input: { tokenId: createApiToken.apiToken.id } });
    expect(await statusOf(integration)).toBe(401);
    const [token] = await sqlRows<{ id: string }>(api.db, `select id from api_token where name = 'first'`);
    expect(await sqlRows(api.db, 'select operation, entity_type from audit_event where entity_id = $1 order by occurred_at, operation', [token!.id])).toEqual([
      { operation: 'createApiToken', entity_type: 'ApiToken' },
      { operation: 'revokeApiToken', entity_type: 'ApiToken' },
    ]);
  });
});

describe('recognising the caller', () => {
  it('takes one statement the first time, the session joined with its user, then none (the caller cache)', async () => {
    const admin = await signIn(api.url, DEMO_EMAILS.admin);
    api.db.resetQueryLog();
    await admin.data('{ viewer { id } }');
    expect(api.db.queries.filter((q) => /select/i.test(q)), api.db.queries.join('\n')).toHaveLength(1);
    expect(api.db.queries[0]).toMatch(/from "user_session".*join "app_user"/);
    api.db.resetQueryLog();
    await admin.data('{ viewer { id } }');
    expect(api.db.queries).toEqual([]);
  });
});
