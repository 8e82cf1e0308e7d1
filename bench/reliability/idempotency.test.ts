import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, purgeExpiredIdempotencyKeys, type Role } from '@clinic/domain';
import { createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { FIXED_NOW, createClinicFixture, globalId, post, reachability, startApi, type ApiUnderTest, type HttpAnswer } from './support/world.js';

/**
 * Retries of creating mutations under an Idempotency-Key, over HTTP on real PostgreSQL: one
 * after another and all at once, the same key creates once (rows are counted), answers the
 * first answer again, refuses the key with another input, and forgets it after a day.
 */

const CREATE_PATIENT = `mutation Create($input: CreatePatientInput!) { createPatient(input: $input) { patient { id mrn } userErrors { code message } } }`;
const PURCHASE = `mutation Purchase($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id number } userErrors { code } } }`;
const PAY = `mutation Pay($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status } packagePurchase { id } userErrors { code } } }`;
const RECORD_PAYMENT = `mutation RecordPayment($input: RecordPaymentInput!) {
  recordPayment(input: $input) { payment { id amount } invoice { id status amountPaid balance } packagePurchase { id } userErrors { code } }
}`;
const BOOK = `mutation Book($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id number } userErrors { code message } } }`;
const SCHEDULE = `mutation Schedule($input: SchedulePackageInput!) {
  schedulePackage(input: $input) { appointments { id } schedulingErrors { code } progress { sessionsUnscheduled } userErrors { code message } }
}`;

let db: TestDatabase;
let fx: ClinicFixture;
let api: ApiUnderTest;
let tokens: Record<Role, string>;
let now = FIXED_NOW;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 24, sqlPoolSize: 4 });
  fx = await createClinicFixture(db.orm, { slug: 'idempotency' });
  api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) }, () => now);
  tokens = await apiTokensOf(fx);
});

/** An integration token for each user of the fixture (acting as that user, with its role). */
async function apiTokensOf(fixture: ClinicFixture): Promise<Record<Role, string>> {
  const entries = await Promise.all(
    (Object.keys(fixture.users) as Role[]).map(async (role) => {
      // Made as an ADMIN would make it, for this user.
      const created = await createApiToken({ em: fixture.orm.em.fork(), actor: { ...fixture.actor(role), role: 'ADMIN' }, now: FIXED_NOW }, { name: `reliability ${role}` });
      if (!created.ok) throw new Error(created.error.message);
      return [role, created.value.secret] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Role, string>;
}

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Sent extends HttpAnswer {
  replayed: string | null;
}

async function send(query: string, variables: Record<string, unknown>, key: string | undefined, role: Role = 'RECEPTIONIST'): Promise<Sent> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[role]}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as HttpAnswer['json'], replayed: response.headers.get('idempotent-replayed') };
}

const data = (answer: HttpAnswer, field: string) => (answer.json?.data as Record<string, Record<string, unknown>> | undefined)?.[field];
const count = async (table: string) => (await db.rowCounts())[table] ?? Number.NaN;
const figures: string[] = [];

describe('Idempotency-Key on the creating mutations', () => {
  it('createPatient: a sequential retry answers the same patient and creates nothing more', async () => {
    const key = randomUUID();
    const input = { mrn: 'IDEM-1', nameEn: 'Retry Sequential' };
    const before = await count('patient');
    const first = await send(CREATE_PATIENT, { input }, key);
    const retries = await Promise.all([1, 2, 3].map(() => send(CREATE_PATIENT, { input }, key)));
    const after = await count('patient');
    figures.push(`createPatient sequential: 1 + ${retries.length} calls, patients ${before} -> ${after}`);

    const created = data(first, 'createPatient')?.['patient'] as { id: string } | undefined;
    expect(created?.id, first.text).toBeDefined();
    expect(first.replayed).toBeNull();
    for (const retry of retries) {
      expect(retry.status, retry.text).toBe(200);
      expect((data(retry, 'createPatient')?.['patient'] as { id: string }).id).toBe(created?.id);
      expect(retry.replayed).toBe('true');
    }
    expect(after - before).toBe(1);
  });

  it('createPatient: the same key with another input is refused (422 IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const key = randomUUID();
    await send(CREATE_PATIENT, { input: { mrn: 'IDEM-2', nameEn: 'First Input' } }, key);
    const before = await db.rowCounts();
    const reused = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-3', nameEn: 'Other Input' } }, key);
    expect(reused.status, reused.text).toBe(422);
    expect(reused.json?.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await db.rowCounts()).toEqual(before);
    // Another user's same key is another key.
    const otherUser = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-3', nameEn: 'Other Input' } }, key, 'ADMIN');
    expect((data(otherUser, 'createPatient')?.['patient'] as { mrn: string } | undefined)?.mrn, otherUser.text).toBe('IDEM-3');
  });

  it('createPatient: 12 concurrent calls with one key create one patient, and all answer it', async () => {
    const key = randomUUID();
    const input = { mrn: 'IDEM-4', nameEn: 'Retry Concurrent' };
    const before = await count('patient');
    const answers = await Promise.all(Array.from({ length: 12 }, () => send(CREATE_PATIENT, { input }, key)));
    const after = await count('patient');
    const ids = new Set(answers.map((answer) => (data(answer, 'createPatient')?.['patient'] as { id: string } | undefined)?.id));
    figures.push(`createPatient concurrent: 12 calls, statuses ${JSON.stringify(tally(answers.map((a) => a.status)))}, patients ${before} -> ${after}, distinct ids ${ids.size}`);
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeDefined();
    expect(after - before).toBe(1);
    expect(answers.filter((answer) => answer.replayed === 'true')).toHaveLength(11);
  });

  it('purchasePackage, payInvoice, bookAppointment: retries create no second invoice, purchase or appointment', async () => {
    const patient = await fx.addPatient({ mrn: 'IDEM-5' });
    const purchaseInput = { patientId: globalId('Patient', patient.id), packageId: globalId('Package', fx.pkg.id) };
    const before = await db.rowCounts();
    const purchaseKey = randomUUID();
    const purchases = [await send(PURCHASE, { input: purchaseInput }, purchaseKey), ...(await Promise.all([1, 2, 3, 4].map(() => send(PURCHASE, { input: purchaseInput }, purchaseKey))))];
    const invoiceIds = new Set(purchases.map((answer) => (data(answer, 'purchasePackage')?.['invoice'] as { id: string } | undefined)?.id));
    expect(invoiceIds.size, purchases[0]?.text).toBe(1);
    const invoiceId = [...invoiceIds][0] as string;

    const payKey = randomUUID();
    const pays = await Promise.all([1, 2, 3, 4, 5].map(() => send(PAY, { input: { invoiceId } }, payKey, 'FINANCE')));
    const purchaseIds = new Set(pays.map((answer) => (data(answer, 'payInvoice')?.['packagePurchase'] as { id: string } | undefined)?.id));
    expect(purchaseIds.size, pays[0]?.text).toBe(1);
    const purchaseId = [...purchaseIds][0] as string;

    const bookInput = {
      patientId: globalId('Patient', patient.id),
      providerId: globalId('Provider', fx.provider.id),
      serviceId: globalId('Service', fx.therapy.id),
      startsAt: fx.at('2026-03-03', '09:00').toISOString(),
      packagePurchaseId: purchaseId,
    };
    const bookKey = randomUUID();
    const books = [await send(BOOK, { input: bookInput }, bookKey), ...(await Promise.all([1, 2, 3].map(() => send(BOOK, { input: bookInput }, bookKey))))];
    const appointmentIds = new Set(books.map((answer) => (data(answer, 'bookAppointment')?.['appointment'] as { id: string } | undefined)?.id));
    const after = await db.rowCounts();
    figures.push(
      `purchase x${purchases.length}, pay x${pays.length}, book x${books.length}: invoices +${delta(before, after, 'invoice')}, purchases +${delta(before, after, 'package_purchase')}, appointments +${delta(before, after, 'appointment')}, keys +${delta(before, after, 'idempotency_key')}`,
    );
    expect(appointmentIds.size, books[0]?.text).toBe(1);
    expect([...appointmentIds][0]).toBeDefined();
    expect(delta(before, after, 'invoice')).toBe(1);
    expect(delta(before, after, 'package_purchase')).toBe(1);
    expect(delta(before, after, 'appointment')).toBe(1);
    expect(delta(before, after, 'idempotency_key')).toBe(3);
  });

  it('recordPayment: a retried payment is taken once (one row, the same answer); the key with another amount is refused and changes nothing', async () => {
    const patient = await fx.addPatient({ mrn: 'IDEM-7' });
    const issued = await send(PURCHASE, { input: { patientId: globalId('Patient', patient.id), packageId: globalId('Package', fx.pkg.id) } }, undefined);
    const invoiceId = (data(issued, 'purchasePackage')?.['invoice'] as { id: string } | undefined)?.id;
    expect(invoiceId, issued.text).toBeDefined();
    const input = { invoiceId, amount: '500.00', method: 'CARD', reference: 'POS-1' };
    const key = randomUUID();
    const before = await db.rowCounts();
    const first = await send(RECORD_PAYMENT, { input }, key);
    const retries = await Promise.all([1, 2, 3, 4].map(() => send(RECORD_PAYMENT, { input }, key)));
    const after = await db.rowCounts();
    const answer = (sent: Sent) => data(sent, 'recordPayment');
    expect(answer(first), first.text).toMatchObject({ payment: { amount: '500.00' }, invoice: { status: 'ISSUED', amountPaid: '500.00' }, packagePurchase: null, userErrors: [] });
    // The same answer each time, marked as given again; one payment row, one key.
    for (const retry of retries) {
      expect(retry.status, retry.text).toBe(200);
      expect(retry.replayed).toBe('true');
      expect(answer(retry)).toEqual(answer(first));
    }
    figures.push(`recordPayment x${1 + retries.length} under one key: payments +${delta(before, after, 'payment')}, keys +${delta(before, after, 'idempotency_key')}`);
    expect(delta(before, after, 'payment')).toBe(1);
    expect(delta(before, after, 'audit_event')).toBe(1);
    expect(delta(before, after, 'idempotency_key')).toBe(1);
    // The same key with another amount: the typed refusal, nothing taken.
    const reused = await send(RECORD_PAYMENT, { input: { ...input, amount: '600.00' } }, key);
    expect(reused.status, reused.text).toBe(422);
    expect(reused.json?.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await db.rowCounts()).toEqual(after);
    // A new key is a new payment: the balance is paid in a second part, which creates the purchase once.
    const rest = (answer(first)?.['invoice'] as { balance: string }).balance;
    const settleKey = randomUUID();
    const settles = await Promise.all([1, 2, 3].map(() => send(RECORD_PAYMENT, { input: { ...input, amount: rest, reference: 'POS-2' } }, settleKey)));
    const purchaseIds = new Set(settles.map((sent) => (answer(sent)?.['packagePurchase'] as { id: string } | null | undefined)?.id));
    expect(purchaseIds.size, settles[0]?.text).toBe(1);
    expect([...purchaseIds][0]).toBeDefined();
    const settled = await db.rowCounts();
    expect(delta(after, settled, 'payment')).toBe(1);
    expect(delta(after, settled, 'package_purchase')).toBe(1);
    expect(delta(after, settled, 'ledger_entry')).toBe(1);
  });

  it('schedulePackage: 10 concurrent calls with one key place the sessions once and answer the same appointments', async () => {
    const patient = await fx.addPatient({ mrn: 'IDEM-6' });
    const purchase = await fx.buyPackage({ now: FIXED_NOW, patient });
    const input = { packagePurchaseId: globalId('PackagePurchase', purchase.id), providerId: globalId('Provider', fx.secondProvider.id), startDate: '2026-03-02' };
    const key = randomUUID();
    const before = await count('appointment');
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(SCHEDULE, { input }, key)));
    const after = await count('appointment');
    const sets = new Set(answers.map((answer) => JSON.stringify((data(answer, 'schedulePackage')?.['appointments'] as Array<{ id: string }> | undefined)?.map((a) => a.id))));
    const placed = (data(answers[0] as Sent, 'schedulePackage')?.['appointments'] as unknown[] | undefined)?.length ?? 0;
    figures.push(`schedulePackage concurrent: 10 calls, statuses ${JSON.stringify(tally(answers.map((a) => a.status)))}, appointments ${before} -> ${after} (${placed} placed), distinct answers ${sets.size}`);
    expect(placed, answers[0]?.text).toBe(purchase.totalSessions);
    expect(after - before).toBe(purchase.totalSessions);
    expect(sets.size).toBe(1);
  });

  it('a batch with a key must hold one operation; a bad key and two creations under one key are refused (400)', async () => {
    const before = await db.rowCounts();
    const batch = await post(
      api.url,
      JSON.stringify([
        { query: CREATE_PATIENT, variables: { input: { mrn: 'IDEM-7', nameEn: 'Batch One' } } },
        { query: CREATE_PATIENT, variables: { input: { mrn: 'IDEM-8', nameEn: 'Batch Two' } } },
      ]),
      { authorization: `Bearer ${tokens.RECEPTIONIST}`, 'idempotency-key': randomUUID() },
    );
    const badKey = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-9', nameEn: 'Bad Key' } }, 'a b');
    const tooLong = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-9', nameEn: 'Bad Key' } }, 'k'.repeat(201));
    const twoCreations = await send(
      `mutation { a: createPatient(input: { mrn: "IDEM-10", nameEn: "Two A" }) { patient { id } } b: createPatient(input: { mrn: "IDEM-11", nameEn: "Two B" }) { patient { id } } }`,
      {},
      randomUUID(),
    );
    for (const answer of [batch, badKey, tooLong, twoCreations]) {
      expect(answer.status, answer.text).toBe(400);
      expect((Array.isArray(answer.json) ? undefined : answer.json)?.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    const singleBatch = await post(api.url, JSON.stringify([{ query: CREATE_PATIENT, variables: { input: { mrn: 'IDEM-12', nameEn: 'Batch Single' } } }]), {
      authorization: `Bearer ${tokens.RECEPTIONIST}`,
      'idempotency-key': randomUUID(),
    });
    expect(singleBatch.status, singleBatch.text).toBe(200);
    const after = await db.rowCounts();
    expect(delta(before, after, 'patient')).toBe(1);
  });

  it('a key is forgotten after 24 hours: the same key then runs again, and expired rows are purged', async () => {
    const key = randomUUID();
    const first = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-13', nameEn: 'Day One' } }, key);
    expect(first.status, first.text).toBe(200);
    now = new Date(FIXED_NOW.getTime() + 25 * 60 * 60 * 1000);
    try {
      const nextDay = await send(CREATE_PATIENT, { input: { mrn: 'IDEM-14', nameEn: 'Day Two' } }, key);
      expect((data(nextDay, 'createPatient')?.['patient'] as { mrn: string } | undefined)?.mrn, nextDay.text).toBe('IDEM-14');
      expect(nextDay.replayed).toBeNull();
      const purged = await purgeExpiredIdempotencyKeys(db.orm.em, now);
      figures.push(`after 25 h: the key ran again; ${purged} expired keys purged`);
      expect(purged).toBeGreaterThan(0);
      const { rows } = await db.sql.query<{ n: number }>('select count(*)::int as n from idempotency_key where expires_at <= $1', [now]);
      expect(rows[0]?.n).toBe(0);
    } finally {
      now = FIXED_NOW;
    }
    console.log(`[reliability] idempotency keys:\n  ${figures.join('\n  ')}`);
  });
});

function tally(values: readonly number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function delta(before: Record<string, number>, after: Record<string, number>, table: string): number {
  return (after[table] ?? Number.NaN) - (before[table] ?? Number.NaN);
}
