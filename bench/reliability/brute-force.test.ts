import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { ACCOUNT_FAILURES, WINDOW_SECONDS } from '../../apps/api/src/auth/sign-in-throttle.js';
import { givePassword, reachability, startApi, type ApiUnderTest } from './support/world.js';

/**
 * Password guessing against one account: 10,000 guesses through many connections, aliases and
 * batches, on one API process and on two sharing the database. The throttle's counters live in
 * PostgreSQL and use the process clock, which this file moves (vitest's fake Date) instead of waiting.
 */
const PASSWORD = 'the right passphrase for this test';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token retryAfterSeconds userErrors { code } } }';
type Answer = { status: number; codes: string[] };

let db: TestDatabase;
let fx: ClinicFixture;
let apis: ApiUnderTest[];
let clock = new Date('2026-03-01T05:00:00Z');

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  db = await createTestDatabase({ poolSize: 16 });
  fx = await createClinicFixture(db.orm);
  await givePassword(db.orm, fx.users.RECEPTIONIST.id, PASSWORD);
  const database = { orm: db.orm, isReachable: reachability(db.orm) };
  apis = [await startApi(database, () => new Date()), await startApi(database, () => new Date())];
});
afterAll(async () => {
  await Promise.all(apis?.map((api) => api.close()) ?? []);
  await db?.drop();
  vi.useRealTimers();
});

function advance(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
  vi.setSystemTime(clock);
}

async function post(url: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await response.json()) as { data?: { login?: { userErrors: Array<{ code: string }> } } | Array<{ data?: { login?: { userErrors: Array<{ code: string }> } } }>; errors?: Array<{ extensions?: { code?: string } }> };
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  const codes = entries.flatMap((entry) => [
    ...((entry as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? []).map((e) => e.extensions?.code ?? 'ERROR'),
    ...((entry as { data?: { login?: { userErrors: Array<{ code: string }> } } }).data?.login?.userErrors ?? []).map((e) => e.code),
  ]);
  return { status: response.status, codes };
}

const guess = (email: string, n: number) => ({ query: LOGIN, variables: { input: { email, password: `wrong guess number ${n}` } } });
const aliased = (email: string, count: number) => ({
  query: `mutation { ${Array.from({ length: count }, (_, i) => `g${i}: login(input: {email: "${email}", password: "alias guess ${i}"}) { token }`).join(' ')} }`,
});

/** Fires `total` guesses at one account: single logins over `connections` parallel streams, and aliased and batched requests. */
async function attack(email: string, total: number, connections: number): Promise<{ verifiedWrong: number; refusedWhole: number; throttled: number; singles: number }> {
  let verifiedWrong = 0;
  let throttled = 0;
  let refusedWhole = 0;
  let sent = 0;
  // Aliases and batches: each request carries many guesses and is refused before any runs.
  const packed = [aliased(email, 240), Array.from({ length: 10 }, (_, i) => guess(email, i)), Array.from({ length: 10 }, () => aliased(email, 240))];
  const carries = [240, 10, 2400];
  while (sent + 2400 <= total - 400) {
    for (const [i, body] of packed.entries()) {
      const answer = await post(apis[i % apis.length]!.url, body);
      expect(answer.status).toBe(400);
      refusedWhole += carries[i]!;
      sent += carries[i]!;
    }
  }
  const singles = total - sent;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      while (next < singles) {
        const n = next++;
        const answer = await post(apis[c % apis.length]!.url, guess(email, n));
        if (answer.codes.includes('INVALID_CREDENTIALS')) verifiedWrong += 1;
        else if (answer.codes.includes('TOO_MANY_ATTEMPTS')) throttled += 1;
        else throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
      }
    }),
  );
  return { verifiedWrong, refusedWhole, throttled, singles };
}

describe('guessing one password', () => {
  it('10,000 guesses through 20 connections, aliases and batches, on two API servers: at most 10 verified wrong guesses in 15 minutes', async () => {
    const email = fx.users.RECEPTIONIST.email;
    const startedAt = performance.now();
    const result = await attack(email, 10_000, 20);
    const ms = performance.now() - startedAt;
    console.log(
      `brute force, 2 API servers: 10,000 guesses (${result.refusedWhole} in aliased/batched requests refused whole, ${result.singles} single logins over 20 connections) -> ` +
        `${result.verifiedWrong} verified wrong guesses, ${result.throttled} answered TOO_MANY_ATTEMPTS, in ${(ms / 1000).toFixed(1)} s`,
    );
    expect(result.verifiedWrong).toBeGreaterThan(0);
    expect(result.verifiedWrong).toBeLessThanOrEqual(ACCOUNT_FAILURES);

    // Locked: the right password is refused too, with a retry figure, until the window passes.
    const locked = await fetch(`${apis[0]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password: PASSWORD } } }),
    }).then((r) => r.json() as Promise<{ data: { login: { token: string | null; retryAfterSeconds: number | null; userErrors: Array<{ code: string }> } } }>);
    expect(locked.data.login).toMatchObject({ token: null, userErrors: [{ code: 'TOO_MANY_ATTEMPTS' }] });
    expect(locked.data.login.retryAfterSeconds).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(locked.data.login.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);

    advance(WINDOW_SECONDS - 30);
    expect((await post(apis[1]!.url, { query: LOGIN, variables: { input: { email, password: PASSWORD } } })).codes).toEqual(['TOO_MANY_ATTEMPTS']);
    // 15 minutes after the lock began, a new window: another full attack again verifies at most 10.
    advance(31);
    const second = await attack(email, 600, 20);
    console.log(`brute force, the next window: ${second.verifiedWrong} verified wrong guesses of 600`);
    expect(second.verifiedWrong).toBeLessThanOrEqual(ACCOUNT_FAILURES);
    advance(WINDOW_SECONDS + 1);
    const ok = await post(apis[0]!.url, { query: LOGIN, variables: { input: { email, password: PASSWORD } } });
    expect(ok.codes).toEqual([]);
  });

  it('an unknown account answers exactly like a known one: the same codes, the same throttle', async () => {
    advance(WINDOW_SECONDS * 2);
    const known = fx.users.FINANCE.email;
    const unknown = `nobody-${Date.now()}@nowhere.test`;
    const sequence = async (email: string) => {
      const codes: string[] = [];
      for (let n = 0; n < 6; n += 1) codes.push(...(await post(apis[n % 2]!.url, guess(email, n))).codes);
      return codes;
    };
    const knownCodes = await sequence(known);
    const unknownCodes = await sequence(unknown);
    console.log(`known account: ${knownCodes.join(' ')}\nunknown account: ${unknownCodes.join(' ')}`);
    expect(unknownCodes).toEqual(knownCodes);
    // Three free tries, then each next one waits (a growing delay).
    expect(knownCodes.slice(0, 3)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(knownCodes[3]).toBe('TOO_MANY_ATTEMPTS');
  });
});
