import v8 from 'node:v8';
import vm from 'node:vm';
// bench has no graphql of its own; this function is plain text and needs no schema.
import { getIntrospectionQuery } from '../../apps/api/node_modules/graphql/utilities/getIntrospectionQuery.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@clinic/domain';
import { createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { FIXED_NOW, createClinicFixture, globalId, post, reachability, startApi, tokensOf, type ApiUnderTest, type HttpAnswer } from './support/world.js';

/**
 * Bounded work per request: the worst requests we could write, anonymous and signed in, are
 * refused or answered quickly, and leave the heap as they found it. The API runs in this process,
 * so its heap is this process's heap; each figure is the median of several runs after a warm-up.
 */

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
/** A scavenge: it starts by finishing the release of what the last full GC found dead. */
const minorGc = () => gc({ type: 'minor' });

const RUNS = 7;
const MiB = 1024 * 1024;

let db: TestDatabase;
let a: ClinicFixture;
let b: ClinicFixture;
let api: ApiUnderTest;
let tokensA: Record<Role, string>;
let tokensB: Record<Role, string>;
let purchaseIds: string[];

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 16, sqlPoolSize: 2 });
  a = await createClinicFixture(db.orm, { slug: 'bounded-a' });
  b = await createClinicFixture(db.orm, { slug: 'bounded-b' });
  const purchase = await a.buyPackage({ now: FIXED_NOW });
  purchaseIds = [globalId('PackagePurchase', purchase.id)];
  api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) });
  tokensA = await tokensOf(api, a);
  tokensB = await tokensOf(api, b);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
const aliases = (count: number, selection: string) => Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');
const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

interface Figures {
  status: number;
  code: string | undefined;
  ms: number;
  heapMiB: number;
  rssMiB: number;
}

/**
 * Sends `body` RUNS times after a warm-up; the median time, and the median heap and RSS growth
 * after a full GC. Then a minor one: V8 frees the memory behind dead ArrayBuffers (a large body's
 * or answer's buffers, about 1 MiB for the 250 kB introspection answer) only when the next
 * collection starts, so after the full GC alone every such request seemed to grow RSS by 0.4 to
 * 1.25 MiB, while 80 of them in a row grew it by nothing after the first few; now by 0 to 0.1.
 */
async function measure(body: string, headers: Record<string, string> = {}): Promise<Figures> {
  let answer: HttpAnswer | undefined;
  for (let warm = 0; warm < 3; warm += 1) answer = await post(api.url, body, headers);
  const times: number[] = [];
  const heap: number[] = [];
  const rss: number[] = [];
  // Each run starts from the collected heap the last one ended with: one full GC per run, not
  // two (a full GC of this process's heap is most of the file's time; another one straight after
  // a full and a minor one finds nothing more).
  gc();
  minorGc();
  let before = process.memoryUsage();
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    answer = await post(api.url, body, headers);
    times.push(performance.now() - started);
    gc();
    minorGc();
    const after = process.memoryUsage();
    heap.push((after.heapUsed - before.heapUsed) / MiB);
    rss.push((after.rss - before.rss) / MiB);
    before = after;
  }
  return {
    status: answer?.status ?? 0,
    code: answer?.json?.errors?.[0]?.extensions?.code,
    ms: Number(median(times).toFixed(1)),
    heapMiB: Number(median(heap).toFixed(3)),
    rssMiB: Number(median(rss).toFixed(3)),
  };
}

/** The worst anonymous requests we could write. */
function anonymousRequests(): Record<string, string> {
  const schemaAliases = aliases(500, '__schema { types { name fields { name } } }');
  const doublingFragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
  let deepIntrospection = 'name';
  for (let level = 0; level < 8; level += 1) deepIntrospection = `name fields { type { ${deepIntrospection} } }`;
  return {
    // The attack as measured before: 10 operations x 500 aliases of __schema.
    'batched aliased __schema (10 x 500)': JSON.stringify(Array.from({ length: 10 }, () => ({ query: `{ ${schemaAliases} }` }))),
    'the standard introspection query (answered)': JSON.stringify({ query: getIntrospectionQuery() }),
    'introspection nested 8 types deep': JSON.stringify({ query: `{ __schema { types { ${deepIntrospection} } } }` }),
    'fragments doubling 40 times': JSON.stringify({ query: `{ ...F0 } ${doublingFragments} fragment F40 on Query { __typename }` }),
    'batch of 10 x 95 __typename aliases (the most tokens allowed)': JSON.stringify(Array.from({ length: 10 }, () => ({ query: `{ ${aliases(95, '__typename')} }` }))),
    'installation, as often as the budget allows': JSON.stringify({ query: `{ ${aliases(5, 'installation { demo }')} }` }),
    'one sign-in (the slow hash), unknown email': JSON.stringify({ query: 'mutation { login(input: { email: "nobody@nowhere.test", password: "correct horse battery staple" }) { token } }' }),
    '300,000-character string literal': JSON.stringify({ query: `{ patients(search: "${'x'.repeat(300_000)}") { id } }` }),
    'NUL in a block string': JSON.stringify({ query: `{ patients(search: """a${'\u0000'}b""") { id } }` }),
  };
}

/** The median time of `{ __typename }` on a quiet 2-core machine, the bounds' yardstick. */
const QUIET_TRIVIAL_MS = 4;

/**
 * How much slower than a quiet machine this one answers a trivial request right now (at least 1):
 * the time bounds below are for a quiet machine and scale by it, so a busy machine does not fail
 * them while a request that does real work still would.
 */
async function loadFactor(headers?: Record<string, string>): Promise<number> {
  const trivial = await measure(JSON.stringify({ query: '{ __typename }' }), headers);
  const factor = Math.max(1, trivial.ms / QUIET_TRIVIAL_MS);
  console.log(`[reliability] trivial request: ${trivial.ms} ms, time bounds x ${factor.toFixed(2)}`);
  return factor;
}

describe('bounded work per request', () => {
  it('the worst anonymous requests answer in < 100 ms and grow the heap by < 1 MiB', async () => {
    const load = await loadFactor();
    const results: Record<string, Figures> = {};
    for (const [name, body] of Object.entries(anonymousRequests())) results[name] = await measure(body);
    for (const [name, figures] of Object.entries(results)) console.log(`[reliability] anonymous: ${name}: ${JSON.stringify(figures)}`);
    expect(Object.entries(results).filter(([, f]) => f.status >= 500).map(([name]) => name), 'no 5xx').toEqual([]);
    expect(results['batched aliased __schema (10 x 500)']).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(results['the standard introspection query (answered)']?.status).toBe(200);
    expect(Object.entries(results).filter(([, f]) => f.ms >= 100 * load).map(([name, f]) => `${name}: ${f.ms} ms`), '< 100 ms').toEqual([]);
    expect(Object.entries(results).filter(([, f]) => f.heapMiB >= 1).map(([name, f]) => `${name}: ${f.heapMiB} MiB`), 'heap < 1 MiB').toEqual([]);
    expect(Object.entries(results).filter(([, f]) => f.rssMiB >= 1).map(([name, f]) => `${name}: ${f.rssMiB} MiB`), 'RSS < 1 MiB').toEqual([]);
  });

  it("the worst signed-in requests are refused or answered in < 1 s, and another tenant's viewer answers in < 100 ms meanwhile", async () => {
    const id = purchaseIds[0] as string;
    const load = await loadFactor(bearer(tokensA.CLINICIAN));
    const heavy: Record<string, string> = {
      'packageProgress x 2,400 aliases (3 in a batch)': JSON.stringify(Array.from({ length: 3 }, () => ({ query: `{ ${aliases(2400, `packageProgress(packagePurchaseId: "${id}") { totalSessions }`)} }` }))),
      'packageProgress as often as the budget allows': JSON.stringify({ query: `{ ${aliases(11, `packageProgress(packagePurchaseId: "${id}") { totalSessions appointments { id } }`)} }` }),
      'appointments(first: 1) x 1,000': JSON.stringify({ query: `{ ${aliases(1000, 'appointments(first: 1) { totalCount }')} }` }),
      'appointments(first: 1) as often as the budget allows, batched': JSON.stringify([3, 2].map((count) => ({ query: `{ ${aliases(count, 'appointments(first: 1) { totalCount }')} }` }))),
      'freeSlots as often as the budget allows': JSON.stringify({ query: `{ ${aliases(5, `freeSlots(providerId: "${globalId('Provider', a.provider.id)}", serviceId: "${globalId('Service', a.therapy.id)}", date: "2026-03-02") { startsAt }`)} }` }),
      'a full page of appointments with everything': JSON.stringify({ query: '{ appointments(first: 100) { edges { node { id patient { nameEn } provider { name } packagePurchase { progress { appointments { id } } } history { operation } } } } }' }),
    };
    const results: Record<string, Figures & { otherTenantViewerMs: number }> = {};
    for (const [name, body] of Object.entries(heavy)) {
      const figures = await measure(body, bearer(tokensA.CLINICIAN));
      // Again, with another tenant's small read sent while it runs: the median of RUNS.
      const others: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const running = post(api.url, body, bearer(tokensA.CLINICIAN));
        await new Promise((resolve) => setTimeout(resolve, 5));
        const started = performance.now();
        const other = await post(api.url, JSON.stringify({ query: '{ viewer { id } }' }), bearer(tokensB.RECEPTIONIST));
        others.push(performance.now() - started);
        await running;
        expect(other.status).toBe(200);
      }
      results[name] = { ...figures, otherTenantViewerMs: Number(median(others).toFixed(1)) };
    }
    for (const [name, figures] of Object.entries(results)) console.log(`[reliability] signed in: ${name}: ${JSON.stringify(figures)}`);
    expect(Object.entries(results).filter(([, f]) => f.status >= 500).map(([name]) => name), 'no 5xx').toEqual([]);
    expect(results['packageProgress x 2,400 aliases (3 in a batch)']).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(results['appointments(first: 1) x 1,000']).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(Object.entries(results).filter(([, f]) => f.ms >= 1000 * load).map(([name, f]) => `${name}: ${f.ms} ms`), '< 1 s').toEqual([]);
    expect(Object.entries(results).filter(([, f]) => f.otherTenantViewerMs >= 100 * load).map(([name, f]) => `${name}: ${f.otherTenantViewerMs} ms`), 'other tenant < 100 ms').toEqual([]);
  });
});
