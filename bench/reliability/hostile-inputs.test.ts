import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTimeOff, bookAppointment, createApiToken, purchasePackage } from '@clinic/domain';
import { createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import {
  FIXED_NOW,
  INTERNALS,
  createClinicFixture,
  globalId,
  inPool,
  reachability,
  startApi,
  tokensOf,
  type ApiUnderTest,
} from './support/world.js';
import { MAX_COST, hostileRequests, type HostileRequest, type IdPools, type TokenKind } from './support/hostile.js';

/**
 * 10,000 generated hostile requests against POST/GET /graphql. Reads run 8 at a time; writes run
 * one at a time with a checksum of every table before and after, so a refused write that changed
 * a row is caught in the act. Seed: RELIABILITY_SEED (default below), printed with every failure.
 */

const RUNS = Number(process.env['RELIABILITY_HOSTILE_RUNS'] ?? 10_000);
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20261124);
const MARKER = 'Zq Other Tenant Marker';
/** Not a timing assertion: a request still unanswered after this long is recorded as unanswered. */
const ANSWER_WITHIN_MS = 20_000;

let db: TestDatabase;
let a: ClinicFixture;
let b: ClinicFixture;
let api: ApiUnderTest;
let tokens: Record<TokenKind, string | undefined>;
let pools: IdPools;
let otherTenantUuids: string[];

async function seedTenant(fx: ClinicFixture) {
  const now = FIXED_NOW;
  const purchase = await fx.buyPackage({ now });
  const second = await fx.buyPackage({ now, patient: await fx.addPatient() });
  const appointments = [];
  for (const [index, day] of ['2026-03-02', '2026-03-03', '2026-03-04'].entries()) {
    const booked = await bookAppointment(fx.context('RECEPTIONIST', now), {
      patientId: fx.patient.id,
      providerId: fx.provider.id,
      serviceId: fx.therapy.id,
      startsAt: fx.at(day, '09:00'),
      packagePurchaseId: index < 2 ? purchase.id : null,
    });
    if (!booked.ok) throw new Error(`seed booking refused: ${booked.error.code}`);
    appointments.push(booked.value.id);
  }
  const invoice = await purchasePackage(fx.context('RECEPTIONIST', now), { patientId: fx.patient.id, packageId: fx.pkg.id });
  const timeOff = await addTimeOff(fx.context('ADMIN', now), {
    providerId: fx.secondProvider.id,
    startsAt: fx.at('2026-04-01', '08:00'),
    endsAt: fx.at('2026-04-02', '08:00'),
    reason: 'leave',
  });
  const token = await createApiToken(fx.context('ADMIN', now), { name: 'integration' });
  if (!invoice.ok || !timeOff.ok || !token.ok) throw new Error('seeding refused');
  const ids: Record<string, string[]> = {
    Patient: [fx.patient.id],
    Provider: [fx.provider.id, fx.secondProvider.id, fx.otherClinicProvider.id],
    Service: [fx.therapy.id, fx.assessment.id, fx.otherClinicService.id],
    Package: [fx.pkg.id],
    PackagePurchase: [purchase.id, second.id],
    Appointment: appointments,
    Invoice: [invoice.value.id],
    Clinic: [fx.clinic.id, fx.otherClinic.id],
    User: Object.values(fx.users).map((user) => user.id),
  };
  const globalIds = Object.fromEntries(Object.entries(ids).map(([type, list]) => [type, list.map((id) => globalId(type, id))]));
  // Time off and API tokens are addressed by their plain ids.
  return {
    raw: [...Object.values(ids).flat(), timeOff.value.id, token.value.token.id],
    pool: { ...globalIds, TimeOff: [timeOff.value.id], ApiToken: [token.value.token.id] },
    apiToken: token.value.secret,
  };
}

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 16, sqlPoolSize: 2 });
  a = await createClinicFixture(db.orm, { slug: 'hostile-a' });
  b = await createClinicFixture(db.orm, { slug: 'hostile-b' });
  await b.addPatient({ nameEn: MARKER, mrn: 'ZQ-1' });
  const own = await seedTenant(a);
  const other = await seedTenant(b);
  pools = { own: own.pool, other: other.pool };
  otherTenantUuids = other.raw;
  api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) });
  const roleTokens = await tokensOf(api, a);
  tokens = {
    ADMIN: roleTokens.ADMIN,
    RECEPTIONIST: roleTokens.RECEPTIONIST,
    CLINICIAN: roleTokens.CLINICIAN,
    FINANCE: roleTokens.FINANCE,
    none: undefined,
    garbage: 'not.a.jwt',
    expired: await api.expiredToken({ id: a.users.ADMIN.id, tenant: { id: a.tenant.id } }),
    foreign: await api.foreignToken({ id: a.users.ADMIN.id, tenant: { id: a.tenant.id } }),
    apiTokenLike: 'cpk_thisIsNotARealTokenButLooksLikeOne',
  };
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/**
 * md5 of every row of every table, by table; with `tenantId`, only that tenant's rows. Every table
 * but the migrations' own and the sign-in throttle's, whose purpose is to count refused sign-ins.
 */
async function checksum(sql: pg.Pool, tenantId?: string): Promise<Record<string, string>> {
  const tables = await sql.query<{ table_name: string; has_tenant: boolean }>(`
    select t.table_name, exists (select 1 from information_schema.columns c
                                  where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'tenant_id') as has_tenant
      from information_schema.tables t
     where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not in ('schema_migrations', 'sign_in_throttle')
     order by t.table_name`);
  const parts = tables.rows
    .filter((table) => !tenantId || table.has_tenant || table.table_name === 'tenant')
    .map((table) => {
      const where = tenantId ? (table.table_name === 'tenant' ? `where x.id = '${tenantId}'` : `where x.tenant_id = '${tenantId}'`) : '';
      return `select '${table.table_name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as sum from "${table.table_name}" x ${where}`;
    });
  const result = await sql.query<{ name: string; sum: string }>(parts.join(' union all '));
  return Object.fromEntries(result.rows.map((row) => [row.name, row.sum]));
}

/** Where PostgreSQL will write its next WAL record: it moves with every change of any row. */
async function walPosition(sql: pg.Pool): Promise<string> {
  const result = await sql.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
  return result.rows[0]!.lsn;
}

const differs = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);

interface Answer {
  status: number;
  text: string;
  ms: number;
}

async function send(request: HostileRequest): Promise<Answer> {
  const token = tokens[request.token];
  const headers: Record<string, string> = {};
  if (request.contentType) headers['content-type'] = request.contentType;
  if (token) headers['authorization'] = `Bearer ${token}`;
  // Apollo's CSRF prevention lets a GET through only with a header a browser form cannot set.
  if (request.method === 'GET') headers['apollo-require-preflight'] = 'true';
  const started = performance.now();
  try {
    const response =
      request.method === 'GET'
        ? await fetch(`${api.url}/graphql?${request.body}`, { headers, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) })
        : await fetch(`${api.url}/graphql`, { method: 'POST', headers, body: request.body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch (error) {
    // Status 0: no HTTP answer at all (the server closed the connection).
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { status: 0, text: `no answer: ${cause}`, ms: performance.now() - started };
  }
}

interface Finding {
  what: string;
  request: string;
  answer: string;
}

const describeRequest = (request: HostileRequest) =>
  `${request.name} (${request.method}, token ${request.token}, ${request.body.length} bytes${request.overCost ? `, estimated cost ${request.overCost}` : ''}): ${request.body.slice(0, 400)}`;

/** The answer's operations, each accepted (changed something on purpose) or not. */
function acceptedOperations(request: HostileRequest, answer: Answer): string[] {
  // A batch answers 400 as a whole when any of its operations fails, even if another succeeded:
  // each operation's own answer decides.
  if (request.operations.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return [];
  }
  const results = Array.isArray(parsed) ? parsed : [parsed];
  const accepted: string[] = [];
  results.forEach((result, index) => {
    const name = request.operations[index];
    const payload = (result as { data?: Record<string, { userErrors?: unknown[]; token?: unknown } | null> })?.data?.[name ?? ''];
    if (!name || !payload) return;
    if (name === 'login' ? payload.token : payload.userErrors?.length === 0) accepted.push(name);
  });
  return accepted;
}

function inspect(request: HostileRequest, answer: Answer, findings: Map<string, Finding[]>): void {
  const add = (kind: string) => {
    const list = findings.get(kind) ?? [];
    list.push({ what: kind, request: describeRequest(request), answer: `${answer.status} ${answer.text.slice(0, 500)}` });
    findings.set(kind, list);
  };
  if (answer.status >= 500) add('HTTP 5xx');
  // Refusing to read a body over the limit may close the connection under the sender: fine for
  // that one kind of request, a fault for any other.
  if (answer.status === 0 && request.name !== 'huge body') add('no HTTP answer (connection closed)');
  if (/"code":"INTERNAL_SERVER_ERROR"/.test(answer.text)) add('INTERNAL_SERVER_ERROR in a GraphQL answer');
  for (const pattern of INTERNALS) {
    // A pattern that the request itself contains may be echoed back in a validation message.
    if (pattern.test(answer.text) && !pattern.test(request.body)) add(`internals in an answer (${pattern.source.slice(0, 40)})`);
  }
  if (request.overCost !== undefined && !/QUERY_TOO_COMPLEX/.test(answer.text)) add(`cost limit not enforced (cost ${MAX_COST.toLocaleString('en')} allowed)`);
  if (answer.text.includes(MARKER)) add("another tenant's patient in an answer");
  for (const uuid of otherTenantUuids) {
    if (answer.text.includes(uuid) && !request.body.includes(uuid)) add("another tenant's id in an answer");
  }
}

describe('10,000 hostile inputs against /graphql', () => {
  it('never answers 5xx, never shows internals, and refused calls change no row', async () => {
    const started = performance.now();
    const requests = fc.sample(hostileRequests(pools, FIXED_NOW), { numRuns: RUNS, seed: SEED });
    const reads = requests.filter((request) => request.phase === 'read');
    const writes = requests.filter((request) => request.phase === 'write');
    const findings = new Map<string, Finding[]>();
    const statuses = new Map<number, number>();
    const byName = new Map<string, number>();
    const count = (request: HostileRequest, answer: Answer) => {
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      byName.set(request.name, (byName.get(request.name) ?? 0) + 1);
    };
    const slowest: Array<{ ms: number; what: string }> = [];
    const noteTime = (request: HostileRequest, answer: Answer) => {
      if (process.env['RELIABILITY_TRACE'] && answer.ms > 300) console.log(`[trace] ${answer.ms.toFixed(0)} ms ${describeRequest(request).slice(0, 300)}`);
      slowest.push({ ms: answer.ms, what: `${request.name} (${request.body.length} bytes)` });
      slowest.sort((x, y) => y.ms - x.ms);
      slowest.length = Math.min(slowest.length, 5);
    };
    const otherBefore = await checksum(db.sql, b.tenant.id);

    // Reads: 8 in flight; nothing may change.
    const beforeReads = await checksum(db.sql);
    await inPool(reads, Number(process.env['RELIABILITY_CONCURRENCY'] ?? 8), async (request) => {
      const answer = await send(request);
      count(request, answer);
      noteTime(request, answer);
      inspect(request, answer, findings);
    });
    const afterReads = await checksum(db.sql);
    const changedByReads = differs(beforeReads, afterReads);

    // Writes: one at a time, a checksum around each.
    let accepted = 0;
    let refused = 0;
    let batchesAnswered400WithAWrite = 0;
    const acceptedByName = new Map<string, number>();
    const refusedButChanged: Finding[] = [];
    const crossTenantWrites: Finding[] = [];
    let baseline = afterReads;
    let walSeen = await walPosition(db.sql);
    let checksumsTaken = 0;
    // An unlogged table changes without WAL: then every write gets its full checksum.
    const unlogged = await db.sql.query(`select 1 from pg_class where relkind = 'r' and relpersistence = 'u' and relnamespace = 'public'::regnamespace`);
    const walShowsEveryChange = unlogged.rowCount === 0;
    for (const request of writes) {
      if (process.env['RELIABILITY_TRACE']) console.log(`[trace] sending ${describeRequest(request).slice(0, 600)}`);
      const answer = await send(request);
      count(request, answer);
      noteTime(request, answer);
      inspect(request, answer, findings);
      const acceptedHere = acceptedOperations(request, answer);
      // No WAL written since the last look means no row changed: the full checksum is only
      // taken when something was written (by the request, or by anything else).
      const lsn = await walPosition(db.sql);
      const unchanged = walShowsEveryChange && lsn === walSeen;
      const after = unchanged ? baseline : await checksum(db.sql);
      if (!unchanged) checksumsTaken += 1;
      walSeen = lsn;
      const changed = differs(baseline, after);
      if (acceptedHere.length > 0) {
        accepted += 1;
        if (answer.status !== 200 && request.body.startsWith('[')) batchesAnswered400WithAWrite += 1;
        for (const name of acceptedHere) acceptedByName.set(name, (acceptedByName.get(name) ?? 0) + 1);
        if (pools.other && Object.values(pools.other).flat().some((id) => request.body.includes(id)) && changed.length > 0) {
          crossTenantWrites.push({ what: `accepted with another tenant's id, changed ${changed.join(', ')}`, request: describeRequest(request), answer: answer.text.slice(0, 500) });
        }
      } else {
        refused += 1;
        if (changed.length > 0) {
          refusedButChanged.push({ what: `refused but changed ${changed.join(', ')}`, request: describeRequest(request), answer: `${answer.status} ${answer.text.slice(0, 500)}` });
        }
      }
      baseline = after;
    }
    const otherAfter = await checksum(db.sql, b.tenant.id);
    const otherChanged = differs(otherBefore, otherAfter);
    const seconds = (performance.now() - started) / 1000;

    const summary = {
      seed: SEED,
      requests: requests.length,
      reads: reads.length,
      writes: writes.length,
      seconds: Number(seconds.toFixed(1)),
      statuses: Object.fromEntries([...statuses].sort((x, y) => x[0] - y[0])),
      writesAccepted: accepted,
      batchesAnsweredNon200ThoughAnOperationChangedData: batchesAnswered400WithAWrite,
      writesRefused: refused,
      writesThatWroteWal: checksumsTaken,
      acceptedByOperation: Object.fromEntries(acceptedByName),
      kinds: Object.fromEntries([...byName].sort((x, y) => y[1] - x[1])),
      slowest: slowest.map((entry) => `${entry.what}: ${entry.ms.toFixed(0)} ms`),
      findings: Object.fromEntries([...findings].map(([kind, list]) => [kind, list.length])),
      refusedButChanged: refusedButChanged.length,
      otherTenantTablesChanged: otherChanged,
      serverLoggedProblems: api.problems.length,
    };
    console.log(`[reliability] hostile inputs: ${JSON.stringify(summary)}`);
    const examples = (list: readonly Finding[]) => list.slice(0, 3).map((finding) => `${finding.what}\n  request: ${finding.request}\n  answer: ${finding.answer}`);
    for (const [kind, list] of findings) console.log(`[reliability] ${kind}: ${list.length}\n${examples(list).join('\n')}`);
    if (refusedButChanged.length) console.log(`[reliability] refused but changed rows:\n${examples(refusedButChanged).join('\n')}`);
    if (api.problems.length) console.log(`[reliability] the server logged:\n${api.problems.slice(0, 5).map((line) => JSON.stringify(line).slice(0, 800)).join('\n')}`);

    expect([...findings].map(([kind, list]) => `${kind}: ${list.length}\n${examples(list).join('\n')}`), 'faults (seed ' + SEED + ')').toEqual([]);
    expect(changedByReads, 'reads changed nothing').toEqual([]);
    expect(examples(refusedButChanged), 'refused calls changed no row').toEqual([]);
    expect(examples(crossTenantWrites), "nothing accepted with another tenant's ids changed rows").toEqual([]);
    expect(otherChanged, "the other tenant's rows never changed").toEqual([]);
  });
});
