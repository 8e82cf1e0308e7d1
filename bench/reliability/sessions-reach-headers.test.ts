import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAppointment } from '@clinic/domain';
import { createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { FIXED_NOW, createClinicFixture, givePassword, gql, globalId, reachability, startApi, type ApiUnderTest } from './support/world.js';

/**
 * The hardening points that have no suite of their own here, each over real HTTP: sessions end
 * when they should (3), a clinician's reach is the same by every path (4), every answer carries
 * the security headers (7), and nothing in the repository points outside it (9).
 */

const PASSWORD = 'correct horse battery staple 2026';
let db: TestDatabase;
let fx: ClinicFixture;
let api: ApiUnderTest;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 8, sqlPoolSize: 2 });
  fx = await createClinicFixture(db.orm, { slug: 'reach' });
  for (const user of Object.values(fx.users)) await givePassword(db.orm, user.id, PASSWORD);
  api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function signIn(email: string): Promise<string> {
  const answer = await gql(api.url, 'mutation($input: LoginInput!) { login(input: $input) { token userErrors { code } } }', { input: { email, password: PASSWORD } });
  const token = (answer.json?.data?.['login'] as { token: string | null } | undefined)?.token;
  if (!token) throw new Error(`sign-in refused: ${answer.text}`);
  return token;
}

const statusOfViewer = async (token: string) => (await gql(api.url, '{ viewer { id } }', {}, token)).status;

describe('sessions end when they should (point 3)', () => {
  it('ends a session on sign-out and on deactivation, at once, with 401', async () => {
    const reception = await signIn(fx.users.RECEPTIONIST.email);
    const before = await statusOfViewer(reception);
    const logout = await gql(api.url, 'mutation { logout { ok userErrors { code } } }', {}, reception);
    const after = await statusOfViewer(reception);

    const clinician = await signIn(fx.users.CLINICIAN.email);
    const admin = await signIn(fx.users.ADMIN.email);
    const clinicianBefore = await statusOfViewer(clinician);
    const deactivated = await gql(
      api.url,
      'mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } userErrors { code } } }',
      { input: { userId: globalId('User', fx.users.CLINICIAN.id) } },
      admin,
    );
    const clinicianAfter = await statusOfViewer(clinician);
    console.log(
      `[reliability] sessions: viewer ${before} -> logout ${JSON.stringify(logout.json?.data)} -> ${after}; ` +
        `clinician ${clinicianBefore} -> deactivated ${JSON.stringify(deactivated.json?.data)} -> ${clinicianAfter}`,
    );
    expect([before, after]).toEqual([200, 401]);
    expect([clinicianBefore, clinicianAfter]).toEqual([200, 401]);
  });
});

describe("a clinician's reach is the same by every path (point 4)", () => {
  it('reaches only their own appointments through the root list, node, progress and patients', async () => {
    const purchase = await fx.buyPackage({ now: FIXED_NOW });
    const book = async (providerId: string, time: string) => {
      const booked = await bookAppointment(fx.context('RECEPTIONIST', FIXED_NOW), {
        patientId: fx.patient.id,
        providerId,
        serviceId: fx.therapy.id,
        startsAt: fx.at('2026-03-03', time),
        packagePurchaseId: purchase.id,
      });
      if (!booked.ok) throw new Error(booked.error.message);
      return booked.value.id;
    };
    const own = await book(fx.provider.id, '09:00');
    const others = await book(fx.secondProvider.id, '11:00');
    // A second clinician of the same clinic, signed in for real (the first was deactivated above).
    await db.sql.query('update app_user set deactivated_at = null where id = $1', [fx.users.CLINICIAN.id]);
    const clinician = await signIn(fx.users.CLINICIAN.email);

    const paths: Record<string, string> = {
      root: '{ appointments(first: 50) { edges { node { id } } } }',
      node: `{ node(id: "${globalId('PackagePurchase', purchase.id)}") { ... on PackagePurchase { progress { appointments { id } } } } }`,
      progress: `{ packageProgress(packagePurchaseId: "${globalId('PackagePurchase', purchase.id)}") { appointments { id } } }`,
      patients: '{ patients { packagePurchases { progress { appointments { id } } } } }',
      otherAppointment: `{ node(id: "${globalId('Appointment', others)}") { id } }`,
    };
    const reached: Record<string, string[]> = {};
    for (const [path, query] of Object.entries(paths)) {
      const answer = await gql(api.url, query, {}, clinician);
      reached[path] = [...answer.text.matchAll(/"id":"([\w-]+)"/g)]
        .map((match) => Buffer.from(match[1]!, 'base64url').toString())
        .filter((decoded) => decoded.startsWith('Appointment:'))
        .map((decoded) => decoded.slice('Appointment:'.length));
    }
    console.log(`[reliability] a clinician's reach, appointment ids by path: ${JSON.stringify(Object.fromEntries(Object.entries(reached).map(([path, ids]) => [path, ids.length])))}`);
    for (const path of ['root', 'node', 'progress', 'patients']) expect({ path, ids: reached[path] }).toEqual({ path, ids: [own] });
    expect(reached['otherAppointment']).toEqual([]);
  });
});

describe('security headers on every answer (point 7)', () => {
  it('sends a CSP without inline script, no framing, nosniff and a referrer policy on the app and the API', async () => {
    const answers = await Promise.all([
      fetch(`${api.url}/`, { headers: { accept: 'text/html' } }),
      fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ health }"}' }),
      fetch(`${api.url}/healthz`),
    ]);
    const seen = answers.map((answer) => ({
      csp: answer.headers.get('content-security-policy') ?? '',
      nosniff: answer.headers.get('x-content-type-options'),
      referrer: answer.headers.get('referrer-policy'),
    }));
    console.log(`[reliability] security headers: ${JSON.stringify(seen[0])}`);
    for (const { csp, nosniff, referrer } of seen) {
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(nosniff).toBe('nosniff');
      expect(referrer).toBeTruthy();
    }
  });
});

describe('the repository stands alone (point 9)', () => {
  it('no tracked file reads or links the specification folder beside the repository', () => {
    const root = resolve(import.meta.dirname, '../..');
    const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => /\.(ts|tsx|js|mjs|md|json|graphql|yaml|yml|html|css)$/.test(file) && !file.endsWith('pnpm-lock.yaml'));
    // The folder name is spelled in two parts so that this file does not find itself.
    const outside = new RegExp(`\\.\\./${'shared'}/(?:[A-Z-]+\\.md|api-contract)|${'DOMAIN'}\\.md|api-contract(?:-v2)?\\.graphql`);
    const pointing = files.filter((file) => outside.test(readFileSync(join(root, file), 'utf8')));
    console.log(`[reliability] stands alone: ${files.length} tracked files read, ${pointing.length} point outside the repository`);
    expect(pointing).toEqual([]);
  });
});
