import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookAppointment, type Role } from '@clinic/domain';
import { createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import {
  CONTESTED_DAY,
  FIXED_NOW,
  createClinicFixture,
  gql,
  globalId,
  reachability,
  startApi,
  tokensOf,
  type ApiUnderTest,
  type HttpAnswer,
} from './support/world.js';

/**
 * Many people at many desks aim at the same provider and the same morning at once, over HTTP.
 * The database's exclusion constraints are the last guard; the API must turn every lost race
 * into a userError, never a 5xx, and the calendar must hold no overlap afterwards.
 */

const BOOK = `mutation Book($input: BookAppointmentInput!) {
  bookAppointment(input: $input) { appointment { id startsAt } userErrors { code message field } }
}`;
const SCHEDULE = `mutation Schedule($input: SchedulePackageInput!) {
  schedulePackage(input: $input) { appointments { id startsAt } schedulingErrors { sessionNumber code } userErrors { code message field } }
}`;
const COMPLETE = `mutation Complete($input: SetAppointmentStatusInput!) {
  setAppointmentStatus(input: $input) { appointment { id status } packagePurchase { sessionsUsed } userErrors { code message } }
}`;

/** A lost race, in the API's words. */
const RACE_CODES = new Set(['SLOT_TAKEN', 'CONFLICT']);

let db: TestDatabase;
let fx: ClinicFixture;
let api: ApiUnderTest;
let tokens: Record<Role, string>;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 24, sqlPoolSize: 4 });
  fx = await createClinicFixture(db.orm);
  api = await startApi({ orm: db.orm, isReachable: reachability(db.orm) });
  tokens = await tokensOf(api, fx);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Outcome {
  kind: 'book' | 'schedule';
  answer: HttpAnswer;
}

function payloadOf(outcome: Outcome) {
  const data = outcome.answer.json?.data as Record<string, { appointments?: unknown[]; appointment?: unknown; userErrors: Array<{ code: string }> }> | undefined;
  return data?.[outcome.kind === 'book' ? 'bookAppointment' : 'schedulePackage'];
}

describe('200 concurrent bookings and schedulings of the same provider and times', () => {
  it('answers every request with a result or a SLOT_TAKEN-style userError, and leaves no overlap', async () => {
    const started = performance.now();
    const twoSessions = await fx.addPackage({ lines: [{ service: fx.therapy, sessions: 2 }], validityDays: 30, nameEn: 'Two sessions' });
    // 100 bookings, half of them as the next session of the patient's own purchase.
    const bookers = await Promise.all(Array.from({ length: 100 }, (_, index) => fx.addPatient({ mrn: `B-${index}` })));
    const bookerPurchases = new Map<string, string>();
    for (const patient of bookers.slice(0, 50)) {
      bookerPurchases.set(patient.id, (await fx.buyPackage({ now: FIXED_NOW, patient, pkg: twoSessions })).id);
    }
    // 100 schedulings of fresh two-session purchases, all from the contested morning on.
    const schedulers = await Promise.all(Array.from({ length: 100 }, (_, index) => fx.addPatient({ mrn: `S-${index}` })));
    const schedulerPurchases: string[] = [];
    for (const patient of schedulers) schedulerPurchases.push((await fx.buyPackage({ now: FIXED_NOW, patient, pkg: twoSessions })).id);
    const setUpSeconds = (performance.now() - started) / 1000;

    // Six starts on the 15-minute grid of one morning: some equal, some overlapping by 15 or 30 minutes.
    const times = ['08:00', '08:15', '08:30', '08:45', '09:00', '09:30'].map((time) => fx.at(CONTESTED_DAY, time).toISOString());
    const requests: Array<() => Promise<Outcome>> = [
      ...bookers.map((patient, index) => async (): Promise<Outcome> => {
        const purchaseId = bookerPurchases.get(patient.id);
        const input = {
          patientId: globalId('Patient', patient.id),
          providerId: globalId('Provider', fx.provider.id),
          serviceId: globalId('Service', fx.therapy.id),
          startsAt: times[index % times.length],
          ...(purchaseId ? { packagePurchaseId: globalId('PackagePurchase', purchaseId) } : {}),
        };
        return { kind: 'book', answer: await gql(api.url, BOOK, { input }, index % 2 ? tokens.RECEPTIONIST : tokens.ADMIN) };
      }),
      ...schedulerPurchases.map((purchaseId, index) => async (): Promise<Outcome> => {
        const input = {
          packagePurchaseId: globalId('PackagePurchase', purchaseId),
          providerId: globalId('Provider', fx.provider.id),
          startDate: CONTESTED_DAY,
          endDate: '2026-03-12',
        };
        return { kind: 'schedule', answer: await gql(api.url, SCHEDULE, { input }, index % 2 ? tokens.RECEPTIONIST : tokens.ADMIN) };
      }),
    ];
    // Interleave bookings and schedulings so both kinds are in flight together.
    const interleaved = requests.map((request, index) => ({ request, key: (index * 7919) % requests.length })).sort((a, b) => a.key - b.key);
    const fired = performance.now();
    const outcomes = await Promise.all(interleaved.map(({ request }) => request()));
    const burstSeconds = (performance.now() - fired) / 1000;

    const statuses = new Map<number, number>();
    for (const outcome of outcomes) statuses.set(outcome.answer.status, (statuses.get(outcome.answer.status) ?? 0) + 1);
    const graphqlErrors = outcomes.filter((outcome) => outcome.answer.json?.errors?.length);
    const refusals = new Map<string, number>();
    let booked = 0;
    let scheduledAppointments = 0;
    let schedulingMisses = 0;
    const unexpected: string[] = [];
    for (const outcome of outcomes) {
      const payload = payloadOf(outcome);
      if (!payload) {
        unexpected.push(`${outcome.kind}: ${outcome.answer.status} ${outcome.answer.text.slice(0, 300)}`);
        continue;
      }
      const [refusal] = payload.userErrors;
      if (refusal) {
        refusals.set(`${outcome.kind} ${refusal.code}`, (refusals.get(`${outcome.kind} ${refusal.code}`) ?? 0) + 1);
        if (!RACE_CODES.has(refusal.code)) unexpected.push(`${outcome.kind}: userError ${JSON.stringify(refusal)}`);
      } else if (outcome.kind === 'book') {
        if (!payload.appointment) unexpected.push(`book: no appointment and no userError: ${outcome.answer.text.slice(0, 300)}`);
        booked += 1;
      } else {
        scheduledAppointments += payload.appointments?.length ?? 0;
        schedulingMisses += (payload as { schedulingErrors?: unknown[] }).schedulingErrors?.length ?? 0;
      }
    }

    const overlaps = await db.sql.query<{ kind: string; count: string }>(`
      select 'provider' as kind, count(*) from appointment a join appointment b
        on a.provider_id = b.provider_id and a.id < b.id
       where a.status <> 'CANCELLED' and b.status <> 'CANCELLED'
         and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
      union all
      select 'patient', count(*) from appointment a join appointment b
        on a.patient_id = b.patient_id and a.id < b.id
       where a.status <> 'CANCELLED' and b.status <> 'CANCELLED'
         and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`);
    const rows = await db.sql.query<{ count: string }>('select count(*) from appointment where tenant_id = $1', [fx.tenant.id]);
    const contested = await db.sql.query<{ count: string }>(
      `select count(*) from appointment where provider_id = $1 and status <> 'CANCELLED' and starts_at >= $2 and starts_at < $3`,
      [fx.provider.id, fx.at(CONTESTED_DAY, '08:00'), fx.at(CONTESTED_DAY, '10:15')],
    );

    console.log(
      `[reliability] 200 concurrent requests: set-up ${setUpSeconds.toFixed(1)} s, burst ${burstSeconds.toFixed(1)} s; ` +
        `HTTP ${JSON.stringify(Object.fromEntries(statuses))}; ${booked} booked, ${scheduledAppointments} appointments scheduled ` +
        `(${schedulingMisses} sessions reported unplaced), refusals ${JSON.stringify(Object.fromEntries(refusals))}; ` +
        `${contested.rows[0]?.count} live appointments 08:00-10:15 on the contested day; overlaps ${JSON.stringify(overlaps.rows)}`,
    );

    expect([...statuses.keys()].filter((status) => status >= 500), 'no 5xx').toEqual([]);
    expect(graphqlErrors.map((outcome) => outcome.answer.text.slice(0, 300)), 'no GraphQL errors').toEqual([]);
    expect(unexpected, 'every answer is a result or a lost-race userError').toEqual([]);
    expect(overlaps.rows.map((row) => Number(row.count)), 'no overlapping live appointments').toEqual([0, 0]);
    expect(Number(rows.rows[0]?.count), 'every appointment in the database was answered as created').toBe(booked + scheduledAppointments);
  });
});

describe('100 concurrent completions of one appointment', () => {
  it('uses its session exactly once', async () => {
    const patient = await fx.addPatient({ mrn: 'C-1' });
    const purchase = await fx.buyPackage({ now: FIXED_NOW, patient });
    const booked = await bookAppointment(fx.context('RECEPTIONIST', FIXED_NOW), {
      patientId: patient.id,
      providerId: fx.provider.id,
      serviceId: fx.therapy.id,
      startsAt: fx.at('2026-03-15', '13:00'), // after the contested days, which the burst above filled
      packagePurchaseId: purchase.id,
    });
    if (!booked.ok) throw new Error(`booking refused: ${booked.error.code}`);
    const appointmentId = globalId('Appointment', booked.value.id);
    const usedBefore = await db.sql.query<{ sessions_used: number }>('select sessions_used from package_purchase where id = $1', [purchase.id]);

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        gql(api.url, COMPLETE, { input: { appointmentId, status: 'COMPLETED' } }, index % 2 ? tokens.CLINICIAN : tokens.ADMIN),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    const payloads = answers.map(
      (answer) => (answer.json?.data as { setAppointmentStatus?: { appointment: unknown; userErrors: Array<{ code: string }> } } | undefined)?.setAppointmentStatus,
    );
    const successes = payloads.filter((payload) => payload && payload.userErrors.length === 0).length;
    const codes = new Map<string, number>();
    for (const payload of payloads) {
      const code = payload?.userErrors[0]?.code;
      if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    const after = await db.sql.query<{ sessions_used: number; consumed: boolean; status: string; consumptions: string }>(
      `select p.sessions_used, a.session_consumed as consumed, a.status,
              (select count(*) from audit_event e where e.entity_id = p.id and e.operation = 'consumeSession') as consumptions
         from package_purchase p join appointment a on a.package_purchase_id = p.id where p.id = $1`,
      [purchase.id],
    );
    console.log(
      `[reliability] 100 concurrent completions: ${successes} succeeded, refusals ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `sessionsUsed ${usedBefore.rows[0]?.sessions_used} -> ${after.rows[0]?.sessions_used}; consumeSession audit rows ${after.rows[0]?.consumptions}`,
    );

    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.json?.errors?.length).map((answer) => answer.text.slice(0, 300))).toEqual([]);
    expect(successes).toBe(1);
    expect([...codes.keys()]).toEqual(['INVALID_TRANSITION']);
    expect(after.rows[0]?.sessions_used).toBe((usedBefore.rows[0]?.sessions_used ?? 0) + 1);
    expect(after.rows[0]).toMatchObject({ consumed: true, status: 'COMPLETED', consumptions: '1' });
  });
});
